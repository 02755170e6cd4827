import type { UserConfigExport } from '@tarojs/cli';

/** Development build (`taro build --watch`): readable output. */
export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
