import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type { IMiniAppConfig as MiniConfig } from '@tarojs/taro/types/compile';
import devConfig from './dev';
import prodConfig from './prod';

/** The pure shared package, compiled together with the client (it ships TypeScript source). */
const sharedSrc = path.resolve(__dirname, '..', '..', 'shared', 'src');

/**
 * `@sgz/shared` is pure (no module has effects the client relies on; calendar.ts extends
 * dayjs for its own functions): webpack may leave out every shared module whose exports a
 * page does not use. Without this, importing one constant through the barrel brought every
 * schema (and zod), the seed data and the permission table into the main package.
 */
const sharedIsPure = (chain: Parameters<NonNullable<MiniConfig['webpackChain']>>[0]): void => {
  chain.module.rule('sgz-shared-pure').include.add(sharedSrc).end().set('sideEffects', false);
};

/** Taro build configuration (same shape as Taro's own generator template). */
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'binhai-sgz',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // weapp-aria: WeChat's aria-role / aria-label on the mini-program (Taro's templates drop them).
    plugins: [path.resolve(__dirname, 'weapp-aria/index.js')],
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
      webpackChain: sharedIsPure,
      // Component stylesheets are imported in different orders by different pages;
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
      webpackChain: sharedIsPure,
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
