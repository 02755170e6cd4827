/**
 * Issue 14 through the real SDK on the emulator: the bureau's station records
 * (history, version conflicts, documents, the head reading their own only,
 * bad input with nothing written), the quota policy editor (no first day in
 * the past, a policy in force never edited, one still to come replaced) and
 * the qualification registry (masked numbers, periods ending soon, stations
 * below 2 counted by the database).
 *
 * Days are relative to the functions' clock (the pipeline's `now`).
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type {
  ListQuotaPoliciesOutput,
  QualificationRegistryOutput,
  RecordHistoryOutput,
  SaveQuotaPolicyOutput,
  StationRecordOutput,
} from '../../shared/src/contracts/district';
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import { beijingDay } from '../../shared/src/calendar';
import { defaultQuotaPolicy } from '../../shared/src/domain/quota-policy';
import { shiftDay } from '../../shared/src/domain/training';
import { useTestCloud } from '../helpers/cloud';
import { auditOf, docOf } from './files-fixtures';
import {
  DAGANG,
  HEAD,
  TANGGU,
  WORKER,
  WORKER_ELSEWHERE,
  err,
  ok,
  seedRequestsFixtures,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['district', 'stations'] });
const ADMIN = 'demo-admin-1';
const DENIED = { code: 'permission-denied', message: '您没有权限进行此操作' };

beforeEach(async () => {
  await seedRequestsFixtures(cloud);
});

const call = <T>(openid: string, action: string, input: Record<string, unknown> = {}) =>
  cloud.callAs<T>(openid, 'district', { action, ...input });
const today = () => beijingDay(new Date());
const counts = () => {
  const c = cloud.counts();
  return {
    history: c[COLLECTIONS.stationRecordHistory] ?? 0,
    policies: c[COLLECTIONS.quotaPolicies] ?? 0,
  };
};

const ms = (doneOn: string | null = null, documents: string[] = []) => ({ doneOn, documents });
const recordInput = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  stationId: TANGGU,
  version: 0,
  status: 'trial',
  specialty: '老年社会工作',
  rooms: ['个案工作室', '小组活动室'],
  operatingModel: 'government_purchase',
  operatorName: '滨海新区乐善社会工作服务中心',
  operatorPhone: '022-25891234',
  agreementFrom: '2022-07-01',
  agreementTo: '2025-06-30',
  funding: [
    { source: '社会救助资金', amountYuan: 300000, note: null },
    { source: '彩票公益金', amountYuan: null, note: '按项目申报' },
  ],
  milestones: {
    plan_filed: ms('2022-04-20', ['cloud://env-1/district/stations/st-tanggu/plan.pdf']),
    rooms_ready: ms('2022-06-10'),
    operator_in_place: ms(),
  },
  ...over,
});

describe('station records', () => {
  it('the district saves a record; specialty and rooms are the station fields residents see; history says who, what, before → after', async () => {
    const before = ok(
      await call<StationRecordOutput>(ADMIN, 'getStationRecord', { stationId: TANGGU }),
    ).record;
    expect(before.version).toBe(0);
    expect(before.status).toBe('preparing');
    expect(before.milestones.map((m) => [m.milestone, m.due, m.standing])).toEqual([
      ['plan_filed', '2022-04-30', 'overdue'],
      ['rooms_ready', '2022-05-31', 'overdue'],
      ['operator_in_place', '2022-07-31', 'overdue'],
    ]);

    const saved = ok(await call<StationRecordOutput>(ADMIN, 'updateStationRecord', recordInput())).record;
    expect(saved).toMatchObject({
      version: 1,
      status: 'trial',
      statusLabel: '试运行',
      operatingModelLabel: '政府购买',
      operatorPhone: '022-25891234',
      specialty: '老年社会工作',
    });
    expect(saved.milestones.map((m) => [m.standing, m.standingLabel])).toEqual([
      ['done_on_time', '按期完成'],
      ['done_late', '逾期完成'],
      ['overdue', '已逾期未完成'],
    ]);
    const doc = await docOf(cloud.db, COLLECTIONS.stations, TANGGU);
    expect(doc).toMatchObject({
      specialty: '老年社会工作',
      rooms: ['个案工作室', '小组活动室'],
      recordVersion: 1,
    });
    expect((doc?.record as Record<string, unknown>).specialty).toBeUndefined();

    ok(
      await call(
        ADMIN,
        'updateStationRecord',
        recordInput({ version: 1, status: 'operating', rooms: ['档案室'] }),
      ),
    );
    const history = ok(
      await call<RecordHistoryOutput>(ADMIN, 'listStationRecordHistory', { stationId: TANGGU }),
    );
    expect(history.items.map((h) => h.version)).toEqual([2, 1]);
    expect(history.items[0]!.changes).toEqual([
      { field: 'status', label: '建设状态', before: 'trial', after: 'operating' },
      { field: 'rooms', label: '活动场所', before: ['个案工作室', '小组活动室'], after: ['档案室'] },
    ]);
    expect(history.items[0]!.byRole).toBe('district_admin');
    expect(history.items[1]!.changes.map((c) => c.field)).toContain('milestones.plan_filed');
    const audit = (await auditOf(cloud.db, 'district.updateStationRecord')).filter((a) => a.outcome === 'ok');
    expect(audit.length).toBe(2);
  });

  it("the head's card changing 一站一品 moves the record's version and shows in its history", async () => {
    ok(
      await cloud.callAs(HEAD, 'stations', {
        action: 'updateStationProfile',
        stationId: TANGGU,
        address: null,
        phone: null,
        specialty: '学校社会工作',
      }),
    );
    const record = ok(
      await call<StationRecordOutput>(ADMIN, 'getStationRecord', { stationId: TANGGU }),
    ).record;
    expect(record).toMatchObject({ version: 1, specialty: '学校社会工作' });
    const history = ok(
      await call<RecordHistoryOutput>(HEAD, 'listStationRecordHistory', { stationId: TANGGU }),
    );
    expect(history.items).toEqual([
      expect.objectContaining({
        version: 1,
        byRole: 'station_head',
        changes: [{ field: 'specialty', label: '一站一品', before: null, after: '学校社会工作' }],
      }),
    ]);
    // A district form opened before the head's save is stale now.
    expect(err(await call(ADMIN, 'updateStationRecord', recordInput({ version: 0 }))).code).toBe(
      'failed-precondition',
    );
  });

  it('a save at an old version is refused and nothing is overwritten', async () => {
    ok(await call(ADMIN, 'updateStationRecord', recordInput()));
    const e = err(await call(ADMIN, 'updateStationRecord', recordInput({ status: 'operating' })));
    expect(e).toMatchObject({
      code: 'failed-precondition',
      message: '该社工站档案刚被其他人修改过，请刷新后重新修改',
    });
    expect(e.details).toMatchObject({ reason: 'stale', version: 1 });
    expect((await docOf(cloud.db, COLLECTIONS.stations, TANGGU))?.record).toMatchObject({ status: 'trial' });
    expect(counts().history).toBe(1);
  });

  it('a head reads their own station record only, and never edits it', async () => {
    ok(await call(HEAD, 'getStationRecord', { stationId: TANGGU }));
    expect(err(await call(HEAD, 'getStationRecord', { stationId: DAGANG }))).toEqual(DENIED);
    expect(err(await call(HEAD, 'listStationRecordHistory', { stationId: DAGANG }))).toEqual(DENIED);
    expect(err(await call(HEAD, 'updateStationRecord', recordInput()))).toEqual(DENIED);
    expect(err(await call(WORKER, 'getStationRecord', { stationId: TANGGU }))).toEqual(DENIED);
    expect(counts().history).toBe(0);
  });

  it('bad input: a clear Chinese message and nothing written (phone as a landline or mobile, dates, documents)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ operatorPhone: '12345' }, '运营单位联系电话格式不对，请填写 11 位手机号或带区号的座机号'],
      [{ agreementTo: '2022-01-01' }, '协议结束日期不能早于开始日期，请检查'],
      [{ agreementTo: null }, '协议期限请同时填写开始和结束日期'],
      [{ status: 'open' }, '建设状态（筹建、试运行或运营）不在可选范围内，请重新选择'],
      [{ operatorName: null }, '政府购买服务请填写承接的运营单位名称'],
      [{ funding: [{ source: '卖废品', amountYuan: 1, note: null }] }, '资金来源不在可选范围内，请重新选择'],
      [{ agreementFrom: '2022-02-30' }, '协议开始日期不是真实的日期，请检查'],
      [
        {
          milestones: {
            plan_filed: ms(null, ['cloud://env-1/district/stations/st-tanggu/a.pdf']),
            rooms_ready: ms(),
            operator_in_place: ms(),
          },
        },
        '上传了建设方案备案的证明材料，请同时填写完成日期',
      ],
      [
        {
          milestones: {
            plan_filed: ms('2022-04-01', ['cloud://env-1/district/stations/st-dagang/a.pdf']),
            rooms_ready: ms(),
            operator_in_place: ms(),
          },
        },
        '证明材料不是为该社工站上传的，请重新上传',
      ],
      [{ recordVersion: 5 }, ''],
    ];
    for (const [over, message] of cases) {
      const e = err(await call(ADMIN, 'updateStationRecord', recordInput(over)));
      expect(e.code).toBe('invalid-argument');
      if (message) expect(e.message).toBe(message);
    }
    expect(counts().history).toBe(0);
    expect((await docOf(cloud.db, COLLECTIONS.stations, TANGGU))?.recordVersion).toBeUndefined();
  });

  it("the station profile's phone and the record's operator phone are one field: the same numbers pass and fail", async () => {
    for (const phone of ['13812345678', '022-25891234', '02225891234']) {
      ok(
        await cloud.callAs(ADMIN, 'stations', {
          action: 'updateStationProfile',
          stationId: DAGANG,
          address: null,
          phone,
          specialty: null,
        }),
      );
    }
    const v = ok(await call<StationRecordOutput>(ADMIN, 'getStationRecord', { stationId: DAGANG })).record
      .version;
    let version = v;
    for (const phone of ['13812345678', '022-25891234', '02225891234']) {
      version = ok(
        await call<StationRecordOutput>(
          ADMIN,
          'updateStationRecord',
          recordInput({
            stationId: DAGANG,
            version,
            operatorPhone: phone,
            milestones: { plan_filed: ms(), rooms_ready: ms(), operator_in_place: ms() },
          }),
        ),
      ).record.version;
    }
    for (const phone of ['1381234567', '22-25891234', '电话']) {
      const a = err(
        await cloud.callAs(ADMIN, 'stations', {
          action: 'updateStationProfile',
          stationId: DAGANG,
          address: null,
          phone,
          specialty: null,
        }),
      );
      const b = err(
        await call(
          ADMIN,
          'updateStationRecord',
          recordInput({ stationId: DAGANG, version, operatorPhone: phone }),
        ),
      );
      expect([a.code, b.code]).toEqual(['invalid-argument', 'invalid-argument']);
      expect(b.message).toBe(a.message.replace('联系电话', '运营单位联系电话'));
    }
  });
});

describe('quota policy editor', () => {
  const policy = (effectiveFrom: string, completedCases = 3) => {
    const p = defaultQuotaPolicy(Number(effectiveFrom.slice(0, 4)));
    return { ...p, effectiveFrom, targets: { ...p.targets, completedCases } };
  };

  it('refuses a first day before today: a past year is never judged by new figures', async () => {
    const yesterday = shiftDay(today(), 0, -1);
    const e = err(await call(ADMIN, 'saveQuotaPolicy', policy(yesterday)));
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toBe(
      `生效日期不能早于今天（${today()}）：已经执行的年度指标不能改写，请选择今天或以后的日期`,
    );
    const lastYear = `${Number(today().slice(0, 4)) - 1}-06-01`;
    expect(err(await call(ADMIN, 'saveQuotaPolicy', policy(lastYear))).code).toBe('invalid-argument');
    expect(counts().policies).toBe(0);
  });

  it('saves one from a later day, replaces it while it is still to come, never once in force', async () => {
    const later = shiftDay(today(), 0, 30);
    const first = ok(await call<SaveQuotaPolicyOutput>(ADMIN, 'saveQuotaPolicy', policy(later, 3)));
    expect(first).toMatchObject({
      replaced: false,
      item: { inForce: false, policy: { effectiveFrom: later } },
    });
    const second = ok(await call<SaveQuotaPolicyOutput>(ADMIN, 'saveQuotaPolicy', policy(later, 4)));
    expect(second.replaced).toBe(true);
    expect(counts().policies).toBe(1);

    // One coming into force today is saved, then never edited again.
    ok(await call(ADMIN, 'saveQuotaPolicy', policy(today(), 5)));
    const e = err(await call(ADMIN, 'saveQuotaPolicy', policy(today(), 6)));
    expect(e).toMatchObject({ code: 'failed-precondition' });
    expect(e.message).toContain('已经生效，不能再修改');
    expect((await docOf(cloud.db, COLLECTIONS.quotaPolicies, `qp-${today()}`))?.targets).toMatchObject({
      completedCases: 5,
    });

    const list = ok(await call<ListQuotaPoliciesOutput>(ADMIN, 'listQuotaPolicies'));
    expect(
      list.items.map((i) => [i.policy.effectiveFrom, i.inForce, i.policy.targets.completedCases]),
    ).toEqual([
      [later, false, 4],
      [today(), true, 5],
    ]);
    expect(list.today).toBe(today());
    expect(list.current.source).toBe('stored');
    const audit = (await auditOf(cloud.db, 'district.saveQuotaPolicy')).filter((a) => a.outcome === 'ok');
    expect(audit.length).toBe(3);
  });

  it('validates with the policy schema (Chinese message, nothing written) and is the district’s alone', async () => {
    const bad = {
      ...policy(shiftDay(today(), 0, 5)),
      targets: { ...policy(today()).targets, completedCases: -1 },
    };
    expect(err(await call(ADMIN, 'saveQuotaPolicy', bad))).toMatchObject({
      code: 'invalid-argument',
      message: '每站结案个案数不能小于 0',
    });
    expect(err(await call(HEAD, 'saveQuotaPolicy', policy(shiftDay(today(), 0, 5))))).toEqual(DENIED);
    expect(err(await call(HEAD, 'listQuotaPolicies'))).toEqual(DENIED);
    expect(counts().policies).toBe(0);
  });
});

describe('qualification registry', () => {
  const setQualification = (openid: string, q: Record<string, unknown> | null, name: string) =>
    cloud.db
      .collection(COLLECTIONS.users)
      .doc(userIdFor(openid))
      .update({ data: { qualification: q, name } });

  it('who holds which certificate (number masked), periods ending within 90 days, stations below 2 counted in the database', async () => {
    // Registered 3 years minus 30 days ago: the first period ends in about 30 days.
    const registeredOn = shiftDay(today(), -3, 30);
    await setQualification(
      WORKER,
      { kind: '社会工作师', number: 'SW2019120045', registrationStatus: 'registered', registeredOn },
      '李社工',
    );
    await setQualification(
      HEAD,
      {
        kind: '助理社会工作师',
        number: 'ASW20200001',
        registrationStatus: 'registered',
        registeredOn: '2025-01-10',
      },
      '王站长',
    );
    await setQualification(
      WORKER_ELSEWHERE,
      { kind: '社会工作师', number: 'SW1', registrationStatus: 'pending', registeredOn: null },
      '赵社工',
    );
    const r = ok(await call<QualificationRegistryOutput>(ADMIN, 'listQualificationRegistry'));
    const worker = r.items.find((i) => i.userId === userIdFor(WORKER))!;
    expect(worker).toMatchObject({
      qualified: true,
      certificateKind: '社会工作师',
      numberMasked: '********0045',
      stationId: TANGGU,
      period: { endingSoon: true },
    });
    expect(JSON.stringify(r)).not.toContain('SW2019120045');
    expect(r.items.find((i) => i.userId === userIdFor(WORKER_ELSEWHERE))).toMatchObject({
      qualified: false,
      reason: '持有社会工作师，注册登记办理中',
    });
    const line = (id: string) => r.stations.find((s) => s.stationId === id)!;
    expect(line(TANGGU)).toMatchObject({ qualifiedCount: 2, belowMinimum: false });
    expect(line(DAGANG)).toMatchObject({ qualifiedCount: 0, belowMinimum: true });
    expect(r.stations).toHaveLength(21);
    expect(r.belowMinimumCount).toBe(20);
    expect(r.endingSoonCount).toBe(1);
    expect(err(await call(HEAD, 'listQualificationRegistry'))).toEqual(DENIED);
  });
});
