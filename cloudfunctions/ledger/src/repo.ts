import { COLLECTIONS } from '../../../shared/src/collections';
import { CERTIFICATE_KINDS } from '../../../shared/src/domain/account';
import type { LedgerPeriod } from '../../../shared/src/domain/ledger';
import type { DB } from '../../_lib/db';
import * as store from '../../_lib/store';

/**
 * The only file of the ledger function (and of the reminders function, which
 * borrows it) that touches the database, through `_lib/store.ts`. It reads
 * the records of the other contexts (visits, cases, supervision, 学时,
 * requests, accounts, files) in cursor pages, never one unbounded get, and
 * counts with count() / aggregate(). It writes only `exports`.
 */

/** A stored document (fields checked where they are used). */
export type RawDoc = store.Doc;

const C = COLLECTIONS;

/** Rows read per page of a ledger sheet. */
export const LEDGER_PAGE = 100;

/** Staff roles a station's quotas and 资质台账 count. */
export const STAFF_ROLES = ['social_worker', 'station_head'] as const;

// ---------------------------------------------------------------- stations

/** One station (name and id only), or null. */
export const getStation = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, C.stations, id, ['officialName', 'unitName']);

/** Every station (the district has 21; one bounded read). */
export const allStations = (db: DB): Promise<RawDoc[]> =>
  store.findMany(
    db,
    C.stations,
    {},
    { limit: store.MAX_READ, orderBy: [['_id', 'asc']], fields: ['officialName'] },
  );

// ------------------------------------------------------------------- people

/** Most staff of one station read at once (a station has a handful). */
const MAX_STAFF = 200;

/** The active social workers and head of a station. */
export const stationStaff = (db: DB, stationId: string): Promise<RawDoc[]> => {
  const _ = db.command;
  return store.findMany(
    db,
    C.users,
    { stationId, active: _.neq(false), role: _.in([...STAFF_ROLES]) },
    { limit: MAX_STAFF, orderBy: [['_id', 'asc']], fields: ['name', 'role', 'active', 'qualification'] },
  );
};

/** The active heads of a station, with the OPENID a subscribe message goes to. */
export const stationHeads = (db: DB, stationId: string): Promise<RawDoc[]> =>
  store.findMany(
    db,
    C.users,
    { stationId, role: 'station_head', active: db.command.neq(false) },
    { limit: 20, orderBy: [['_id', 'asc']], fields: ['openid', 'name'] },
  );

/** Accounts by id (names as the station sees them). */
export const usersByIds = (db: DB, ids: readonly string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, C.users, ids, ['name']);

/** Service-user files by id: name, ID number (masked by the caller), 社区/村. */
export const personsByIds = (db: DB, ids: readonly string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, C.persons, ids, ['name', 'idNumber', 'community']);

/** Supervision sessions by id. */
export const sessionsByIds = (db: DB, ids: readonly string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, C.supervisionSessions, ids, [
    'startAt',
    'endAt',
    'hours',
    'form',
    'supervisorId',
    'supervisorKind',
    'workerIds',
    'project',
    'topics',
  ]);

// ------------------------------------------------------------ sheet pages

const inPeriod = (db: DB, p: LedgerPeriod) => db.command.gte(p.start).and(db.command.lt(p.end));
const daysIn = (db: DB, p: LedgerPeriod) => db.command.gte(p.firstDay).and(db.command.lte(p.lastDay));

/** Where the visits of a period are (by start, Beijing period). */
export const visitsWhere = (db: DB, stationId: string, p: LedgerPeriod): store.Where => ({
  stationId,
  startAt: inPeriod(db, p),
});

/** A page of the station's visits of the period, oldest first. */
export const pageVisits = (
  db: DB,
  stationId: string,
  p: LedgerPeriod,
  cursor: string | null,
): Promise<store.Page> =>
  store.page(db, C.visits, visitsWhere(db, stationId, p), {
    orderBy: ['startAt', 'asc'],
    limit: LEDGER_PAGE,
    cursor,
    fields: [
      'endAt',
      'personIds',
      'workerIds',
      'type',
      'mode',
      'needs',
      'services',
      'risk',
      'followUps',
      'confirmation',
      'withheld',
    ],
  });

