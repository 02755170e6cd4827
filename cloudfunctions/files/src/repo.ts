import { COLLECTIONS } from '../../../shared/src/collections';
import { ACTIVE_STATUS, type PersonConsentEvent } from '../../../shared/src/domain/person';
import { nextDueDay, RISK_TIERS, type RiskTier, type VisitIntervals } from '../../../shared/src/domain/risk';
import type { DB } from '../../_lib/db';
import * as store from '../../_lib/store';

/**
 * The only file of the files function that touches the database, through
 * `_lib/store.ts`. Collections: `persons`, `households`, `person_consents`,
 * `station_communities`; it also reads `stations`, `users`, `audit_log` and
 * `requests`, and WRITES ONE FIELD of `requests`: `personId`, the file a
 * request is attached to ({@link attachRequest}; the requests function never
 * writes it).
 *
 * Indexes (emulator/indexes.json lists single fields; production CloudBase
 * gets the compound ones in cloudfunctions/files/README.md): the due list is
 * ONE query per bucket on `stationId + status + nextDueDay` (plus
 * `assignedWorkerId` for "mine"), sorted by `nextDueDay`.
 */

/** A stored document (fields checked by dto.ts). */
export type RawDoc = store.Doc;

// ------------------------------------------------------------- stations

/** A station's official name, or null when there is no such station. */
export async function getStationName(db: DB, id: string): Promise<string | null> {
  const doc = await store.getById(db, COLLECTIONS.stations, id, ['officialName']);
  return doc ? String(doc.officialName ?? '') : null;
}

/** The station's 社区 / 村 list document, or null when never set. */
export const getCommunities = (db: DB, stationId: string): Promise<RawDoc | null> =>
  store.getById(db, COLLECTIONS.communities, stationId);

/** Replaces the station's list. */
export async function putCommunities(
  db: DB,
  stationId: string,
  communities: string[],
  by: string,
  now: Date,
): Promise<void> {
  await store.put(db, COLLECTIONS.communities, stationId, {
    stationId,
    communities,
    updatedAt: now,
    updatedBy: by,
  });
}

// ------------------------------------------------------------------ users

/** A user's role, station, activity and name (to check an assigned worker; a request's author). */
export const getUser = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, COLLECTIONS.users, id, ['role', 'stationId', 'active', 'name']);

// ------------------------------------------------------------- households

/** One household, or null. */
export const getHousehold = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, COLLECTIONS.households, id);

/** Inserts a household under the phone's id (see store.insertWithId). */
export const insertHousehold = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
  same: (existing: RawDoc) => boolean,
): Promise<store.InsertOutcome> => store.insertWithId(db, COLLECTIONS.households, id, data, same);

/** Changes a household (the revision goes up); true when it exists and changed. */
export async function updateHousehold(db: DB, id: string, patch: Record<string, unknown>): Promise<boolean> {
  return store.updateById(db, COLLECTIONS.households, id, { ...patch, rev: db.command.inc(1) });
}

/** Adds a member unless already there (one conditional update). */
export async function addMember(
  db: DB,
  householdId: string,
  member: { personId: string; relationship: string | null },
): Promise<void> {
  const _ = db.command;
  await store.updateWhere(
    db,
    COLLECTIONS.households,
    { _id: householdId, 'members.personId': _.neq(member.personId) },
    { members: _.push([member]) },
  );
}

/** Removes a member. */
export async function removeMember(db: DB, householdId: string, personId: string): Promise<void> {
  await store.updateWhere(
    db,
    COLLECTIONS.households,
    { _id: householdId },
    {
      members: db.command.pull({ personId }),
    },
  );
}

/** Sets the member's relationship (remove + add keeps one entry per person). */
export async function setMember(
  db: DB,
  householdId: string,
  member: { personId: string; relationship: string | null },
): Promise<void> {
  await removeMember(db, householdId, member.personId);
  await addMember(db, householdId, member);
}

/** Copies a household's 社区 / 村 onto its members' files (the filter reads it there). */
export async function setCommunityOfMembers(db: DB, householdId: string, community: string): Promise<number> {
  return store.updateWhere(db, COLLECTIONS.persons, { householdId }, { community });
}

/** Names and relationships of a household's members (for the masked member list). */
export const membersOf = (db: DB, householdId: string): Promise<RawDoc[]> =>
  store.findMany(
    db,
    COLLECTIONS.persons,
    { householdId },
    {
      limit: 50,
      fields: ['name', 'relationship'],
      orderBy: [['createdAt', 'asc']],
    },
  );

