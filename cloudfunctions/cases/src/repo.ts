import { COLLECTIONS } from '../../../shared/src/collections';
import type { DB } from '../../_lib/db';
import * as store from '../../_lib/store';

/**
 * The only file of the cases function that touches the database, through
 * `_lib/store.ts`. Collections: `cases` (one document per case: team, stage
 * records, history; `_id` = the phone's id) and `case_notes` (intervention
 * notes; `_id` = the phone's id; versions from another phone that conflict
 * are kept in the note's `conflicts`). It reads `persons` and `users`.
 *
 * Every change of a case is ONE conditional update on `{_id, version}` that
 * also bumps `version` and appends the history entry, so two devices (or two
 * approvers) racing cannot both apply, and nothing is overwritten silently.
 */

/** A stored document (fields checked by dto.ts). */
export type RawDoc = store.Doc;

// ------------------------------------------------------------------ cases

/** One case, or null. */
export const getCase = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, COLLECTIONS.cases, id);

/** Inserts a case under the phone's id; `same` decides a duplicate (see store.insertWithId). */
export const insertCase = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
  same: (existing: RawDoc) => boolean,
): Promise<store.InsertOutcome> => store.insertWithId(db, COLLECTIONS.cases, id, data, same);

/**
 * Applies `patch` to case `id` only while it still matches `where` (its
 * `version`, a status): appends `events` to the history, sets `updatedAt`,
 * and bumps the version when `bump` (every change a device could otherwise
 * overwrite; attachments and a done follow-up do not). Objects and arrays in
 * `patch` are written whole (`_.set`). True when this call did it.
 */
export async function updateCaseWhere(
  db: DB,
  id: string,
  where: store.Where,
  patch: Record<string, unknown>,
  opts: {
    events: Record<string, unknown>[];
    now: Date;
    bumpFrom: number | null;
    push?: Record<string, unknown[]>;
  },
): Promise<boolean> {
  const _ = db.command;
  const data: Record<string, unknown> = Object.fromEntries(
    Object.entries(patch).map(([k, v]) => [
      k,
      v !== null && typeof v === 'object' && !(v instanceof Date) ? _.set(v) : v,
    ]),
  );
  if (opts.bumpFrom !== null) data.version = opts.bumpFrom + 1;
  data.updatedAt = opts.now;
  if (opts.events.length) data.history = _.push(opts.events);
  for (const [field, values] of Object.entries(opts.push ?? {})) data[field] = _.push(values);
  const condition =
    opts.bumpFrom !== null ? { ...where, _id: id, version: opts.bumpFrom } : { ...where, _id: id };
  return (await store.updateWhere(db, COLLECTIONS.cases, condition, data)) === 1;
}

/** Counts a received note on its case (not a change of the case: the version stays). */
export async function countNote(db: DB, caseId: string, day: string, added: boolean): Promise<void> {
  const _ = db.command;
  if (added) await store.updateWhere(db, COLLECTIONS.cases, { _id: caseId }, { noteCount: _.inc(1) });
  // The latest session day only moves forward.
  await store.updateWhere(
    db,
    COLLECTIONS.cases,
    _.or([
      { _id: caseId, lastNoteDay: null },
      { _id: caseId, lastNoteDay: _.lt(day) },
    ]),
    { lastNoteDay: day },
  );
}

/** Fields a list shows (no record text, no history). */
export const LIST_FIELDS = [
  'stationId',
  'version',
  'status',
  'personIds',
  'source',
  'leadWorkerId',
  'assistantIds',
  'supervisorId',
  'refusal',
  'noteCount',
  'lastNoteDay',
  'planEndDay',
  'closureType',
  'followUpDay',
  'followUpDone',
  'openedAt',
  'updatedAt',
] as const;

/** A page of cases matching `where`, by `orderBy`. */
export const pageCases = (
  db: DB,
  where: store.Condition,
  orderBy: store.Sort,
  cursor: string | null | undefined,
  limit: number,
): Promise<store.Page> =>
  store.page(db, COLLECTIONS.cases, where, { orderBy, cursor, limit, fields: LIST_FIELDS });

