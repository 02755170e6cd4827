// Temporary stand-alone config for the emulator tests (`npx jest -c emulator/jest.config.js`);
// the root jest.config.js has an `emulator` project for the same files.
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } },
    ],
  },
  testMatch: ['<rootDir>/test/*.test.ts'],
  testTimeout: 60000,
};
