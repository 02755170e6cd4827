/**
 * Generated test over every cell of the permission table rows of stations.*
 * and accounts.* (see accounts.matrix.ts; the rows of the requests function
 * are in requests-permissions.test.ts). Proof that it bites:
 * `npx tsx scripts/flip-permissions.ts` flips each cell and reruns it.
 */
import { PERMISSIONS } from '../../shared/src/auth/permissions';
import { ROLES } from '../../shared/src/auth/roles';
import { caseName, matrixCases, matrixKeys, runCase } from './accounts.matrix';
import { resetAndSeed, scanForPii, startAccountsCloud, type AccountsCloud } from './accounts.fixtures';

const keys = matrixKeys().filter((k) => k.startsWith('stations.') || k.startsWith('accounts.'));
const cases = matrixCases(keys);
let cloud: AccountsCloud;

beforeAll(async () => {
  cloud = await startAccountsCloud();
  await resetAndSeed(cloud);
}, 120_000);
afterAll(async () => {
  await cloud?.stop();
});

describe('the generated matrix covers the table', () => {
  it('has a case for every role and the anonymous caller on every covered row', () => {
    for (const key of keys) {
      for (const actor of [...ROLES, 'anonymous']) {
        expect(cases.some((c) => c.key === key && c.actor === actor)).toBe(true);
      }
    }
  });
  it('covers every action of the accounts and stations functions, and nothing else is in those rows', async () => {
    const fnActions = [
      'whoAmI',
      'acceptPrivacyNotice',
      'updateProfile',
      'createInvite',
      'revokeInvite',
      'listInvites',
      'redeemInvite',
      'listStaff',
      'deactivateStaff',
      'updateQualification',
      'recordConsent',
      'listMyConsents',
      'withdrawConsent',
      'listAuditLog',
    ];
    const rows = Object.keys(PERMISSIONS).filter((k) => k.startsWith('accounts.'));
    expect(rows.sort()).toEqual(fnActions.map((a) => `accounts.${a}`).sort());
  });
});

describe('permission matrix', () => {
  it.each(cases.map((c) => [caseName(c), c] as const))('%s', async (_name, c) => {
    expect(await runCase(cloud, c)).toEqual([]);
  });
});

describe('PII', () => {
  it('no response and no log line of this run holds an unmasked phone or ID number', () => {
    expect(cloud.responses.length).toBeGreaterThan(cases.length - 1);
    expect(scanForPii(cloud)).toEqual([]);
  });
});
