/**
 * Generated test over every cell of the permission table rows of the
 * `dashboard` function (see accounts.matrix.ts for how cases and expectations
 * are built): each role and the anonymous caller, each station / record
 * variant; a denial answers the one fixed message, audits once and writes
 * nothing else. Proof that the rows are tested:
 * `npx tsx scripts/flip-permissions.ts --only dashboard.`.
 */
import { PERMISSIONS } from '../../shared/src/auth/permissions';
import { ROLES } from '../../shared/src/auth/roles';
import { caseName, functionOf, matrixCases, matrixKeys, runCase } from './accounts.matrix';
import { resetAndSeed, scanForPii, startAccountsCloud, type AccountsCloud } from './accounts.fixtures';

const keys = matrixKeys().filter((k) => k.startsWith('dashboard.'));
const cases = matrixCases(keys);
let cloud: AccountsCloud;

beforeAll(async () => {
  cloud = await startAccountsCloud();
  await resetAndSeed(cloud);
}, 120_000);
afterAll(async () => {
  await cloud?.stop();
});

describe('the generated matrix covers the dashboard rows', () => {
  it('has every dashboard row, served by the dashboard function, with a case for every role and the anonymous caller', () => {
    expect(keys).toEqual(
      Object.keys(PERMISSIONS)
        .filter((k) => k.startsWith('dashboard.'))
        .sort(),
    );
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(functionOf(key)).toBe('dashboard');
      for (const actor of [...ROLES, 'anonymous']) {
        expect(cases.some((c) => c.key === key && c.actor === actor)).toBe(true);
      }
    }
  });
});

describe('permission matrix (dashboard function)', () => {
  it.each(cases.map((c) => [caseName(c), c] as const))('%s', async (_name, c) => {
    expect(await runCase(cloud, c)).toEqual([]);
  });
});

describe('PII', () => {
  it('no response and no log line of this run holds an unmasked phone or ID number', () => {
    expect(scanForPii(cloud)).toEqual([]);
  });
});
