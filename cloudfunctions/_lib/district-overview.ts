import type {
  DistrictOverview,
  OverviewGroup,
  OverviewQuota,
  OverviewStation,
} from '../../shared/src/contracts/dashboard';
import { COLLECTIONS } from '../../shared/src/collections';
import { beijingDay } from '../../shared/src/calendar';
import { isQualified } from '../../shared/src/domain/account';
import {
  STATION_STATUS_LABELS,
  STATION_STATUSES,
  type StationStatus,
} from '../../shared/src/domain/district';
import {
  QUOTA_KINDS,
  QUOTA_STATUSES,
  quotasForStation,
  type QuotaKey,
  type QuotaResult,
  type QuotaStatus,
} from '../../shared/src/domain/quota';
import { isCalendarDay } from '../../shared/src/domain/slot';
import { combineHours } from '../../shared/src/domain/training';
import { toAccount } from './authz';
import type { DB } from './db';
import { quotaPolicyFromDoc, quotaPolicyLookup } from './quota-policy';
import * as store from './store';

/**
 * The district bureau's overview of every station (issue 14), shared by
 * `dashboard.getDistrictOverview` (the screen) and
 * `ledger.exportDistrictWorkbook` (the workbook), so both show the same
 * figures: the four quotas judged by the same engine and policy as each
 * station's dashboard (`dashboard/src/actions/station.ts`), staff and
 * qualified staff, the station's stage. Counts only, never a person.
 *
 * Every count is grouped BY STATION (or by worker) in the database: FIVE
 * calls whatever the number of stations — stations (with their zone and the
 * policy in force, by `$lookup`), staff, cases, supervision, training — all
 * made at once.
 */

const C = COLLECTIONS;
/** Staff roles counted (as on the station dashboard). */
const STAFF_ROLES = ['social_worker', 'station_head'] as const;
/** Fields of a staff account read (as on the station dashboard). */
const STAFF_FIELDS = ['name', 'role', 'stationId', 'active', 'qualification'] as const;

/** Most stations the overview reads (the district has 21). */
const MAX_STATIONS = 200;

/**
 * Every station (notice order) with its responsible zone (`admin_units` by
 * `zoneId`) and the quota policy in force for `year`: ONE aggregate.
 */
export async function allStationsWithPolicy(
  db: DB,
  year: number,
): Promise<{ stations: store.Doc[]; policyDoc: store.Doc | null }> {
  const rows = await store.aggregate(
    db,
    C.stations,
    (a) =>
      a
        .match({})
        .sort({ unitKind: 1, order: 1, _id: 1 })
        .lookup({ from: C.adminUnits, localField: 'zoneId', foreignField: '_id', as: 'zone' })
        .lookup(quotaPolicyLookup(db, year, 'policy'))
        .project({
          officialName: 1,
          name: 1,
          unitName: 1,
          unitKind: 1,
          order: 1,
          openedOn: 1,
          record: 1,
          specialty: 1,
          rooms: 1,
          zoneId: 1,
          'zone._id': 1,
          'zone.name': 1,
          policy: 1,
        }),
    MAX_STATIONS,
  );
  const first = rows[0]?.policy;
  const policyDoc = Array.isArray(first) && first[0] && typeof first[0] === 'object' ? first[0] : null;
  return {
    stations: rows
      .filter((r) => typeof r._id === 'string' || typeof r._id === 'number')
      .map((r) => ({ ...r, _id: String(r._id) })),
    policyDoc: policyDoc
      ? { ...(policyDoc as Record<string, unknown>), _id: String((policyDoc as store.Doc)._id) }
      : null,
  };
}

/** Every station's active staff (social workers and heads): ONE read (a district has a few hundred at most). */
export async function allStaff(db: DB): Promise<store.Doc[]> {
  const _ = db.command;
  const docs = await store.findMany(
    db,
    C.users,
    { active: _.neq(false), role: _.in([...STAFF_ROLES]), stationId: _.exists(true) },
    { limit: store.MAX_READ, orderBy: [['_id', 'asc']], fields: [...STAFF_FIELDS] },
  );
  if (docs.length >= store.MAX_READ) throw new Error('more staff than one read returns');
  return docs;
}

/**
 * Cases counted in `year` (`completedYear`), grouped BY STATION and referral
 * closure. ONE aggregate for all stations.
 */
export async function completedCasesByStation(
  db: DB,
  year: number,
): Promise<Array<{ stationId: string; referral: boolean; count: number }>> {
  const $ = db.command.aggregate;
  const rows = await store.aggregate(db, C.cases, (a) =>
    a.match({ completedYear: year }).group({
      _id: { stationId: '$stationId', referral: $.eq(['$referralClosure', true]) },
      count: $.sum(1),
    }),
  );
  return rows.map((r) => {
    const k = (r._id ?? {}) as Record<string, unknown>;
    return { stationId: String(k.stationId), referral: k.referral === true, count: Number(r.count) || 0 };
  });
}

