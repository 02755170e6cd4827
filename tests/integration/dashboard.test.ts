/**
 * Issue 13: the station head's dashboard through the real SDK on the
 * emulator. Figures against direct counts on seeded data (> 1000 visits of
 * the station's year, so a paged read would be wrong), the round trips of
 * one load (counted by the function AND by the emulator's database), the
 * policy in force, a station that opened during the year, bad input.
 *
 * Years judged are past (2025), so every figure is the same whenever the test
 * runs (a past year is judged as it ended).
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type { DrillDown, StationDashboard } from '../../shared/src/contracts/dashboard';
import { isQualified, type Account } from '../../shared/src/domain/account';
import { OPEN_CASE_STATUSES } from '../../shared/src/domain/case';
import { TARGET_CATEGORIES } from '../../shared/src/domain/person';
import { quotasForStation } from '../../shared/src/domain/quota';
import { REQUEST_STATUSES } from '../../shared/src/domain/request';
import { generateDistrict, staffDocs, type DistrictSpec } from '../../scripts/district-data';
import { useTestCloud } from '../helpers/cloud';
import { DAGANG, HEAD, SUPERVISOR, TANGGU, WORKER, err, ok, seedRequestsFixtures } from './requests-fixtures';

const ADMIN = 'demo-admin-1';
const YEAR = 2025;
const cloud = useTestCloud({ functions: ['dashboard', 'visits', 'cases', 'requests', 'supervision'] });
beforeEach(() => seedRequestsFixtures(cloud));

const run = async <T>(p: Promise<T> | void | string): Promise<T> => {
  if (!p || typeof p === 'string') throw new Error('no promise');
  return p;
};

const SPEC: DistrictSpec = {
  stationIds: [TANGGU, DAGANG],
  workersPerStation: 4,
  years: [2024, 2025],
  visits: 4_800, // 1,200 per station and year
  cases: 400,
  requests: 2_400,
  training: 400,
  sessions: 80,
  seed: 7,
  prefix: 'dt',
};

async function seedDistrict(): Promise<void> {
  await generateDistrict(
    SPEC,
    async (collection, docs) => {
      await run(cloud.db.collection(collection).add({ data: docs }));
    },
    500,
  );
}

const dashboard = (openid: string, input: Record<string, unknown>) =>
  cloud.callAs<StationDashboard>(openid, 'dashboard', { action: 'getStationDashboard', ...input });

/** Database calls the emulator answers while `fn` runs (independent of the function's own count). */
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

const count = async (collection: string, where: Record<string, unknown>): Promise<number> =>
  (await run(cloud.db.collection(collection).where(where).count())).total;

const yearDays = (y: number) => cloud.db.command.gte(`${y}-01-01`).and(cloud.db.command.lte(`${y}-12-31`));

/** Rows of a small collection slice (the test's own reads, for sums). */
async function all(
  collection: string,
  where: Record<string, unknown>,
): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for (let skip = 0; ; skip += 1000) {
    const res = await run(cloud.db.collection(collection).where(where).skip(skip).limit(1000).get());
    out.push(...(res.data as Array<Record<string, unknown>>));
    if (res.data.length < 1000) return out;
  }
}

