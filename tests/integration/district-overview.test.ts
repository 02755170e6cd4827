/**
 * Issue 14: the district bureau's overview of every station through the real
 * SDK on the emulator. Each station's figures equal its own dashboard's on
 * seeded data (two busy stations, the other 19 empty), the round trips of one
 * load are at most 2 × those of one station's dashboard (counted by the
 * emulator's database too), no person's name or record comes back, bad input.
 *
 * The year judged is past (2025), so every figure is the same whenever the
 * test runs.
 */
import ExcelJS from 'exceljs';
import { COLLECTIONS } from '../../shared/src/collections';
import type { ExportDistrictWorkbookOutput } from '../../shared/src/contracts/ledger';
import type { DistrictOverview, StationDashboard } from '../../shared/src/contracts/dashboard';
import { SEED_STATIONS } from '../../shared/src/seed/districts';
import { generateDistrict, type DistrictSpec } from '../../scripts/district-data';
import { useTestCloud } from '../helpers/cloud';
import { DAGANG, HEAD, TANGGU, err, ok, seedRequestsFixtures } from './requests-fixtures';
import { sdk } from './roster-fixtures';

const ADMIN = 'demo-admin-1';
const YEAR = 2025;
const cloud = useTestCloud({ functions: ['dashboard', 'ledger'] });
beforeEach(() => seedRequestsFixtures(cloud));

const run = async <T>(p: Promise<T> | void | string): Promise<T> => {
  if (!p || typeof p === 'string') throw new Error('no promise');
  return p;
};

const SPEC: DistrictSpec = {
  stationIds: [TANGGU, DAGANG],
  workersPerStation: 4,
  years: [2024, 2025],
  visits: 1_200,
  cases: 400,
  requests: 400,
  training: 400,
  sessions: 80,
  seed: 11,
  prefix: 'ov',
};

const overview = (openid: string, input: Record<string, unknown>) =>
  cloud.callAs<DistrictOverview>(openid, 'dashboard', { action: 'getDistrictOverview', ...input });
const dashboard = (openid: string, input: Record<string, unknown>) =>
  cloud.callAs<StationDashboard>(openid, 'dashboard', { action: 'getStationDashboard', ...input });

/** Database calls the emulator answers while `fn` runs. */
async function dbCalls<T>(fn: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const db = cloud.emulator.app.db;
  const original = db.handle.bind(db);
  const calls: string[] = [];
  db.handle = (action, body, requestId) => {
    calls.push(`${String(body.collectionName ?? '')}.${action.replace('database.', '')}`);
    return original(action, body, requestId);
  };
  try {
    return { result: await fn(), calls };
  } finally {
    db.handle = original;
  }
}

async function seedDistrict(): Promise<void> {
  await generateDistrict(
    SPEC,
    async (collection, docs) => {
      await run(cloud.db.collection(collection).add({ data: docs }));
    },
    500,
  );
  await run(
    cloud.db.collection(COLLECTIONS.quotaPolicies).add({
      data: {
        _id: 'qp-2025',
        effectiveFrom: '2025-03-01',
        targets: { completedCases: 5, supervisionHours: 40, trainingHoursPerWorker: 20, qualifiedWorkers: 3 },
        referralClosuresCount: true,
        visitIntervals: { 高风险: 7, 重点: 30, 一般: 90 },
      },
    }),
  );
  // The bureau's records: Tanggu operating, Dagang on trial, the others 筹建 (no record yet).
  await run(
    cloud.db
      .collection(COLLECTIONS.stations)
      .doc(TANGGU)
      .update({ data: { record: { status: 'operating' } } }),
  );
  await run(
    cloud.db
      .collection(COLLECTIONS.stations)
      .doc(DAGANG)
      .update({ data: { record: { status: 'trial' } } }),
  );
}

