/**
 * Generated test over every cell of the permission table rows of the
 * `roster` function (see accounts.matrix.ts for how cases and expectations
 * are built), and the probes the issue names: a social worker, the head of
 * another station and a resident are refused every roster action, with one
 * denial audited and nothing else written. Proof that the rows are tested:
 * `npx tsx scripts/flip-permissions.ts --only roster.`.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import { PERMISSIONS } from '../../shared/src/auth/permissions';
import { ROLES } from '../../shared/src/auth/roles';
import { caseName, functionOf, matrixCases, matrixKeys, runCase } from './accounts.matrix';
import {
  AWAY,
  HOME,
  addAccount,
  resetAndSeed,
  scanForPii,
  startAccountsCloud,
  type AccountsCloud,
} from './accounts.fixtures';
import { addRosterPreview, rosterXlsx, uploadRoster, writtenCounts } from './roster-fixtures';

const keys = matrixKeys().filter((k) => k.startsWith('roster.'));
const cases = matrixCases(keys);
let cloud: AccountsCloud;

beforeAll(async () => {
  cloud = await startAccountsCloud();
  await resetAndSeed(cloud);
}, 120_000);
afterAll(async () => {
  await cloud?.stop();
});

describe('the generated matrix covers the roster rows', () => {
  it('has every roster row, served by the roster function, with a case for every role and the anonymous caller', () => {
    expect(keys).toEqual(
      Object.keys(PERMISSIONS)
        .filter((k) => k.startsWith('roster.'))
        .sort(),
    );
    expect(keys).toEqual(['roster.getRosterTemplate', 'roster.importRoster', 'roster.previewRoster']);
    for (const key of keys) {
      expect(functionOf(key)).toBe('roster');
      for (const actor of [...ROLES, 'anonymous']) {
        expect(cases.some((c) => c.key === key && c.actor === actor)).toBe(true);
      }
    }
  });
});

describe('permission matrix (roster function)', () => {
  it.each(cases.map((c) => [caseName(c), c] as const))('%s', async (_name, c) => {
    expect(await runCase(cloud, c)).toEqual([]);
  });
});

describe('probes: worker, another station’s head, resident', () => {
  it.each([
    ['a social worker of the station', 'social_worker', HOME],
    ['the head of another station', 'station_head', AWAY],
    ['a resident', 'resident', null],
  ] as const)('%s is refused every roster action of the station', async (_label, role, stationId) => {
    const openid = `t-probe-${role}-${Math.random().toString(36).slice(2, 8)}`;
    await addAccount(cloud.db, { openid, role, stationId, name: '测试员', privacy: true });
    const fileID = await uploadRoster(HOME, await rosterXlsx([{ name: '张三', birth: 1950 }]));
    const previewId = await addRosterPreview(cloud.db, HOME);
    const events = [
      { action: 'getRosterTemplate', stationId: HOME },
      { action: 'previewRoster', stationId: HOME, fileID },
      { action: 'importRoster', previewId, mode: 'valid-rows' },
    ];
    for (const event of events) {
      const before = { ...(await writtenCounts(cloud.db)), audit: cloud.counts()[COLLECTIONS.auditLog] ?? 0 };
      const res = await cloud.callAs(openid, 'roster', event);
      expect({ event: event.action, res }).toEqual({
        event: event.action,
        res: { ok: false, error: { code: 'permission-denied', message: '您没有权限进行此操作' } },
      });
      const after = { ...(await writtenCounts(cloud.db)), audit: cloud.counts()[COLLECTIONS.auditLog] ?? 0 };
      expect(after).toEqual({ ...before, audit: before.audit + 1 });
    }
  });
});

describe('PII', () => {
  it('no response and no log line of this run holds an unmasked phone or ID number', () => {
    expect(scanForPii(cloud)).toEqual([]);
  });
});