describe('getStationDashboard: figures counted in the database', () => {
  it('matches direct counts on > 1000 visits, in at most 8 round trips, under the stored policy', async () => {
    await seedDistrict();
    await run(
      cloud.db.collection(COLLECTIONS.quotaPolicies).add({
        data: {
          _id: 'qp-2025',
          effectiveFrom: '2025-03-01',
          targets: {
            completedCases: 5,
            supervisionHours: 40,
            trainingHoursPerWorker: 20,
            qualifiedWorkers: 3,
          },
          referralClosuresCount: true,
          visitIntervals: { 高风险: 7, 重点: 30, 一般: 90 },
        },
      }),
    );
    const { result, calls } = await dbCalls(() =>
      dashboard(HEAD, { stationId: TANGGU, year: YEAR, month: 11 }),
    );
    const d = ok(result);
    // The station as the bureau names it (not its id).
    expect(d.stationName).toContain('塘沽');

    // Round trips: the function's own count equals what the database answered, ≤ 8.
    expect(d.meta.roundTrips).toBe(calls.length);
    expect(calls.length).toBeLessThanOrEqual(8);
    expect(calls.every((c) => !c.endsWith('.getDocument') || c.startsWith('users.'))).toBe(true);

    // Visits: > 1000 in the year, by month, category, worker, month × category.
    const where = { stationId: TANGGU, day: yearDays(YEAR) };
    const total = await count(COLLECTIONS.visits, where);
    expect(total).toBeGreaterThan(1000);
    expect(d.activity.visitsTotal.value).toBe(total);
    for (let m = 1; m <= 12; m++) {
      const mk = `${YEAR}-${String(m).padStart(2, '0')}`;
      const days = cloud.db.command.gte(`${mk}-01`).and(cloud.db.command.lte(`${mk}-31`));
      expect(d.activity.visitsByMonth[m - 1]).toMatchObject({
        key: mk,
        value: await count(COLLECTIONS.visits, { stationId: TANGGU, day: days }),
        drill: {
          kind: 'visits',
          fn: 'visits',
          action: 'listVisits',
          input: { stationId: TANGGU, month: mk },
        },
      });
    }
    const byCategory = new Map(d.activity.visitsByCategory.map((f) => [f.key, f.value]));
    for (const c of TARGET_CATEGORIES)
      expect(byCategory.get(c) ?? 0).toBe(await count(COLLECTIONS.visits, { ...where, categories: c }));
    const nov = cloud.db.command.gte(`${YEAR}-11-01`).and(cloud.db.command.lte(`${YEAR}-11-30`));
    const novByCategory = new Map((d.activity.monthVisitsByCategory ?? []).map((f) => [f.key, f.value]));
    for (const c of TARGET_CATEGORIES)
      expect(novByCategory.get(c) ?? 0).toBe(
        await count(COLLECTIONS.visits, { stationId: TANGGU, day: nov, categories: c }),
      );

    // Workers: the four seeded staff plus the demo head and worker of 塘沽.
    const staff = staffDocs(SPEC, 0);
    expect(d.workers.map((w) => w.workerId).sort()).toEqual(expect.arrayContaining(staff.map((s) => s._id)));
    for (const w of d.workers) {
      expect(w.visitsYear.value).toBe(await count(COLLECTIONS.visits, { ...where, workerIds: w.workerId }));
      expect(w.visitsMonth?.value).toBe(
        await count(COLLECTIONS.visits, { stationId: TANGGU, day: nov, workerIds: w.workerId }),
      );
      expect(w.openCases.value).toBe(
        await count(COLLECTIONS.cases, {
          stationId: TANGGU,
          workerIds: w.workerId,
          status: cloud.db.command.in([...OPEN_CASE_STATUSES]),
        }),
      );
      expect(w.closedCases.value).toBe(
        await count(COLLECTIONS.cases, { stationId: TANGGU, workerIds: w.workerId, completedYear: YEAR }),
      );
      const records = await all(COLLECTIONS.trainingRecords, {
        workerId: w.workerId,
        year: YEAR,
        status: 'confirmed',
      });
      const plain = records.filter((r) => r.degree !== true).reduce((n, r) => n + Number(r.hours), 0);
      const degree = records.some((r) => r.degree === true) ? 90 : 0;
      expect(w.trainingYear.value).toBeCloseTo(plain + degree, 6);
    }

    // Cases: completed in the year, referral closures counted under this policy.
    const completed = await count(COLLECTIONS.cases, {
      stationId: TANGGU,
      completedYear: YEAR,
      referralClosure: false,
    });
    const referrals = await count(COLLECTIONS.cases, {
      stationId: TANGGU,
      completedYear: YEAR,
      referralClosure: true,
    });
    expect(referrals).toBeGreaterThan(0);
    expect(d.quotas.completedCases).toMatchObject({ done: completed + referrals, target: 5 });

    // Requests by status and the average rating.
    const created = cloud.db.command
      .gte(new Date('2024-12-31T16:00:00Z'))
      .and(cloud.db.command.lt(new Date('2025-12-31T16:00:00Z')));
    for (const s of REQUEST_STATUSES) {
      expect(d.activity.requestsByStatus.find((f) => f.key === s)?.value).toBe(
        await count(COLLECTIONS.requests, { stationId: TANGGU, createdAt: created, status: s }),
      );
    }
    let stars = 0;
    let rated = 0;
    for (let k = 1; k <= 5; k++) {
      const n = await count(COLLECTIONS.requests, {
        stationId: TANGGU,
        createdAt: created,
        'rating.stars': k,
      });
      stars += k * n;
      rated += n;
    }
    expect(d.activity.rating.count).toBe(rated);
    expect(d.activity.rating.average).toBe(Math.round((stars / rated) * 100) / 100);

    // Supervision hours (confirmed rows of the station's year).
    const rows = await all(COLLECTIONS.supervisionConfirmations, {
      stationId: TANGGU,
      year: YEAR,
      status: 'confirmed',
    });
    const hours = rows.reduce((n, r) => n + Number(r.hours), 0);
    expect(d.quotas.supervisionHours).toMatchObject({ done: hours, target: 40 });

    // Qualified staff, and the engine's verdicts for the same numbers (a past year: judged as it ended).
    const accounts = (await all(COLLECTIONS.users, { stationId: TANGGU, active: true })).filter(
      (u) => u.role === 'social_worker' || u.role === 'station_head',
    ) as unknown as Account[];
    const qualified = accounts.filter((a) => isQualified(a)).length;
    expect(d.quotas.qualifiedWorkers).toMatchObject({ done: qualified, target: 3 });
    const engine = quotasForStation({
      counts: {
        completedCases: completed,
        referralClosures: referrals,
        supervisionHours: hours,
        qualifiedWorkers: qualified,
        trainingHours: d.workers.map((w) => ({
          workerId: w.workerId,
          name: w.name,
          hours: w.trainingYear.value,
        })),
      },
      targets: { completedCases: 5, supervisionHours: 40, trainingHoursPerWorker: 20, qualifiedWorkers: 3 },
      referralClosuresCount: true,
      year: YEAR,
      now: new Date(),
    });
    expect(d.status).toBe(engine.status);
    expect(d.quotas.completedCases.status).toBe(engine.completedCases.status);
    expect(d.quotas.completedCases.reason).toBe(engine.completedCases.reason);
    expect(d.quotas.trainingHours.status).toBe(engine.trainingHours.status);
    expect(d.policy).toMatchObject({ source: 'stored', id: 'qp-2025', referralClosuresCount: true });
    expect(d.asOf).toBe('2025-12-31');
  });

  it('the supervisor of the station and the district stay within 8 round trips; a worker has no dashboard', async () => {
    const sup = await dbCalls(() => dashboard(SUPERVISOR, { stationId: TANGGU, year: YEAR }));
    expect(ok(sup.result).meta.roundTrips).toBe(sup.calls.length);
    expect(sup.calls.length).toBeLessThanOrEqual(8);
    const admin = await dbCalls(() => dashboard(ADMIN, { stationId: DAGANG, year: YEAR }));
    expect(ok(admin.result).meta.roundTrips).toBe(admin.calls.length);
    expect(admin.calls.length).toBeLessThanOrEqual(8);
    expect(err(await dashboard(WORKER, { stationId: TANGGU, year: YEAR })).code).toBe('permission-denied');
    expect(err(await dashboard(HEAD, { stationId: DAGANG, year: YEAR })).code).toBe('permission-denied');
    // A station that does not exist: the same answer as one outside the caller's reach.
    expect(err(await dashboard(ADMIN, { stationId: 'st-nowhere', year: YEAR })).code).toBe(
      'permission-denied',
    );
  });

  it('without a stored policy the notice defaults apply; empty station: zeros, not errors', async () => {
    const d = ok(await dashboard(HEAD, { stationId: TANGGU, year: YEAR }));
    expect(d.policy).toMatchObject({
      source: 'default',
      id: null,
      targets: { completedCases: 2, supervisionHours: 30 },
    });
    expect(d.activity.visitsTotal.value).toBe(0);
    expect(d.activity.visitsByMonth).toHaveLength(12);
    expect(d.activity.rating).toEqual({ average: null, count: 0, drill: null });
    expect(d.month).toBeNull();
    expect(d.activity.monthVisitsByCategory).toBeNull();
    // The whole year is over with nothing done: 有风险.
    expect(d.quotas.completedCases.status).toBe('有风险');
  });
});

