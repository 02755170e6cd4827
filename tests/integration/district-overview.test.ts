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
import { COLLECTIONS } from '../../shared/src/collections';
import type { DistrictOverview, StationDashboard } from '../../shared/src/contracts/dashboard';
import { SEED_STATIONS } from '../../shared/src/seed/districts';
import { generateDistrict, type DistrictSpec } from '../../scripts/district-data';
import { useTestCloud } from '../helpers/cloud';
import { DAGANG, HEAD, TANGGU, err, ok, seedRequestsFixtures } from './requests-fixtures';

const ADMIN = 'demo-admin-1';
const YEAR = 2025;
const cloud = useTestCloud({ functions: ['dashboard'] });
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
