/**
 * `stations.updateStationProfile` (issue 15 item 1) through the real
 * wx-server-sdk against the local emulator: the station head edits their own
 * station's public details (地址, 电话, 一站一品), the district admin any
 * station's; everyone else is refused; bad input is refused in Chinese with
 * nothing written. The generated matrix (accounts-permissions.test.ts) covers
 * every role × station cell; this file covers the flows and the input.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type { GetStationOutput } from '../../shared/src/contracts/stations';
import type { Result } from '../../shared/src/errors';
import { seedDatabase } from '../../scripts/seed';
import { SEED_NOW, useTestCloud } from '../helpers/cloud';
import { getDoc, lastAudit } from './accounts.fixtures';

const cloud = useTestCloud({ functions: ['stations'] });

const HEAD = 'demo-head-tanggu';
const WORKER = 'demo-worker-tanggu';
const ADMIN = 'demo-admin-1';
const RESIDENT = 'demo-resident-1';

beforeEach(async () => {
  // The demo accounts (演示): a head and a worker of 塘沽, the district admin, residents.
  await seedDatabase(cloud.db, SEED_NOW, { demo: true });
});

const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
};

const PROFILE = {
  stationId: 'st-tanggu',
  address: '天津市滨海新区示例路 1 号（演示）',
  phone: '022-25321234',
  specialty: '老年社会工作',
};

const update = (openid: string | null, input: Record<string, unknown>) =>
  cloud.callAs<GetStationOutput>(openid, 'stations', { action: 'updateStationProfile', ...input });
const stationDoc = (id: string) => getDoc(cloud.db, COLLECTIONS.stations, id);
const auditOf = async (action: string): Promise<Record<string, unknown>[]> =>
  (await lastAudit(cloud.db, 50)).filter((e) => e.action === action);

describe('updateStationProfile: who may edit', () => {
  it("the head publishes their own station's address, phone and 一站一品; residents then see them", async () => {
    const saved = ok(await update(HEAD, PROFILE));
    expect(saved).toMatchObject({
      id: 'st-tanggu',
      address: PROFILE.address,
      phone: PROFILE.phone,
      specialty: '老年社会工作',
      needsAdminReview: false,
    });

    // Public: an anonymous caller reads what the head published.
    const seen = ok(
      await cloud.callAs<GetStationOutput>(null, 'stations', { action: 'getStation', id: 'st-tanggu' }),
    );
    expect(seen).toEqual(saved);
    expect(seen.specialty).toBe('老年社会工作');

    const audit = await auditOf('stations.updateStationProfile');
    expect(audit).toEqual([
      expect.objectContaining({ outcome: 'ok', targetId: 'st-tanggu', role: 'station_head' }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(HEAD);
    const doc = (await stationDoc('st-tanggu'))!;
    expect(doc.profileUpdatedBy).toEqual(expect.any(String));
    // The seeded facts the head did not edit stay as they were.
    expect(doc.officialName).toBe('滨海新区塘沽街道社会工作服务站');
  });

  it('accepts a mobile number, and null takes a detail off the page again', async () => {
    ok(await update(HEAD, PROFILE));
    const saved = ok(await update(HEAD, { ...PROFILE, phone: '13812345678', specialty: null }));
    expect(saved).toMatchObject({ phone: '13812345678', specialty: null, needsAdminReview: false });

    const cleared = ok(await update(HEAD, { ...PROFILE, address: null, phone: null, specialty: null }));
    expect(cleared).toMatchObject({ address: null, phone: null, specialty: null, needsAdminReview: true });
  });

  it('the district admin edits any station', async () => {
    const saved = ok(await update(ADMIN, { ...PROFILE, stationId: 'st-dagang', address: '大港示例路 2 号' }));
    expect(saved).toMatchObject({ id: 'st-dagang', address: '大港示例路 2 号', phone: PROFILE.phone });
    expect((await stationDoc('st-dagang'))?.address).toBe('大港示例路 2 号');
  });

  it('the district admin gets not-found for a station that does not exist, and nothing is written', async () => {
    const before = cloud.counts();
    const out = await update(ADMIN, { ...PROFILE, stationId: 'st-nowhere' });
    expect(out).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(cloud.counts()).toEqual(before);
  });

  it.each([
    ["another station's head", HEAD, 'st-dagang', 'permission-denied'],
    ['a social worker of the station', WORKER, 'st-tanggu', 'permission-denied'],
    ['a resident', RESIDENT, 'st-tanggu', 'permission-denied'],
    ['a caller without a WeChat identity', null, 'st-tanggu', 'unauthenticated'],
  ] as const)('refuses %s and changes nothing', async (_who, openid, stationId, code) => {
    const before = await stationDoc(stationId);
    const out = await update(openid, { ...PROFILE, stationId });
    expect(out).toMatchObject({ ok: false, error: { code } });
    expect(await stationDoc(stationId)).toEqual(before);
    const denied = await auditOf('stations.updateStationProfile');
    expect(denied.map((e) => e.outcome)).toEqual(['denied']);
  });
});

describe('updateStationProfile: bad input', () => {
  const HUGE = '路'.repeat(101);
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['phone of letters', { phone: 'abc' }, 'phone', '联系电话格式不对，请填写 11 位手机号或带区号的座机号'],
    ['phone too short', { phone: '12345' }, 'phone', '联系电话格式不对，请填写 11 位手机号或带区号的座机号'],
    ['phone as a number', { phone: 2225321234 }, 'phone', '联系电话必须是数字'],
    ['address too long', { address: HUGE }, 'address', '地址请不要超过 100 个字'],
    ['address of symbols only', { address: '！！！' }, 'address', '地址请用文字说明，不能只有表情或符号'],
    [
      'address with a line break',
      { address: '示例路\n1 号' },
      'address',
      '地址包含无法识别的字符，请重新输入',
    ],
    ['specialty not on the list', { specialty: '万能社会工作' }, 'specialty', '一站一品请从列表中选择'],
    [
      'station id as an operator',
      { stationId: { $ne: null } },
      'stationId',
      '社工站编号格式不对，请返回重新选择',
    ],
  ];

  it.each(cases)(
    '%s → invalid-argument in Chinese, nothing written',
    async (_label, patch, field, message) => {
      const before = cloud.counts();
      const doc = await stationDoc('st-tanggu');
      const out = await update(HEAD, { ...PROFILE, ...patch });
      expect(out).toEqual({ ok: false, error: { code: 'invalid-argument', message, details: { field } } });
      expect(cloud.counts()).toEqual(before);
      expect(await stationDoc('st-tanggu')).toEqual(doc);
    },
  );

  it.each([
    ['a missing field', { stationId: 'st-tanggu', address: '示例路 1 号', phone: null }],
    ['a smuggled review flag', { ...PROFILE, needsAdminReview: false }],
    ['a smuggled official name', { ...PROFILE, officialName: '别的名字' }],
  ])('refuses %s (the input is strict)', async (_label, input) => {
    const before = cloud.counts();
    const out = await update(HEAD, input);
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    if (!out.ok) expect(out.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(cloud.counts()).toEqual(before);
  });
});