describe('drill-downs: every figure opens the records behind it', () => {
  /** Pages through the drill's list action and counts the items. */
  async function opened(openid: string, drill: DrillDown): Promise<number> {
    let n = 0;
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: { items: unknown[]; nextCursor: string | null } = ok(
        await cloud.callAs(openid, drill.fn, {
          action: drill.action,
          ...drill.input,
          limit: 50,
          ...(cursor ? { cursor } : {}),
        }),
      );
      n += page.items.length;
      cursor = page.nextCursor;
      if (!cursor) return n;
    }
    throw new Error('too many pages');
  }

  it('visits of a month × category, a worker, an area; cases of a worker; requests of a status, rated', async () => {
    await seedDistrict();
    const d = ok(await dashboard(HEAD, { stationId: TANGGU, year: YEAR, month: 11 }));
    const figures = [
      d.activity.visitsByMonth[10]!,
      d.activity.monthVisitsByCategory![0]!,
      d.activity.serviceHoursByArea[0]!,
      d.workers[0]!.visitsMonth!,
      d.workers[0]!.openCases,
      d.workers[0]!.closedCases,
      d.activity.requestsByStatus.find((f) => f.key === 'completed')!,
      d.quotas.completedCases,
    ];
    for (const f of figures) {
      expect(f.drill).not.toBeNull();
      const n = await opened(HEAD, f.drill!);
      if ('key' in f && f.key !== d.activity.serviceHoursByArea[0]!.key)
        expect([f.key, n]).toEqual([f.key, f.value]);
      else if ('quota' in f) expect(['quota', n]).toEqual(['quota', f.done]);
      else expect(n).toBeGreaterThan(0); // hours: the visits behind them
    }
    expect(await opened(HEAD, d.activity.rating.drill!)).toBe(d.activity.rating.count);
  });

  it('the list filters refuse bad values in Chinese', async () => {
    const bad = err(
      await cloud.callAs(HEAD, 'visits', { action: 'listVisits', stationId: TANGGU, month: '2025-13' }),
    );
    expect(bad).toMatchObject({ code: 'invalid-argument', message: '月份请按 年-月 填写，例如 2025-11' });
    const cat = err(
      await cloud.callAs(HEAD, 'visits', { action: 'listVisits', stationId: TANGGU, category: '富裕' }),
    );
    expect(cat).toMatchObject({
      code: 'invalid-argument',
      message: '服务对象类别不在可选范围内，请重新选择',
    });
  });
});