/**
 * Where the cases of a period are: opened by the end of the period, and
 * either still worked or changed since its start (a case closed or declined
 * before the period is not in its ledger).
 */
export const casesWhere = (db: DB, stationId: string, p: LedgerPeriod): store.Condition => {
  const _ = db.command;
  return _.and([
    { stationId, openedAt: _.lt(p.end) },
    _.or([{ status: _.nin(['closed', 'declined']) }, { updatedAt: _.gte(p.start) }]),
  ]);
};

/** Case fields a ledger shows: no record text, no history, no notes. */
export const CASE_LEDGER_FIELDS = [
  'personIds',
  'source',
  'leadWorkerId',
  'assistantIds',
  'supervisorId',
  'status',
  'noteCount',
  'lastNoteDay',
  'closureType',
  'closureApprovedAt',
  'completedYear',
  'referralClosure',
  'followUpDay',
] as const;

/** A page of the station's cases of the period, by opening. */
export const pageCases = (
  db: DB,
  stationId: string,
  p: LedgerPeriod,
  cursor: string | null,
): Promise<store.Page> =>
  store.page(db, C.cases, casesWhere(db, stationId, p), {
    orderBy: ['openedAt', 'asc'],
    limit: LEDGER_PAGE,
    cursor,
    fields: CASE_LEDGER_FIELDS,
  });

/** Where the station's supervision rows of a period are (the session's Beijing day). */
export const confirmationsWhere = (db: DB, stationId: string, p: LedgerPeriod): store.Where => ({
  stationId,
  day: daysIn(db, p),
});

/** A page of the station's supervision rows (one per session), oldest first. */
export const pageConfirmations = (
  db: DB,
  stationId: string,
  p: LedgerPeriod,
  cursor: string | null,
): Promise<store.Page> =>
  store.page(db, C.supervisionConfirmations, confirmationsWhere(db, stationId, p), {
    orderBy: ['day', 'asc'],
    limit: LEDGER_PAGE,
    cursor,
    fields: ['sessionId', 'hours', 'status'],
  });

/** Where the 学时 records made at the station in a period are (by end day). */
export const trainingWhere = (db: DB, stationId: string, p: LedgerPeriod): store.Where => ({
  stationId,
  endDay: daysIn(db, p),
});

/** A page of the 学时 records of the period, oldest first. */
export const pageTraining = (
  db: DB,
  stationId: string,
  p: LedgerPeriod,
  cursor: string | null,
): Promise<store.Page> =>
  store.page(db, C.trainingRecords, trainingWhere(db, stationId, p), {
    orderBy: ['endDay', 'asc'],
    limit: LEDGER_PAGE,
    cursor,
    fields: [
      'workerId',
      'course',
      'kind',
      'form',
      'organiser',
      'startDay',
      'hours',
      'countedHours',
      'degree',
      'status',
    ],
  });

/** Where the ratings given in a period are. */
export const ratingsWhere = (db: DB, stationId: string, p: LedgerPeriod): store.Where => ({
  stationId,
  'rating.at': inPeriod(db, p),
});

/**
 * A page of the station's rated requests of the period, by `updatedAt` (the
 * rating sets it and a rated request does not change again; a nested field
 * such as `rating.at` cannot carry a page cursor).
 */
export const pageRatings = (
  db: DB,
  stationId: string,
  p: LedgerPeriod,
  cursor: string | null,
): Promise<store.Page> =>
  store.page(db, C.requests, ratingsWhere(db, stationId, p), {
    orderBy: ['updatedAt', 'asc'],
    limit: LEDGER_PAGE,
    cursor,
    fields: ['itemTitle', 'area', 'createdAt', 'rating'],
  });

// ---------------------------------------------------------------- counts