describe('getDistrictOverview', () => {
  it("shows each station's own dashboard figures, grouped as the notice groups them, in ≤ 2 × its round trips", async () => {
    await seedDistrict();
    const { result, calls } = await dbCalls(() => overview(ADMIN, { year: YEAR }));
    const o = ok(result);
    const one = await dbCalls(() => dashboard(ADMIN, { stationId: TANGGU, year: YEAR }));
    const d0 = ok(one.result);

    // Round trips: counted by the function and by the database; ≤ 2 × one dashboard's.
    expect(o.meta.roundTrips).toBe(calls.length);
    expect(calls.length).toBeLessThanOrEqual(2 * one.calls.length);
    expect(calls.length).toBeLessThanOrEqual(6);
    expect(d0.meta.roundTrips).toBe(one.calls.length);

    // The notice's groups: 16 streets then 5 townships, in its order.
    expect(o.groups.map((g) => [g.kind, g.label, g.stations.length])).toEqual([
      ['street', '街道', 16],
      ['township', '镇', 5],
    ]);
    const all = o.groups.flatMap((g) => g.stations);
    expect(all.map((s) => s.stationId)).toEqual(SEED_STATIONS.map((s) => s.id));
    expect(o.totals.stations).toBe(21);
    expect(o.policy).toMatchObject({ source: 'stored', id: 'qp-2025' });

    // Every station's figures equal its own dashboard's (two busy, one empty).
    for (const stationId of [TANGGU, DAGANG, 'st-zhongtang']) {
      const d = ok(await dashboard(ADMIN, { stationId, year: YEAR }));
      const row = all.find((s) => s.stationId === stationId);
      expect(row).toBeDefined();
      expect(row?.overall).toBe(d.status);
      expect(row?.staff).toBe(d.workers.length);
      expect(row?.qualifiedStaff).toBe(d.workers.filter((w) => w.qualified).length);
      for (const key of [
        'completedCases',
        'supervisionHours',
        'trainingHours',
        'qualifiedWorkers',
      ] as const) {
        const want = d.quotas[key];
        expect(row?.quotas[key]).toEqual({
          quota: want.quota,
          label: want.label,
          unit: want.unit,
          done: want.done,
          target: want.target,
          status: want.status,
          forecast: want.forecast,
          forecastMonth: want.forecastMonth,
          // 学时: the dashboard names who is behind; the overview says how many, never who.
          reason:
            key === 'trainingHours' && d.quotas.trainingHours.behind.length > 0
              ? `${d.quotas.trainingHours.behind.length} 名社工继续教育学时落后进度（已完成 ${want.done} 人）`
              : want.reason,
        });
      }
    }
    const tanggu = all.find((s) => s.stationId === TANGGU);
    expect(tanggu?.quotas.completedCases.done).toBeGreaterThan(0);
    expect(tanggu?.quotas.supervisionHours.done).toBeGreaterThan(0);
    expect(d0.quotas.trainingHours.behind.length).toBeGreaterThan(0); // the name-free reason is exercised
    expect(tanggu).toMatchObject({ status: 'operating', statusLabel: '运营' });
    expect(all.find((s) => s.stationId === DAGANG)).toMatchObject({ status: 'trial', statusLabel: '试运行' });
    expect(all.find((s) => s.stationId === 'st-zhongtang')).toMatchObject({
      status: 'preparing',
      statusLabel: '筹建',
    });
    expect(o.totals.byStationStatus).toEqual({ preparing: 19, trial: 1, operating: 1 });
    expect(Object.values(o.totals.byStatus).reduce((a, b) => a + b, 0)).toBe(21);
    expect(o.totals.staff).toBe(all.reduce((n, s) => n + s.staff, 0));
  });

  it("never returns a person's name or record: counts only", async () => {
    await seedDistrict();
    const o = ok(await overview(ADMIN, { year: YEAR }));
    const text = JSON.stringify(o);
    expect(text).not.toMatch(/社工\d+-\d+/); // the generated staff names
    expect(text).not.toMatch(/openid|workerId|personId|"name":/);
  });

  it('shows a station attached to a development zone with that zone', async () => {
    await run(
      cloud.db
        .collection(COLLECTIONS.stations)
        .doc(TANGGU)
        .update({ data: { zoneId: 'zone-teda' } }),
    );
    const o = ok(await overview(ADMIN, { year: YEAR }));
    const all = o.groups.flatMap((g) => g.stations);
    expect(all.find((s) => s.stationId === TANGGU)?.zone).toEqual({
      id: 'zone-teda',
      name: '天津经济技术开发区',
    });
    expect(all.find((s) => s.stationId === DAGANG)?.zone).toBeNull();
    expect(o.groups.map((g) => g.kind)).toEqual(['street', 'township']);

    // A station attached to a zone's own unit is shown after the 21, never dropped.
    await run(
      cloud.db.collection(COLLECTIONS.stations).add({
        data: {
          _id: 'st-zone-eco',
          officialName: '生态城社会工作服务站',
          unitName: '中新天津生态城',
          unitKind: 'zone',
          order: 0,
        },
      }),
    );
    const o2 = ok(await overview(ADMIN, { year: YEAR }));
    expect(o2.groups.map((g) => [g.kind, g.label, g.stations.length])).toEqual([
      ['street', '街道', 16],
      ['township', '镇', 5],
      ['zone', '开发区', 1],
    ]);
    expect(o2.totals.stations).toBe(22);
  });

  it('refuses bad input with a clear Chinese message', async () => {
    expect(err(await overview(ADMIN, {}))).toMatchObject({ code: 'invalid-argument', message: '请选择年份' });
    expect(err(await overview(ADMIN, { year: 1999 }))).toMatchObject({
      code: 'invalid-argument',
      message: '年份超出范围，请选择 2000 至 2100 年',
    });
    expect(err(await overview(ADMIN, { year: '2025' })).code).toBe('invalid-argument');
    expect(err(await overview(ADMIN, { year: 2025.5 })).code).toBe('invalid-argument');
  });

  it('is the district’s alone: a station head is refused', async () => {
    expect(err(await overview(HEAD, { year: YEAR })).code).toBe('permission-denied');
  });
});