// ---------------------------------------------------------------- persons

/** One file, or null. */
export const getPerson = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, COLLECTIONS.persons, id);

/** Inserts a file under its id (see store.insertWithId). */
export const insertPerson = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
  same: (existing: RawDoc) => boolean,
): Promise<store.InsertOutcome> => store.insertWithId(db, COLLECTIONS.persons, id, data, same);

/**
 * Changes a file only if it is still at revision `rev` (the revision goes
 * up): true when this call changed it, false when someone else changed it
 * first (or it is gone).
 */
export async function updatePersonAt(
  db: DB,
  id: string,
  rev: number,
  patch: Record<string, unknown>,
): Promise<boolean> {
  const n = await store.updateWhere(
    db,
    COLLECTIONS.persons,
    { _id: id, rev },
    { ...patch, rev: db.command.inc(1) },
  );
  return n === 1;
}

/** Another file of the station with this (18-digit) ID number, if any. */
export const findByIdNumber = (
  db: DB,
  stationId: string,
  idNumber: string,
  exceptId: string,
): Promise<RawDoc | null> =>
  store.findOne(
    db,
    COLLECTIONS.persons,
    { idNumber, stationId, _id: db.command.neq(exceptId) },
    { fields: ['name'] },
  );

/** The file linked to a WeChat account, if any. */
export const findLinkedTo = (db: DB, userId: string): Promise<RawDoc | null> =>
  store.findOne(db, COLLECTIONS.persons, { linkedUserId: userId });

/** Fields a list item needs (lists never read notes or health notes). */
export const LIST_FIELDS = [
  'stationId',
  'name',
  'sex',
  'birthDate',
  'birthYear',
  'phone',
  'idNumber',
  'community',
  'categories',
  'risk',
  'status',
  'livingSituation',
  'assignedWorkerId',
  'lastVisitDay',
  'nextDueDay',
  'linkedUserId',
] as const;

/** One page of files matching `where`: ONE database call (store.page reads limit + 1). */
export const pagePersons = (
  db: DB,
  where: store.Where,
  orderBy: store.Sort,
  cursor: string | null | undefined,
  limit: number,
): Promise<store.Page> =>
  store.page(db, COLLECTIONS.persons, where, { orderBy, limit, cursor, fields: LIST_FIELDS });

/** count() of the files matching `where`: ONE database call. */
export const countPersons = (db: DB, where: store.Where): Promise<number> =>
  store.count(db, COLLECTIONS.persons, where);

/**
 * Counts by station and risk, with the per-category flags summed: ONE
 * aggregate (match → group), whatever the number of persons.
 */
export const groupPersons = (
  db: DB,
  match: store.Where,
  categoryKeys: readonly string[],
): Promise<store.Group[]> =>
  store.groupCount(
    db,
    COLLECTIONS.persons,
    match,
    { stationId: '$stationId', risk: '$risk' },
    Object.fromEntries(categoryKeys.map((k) => [k, `catFlags.${k}`])),
  );

/** What {@link markVisited} did. */
export interface VisitMark {
  lastVisitDay: string;
  nextDueDay: string | null;
}

/**
 * Records that person `personId` was visited on Beijing day `day` (for the
 * home-visit issue: a visit record calls this after it is saved). Moves
 * `lastVisitDay` forward only (a visit entered late for an earlier day
 * changes nothing), optionally sets a new risk `tier`, and recomputes
 * `nextDueDay` with the configured intervals. Conditional on the revision
 * read, retried on a concurrent edit. Null when the file does not exist.
 */
export async function markVisited(
  db: DB,
  personId: string,
  day: string,
  intervals: VisitIntervals,
  tier?: RiskTier,
): Promise<VisitMark | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = await getPerson(db, personId);
    if (!doc) return null;
    const last = typeof doc.lastVisitDay === 'string' ? doc.lastVisitDay : null;
    const lastVisitDay = last !== null && last >= day ? last : day;
    const stored = (RISK_TIERS as readonly unknown[]).includes(doc.risk) ? (doc.risk as RiskTier) : '一般';
    const risk = tier ?? stored;
    const due = nextDueDay(
      {
        risk,
        active: doc.status === ACTIVE_STATUS,
        lastVisitDay,
        openedDay: typeof doc.openedDay === 'string' ? doc.openedDay : lastVisitDay,
      },
      intervals,
    );
    const rev = typeof doc.rev === 'number' ? doc.rev : 1;
    if (await updatePersonAt(db, personId, rev, { lastVisitDay, nextDueDay: due, risk })) {
      return { lastVisitDay, nextDueDay: due };
    }
  }
  throw new Error('markVisited: the file kept changing');
}

