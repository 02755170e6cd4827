import { COLLECTIONS } from '../../../shared/src/collections';
import type { DB } from '../../_lib/db';
import * as store from '../../_lib/store';

/**
 * The only file of the district function that touches the database, through
 * `_lib/store.ts`. Reads and writes: `stations` (the record fields and
 * `recordVersion`), `station_record_history`, `quota_policies`,
 * `publicity_consents`, `stories`. Reads: `users` (staff, names), `persons`
 * (only a file's station, birth and name, to check a consent and the
 * anonymity of a story; never returned). Every count is made by the database.
 */

/** A stored document (fields checked by dto.ts). */
export type RawDoc = store.Doc;

const C = COLLECTIONS;

// ------------------------------------------------------------------ stations

/** One station, or null. */
export const getStation = (db: DB, id: string): Promise<RawDoc | null> => store.getById(db, C.stations, id);

/** Most stations read at once (the district has 21). */
const MAX_STATIONS = 200;

/** Every station's name and place in the notice's order. */
export const allStations = (db: DB): Promise<RawDoc[]> =>
  store.findMany(
    db,
    C.stations,
    {},
    {
      limit: MAX_STATIONS,
      orderBy: [
        ['unitKind', 'asc'],
        ['order', 'asc'],
        ['_id', 'asc'],
      ],
      fields: ['officialName', 'unitName', 'unitKind', 'order'],
    },
  );

/** Stations by id (names). */
export const stationsByIds = (db: DB, ids: readonly string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, C.stations, ids, ['officialName', 'unitName']);

/** An administrative unit's name, or null. */
export async function adminUnitName(db: DB, id: string): Promise<string | null> {
  const name = (await store.getById(db, C.adminUnits, id, ['name']))?.name;
  return typeof name === 'string' ? name : null;
}

/**
 * Writes a station's record only while it is still at `version` (0: never
 * edited, no `recordVersion` yet): one conditional update, so two editors
 * never overwrite each other silently. True when written.
 */
export async function updateRecordAt(
  db: DB,
  stationId: string,
  version: number,
  patch: Record<string, unknown>,
): Promise<boolean> {
  const _ = db.command;
  const at = version === 0 ? _.exists(false) : version;
  return (await store.updateWhere(db, C.stations, { _id: stationId, recordVersion: at }, patch)) === 1;
}

/** Appends one history entry under `<stationId>-v<version>` (one per version). */
export const insertHistory = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
): Promise<store.InsertOutcome> => store.insertWithId(db, C.stationRecordHistory, id, data);

/** A page of a station's record history, newest first. */
export const historyPage = (
  db: DB,
  stationId: string,
  opts: { cursor?: string | null; limit: number },
): Promise<store.Page> =>
  store.page(db, C.stationRecordHistory, { stationId }, { orderBy: ['at', 'desc'], ...opts });

// ------------------------------------------------------------------ users

/** Accounts by id (names and roles only). */
export const usersByIds = (db: DB, ids: readonly string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, C.users, ids.filter(Boolean), ['name', 'role', 'stationId', 'active']);

/** One account, or null. */
export const getUser = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, C.users, id, ['name', 'role', 'stationId', 'active']);

/** Most staff read at once for the registry (21 stations × a handful). */
const MAX_STAFF = 1000;

/** The active social workers and heads (of one station, or all), with their qualification. */
export const staff = (db: DB, stationId?: string): Promise<RawDoc[]> => {
  const _ = db.command;
  return store.findMany(
    db,
    C.users,
    {
      ...(stationId ? { stationId } : {}),
      active: _.neq(false),
      role: _.in(['social_worker', 'station_head']),
    },
    {
      limit: MAX_STAFF,
      orderBy: [
        ['stationId', 'asc'],
        ['_id', 'asc'],
      ],
      fields: ['name', 'role', 'stationId', 'active', 'qualification'],
    },
  );
};

/**
 * Qualified staff per station, counted by the database: isQualified() as a
 * query (the same condition as supervision's countQualified), grouped by station.
 */
export async function qualifiedPerStation(
  db: DB,
  kinds: readonly string[],
  stationId?: string,
): Promise<Map<string, number>> {
  const _ = db.command;
  const groups = await store.groupCount(
    db,
    C.users,
    {
      ...(stationId ? { stationId } : {}),
      active: _.neq(false),
      role: _.in(['social_worker', 'station_head']),
      'qualification.kind': _.in([...kinds]),
      'qualification.registrationStatus': 'registered',
      'qualification.number': _.neq(''),
    },
    'stationId',
  );
  return new Map(groups.map((g) => [String(g.key), g.count]));
}

