import type { UserConfigExport } from '@tarojs/cli';

/** Production build: minified; what WeChat DevTools uploads and the emulator serves. */
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