/** Confirmed supervision hours of `year` BY STATION. ONE aggregate for all stations. */
export async function supervisionHoursByStation(
  db: DB,
  year: number,
): Promise<Array<{ stationId: string; hours: number }>> {
  const $ = db.command.aggregate;
  const rows = await store.aggregate(db, C.supervisionConfirmations, (a) =>
    a.match({ year, status: 'confirmed' }).group({ _id: '$stationId', hours: $.sum('$hours') }),
  );
  return rows.map((r) => ({ stationId: String(r._id), hours: Number(r.hours) || 0 }));
}

/**
 * Confirmed 学时 of `year` BY WORKER (and degree): plain hours and degree
 * count. ONE aggregate for the whole district (学时 follow the worker).
 */
export async function trainingYearByWorker(
  db: DB,
  year: number,
): Promise<Array<{ workerId: string; degree: boolean; count: number; hours: number }>> {
  const $ = db.command.aggregate;
  const rows = await store.aggregate(db, C.trainingRecords, (a) =>
    a.match({ year, status: 'confirmed' }).group({
      _id: { workerId: '$workerId', degree: $.eq(['$degree', true]) },
      count: $.sum(1),
      hours: $.sum('$hours'),
    }),
  );
  return rows.map((r) => {
    const k = (r._id ?? {}) as Record<string, unknown>;
    return {
      workerId: String(k.workerId),
      degree: k.degree === true,
      count: Number(r.count) || 0,
      hours: Number(r.hours) || 0,
    };
  });
}

/**
 * The notice's groups: the 16 streets, then the 5 townships; a station an
 * administrator attached to a development zone's own unit, or one of unknown
 * kind, is shown in a group after them (never dropped).
 */
const GROUPS = [
  { kind: 'street', label: '街道' },
  { kind: 'township', label: '镇' },
  { kind: 'zone', label: '开发区' },
  { kind: 'other', label: '其他' },
] as const;
const KINDS: readonly string[] = GROUPS.map((g) => g.kind);

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** A station's stage from the bureau's record (`record.status`); absent or unknown: 筹建. */
export function stationStatusOf(doc: Record<string, unknown>): StationStatus {
  const record = doc.record as Record<string, unknown> | undefined;
  const v = record && typeof record === 'object' ? record.status : undefined;
  return (STATION_STATUSES as readonly unknown[]).includes(v) ? (v as StationStatus) : 'preparing';
}

/**
 * Every station's year: the overview (without `meta`) and the station
 * documents as read (the workbook shows their records).
 */
