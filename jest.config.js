/**
 * Jest projects, one per test tier. `npm test` (scripts/test-all.sh) runs them
 * all; each also has its own script (npm run test:unit, …).
 */
const path = require('path');

const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: false }, target: 'es2020' },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@sgz/shared$': '<rootDir>/shared/src/index.ts',
  '^@sgz/shared/(.*)$': '<rootDir>/shared/src/$1',
  '^@sgz/emulator$': '<rootDir>/emulator/src/index.ts',
};
const timeout = (ms) => ({
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/timeout.ts'],
  globals: { SGZ_TEST_TIMEOUT_MS: ms },
});
const node = (displayName, testMatch, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testMatch,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  ...extra,
});

module.exports = {
  projects: [
    node('unit', [
      '<rootDir>/shared/src/**/*.test.ts',
      '<rootDir>/cloudfunctions/**/*.test.ts',
      '<rootDir>/emulator/src/**/*.test.ts',
      '<rootDir>/scripts/**/*.test.ts',
    ]),
    node('emulator', ['<rootDir>/emulator/test/**/*.test.ts'], timeout(60000)),
    node('integration', ['<rootDir>/tests/integration/**/*.test.ts'], timeout(120000)),
    path.join(__dirname, 'client/jest.config.js'),
    node('simulate', ['<rootDir>/tests/simulate/**/*.test.ts'], timeout(120000)),
    node('e2e', ['<rootDir>/tests/e2e/**/*.test.ts'], timeout(180000)),
  ],
};
