import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/** The pure shared package, compiled together with the client (it ships TypeScript source). */
const sharedSrc = path.resolve(__dirname, '..', '..', 'shared', 'src');

/**
 * NutUI React Taro is designed at 375 px; our own styles are written at 750 (Taro's default).
 * Taro calls this for every stylesheet, so NutUI's own CSS keeps its intended size.
 */
const designWidth = (input?: string | number | { file?: string }): number => {
  if (typeof input === 'object' && input?.file && input.file.replace(/\\+/g, '/').includes('@nutui')) {
    return 375;
  }
  return 750;
};

/** Taro build configuration (same shape as Taro's own generator template). */
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'binhai-sgz',
    date: '2026-11-27',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // <i> (NutUI icons) and other HTML tags need this to render on weapp.
    plugins: ['@tarojs/plugin-html'],
    alias: {
      '@sgz/shared': sharedSrc,
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // Persistent webpack cache (node_modules/.cache): repeat builds take seconds.
    // SGZ_BUILD_CACHE=off builds from scratch (to measure, or to rule the cache out).
    cache: { enable: process.env.SGZ_BUILD_CACHE !== 'off' },
    mini: {
      compile: { include: [sharedSrc] },
      // NutUI's per-component CSS is imported in different orders by different pages;
      // the rules do not overlap, so the order warning is noise.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
