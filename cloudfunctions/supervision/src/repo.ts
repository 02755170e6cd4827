import { COLLECTIONS } from '../../../shared/src/collections';
import type { DB } from '../../_lib/db';
import * as store from '../../_lib/store';

/**
 * The only file of the supervision function that touches the database,
 * through `_lib/store.ts`. Collections: `supervisor_assignments`,
 * `supervision_sessions` (`_id` = the phone's id), `supervision_confirmations`
 * (one row per session and station: what a station's hours sum over),
 * `training_records` (`_id` = the phone's id). It reads `users`.
 * Every count and sum is made by the database (count / groupCount).
 */

/** A stored document (fields checked by dto.ts). */
export type RawDoc = store.Doc;

const C = COLLECTIONS;

// ------------------------------------------------------------------ users

/** One account by id, or null. */
export const getUser = (db: DB, id: string): Promise<RawDoc | null> => store.getById(db, C.users, id);

/** Accounts by id. */
export const usersByIds = (db: DB, ids: readonly string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, C.users, [...new Set(ids)], ['name', 'role', 'stationId', 'active']);

/** Most staff of one station read at once (a station has a handful). */
const MAX_STAFF = 200;

/** The active social workers and head of a station. */
export const stationStaff = (db: DB, stationId: string): Promise<RawDoc[]> => {
  const _ = db.command;
  return store.findMany(
    db,
    C.users,
    { stationId, active: _.neq(false), role: _.in(['social_worker', 'station_head']) },
    { limit: MAX_STAFF, orderBy: [['_id', 'asc']] },
  );
};

/** The number of qualified staff of a station, counted by the database (isQualified as a query). */
export function countQualified(db: DB, stationId: string, kinds: readonly string[]): Promise<number> {
  const _ = db.command;
  return store.count(db, C.users, {
    stationId,
    active: _.neq(false),
    role: _.in(['social_worker', 'station_head']),
    'qualification.kind': _.in([...kinds]),
    'qualification.registrationStatus': 'registered',
    'qualification.number': _.neq(''),
  });
}

/** True when station `id` exists. */
export const stationExists = async (db: DB, id: string): Promise<boolean> =>
  (await store.getById(db, C.stations, id, ['_id'])) !== null;

// ------------------------------------------------------------ assignments

/** Inserts an assignment; returns its id. */
export const insertAssignment = (db: DB, data: Record<string, unknown>): Promise<string> =>
  store.insert(db, C.supervisorAssignments, data);

/** One assignment, or null. */
export const getAssignment = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, C.supervisorAssignments, id);

/** Sets the last day of an assignment. */
export const endAssignment = (db: DB, id: string, patch: Record<string, unknown>): Promise<boolean> =>
  store.updateById(db, C.supervisorAssignments, id, patch);

/** Assignments matching `where` (a station's, a supervisor's: a handful), newest first. */
export const findAssignments = (db: DB, where: store.Where): Promise<RawDoc[]> =>
  store.findMany(db, C.supervisorAssignments, where, { limit: 500, orderBy: [['from', 'desc']] });

// --------------------------------------------------------------- sessions

/** Inserts a session under the phone's id (`same` decides a repeat). */
export const insertSession = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
  same: (existing: RawDoc) => boolean,
): Promise<store.InsertOutcome> => store.insertWithId(db, C.supervisionSessions, id, data, same);

/** One session, or null. */
export const getSession = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, C.supervisionSessions, id);

/** Sessions by id. */
export const sessionsByIds = (db: DB, ids: readonly string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, C.supervisionSessions, [...new Set(ids)]);

/** A page of a supervisor's sessions, newest first (`pendingOnly`: some station has not answered). */
export function pageSupervisorSessions(
  db: DB,
  supervisorId: string,
  pendingOnly: boolean,
  cursor: string | null | undefined,
  limit: number,
): Promise<store.Page> {
  const where: store.Where = pendingOnly ? { supervisorId, openCount: db.command.gt(0) } : { supervisorId };
  return store.page(db, C.supervisionSessions, where, { orderBy: ['startAt', 'desc'], cursor, limit });
}

/** Counts one station's answer on the session (`openCount` − 1). */
export const decrementOpen = (db: DB, sessionId: string): Promise<number> =>
  store.updateWhere(db, C.supervisionSessions, { _id: sessionId }, { openCount: db.command.inc(-1) });

// ---------------------------------------------------------- confirmations

/** Inserts the rows of a session (a repeat skips those present: never overwritten). */
export const insertConfirmations = (
  db: DB,
  rows: ReadonlyArray<{ _id: string } & Record<string, unknown>>,
): Promise<store.InsertManyOutcome> => store.insertManyWithIds(db, C.supervisionConfirmations, rows);

