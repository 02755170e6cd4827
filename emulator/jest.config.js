// Runs only this package's own suites (test/*.test.ts, not the database's test/db/):
// `npx jest -c emulator/jest.config.js [file]`. The root jest.config.js `emulator` project runs
// them all (with test/db/) as part of `npm test`; this one exists for the quick loop.
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