// ------------------------------------------------------------------ policies

/** Most policies listed (one or two a year). */
const MAX_POLICIES = 200;

/** Stored quota policies, latest `effectiveFrom` first. */
export const listPolicies = (db: DB): Promise<RawDoc[]> =>
  store.findMany(db, C.quotaPolicies, {}, { limit: MAX_POLICIES, orderBy: [['effectiveFrom', 'desc']] });

/** One stored policy, or null. */
export const getPolicy = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, C.quotaPolicies, id);

/** Inserts a policy under its id (`qp-<effectiveFrom>`); a taken id is reported, never overwritten. */
export const insertPolicy = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
): Promise<store.InsertOutcome> => store.insertWithId(db, C.quotaPolicies, id, data);

/** Replaces a stored policy only while it has not come into force (`effectiveFrom` after `today`). */
export async function replacePolicyNotInForce(
  db: DB,
  id: string,
  today: string,
  patch: Record<string, unknown>,
): Promise<boolean> {
  const _ = db.command;
  return (await store.updateWhere(db, C.quotaPolicies, { _id: id, effectiveFrom: _.gt(today) }, patch)) === 1;
}

// ------------------------------------------------------------------ persons (read-only)

/** What the story checks need of a file: station, birth, name (never returned to a caller). */
export const getPersonForConsent = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, C.persons, id, ['stationId', 'birthDate', 'birthYear', 'name']);

// ------------------------------------------------------------------ consents

/** Inserts a publicity consent event under the phone's id. */
export const insertConsent = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
  same: (existing: RawDoc) => boolean,
): Promise<store.InsertOutcome> => store.insertWithId(db, C.publicityConsents, id, data, same);

/** One publicity consent event, or null. */
export const getConsent = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, C.publicityConsents, id);

/** Consent events by id. */
export const consentsByIds = (db: DB, ids: readonly string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, C.publicityConsents, ids.filter(Boolean), ['givenBy', 'method', 'day', 'kind']);

/** The latest publicity consent event of a person (by day, then time recorded), or null. */
export const latestConsentOf = (db: DB, personId: string): Promise<RawDoc | null> =>
  store.findOne(
    db,
    C.publicityConsents,
    { personId },
    {
      orderBy: [
        ['day', 'desc'],
        ['recordedAt', 'desc'],
      ],
    },
  );

/** Marks a consent as withdrawn through a story's withdrawal (the person said so to the head). */
export const markConsentRevoked = (db: DB, id: string, patch: Record<string, unknown>): Promise<number> =>
  store.updateWhere(db, C.publicityConsents, { _id: id, kind: 'give' }, patch);

// ------------------------------------------------------------------ stories

/** Inserts a story under the phone's id. */
export const insertStory = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
  same: (existing: RawDoc) => boolean,
): Promise<store.InsertOutcome> => store.insertWithId(db, C.stories, id, data, same);

/** One story, or null. */
export const getStory = (db: DB, id: string): Promise<RawDoc | null> => store.getById(db, C.stories, id);

/** Moves a story on only while it is in one of `from` (one conditional update). */
export async function moveStory(
  db: DB,
  id: string,
  from: readonly string[],
  patch: Record<string, unknown>,
): Promise<boolean> {
  const _ = db.command;
  return (await store.updateWhere(db, C.stories, { _id: id, status: _.in([...from]) }, patch)) === 1;
}

/** Takes down every live case story about a person (their consent was withdrawn); how many. */
export function withdrawStoriesOfPerson(
  db: DB,
  personId: string,
  patch: Record<string, unknown>,
): Promise<number> {
  const _ = db.command;
  return store.updateWhere(
    db,
    C.stories,
    { personId, kind: 'case_story', status: _.in(['pending', 'approved']) },
    patch,
  );
}

/** A page of stories matching `where`, newest submitted first. */
export const storiesPage = (
  db: DB,
  where: store.Condition,
  opts: { cursor?: string | null; limit: number },
): Promise<store.Page> => store.page(db, C.stories, where, { orderBy: ['submittedAt', 'desc'], ...opts });

/** A station's published stories, latest first (public fields only). */
export const approvedStories = (db: DB, stationId: string, limit: number): Promise<RawDoc[]> =>
  store.findMany(
    db,
    C.stories,
    { stationId, status: 'approved' },
    {
      limit,
      orderBy: [['approvedAt', 'desc']],
      fields: ['kind', 'title', 'text', 'workerName', 'approvedAt'],
    },
  );
