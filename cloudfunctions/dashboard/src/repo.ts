import { COLLECTIONS } from '../../../shared/src/collections';
import { beijingYearRange } from '../../../shared/src/calendar';
import { OPEN_CASE_STATUSES } from '../../../shared/src/domain/case';
import { TARGET_CATEGORIES } from '../../../shared/src/domain/person';
import { SERVICE_AREAS } from '../../../shared/src/domain/station';
import type { DB } from '../../_lib/db';
import { quotaPolicyLookup } from '../../_lib/quota-policy';
import * as store from '../../_lib/store';

/**
 * The only file of the dashboard function that touches the database, through
 * `_lib/store.ts`. ONE call per collection, each an aggregate whose grouping
 * the database does; the function only adds grouped rows up (fold.ts). One
 * load: the station (with its staff and the policy in force, by `$lookup`),
 * visits, cases, requests, training records, supervision rows — 6 calls, plus
 * the pipeline's account read (and a supervisor's assignments): at most 8.
 */

const C = COLLECTIONS;

/** Staff roles shown on the dashboard. */
export const STAFF_ROLES = ['social_worker', 'station_head'] as const;

/** Fields of a staff account the dashboard reads. */
const STAFF_FIELDS = ['name', 'role', 'stationId', 'active', 'qualification'] as const;

/** The station, its active staff and the quota policy in force for `year`: ONE aggregate. */
export async function stationWithStaffAndPolicy(
  db: DB,
  stationId: string,
  year: number,
): Promise<{ station: store.Doc; staff: store.Doc[]; policyDoc: store.Doc | null } | null> {
  const _ = db.command;
  const rows = await store.aggregate(
    db,
    C.stations,
    (a) =>
      a
        .match({ _id: stationId })
        .lookup({
          from: C.users,
          pipeline: store
            .subPipeline(db)
            .match({ stationId, active: _.neq(false), role: _.in([...STAFF_ROLES]) })
            .project(Object.fromEntries(STAFF_FIELDS.map((f) => [f, 1])))
            .sort({ _id: 1 })
            .done(),
          as: 'staff',
        })
        .lookup(quotaPolicyLookup(db, year, 'policy'))
        .project({ officialName: 1, openedOn: 1, staff: 1, policy: 1 }),
    1,
  );
  const station = rows[0];
  if (!station || (typeof station._id !== 'string' && typeof station._id !== 'number')) return null;
  const docs = (v: unknown): store.Doc[] =>
    Array.isArray(v)
      ? v
          .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null && '_id' in d)
          .map((d) => ({ ...d, _id: String(d._id) }))
      : [];
  return {
    station: { ...station, _id: String(station._id) },
    staff: docs(station.staff),
    policyDoc: docs(station.policy)[0] ?? null,
  };
}

/** The Beijing days of `year` as labels (visits and training store `day` / `endDay`). */
const yearDays = (db: DB, year: number) =>
  db.command.gte(`${year}-01-01`).and(db.command.lte(`${year}-12-31`));

/** The tag of the visit itself in {@link visitTagCounts} (never an id: ids are `[A-Za-z0-9_-]`). */
const VISIT_TAG = '#';
/** The need-area tag of a visit with no need recorded. */
export const NO_AREA = '未注明';
const CATEGORY_SET: ReadonlySet<string> = new Set(TARGET_CATEGORIES);
const AREA_SET: ReadonlySet<string> = new Set([...SERVICE_AREAS, NO_AREA]);

/**
 * A station's visits of a year, grouped by month and one tag: `m` (the visit
 * itself), `w` (each worker on it), `c` (each target category), `a` (each
 * service area of its needs; `未注明` when none). Each row: count and visit
 * hours (start to end). A visit counts once per tag it carries, so every
 * figure is exact (no double counting across tags). ONE aggregate.
 *
 * The tags are the values themselves in one array (the cheapest form for
 * the database): the kinds cannot collide — worker ids are `[A-Za-z0-9_-]`,
 * categories and areas are two disjoint lists of Chinese names, `#` is the visit.
 */
export async function visitTagCounts(
  db: DB,
  stationId: string,
  year: number,
): Promise<Array<{ month: string; t: string; v: string; count: number; hours: number }>> {
  const $ = db.command.aggregate;
  const rows = await store.aggregate(db, C.visits, (a) =>
    a
      .match({ stationId, day: yearDays(db, year) })
      .project({
        _id: 0,
        month: $.substr(['$day', 0, 7]),
        hours: $.divide([$.subtract(['$endAt', '$startAt']), 3_600_000]),
        // workerIds and categories are unique by the visit's schema; two needs may share an area.
        tags: $.concatArrays([
          [VISIT_TAG],
          $.ifNull(['$workerIds', []]),
          $.ifNull(['$categories', []]),
          $.cond([$.gt([$.size($.ifNull(['$needs', []])), 0]), $.setUnion(['$needs.area']), [NO_AREA]]),
        ]),
      })
      .unwind('$tags')
      .group({ _id: { month: '$month', tag: '$tags' }, count: $.sum(1), hours: $.sum('$hours') }),
  );
  return rows.map((r) => {
    const key = (r._id ?? {}) as { month?: unknown; tag?: unknown };
    const v = String(key.tag ?? '');
    const t = v === VISIT_TAG ? 'm' : CATEGORY_SET.has(v) ? 'c' : AREA_SET.has(v) ? 'a' : 'w';
    return {
      month: String(key.month),
      t,
      v: t === 'm' ? '' : v,
      count: Number(r.count) || 0,
      hours: Number(r.hours) || 0,
    };
  });
}