export async function loadDistrictOverview(
  db: DB,
  year: number,
  now: Date,
): Promise<{ overview: Omit<DistrictOverview, 'meta'>; stationDocs: Map<string, store.Doc> }> {
  const today = beijingDay(now);
  const lastDay = `${year}-12-31`;
  const asOf = today > lastDay ? lastDay : today;

  const [loaded, staffDocs, caseRows, supervisionRows, trainingRows] = await Promise.all([
    allStationsWithPolicy(db, year),
    allStaff(db),
    completedCasesByStation(db, year),
    supervisionHoursByStation(db, year),
    trainingYearByWorker(db, year),
  ]);
  const loadedPolicy = quotaPolicyFromDoc(loaded.policyDoc, year);
  const { policy } = loadedPolicy;

  const staffBy = new Map<string, ReturnType<typeof toAccount>[]>();
  for (const raw of staffDocs) {
    const a = toAccount({ openid: '', ...raw });
    const sid = String(raw.stationId);
    staffBy.set(sid, [...(staffBy.get(sid) ?? []), a]);
  }
  const cases = new Map<string, { completed: number; referral: number }>();
  for (const r of caseRows) {
    const c = cases.get(r.stationId) ?? { completed: 0, referral: 0 };
    if (r.referral) c.referral += r.count;
    else c.completed += r.count;
    cases.set(r.stationId, c);
  }
  const supervision = new Map(supervisionRows.map((r) => [r.stationId, r.hours]));
  const training = new Map<string, { hours: number; degrees: number }>();
  for (const r of trainingRows) {
    const t = training.get(r.workerId) ?? { hours: 0, degrees: 0 };
    if (r.degree) t.degrees += r.count;
    else t.hours += r.hours;
    training.set(r.workerId, t);
  }
  const yearHours = (id: string) => {
    const t = training.get(id);
    return t ? combineHours(t.hours, t.degrees) : 0;
  };

  const rows: OverviewStation[] = [];
  for (const doc of loaded.stations) {
    const kind = (
      KINDS.includes(String(doc.unitKind)) ? doc.unitKind : 'other'
    ) as OverviewStation['unitKind'];
    const stationId = doc._id;
    const staff = staffBy.get(stationId) ?? [];
    const openedDay = typeof doc.openedOn === 'string' && isCalendarDay(doc.openedOn) ? doc.openedOn : null;
    const c = cases.get(stationId) ?? { completed: 0, referral: 0 };
    const qualified = staff.filter((a) => isQualified(a)).length;
    const judged = quotasForStation({
      counts: {
        completedCases: c.completed,
        referralClosures: c.referral,
        supervisionHours: supervision.get(stationId) ?? 0,
        qualifiedWorkers: qualified,
        trainingHours: staff.map((a) => ({
          workerId: String(a._id),
          name: '',
          hours: yearHours(String(a._id)),
        })),
      },
      targets: policy.targets,
      referralClosuresCount: policy.referralClosuresCount,
      year,
      openedDay,
      now: now,
    });
    const q = (key: Exclude<QuotaKey, 'trainingHours'>, r: QuotaResult): OverviewQuota => ({
      quota: key,
      label: QUOTA_KINDS[key].label,
      unit: QUOTA_KINDS[key].unit,
      done: r.done,
      target: r.target,
      status: r.status,
      forecast: r.forecast,
      forecastMonth: r.forecastMonth,
      reason: r.reason,
    });
    const th = judged.trainingHours;
    const zoneDoc = Array.isArray(doc.zone)
      ? (doc.zone[0] as Record<string, unknown> | undefined)
      : undefined;
    const status = stationStatusOf(doc);
    rows.push({
      stationId,
      stationName: str(doc.officialName) ?? str(doc.name) ?? stationId,
      unitName: str(doc.unitName) ?? stationId,
      unitKind: kind,
      order: typeof doc.order === 'number' ? doc.order : 0,
      zone: zoneDoc && str(zoneDoc.name) ? { id: String(zoneDoc._id), name: String(zoneDoc.name) } : null,
      status,
      statusLabel: STATION_STATUS_LABELS[status],
      openedDay,
      staff: staff.length,
      qualifiedStaff: qualified,
      overall: judged.status,
      quotas: {
        completedCases: q('completedCases', judged.completedCases),
        supervisionHours: q('supervisionHours', judged.supervisionHours),
        trainingHours: {
          quota: 'trainingHours',
          label: QUOTA_KINDS.trainingHours.label,
          unit: '人',
          done: th.workers.filter((w) => w.status === '已完成').length,
          target: th.workers.length,
          status: th.status,
          forecast: th.workers.filter((w) => w.forecast >= w.target).length,
          forecastMonth: null,
          // The engine names who is behind; the district sees how many, never who.
          reason:
            th.behind.length > 0
              ? `${th.behind.length} 名社工继续教育学时落后进度（已完成 ${th.workers.filter((w) => w.status === '已完成').length} 人）`
              : th.reason,
        },
        qualifiedWorkers: q('qualifiedWorkers', judged.qualifiedWorkers),
      },
    });
  }

  const groups: OverviewGroup[] = GROUPS.map((g) => ({
    kind: g.kind,
    label: g.label,
    stations: rows.filter((r) => r.unitKind === g.kind).sort((a, b) => a.order - b.order),
  })).filter((g) => g.stations.length > 0 || g.kind === 'street' || g.kind === 'township');
  const byStatus = Object.fromEntries(QUOTA_STATUSES.map((s) => [s, 0])) as Record<QuotaStatus, number>;
  const byStationStatus = Object.fromEntries(STATION_STATUSES.map((s) => [s, 0])) as Record<
    StationStatus,
    number
  >;
  for (const r of rows) {
    byStatus[r.overall] += 1;
    byStationStatus[r.status] += 1;
  }
  const overview = {
    year,
    asOf,
    policy: {
      source: loadedPolicy.source,
      id: loadedPolicy.id,
      effectiveFrom: policy.effectiveFrom,
      targets: policy.targets,
      referralClosuresCount: policy.referralClosuresCount,
    },
    groups,
    totals: {
      stations: rows.length,
      staff: rows.reduce((n, r) => n + r.staff, 0),
      qualifiedStaff: rows.reduce((n, r) => n + r.qualifiedStaff, 0),
      byStatus,
      byStationStatus,
    },
  };
  return { overview, stationDocs: new Map(loaded.stations.map((d) => [d._id, d])) };
}
