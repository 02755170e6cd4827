/**
 * Temporary stand-alone jest config for the database tests, used while the
 * root jest.config.js cannot load (it references client/jest.config.js).
 * Run: npx jest -c emulator/test/db/jest.config.js
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS jest config
const path = require('path');

module.exports = {
  rootDir: path.join(__dirname, '../../..'),
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } },
    ],
  },
  testMatch: ['<rootDir>/emulator/test/db/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60000,
};