/**
 * A station's cases open now or counted in `year`, grouped by tag (`s`: the
 * case; `w`: each worker on its team), open or not, `completedYear` and
 * `referralClosure`. ONE aggregate.
 */
export async function caseTagCounts(
  db: DB,
  stationId: string,
  year: number,
): Promise<
  Array<{
    t: string;
    v: string;
    open: boolean;
    completedYear: number | null;
    referral: boolean;
    count: number;
  }>
> {
  const _ = db.command;
  const $ = _.aggregate;
  const open = [...OPEN_CASE_STATUSES];
  const rows = await store.aggregate(db, C.cases, (a) =>
    a
      .match(_.and([{ stationId }, _.or([{ status: _.in(open) }, { completedYear: year }])]))
      .project({
        _id: 0,
        open: $.in(['$status', open]),
        completedYear: $.ifNull(['$completedYear', null]),
        referral: $.eq(['$referralClosure', true]),
        tags: $.concatArrays([
          [{ t: 's', v: '' }],
          $.map({ input: $.setUnion([$.ifNull(['$workerIds', []])]), as: 'x', in: { t: 'w', v: '$$x' } }),
        ]),
      })
      .unwind('$tags')
      .group({
        _id: {
          t: '$tags.t',
          v: '$tags.v',
          open: '$open',
          completedYear: '$completedYear',
          referral: '$referral',
        },
        count: $.sum(1),
      }),
  );
  return rows.map((r) => {
    const k = (r._id ?? {}) as Record<string, unknown>;
    return {
      t: String(k.t),
      v: String(k.v ?? ''),
      open: k.open === true,
      completedYear: typeof k.completedYear === 'number' ? k.completedYear : null,
      referral: k.referral === true,
      count: Number(r.count) || 0,
    };
  });
}

/** A station's requests made in the Beijing `year`, by status and stars (null: not rated). ONE aggregate. */
export async function requestCounts(
  db: DB,
  stationId: string,
  year: number,
): Promise<Array<{ status: string; stars: number | null; count: number }>> {
  const _ = db.command;
  const $ = _.aggregate;
  const { start, end } = beijingYearRange(year);
  const rows = await store.aggregate(db, C.requests, (a) =>
    a
      .match({ stationId, createdAt: _.gte(start).and(_.lt(end)) })
      .group({ _id: { status: '$status', stars: $.ifNull(['$rating.stars', null]) }, count: $.sum(1) }),
  );
  return rows.map((r) => {
    const k = (r._id ?? {}) as Record<string, unknown>;
    return {
      status: String(k.status),
      stars: typeof k.stars === 'number' ? k.stars : null,
      count: Number(r.count) || 0,
    };
  });
}

/** A worker's current registration period (Beijing days). */
export interface PeriodOf {
  workerId: string;
  from: string;
  to: string;
}

/**
 * Confirmed 学时 of the station's workers (wherever each record was made:
 * 学时 follow the worker), grouped by worker, degree, whether in `year`, and
 * whether in the worker's registration period. ONE aggregate.
 */
export async function trainingSums(
  db: DB,
  workerIds: readonly string[],
  year: number,
  periods: readonly PeriodOf[],
): Promise<
  Array<{
    workerId: string;
    degree: boolean;
    inYear: boolean;
    inPeriod: boolean;
    count: number;
    hours: number;
  }>
> {
  if (workerIds.length === 0) return [];
  const _ = db.command;
  const $ = _.aggregate;
  const when: unknown[] = [{ year }];
  for (const p of periods) when.push({ workerId: p.workerId, endDay: _.gte(p.from).and(_.lte(p.to)) });
  const inPeriod =
    periods.length === 0
      ? false
      : $.or(
          periods.map((p) =>
            $.and([$.eq(['$workerId', p.workerId]), $.gte(['$endDay', p.from]), $.lte(['$endDay', p.to])]),
          ),
        );
  const rows = await store.aggregate(db, C.trainingRecords, (a) =>
    a
      // The workers first (the selective, indexed condition), the status after.
      .match(_.and([{ workerId: _.in([...workerIds]) }, _.or(when as store.Where[])]))
      .match({ status: 'confirmed' })
      .group({
        _id: {
          workerId: '$workerId',
          degree: $.eq(['$degree', true]),
          inYear: $.eq(['$year', year]),
          inPeriod,
        },
        count: $.sum(1),
        hours: $.sum('$hours'),
      }),
  );
  return rows.map((r) => {
    const k = (r._id ?? {}) as Record<string, unknown>;
    return {
      workerId: String(k.workerId),
      degree: k.degree === true,
      inYear: k.inYear === true,
      inPeriod: k.inPeriod === true,
      count: Number(r.count) || 0,
      hours: Number(r.hours) || 0,
    };
  });
}

/** A station's supervision rows of `year` by status: count and hours. ONE aggregate. */
export async function supervisionByStatus(
  db: DB,
  stationId: string,
  year: number,
): Promise<Array<{ status: string; count: number; hours: number }>> {
  const groups = await store.groupCount(db, C.supervisionConfirmations, { stationId, year }, 'status', {
    hours: 'hours',
  });
  return groups.map((g) => ({ status: String(g.key), count: g.count, hours: g.sums.hours ?? 0 }));
}