/** The rows of some sessions (≤ 50 sessions × 10 stations). */
export const confirmationsOf = (db: DB, sessionIds: readonly string[]): Promise<RawDoc[]> =>
  sessionIds.length === 0
    ? Promise.resolve([])
    : store.findMany(
        db,
        C.supervisionConfirmations,
        { sessionId: db.command.in([...new Set(sessionIds)]) },
        { limit: 1000 },
      );

/** One row, or null. */
export const getConfirmation = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, C.supervisionConfirmations, id);

/** Answers a row only while it is still pending (one conditional update). */
export const answerConfirmation = (db: DB, id: string, patch: Record<string, unknown>): Promise<number> =>
  store.updateWhere(db, C.supervisionConfirmations, { _id: id, status: 'pending' }, patch);

/** A page of a station's rows, newest first. */
export function pageStationConfirmations(
  db: DB,
  stationId: string,
  filter: { status?: string; year?: number },
  cursor: string | null | undefined,
  limit: number,
): Promise<store.Page> {
  const where: store.Where = { stationId };
  if (filter.status) where.status = filter.status;
  if (filter.year) where.year = filter.year;
  return store.page(db, C.supervisionConfirmations, where, { orderBy: ['day', 'desc'], cursor, limit });
}

/** Hours and row counts of a station's year by status (one aggregate). */
export async function stationHoursByStatus(
  db: DB,
  stationId: string,
  year: number,
): Promise<Map<string, { count: number; hours: number }>> {
  const groups = await store.groupCount(db, C.supervisionConfirmations, { stationId, year }, 'status', {
    hours: 'hours',
  });
  return new Map(groups.map((g) => [String(g.key), { count: g.count, hours: g.sums.hours ?? 0 }]));
}

/** A station's rows still waiting for the head (any year). */
export const countPendingConfirmations = (db: DB, stationId: string): Promise<number> =>
  store.count(db, C.supervisionConfirmations, { stationId, status: 'pending' });

// --------------------------------------------------------------- training

/** Inserts a training record under the phone's id. */
export const insertTraining = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
  same: (existing: RawDoc) => boolean,
): Promise<store.InsertOutcome> => store.insertWithId(db, C.trainingRecords, id, data, same);

/** One record, or null. */
export const getTraining = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, C.trainingRecords, id);

/** Answers a record only while it is still pending. */
export const answerTraining = (db: DB, id: string, patch: Record<string, unknown>): Promise<number> =>
  store.updateWhere(db, C.trainingRecords, { _id: id, status: 'pending' }, patch);

/** A page of one worker's records, newest (by end day) first. */
export function pageWorkerTraining(
  db: DB,
  workerId: string,
  year: number | undefined,
  cursor: string | null | undefined,
  limit: number,
): Promise<store.Page> {
  const where: store.Where = year ? { workerId, year } : { workerId };
  return store.page(db, C.trainingRecords, where, { orderBy: ['endDay', 'desc'], cursor, limit });
}

/** A page of the records made at a station (pending first is the caller's filter), newest first. */
export function pageStationTraining(
  db: DB,
  stationId: string,
  status: string | undefined,
  cursor: string | null | undefined,
  limit: number,
): Promise<store.Page> {
  const where: store.Where = status ? { stationId, status } : { stationId };
  return store.page(db, C.trainingRecords, where, { orderBy: ['receivedAt', 'desc'], cursor, limit });
}

/** Sums of a worker's records matching `where` extra conditions, by status and degree (one aggregate). */
export async function workerTrainingSums(
  db: DB,
  where: store.Where,
): Promise<Array<{ status: string; degree: boolean; count: number; hours: number }>> {
  const groups = await store.groupCount(
    db,
    C.trainingRecords,
    where,
    { status: '$status', degree: '$degree' },
    { hours: 'hours' },
  );
  return groups.map((g) => {
    const key = (g.key ?? {}) as { status?: unknown; degree?: unknown };
    return {
      status: String(key.status),
      degree: key.degree === true,
      count: g.count,
      hours: g.sums.hours ?? 0,
    };
  });
}

/** Confirmed hours of a year per worker, for some workers (one aggregate; degrees apart). */
export async function confirmedYearByWorker(
  db: DB,
  workerIds: readonly string[],
  year: number,
): Promise<Array<{ workerId: string; degree: boolean; count: number; hours: number }>> {
  if (workerIds.length === 0) return [];
  const groups = await store.groupCount(
    db,
    C.trainingRecords,
    { workerId: db.command.in([...workerIds]), year, status: 'confirmed' },
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

/** Records made at a station still waiting for the head. */
export const countPendingTraining = (db: DB, stationId: string): Promise<number> =>
  store.count(db, C.trainingRecords, { stationId, status: 'pending' });
