/**
 * Generated test over every cell of the permission table rows served by the
 * `requests` function: serviceItems.*, slots.* and requests.* (see
 * accounts.matrix.ts for how cases and expectations are built). Proof that it
 * bites: `npx tsx scripts/flip-permissions.ts --only requests.` (and
 * `serviceItems.`, `slots.`) flips each cell and reruns the row.
 */
import { PERMISSIONS } from '../../shared/src/auth/permissions';
import { ROLES } from '../../shared/src/auth/roles';
import { caseName, functionOf, matrixCases, matrixKeys, runCase } from './accounts.matrix';
import { resetAndSeed, startAccountsCloud, type AccountsCloud } from './accounts.fixtures';

const PREFIXES = ['serviceItems.', 'slots.', 'requests.'];
const keys = matrixKeys().filter((k) => PREFIXES.some((p) => k.startsWith(p)));
const cases = matrixCases(keys);
let cloud: AccountsCloud;

beforeAll(async () => {
  cloud = await startAccountsCloud();
  await resetAndSeed(cloud);
}, 120_000);
afterAll(async () => {
  await cloud?.stop();
});

describe('the generated matrix covers the whole table', () => {
  it('every row of the table is a row of the matrix', () => {
    expect(matrixKeys()).toEqual(Object.keys(PERMISSIONS).sort());
  });
  it('has a case for every role and the anonymous caller on every requests-function row', () => {
    expect(keys.length).toBeGreaterThanOrEqual(11);
    for (const key of keys) {
      expect(functionOf(key)).toBe('requests');
      for (const actor of [...ROLES, 'anonymous']) {
        expect(cases.some((c) => c.key === key && c.actor === actor)).toBe(true);
      }
    }
  });
});

describe('permission matrix (requests function)', () => {
  it.each(cases.map((c) => [caseName(c), c] as const))('%s', async (_name, c) => {
    expect(await runCase(cloud, c)).toEqual([]);
  });
});
