import { COLLECTIONS } from '../../../shared/src/collections';
import type { DB } from '../../_lib/db';
import * as store from '../../_lib/store';

/**
 * The only file of the visits function that touches the database, through
 * `_lib/store.ts`. Collections: `visits` (the latest received version of a
 * record; `_id` = the phone's id), `visit_conflicts` (versions that
 * conflicted, kept for the head), `follow_ups`. It reads `persons`, `users`,
 * `households`; the persons' visit pace (`lastVisitDay`, `nextDueDay`, `risk`)
 * and consents are read and written through the FILES function's repo
 * (`markVisited`, `consentEventsOf`), imported from ../../files/src: the build
 * bundles each function on its own, so that code is copied into this bundle.
 */

/** A stored document (fields checked by dto.ts). */
export type RawDoc = store.Doc;

// ---------------------------------------------------------------- visits

/** One visit, or null. */
export const getVisit = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, COLLECTIONS.visits, id);

/** Inserts a visit under the phone's id; `same` decides a duplicate (see store.insertWithId). */
export const insertVisit = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
  same: (existing: RawDoc) => boolean,
): Promise<store.InsertOutcome> => store.insertWithId(db, COLLECTIONS.visits, id, data, same);

/**
 * Replaces the content of visit `id` only while it is still at `version`
 * (one conditional update: two phones racing cannot both win). Objects and
 * arrays are written whole (`_.set`), never merged into the old ones.
 */
export async function replaceVisitAt(
  db: DB,
  id: string,
  version: number,
  data: Record<string, unknown>,
): Promise<boolean> {
  const _ = db.command;
  const patch = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [
      k,
      v !== null && typeof v === 'object' && !(v instanceof Date) ? _.set(v) : v,
    ]),
  );
  return (await store.updateWhere(db, COLLECTIONS.visits, { _id: id, version }, patch)) === 1;
}

/** Filters of a station's visit list (the dashboard's drill-downs). */
export interface VisitFilter {
  personId?: string;
  /** Beijing year / `YYYY-MM` of the visit's day. */
  year?: number;
  month?: string;
  category?: string;
  workerId?: string;
  /** A need recorded in this service area. */
  area?: string;
}

/** A page of a station's visits (filtered), newest first. */
export function pageVisits(
  db: DB,
  stationId: string,
  filter: VisitFilter,
  cursor: string | null | undefined,
  limit: number,
): Promise<store.Page> {
  const _ = db.command;
  const where: store.Where = { stationId };
  if (filter.personId) where.personIds = filter.personId;
  if (filter.workerId) where.workerIds = filter.workerId;
  if (filter.category) where.categories = filter.category;
  if (filter.area) where['needs.area'] = filter.area;
  // Day labels compare as text; a month and a year together must both hold.
  const ranges: Array<[string, string]> = [];
  if (filter.year) ranges.push([`${filter.year}-01-01`, `${filter.year}-12-31`]);
  if (filter.month) ranges.push([`${filter.month}-01`, `${filter.month}-31`]);
  if (ranges.length > 0) {
    const from = ranges
      .map((r) => r[0])
      .sort()
      .at(-1)!;
    const to = ranges.map((r) => r[1]).sort()[0]!;
    where.day = _.gte(from).and(_.lte(to));
  }
  return store.page(db, COLLECTIONS.visits, where, { orderBy: ['startAt', 'desc'], cursor, limit });
}

// ------------------------------------------------------------- conflicts

/** Keeps a conflicting version (a repeat of the same one writes nothing). */
export const insertConflict = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
): Promise<store.InsertOutcome> => store.insertWithId(db, COLLECTIONS.visitConflicts, id, data, () => true);

/** One conflict, or null. */
export const getConflict = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, COLLECTIONS.visitConflicts, id);

/** A page of a station's open conflicts, oldest first. */
export const pageOpenConflicts = (
  db: DB,
  stationId: string,
  cursor: string | null | undefined,
  limit: number,
): Promise<store.Page> =>
  store.page(
    db,
    COLLECTIONS.visitConflicts,
    { stationId, status: 'open' },
    { orderBy: ['at', 'asc'], cursor, limit },
  );

/** Ids of the visits among `visitIds` with an open conflict. */
export async function visitsWithOpenConflicts(db: DB, visitIds: string[]): Promise<Set<string>> {
  if (visitIds.length === 0) return new Set();
  const docs = await store.findMany(
    db,
    COLLECTIONS.visitConflicts,
    { visitId: db.command.in(visitIds), status: 'open' },
    { limit: store.MAX_READ, fields: ['visitId'] },
  );
  return new Set(docs.map((d) => String(d.visitId)));
}

/** Marks a conflict resolved, only while still open; true when this call did it. */
export async function resolveConflict(
  db: DB,
  id: string,
  patch: { kept: 'server' | 'phone'; resolvedBy: string; resolvedAt: Date },
): Promise<boolean> {
  return (
    (await store.updateWhere(
      db,
      COLLECTIONS.visitConflicts,
      { _id: id, status: 'open' },
      {
        status: 'resolved',
        ...patch,
      },
    )) === 1
  );
}

// ------------------------------------------------------------- follow-ups

/** Writes a visit's follow-ups (ids `<visitId>-f<n>`) and removes those the new version dropped. */
export async function putFollowUps(
  db: DB,
  visitId: string,
  firstVersion: boolean,
  docs: Array<{ _id: string } & Record<string, unknown>>,
): Promise<void> {
  const _ = db.command;
  // A later version replaces the earlier version's follow-ups; a first one has none to remove.
  if (!firstVersion) {
    await store.removeWhere(db, COLLECTIONS.followUps, {
      visitId,
      _id: _.nin(docs.map((d) => d._id)),
    });
  }
  await Promise.all(docs.map(({ _id, ...data }) => store.put(db, COLLECTIONS.followUps, _id, data)));
}

/** A visit's follow-ups. */
export const followUpsOf = (db: DB, visitId: string): Promise<RawDoc[]> =>
  store.findMany(db, COLLECTIONS.followUps, { visitId }, { limit: 50, orderBy: [['_id', 'asc']] });

/** A page of a user's open follow-ups, earliest due first. */
export const pageOpenFollowUps = (
  db: DB,
  ownerId: string,
  cursor: string | null | undefined,
  limit: number,
): Promise<store.Page> =>
  store.page(
    db,
    COLLECTIONS.followUps,
    { ownerId, status: 'open' },
    { orderBy: ['dueDay', 'asc'], cursor, limit },
  );

// ------------------------------------------------------ persons, users

/** The persons with the given ids (station, name, birth, status). */
export const personsByIds = (db: DB, ids: readonly string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, COLLECTIONS.persons, ids, ['stationId', 'name', 'birthDate', 'birthYear', 'status']);

/** The users with the given ids (role, station, activity). */
export const usersByIds = (db: DB, ids: readonly string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, COLLECTIONS.users, ids, ['role', 'stationId', 'active']);

/** One household (its station), or null. */
export const getHousehold = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, COLLECTIONS.households, id, ['stationId']);