describe('exportDistrictWorkbook', () => {
  const exportWb = (openid: string, input: Record<string, unknown>) =>
    cloud.callAs<ExportDistrictWorkbookOutput>(openid, 'ledger', {
      action: 'exportDistrictWorkbook',
      ...input,
    });
  const rowsOf = (ws: ExcelJS.Worksheet): unknown[][] => {
    const out: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      out.push((row.values as unknown[]).slice(1));
    });
    return out;
  };

  it('one workbook: a row per station in the notice groups, a column group per quota, the records; totals = the database', async () => {
    await seedDistrict();
    await run(
      cloud.db
        .collection(COLLECTIONS.stations)
        .doc(TANGGU)
        .update({
          data: {
            specialty: '老年社会工作',
            rooms: ['个案工作室', '档案室'],
            record: {
              status: 'operating',
              operatingModel: 'government_purchase',
              operatorName: '滨海新区某社会工作服务中心',
              agreementFrom: '2025-01-01',
              agreementTo: '2025-12-31',
              funding: [{ source: '彩票公益金', amountYuan: 100000, note: null }],
              milestones: { plan_filed: { doneOn: '2022-04-20', documents: [] } },
            },
          },
        }),
    );
    const out = ok(await exportWb(ADMIN, { year: YEAR }));
    expect(out.fileName).toBe('滨海新区社工站全区汇总_2025年.xlsx');
    expect(out.rowCounts).toEqual({ 全区汇总: 21, 社工站档案: 21 });
    const res = await sdk().downloadFile({ fileID: out.fileID });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.fileContent).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['全区汇总', '社工站档案']);

    const ws = wb.getWorksheet('全区汇总');
    if (!ws) throw new Error('no sheet');
    const rows = rowsOf(ws);
    // Two header rows, 16 streets + 小计, 5 townships + 小计, 全区合计.
    expect(rows).toHaveLength(2 + 16 + 1 + 5 + 1 + 1);
    expect(rows[0]?.slice(7, 12)).toEqual([
      '结案个案（个）',
      '结案个案（个）',
      '结案个案（个）',
      '结案个案（个）',
      '督导时数（小时）',
    ]);
    expect(rows[1]?.slice(0, 11)).toEqual([
      '街镇',
      '社工站',
      '责任开发区',
      '建设状态',
      '社工人数',
      '持证社工',
      '总体状态',
      '完成',
      '目标',
      '状态',
      '预测',
    ]);
    expect(ws.getCell(1, 8).isMerged).toBe(true);
    expect(ws.getCell(1, 8).master.address).toBe(ws.getCell(1, 11).master.address);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(rows[18]?.[0]).toBe('街道小计');
    expect(rows[24]?.[0]).toBe('镇小计');
    const total = rows[25] ?? [];
    expect(total[0]).toBe('全区合计');
    // Totals against the database: completed cases (policy counts referrals) and confirmed supervision hours.
    const cases = (await run(cloud.db.collection(COLLECTIONS.cases).where({ completedYear: YEAR }).count()))
      .total;
    expect(total[7]).toBe(cases);
    const o = ok(await overview(ADMIN, { year: YEAR }));
    expect(total[4]).toBe(o.totals.staff);
    expect(total[5]).toBe(o.totals.qualifiedStaff);
    const tanggu = rows.find((r) => r[1] === '滨海新区塘沽街道社会工作服务站');
    expect(tanggu?.slice(0, 4)).toEqual(['塘沽街道', '滨海新区塘沽街道社会工作服务站', '未指定', '运营']);
    expect(ws.getColumn(2).width).toBeGreaterThan(20);

    const rs = wb.getWorksheet('社工站档案');
    if (!rs) throw new Error('no sheet');
    const recs = rowsOf(rs);
    expect(recs).toHaveLength(22);
    expect(recs.find((r) => r[1] === '滨海新区塘沽街道社会工作服务站')).toEqual([
      '塘沽街道',
      '滨海新区塘沽街道社会工作服务站',
      '运营',
      '老年社会工作',
      '个案工作室、档案室',
      '政府购买',
      '滨海新区某社会工作服务中心',
      '2025-01-01',
      '2025-12-31',
      '彩票公益金 100000 元',
      '2022-04-20',
      '未完成',
      '未完成',
    ]);
    expect(JSON.stringify(recs) + JSON.stringify(rows)).not.toMatch(/社工\d+-\d+/);
  });

  it('bad input: a clear Chinese error, nothing written; a station head is refused', async () => {
    const before = cloud.counts();
    expect(err(await exportWb(ADMIN, {}))).toMatchObject({
      code: 'invalid-argument',
      message: '请选择导出的年份',
    });
    expect(err(await exportWb(ADMIN, { year: 2019 })).code).toBe('invalid-argument');
    expect(err(await exportWb(HEAD, { year: YEAR })).code).toBe('permission-denied');
    const after = cloud.counts();
    expect(after[COLLECTIONS.exports] ?? 0).toBe(before[COLLECTIONS.exports] ?? 0);
  });
});
