/**
 * Per-tier test timeout: `testTimeout` is not a per-project option in jest 29,
 * so each slow tier loads this file and passes its budget as a jest global.
 */
declare const SGZ_TEST_TIMEOUT_MS: number | undefined;
jest.setTimeout(typeof SGZ_TEST_TIMEOUT_MS === 'number' ? SGZ_TEST_TIMEOUT_MS : 60000);
export {};
