/**
 * Generated test over every cell of the permission table rows of the `files`
 * function (files.*): each role and the anonymous caller × each action × the
 * caller's station / another station / a missing record (see
 * accounts.matrix.ts for how cases and expectations are built). A denial must
 * be the one fixed answer, write exactly one audit entry and change nothing.
 * Proof that it bites: `npx tsx scripts/flip-permissions.ts --only files.`.
 */
import { PERMISSIONS } from '../../shared/src/auth/permissions';
import { ROLES } from '../../shared/src/auth/roles';
import { filesContract } from '../../shared/src/contracts/files';
import { caseName, functionOf, matrixCases, matrixKeys, runCase } from './accounts.matrix';
import { resetAndSeed, scanForPii, startAccountsCloud, type AccountsCloud } from './accounts.fixtures';

const keys = matrixKeys().filter((k) => k.startsWith('files.'));
const cases = matrixCases(keys);
let cloud: AccountsCloud;

beforeAll(async () => {
  cloud = await startAccountsCloud();
  await resetAndSeed(cloud);
}, 120_000);
afterAll(async () => {
  await cloud?.stop();
});

describe('the generated matrix covers the files rows', () => {
  it('has a row per action of the files contract, served by the files function', () => {
    expect(keys.sort()).toEqual(
      Object.values(filesContract.actions)
        .map((a) => a.permission as string)
        .sort(),
    );
    expect(
      Object.keys(PERMISSIONS)
        .filter((k) => k.startsWith('files.'))
        .sort(),
    ).toEqual(keys);
    for (const key of keys) {
      expect(functionOf(key)).toBe('files');
      for (const actor of [...ROLES, 'anonymous']) {
        expect(cases.some((c) => c.key === key && c.actor === actor)).toBe(true);
      }
    }
  });
  it('never lets the district read a person: only counts and the 社区 list', () => {
    const districtReads = keys.filter(
      (k) => (PERMISSIONS as Record<string, Record<string, string>>)[k]?.district_admin,
    );
    expect(districtReads.sort()).toEqual([
      'files.countFiles',
      'files.getMyFile',
      'files.listCommunities',
      'files.updateCommunities',
    ]);
  });
});

describe('permission matrix (files function)', () => {
  it.each(cases.map((c) => [caseName(c), c] as const))('%s', async (_name, c) => {
    expect(await runCase(cloud, c)).toEqual([]);
  });
});

/** True for the one answer that is whole by design: one file in the station's own view. */
const isStationView = (r: unknown): boolean => {
  const data = (r as { ok?: boolean; data?: { person?: { view?: unknown } } }).data;
  return (r as { ok?: boolean }).ok === true && data?.person?.view === 'station';
};

describe('PII', () => {
  it('no list, no oversight view, no denial and no log line of this run holds an unmasked phone or ID number', () => {
    const whole = cloud.responses.filter(isStationView).length;
    expect(whole).toBeGreaterThan(0);
    const scanned = { ...cloud, responses: cloud.responses.filter((r) => !isStationView(r)) };
    expect(scanned.responses.length).toBeGreaterThan(cases.length / 2);
    expect(scanForPii(scanned)).toEqual([]);
  });
});