/** Rows matching `where` (counted by the database). */
export const countIn = (db: DB, collection: string, where: store.Condition): Promise<number> =>
  store.count(db, collection, where);

/**
 * Cases completed in `year` at the station by `at` (closure approved by
 * then), with and without referral closures (one aggregate).
 */
export async function completedCases(
  db: DB,
  stationId: string,
  year: number,
  at: Date,
): Promise<{ completed: number; referral: number }> {
  const groups = await store.groupCount(
    db,
    C.cases,
    { stationId, completedYear: year, closureApprovedAt: db.command.lte(at) },
    'referralClosure',
  );
  const referral = groups.filter((g) => g.key === true).reduce((n, g) => n + g.count, 0);
  const completed = groups.filter((g) => g.key !== true).reduce((n, g) => n + g.count, 0);
  return { completed, referral };
}

/** Confirmed supervision hours of the station's year, sessions held by Beijing day `lastDay` (one aggregate). */
export async function confirmedSupervisionHours(
  db: DB,
  stationId: string,
  year: number,
  lastDay: string,
): Promise<number> {
  const [g] = await store.groupCount(
    db,
    C.supervisionConfirmations,
    { stationId, year, status: 'confirmed', day: db.command.lte(lastDay) },
    'stationId',
    { hours: 'hours' },
  );
  return g?.sums.hours ?? 0;
}

/** The station's qualified staff, counted by the database (isQualified as a query). */
export function countQualified(db: DB, stationId: string): Promise<number> {
  const _ = db.command;
  return store.count(db, C.users, {
    stationId,
    active: _.neq(false),
    role: _.in([...STAFF_ROLES]),
    'qualification.kind': _.in([...CERTIFICATE_KINDS]),
    'qualification.registrationStatus': 'registered',
    'qualification.number': _.neq(''),
  });
}

/**
 * Confirmed 学时 of a year per worker, records ended by Beijing day `lastDay`
 * (one aggregate; degrees apart: a degree counts once).
 */
export async function confirmedTrainingByWorker(
  db: DB,
  workerIds: readonly string[],
  year: number,
  lastDay: string,
): Promise<Array<{ workerId: string; degree: boolean; count: number; hours: number }>> {
  if (workerIds.length === 0) return [];
  const groups = await store.groupCount(
    db,
    C.trainingRecords,
    { workerId: db.command.in([...workerIds]), year, status: 'confirmed', endDay: db.command.lte(lastDay) },
    { workerId: '$workerId', degree: '$degree' },
    { hours: 'hours' },
  );
  return groups.map((g) => {
    const key = (g.key ?? {}) as { workerId?: unknown; degree?: unknown };
    return {
      workerId: String(key.workerId),
      degree: key.degree === true,
      count: g.count,
      hours: g.sums.hours ?? 0,
    };
  });
}

/** Rating count and star sum of the period (one aggregate). */
export async function ratingTotals(
  db: DB,
  stationId: string,
  p: LedgerPeriod,
): Promise<{ count: number; stars: number }> {
  const [g] = await store.groupCount(db, C.requests, ratingsWhere(db, stationId, p), 'stationId', {
    stars: 'rating.stars',
  });
  return { count: g?.count ?? 0, stars: g?.sums.stars ?? 0 };
}

// ---------------------------------------------------------------- exports

/** Records an export (for the cleanup timer). */
export const insertExport = (db: DB, data: Record<string, unknown>): Promise<string> =>
  store.insert(db, C.exports, data);

/** Exports made before `before`, oldest first (a bounded batch). */
export const oldExports = (db: DB, before: Date, limit: number): Promise<RawDoc[]> =>
  store.findMany(
    db,
    C.exports,
    { createdAt: db.command.lt(before) },
    { limit, orderBy: [['createdAt', 'asc']], fields: ['fileID', 'createdAt'] },
  );

/** Removes export records by id. */
export const removeExports = (db: DB, ids: readonly string[]): Promise<number> =>
  ids.length === 0 ? Promise.resolve(0) : store.removeWhere(db, C.exports, { _id: db.command.in([...ids]) });
