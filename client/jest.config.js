/**
 * Component tests (jest project `component`): pages and components rendered with
 * the real Taro React components in jsdom; `@tarojs/taro` is a small stub
 * (test/taro-stub.ts) and each test mocks `src/services`. Run from the repo root:
 * `npx jest --selectProjects component`.
 */
const path = require('path');

const repo = path.resolve(__dirname, '..');

module.exports = {
  displayName: 'component',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.test.tsx', '<rootDir>/src/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // Platform files: the H5 variant stands in for `./backend` & co., as in the H5 build.
  moduleFileExtensions: ['h5.ts', 'h5.tsx', 'ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@sgz/shared$': path.join(repo, 'shared/src/index.ts'),
    '^@sgz/shared/(.*)$': path.join(repo, 'shared/src/$1'),
    '^@tarojs/taro$': '<rootDir>/test/taro-stub.ts',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '\\.(css|scss|sass|less)$': '<rootDir>/test/style-stub.js',
  },
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2020',
        },
        module: { type: 'commonjs' },
      },
    ],
    '^.+\\.mjs$': ['@swc/jest', { jsc: { target: 'es2020' }, module: { type: 'commonjs' } }],
  },
  // Taro's components ship ES modules: let the transform cover them.
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@stencil|swiper|ssr-window|dom7|tslib|\.pnpm)/)'],
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
  },
};