describe('a station that opened during the year', () => {
  it('is paced from its opening day: opened after the year → nothing was due; opened mid-year → judged from then', async () => {
    await run(
      cloud.db
        .collection(COLLECTIONS.stations)
        .doc(DAGANG)
        .update({ data: { openedOn: '2026-03-01' } }),
    );
    const later = ok(await dashboard(ADMIN, { stationId: DAGANG, year: YEAR }));
    expect(later.openedDay).toBe('2026-03-01');
    expect(later.quotas.completedCases).toMatchObject({
      done: 0,
      expectedByNow: 0,
      elapsedShare: 0,
      status: '按进度',
    });
    expect(later.quotas.supervisionHours.status).toBe('按进度');

    const open = ok(await dashboard(ADMIN, { stationId: TANGGU, year: YEAR }));
    expect(open.openedDay).toBeNull();
    expect(open.quotas.completedCases).toMatchObject({ done: 0, elapsedShare: 1, status: '有风险' });

    await run(
      cloud.db
        .collection(COLLECTIONS.stations)
        .doc(DAGANG)
        .update({ data: { openedOn: '2025-07-01' } }),
    );
    const mid = ok(await dashboard(ADMIN, { stationId: DAGANG, year: YEAR }));
    expect(mid.openedDay).toBe('2025-07-01');
    expect(mid.quotas.completedCases).toMatchObject({ elapsedShare: 1, expectedByNow: 2, status: '有风险' });
  });
});

describe('bad input', () => {
  it.each([
    [{ stationId: TANGGU }, 'year', '请选择年份'],
    [{ stationId: TANGGU, year: 1999 }, 'year', '年份超出范围，请选择 2000 至 2100 年'],
    [{ stationId: TANGGU, year: 2025.5 }, 'year', '年份必须是整数'],
    [{ stationId: TANGGU, year: '2025' }, 'year', '年份必须是数字'],
    [{ stationId: TANGGU, year: 2025, month: 13 }, 'month', '月份请选择 1 至 12 月'],
    [{ stationId: TANGGU, year: 2025, month: 0 }, 'month', '月份请选择 1 至 12 月'],
    [{ stationId: TANGGU, year: 2025, extra: 1 }, undefined, undefined],
  ])('%j → invalid-argument in Chinese, nothing written', async (input, field, message) => {
    const before = cloud.counts();
    const e = err(await dashboard(HEAD, input));
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    if (message) expect(e.message).toBe(message);
    if (field) expect(e.details).toMatchObject({ field });
    expect(cloud.counts()).toEqual(before);
  });
});