// ---------------------------------------------------------------- consent

/** Inserts a consent event under the phone's id. */
export const insertConsentEvent = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
  same: (existing: RawDoc) => boolean,
): Promise<store.InsertOutcome> => store.insertWithId(db, COLLECTIONS.personConsents, id, data, same);

/** One consent event, or null. */
export const getConsentEvent = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, COLLECTIONS.personConsents, id);

/** A person's consent events, oldest first (a file has a handful; bounded at 200). */
export const consentEventsOf = (db: DB, personId: string): Promise<RawDoc[]> =>
  store.findMany(
    db,
    COLLECTIONS.personConsents,
    { personId },
    {
      limit: 200,
      orderBy: [
        ['day', 'asc'],
        ['recordedAt', 'asc'],
      ],
    },
  );

/** Reads a stored consent event (tolerating a missing field). */
export function toConsentEvent(d: RawDoc): PersonConsentEvent {
  const cats = Array.isArray(d.categories)
    ? d.categories.filter(
        (c): c is PersonConsentEvent['categories'][number] =>
          c === 'health' || c === 'disability' || c === 'financial_hardship',
      )
    : [];
  const g = d.guardian as Record<string, unknown> | null | undefined;
  const at = d.recordedAt instanceof Date ? d.recordedAt : new Date(String(d.recordedAt ?? 0));
  return {
    _id: d._id,
    personId: String(d.personId ?? ''),
    stationId: String(d.stationId ?? ''),
    kind: d.kind === 'withdraw' ? 'withdraw' : 'give',
    categories: cats,
    versions: (d.versions && typeof d.versions === 'object'
      ? d.versions
      : {}) as PersonConsentEvent['versions'],
    givenBy: d.givenBy === 'guardian' ? 'guardian' : 'self',
    guardian:
      g && typeof g === 'object'
        ? { name: String(g.name ?? ''), relationship: String(g.relationship ?? '') }
        : null,
    day: String(d.day ?? ''),
    method: d.method === 'paper' ? 'paper' : 'verbal',
    fileId: typeof d.fileId === 'string' ? d.fileId : null,
    witnessName: typeof d.witnessName === 'string' ? d.witnessName : null,
    recordedBy: String(d.recordedBy ?? ''),
    recordedAt: Number.isNaN(at.getTime()) ? new Date(0) : at,
  };
}

// --------------------------------------------------------------- requests

/** One request (the fields the files function uses), or null. */
export const getRequest = (db: DB, id: string): Promise<RawDoc | null> =>
  store.getById(db, COLLECTIONS.requests, id, [
    'stationId',
    'ownerId',
    'forWhom',
    'beneficiary',
    'contactPhone',
    'personId',
    'abandoned',
  ]);

/**
 * Attaches request `requestId` to file `personId`: writes `requests.personId`
 * only if the request is not attached to another file (one conditional
 * update). True when it is attached to `personId` afterwards.
 */
export async function attachRequest(db: DB, requestId: string, personId: string): Promise<boolean> {
  const _ = db.command;
  const n = await store.updateWhere(
    db,
    COLLECTIONS.requests,
    _.and([{ _id: requestId }, _.or([{ personId: null }, { personId }])]),
    { personId },
  );
  if (n === 1) return true;
  const doc = await store.getById(db, COLLECTIONS.requests, requestId, ['personId']);
  return doc?.personId === personId;
}

/** The requests attached to a file, newest first. */
export const requestsOf = (db: DB, personId: string, limit: number): Promise<RawDoc[]> =>
  store.findMany(
    db,
    COLLECTIONS.requests,
    { personId },
    {
      limit,
      orderBy: [['createdAt', 'desc']],
      fields: ['status', 'itemTitle', 'area', 'createdAt'],
    },
  );

// ------------------------------------------------------------------ audit

/** Who opened file `personId` (getPerson, allowed), newest first: role and time only. */
export const openingsOf = (db: DB, personId: string, limit: number): Promise<RawDoc[]> =>
  store.findMany(
    db,
    COLLECTIONS.auditLog,
    { targetId: personId, action: 'files.getPerson', outcome: 'ok' },
    {
      limit,
      orderBy: [['at', 'desc']],
      fields: ['role', 'at'],
    },
  );
