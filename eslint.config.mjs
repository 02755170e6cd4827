// @ts-check
/**
 * One lint config for the whole repository (flat config). `npm run lint`
 * fails on any warning. The rule that matters most here: `shared/` stays pure
 * (no Taro, no wx-server-sdk, no client or function imports, no clock).
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'cloudfunctions/*/index.js',
      'coverage/**',
      '.data/**',
      'tests/artifacts/**',
      'emulator/test/fixtures/**',
      '**/*.cjs',
      'client/config/**',
      'client/babel.config.js',
      'client/jest.config.js',
      'client/__mocks__/**',
      'jest.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // shared/ is pure: the client and the cloud functions both import it.
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tarojs/*', '@nutui/*', 'react', 'react-dom'],
              message: 'shared/ must not import Taro, UI or React code.',
            },
            {
              group: ['wx-server-sdk', '@cloudbase/*', 'tcb-admin-node'],
              message: 'shared/ must not import the cloud SDK.',
            },
            {
              group: ['**/client/**', '**/cloudfunctions/**', '**/emulator/**', '@sgz/emulator'],
              message: 'shared/ must not import client, function or emulator code.',
            },
            {
              group: ['fs', 'path', 'http', 'https', 'child_process', 'node:*'],
              message: 'shared/ must stay platform-free.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'shared/ reads no clock: take `now` as a parameter.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'shared/ reads no clock: take `now` as a parameter.',
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
