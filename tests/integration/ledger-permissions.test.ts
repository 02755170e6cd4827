/**
 * Generated test over every cell of the permission row of the `ledger`
 * function (see accounts.matrix.ts for how cases and expectations are
 * built): the head of the station and the district export; every other role,
 * the head of another station and an anonymous caller get the one denial,
 * one audit entry and nothing else written. Proof that the row is tested:
 * `npx tsx scripts/flip-permissions.ts --only ledger.`.
 */
import { PERMISSIONS } from '../../shared/src/auth/permissions';
import { ROLES } from '../../shared/src/auth/roles';
import { caseName, functionOf, matrixCases, matrixKeys, runCase } from './accounts.matrix';
import { resetAndSeed, scanForPii, startAccountsCloud, type AccountsCloud } from './accounts.fixtures';

const keys = matrixKeys().filter((k) => k.startsWith('ledger.'));
const cases = matrixCases(keys);
let cloud: AccountsCloud;

beforeAll(async () => {
  cloud = await startAccountsCloud();
  await resetAndSeed(cloud);
}, 120_000);
afterAll(async () => {
  await cloud?.stop();
});

describe('the generated matrix covers the ledger row', () => {
  it('has the ledger row, served by the ledger function, with a case for every role and the anonymous caller', () => {
    expect(keys).toEqual(
      Object.keys(PERMISSIONS)
        .filter((k) => k.startsWith('ledger.'))
        .sort(),
    );
    expect(keys).toEqual(['ledger.exportDistrictWorkbook', 'ledger.exportLedger']);
    for (const key of keys) {
      expect(functionOf(key)).toBe('ledger');
      for (const actor of [...ROLES, 'anonymous'])
        expect(cases.some((c) => c.key === key && c.actor === actor)).toBe(true);
    }
  });
});

describe('permission matrix (ledger function)', () => {
  it.each(cases.map((c) => [caseName(c), c] as const))('%s', async (_name, c) => {
    expect(await runCase(cloud, c)).toEqual([]);
  });

  it('answered nothing with an unmasked phone or ID number', () => {
    expect(scanForPii(cloud)).toEqual([]);
  });
});