/** Up to `limit` cases matching `where` (a bounded read for a filtered list). */
export const findCases = (db: DB, where: store.Condition, limit: number): Promise<RawDoc[]> =>
  store.findMany(db, COLLECTIONS.cases, where, {
    limit,
    orderBy: [['updatedAt', 'desc']],
    fields: LIST_FIELDS,
  });

/** Cases per station matching `where` (counted in the database). */
export const countCasesByStation = (db: DB, where: store.Where): Promise<store.Group[]> =>
  store.groupCount(db, COLLECTIONS.cases, where, 'stationId');

/** Cases matching `where` (counted in the database). */
export const countCases = (db: DB, where: store.Condition): Promise<number> =>
  store.count(db, COLLECTIONS.cases, where);

// ------------------------------------------------------------------ notes

/** One note, or null. */
export const getNote = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, COLLECTIONS.caseNotes, id);

/** Inserts a note under the phone's id (a taken id is reported, never overwritten). */
export const insertNote = (db: DB, id: string, data: Record<string, unknown>): Promise<store.InsertOutcome> =>
  store.insertWithId(db, COLLECTIONS.caseNotes, id, data, () => false);

/** Replaces note `id` only while it is still at `version`. */
export const replaceNoteAt = async (
  db: DB,
  id: string,
  version: number,
  data: Record<string, unknown>,
): Promise<boolean> => {
  const _ = db.command;
  const patch = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [
      k,
      v !== null && typeof v === 'object' && !(v instanceof Date) ? _.set(v) : v,
    ]),
  );
  return (await store.updateWhere(db, COLLECTIONS.caseNotes, { _id: id, version }, patch)) === 1;
};

/** Keeps a conflicting version beside the note (once per version + content). */
export async function keepNoteConflict(
  db: DB,
  id: string,
  conflict: { version: number; fp: string } & Record<string, unknown>,
): Promise<void> {
  const _ = db.command;
  await store.updateWhere(
    db,
    COLLECTIONS.caseNotes,
    { _id: id, conflictKeys: _.nin([`${conflict.version}:${conflict.fp}`]) },
    { conflicts: _.push([conflict]), conflictKeys: _.push([`${conflict.version}:${conflict.fp}`]) },
  );
}

/** A page of a case's notes, newest session first. */
export const pageNotes = (
  db: DB,
  caseId: string,
  cursor: string | null | undefined,
  limit: number,
): Promise<store.Page> =>
  store.page(db, COLLECTIONS.caseNotes, { caseId }, { orderBy: ['day', 'desc'], cursor, limit });

// ------------------------------------------------------ persons, users

/** One person's file (station), or null. */
export const getPerson = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, COLLECTIONS.persons, id, ['stationId']);

/** The persons with the given ids (station, name). */
export const personsByIds = (db: DB, ids: readonly string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, COLLECTIONS.persons, ids, ['stationId', 'name', 'status']);

/** The users with the given ids (role, station(s), activity). */
export const usersByIds = (db: DB, ids: readonly string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, COLLECTIONS.users, ids, ['role', 'stationId', 'stationIds', 'active']);

/** Cases of a person (bounded: a person has few cases). */
export const casesOfPerson = (db: DB, personId: string, limit: number): Promise<RawDoc[]> =>
  store.findMany(
    db,
    COLLECTIONS.cases,
    { personIds: personId },
    {
      limit,
      orderBy: [['updatedAt', 'desc']],
      fields: [...LIST_FIELDS, 'workerIds'],
    },
  );

/** The station of a case's origin record (a request, or a visit / its follow-up), or null when missing. */
export async function originStation(db: DB, source: string, id: string): Promise<string | null> {
  if (source === 'resident_request') {
    const d = await store.getById(db, COLLECTIONS.requests, id, ['stationId']);
    return d ? String(d.stationId ?? '') : null;
  }
  if (source === 'visit_follow_up') {
    const [visit, followUp] = await Promise.all([
      store.getById(db, COLLECTIONS.visits, id, ['stationId']),
      store.getById(db, COLLECTIONS.followUps, id, ['stationId']),
    ]);
    const d = visit ?? followUp;
    return d ? String(d.stationId ?? '') : null;
  }
  return null;
}

/** True when station `id` exists. */
export const stationExists = async (db: DB, id: string): Promise<boolean> =>
  (await store.getById(db, COLLECTIONS.stations, id, ['_id'])) !== null;
