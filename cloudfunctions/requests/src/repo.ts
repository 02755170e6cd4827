import { COLLECTIONS } from '../../../shared/src/collections';
import type { ConsentRecord } from '../../../shared/src/domain/account';
import type { RequestStatus, StatusChange } from '../../../shared/src/domain/request';
import type { DB } from '../../_lib/db';
import * as store from '../../_lib/store';

/**
 * The only file of the requests function that touches the database.
 *
 * Capacity: a slot's counter document holds `booked` and `holders` (the ids
 * of the requests holding a place). A place is taken by ONE conditional
 * update — `where({_id, booked < capacity, holders ≠ requestId})` →
 * `booked + 1, holders += requestId` — and given back by one conditional
 * update on `holders = requestId`. No read-then-write: the database decides
 * who gets the last place, the same request can never hold two places
 * (idempotent retries), a place is freed exactly once, and `booked` always
 * equals `holders.length`.
 */

/** A stored document as it comes back: fields are checked by dto.ts, not trusted. */
export type RawDoc = store.Doc;

const getById = store.getById;

// ---------------------------------------------------------------- stations

/** A station's id and official name, or null when there is no such station. */
export async function getStation(db: DB, id: string): Promise<{ id: string; officialName: string } | null> {
  const doc = await getById(db, COLLECTIONS.stations, id, ['officialName']);
  return doc ? { id: String(doc._id), officialName: String(doc.officialName ?? '') } : null;
}

// ------------------------------------------------------------------ users

/** The name a user gave in their profile (`users.name`, raw, for dto.ts), or null when there is no such user. */
export async function getUserName(db: DB, userId: string): Promise<unknown> {
  if (!userId) return null;
  const doc = await getById(db, COLLECTIONS.users, userId, ['name']);
  return doc?.name ?? null;
}

// ---------------------------------------------------------- service items

/**
 * The items of a station in display order (a station has a handful; bounded at 100).
 * The public listing (`editorView` false) holds only active items a head has reviewed:
 * demo items (演示, `demo: true`) stay off it until a head saves them.
 */
export async function listServiceItems(db: DB, stationId: string, editorView: boolean): Promise<RawDoc[]> {
  const where: Record<string, unknown> = editorView
    ? { stationId }
    : { stationId, active: true, demo: db.command.neq(true) };
  return store.findMany(db, COLLECTIONS.serviceItems, where, {
    orderBy: [
      ['order', 'asc'],
      ['_id', 'asc'],
    ],
    limit: 100,
  });
}

/** One service item, or null. */
export const getServiceItem = (db: DB, id: string): Promise<RawDoc | null> =>
  getById(db, COLLECTIONS.serviceItems, id);

/** Creates or replaces a service item (the whole document; `_id` kept). */
export async function putServiceItem(db: DB, id: string, data: Record<string, unknown>): Promise<void> {
  await store.put(db, COLLECTIONS.serviceItems, id, data);
}

// ------------------------------------------------------------------ slots

/** Id of a station's opening-hours document in `slots` (counter ids start with the item id `si-…`, so they never clash). */
export const openingHoursDocId = (stationId: string): string => `hours~${stationId}`;

/** A station's stored opening hours, or null when it uses the default. */
export async function getOpeningHours(db: DB, stationId: string): Promise<Record<string, unknown> | null> {
  const doc = await getById(db, COLLECTIONS.slots, openingHoursDocId(stationId));
  const hours = doc?.openingHours;
  return hours && typeof hours === 'object' ? (hours as Record<string, unknown>) : null;
}

/** Stores a station's opening hours (the whole document). */
export async function putOpeningHours(
  db: DB,
  stationId: string,
  data: Record<string, unknown>,
): Promise<void> {
  await store.put(db, COLLECTIONS.slots, openingHoursDocId(stationId), {
    kind: 'opening-hours',
    stationId,
    ...data,
  });
}

/** Counter documents of the given slot ids (missing ones have no booking yet): `booked` and `owners`. */
export const getSlotDocs = (db: DB, ids: string[]): Promise<Map<string, RawDoc>> =>
  store.findByIds(db, COLLECTIONS.slots, ids, ['booked', 'owners']);

/** One slot counter document, or null. */
export const getSlotDoc = (db: DB, id: string): Promise<RawDoc | null> => getById(db, COLLECTIONS.slots, id);

/**
 * Makes sure the counter document of a slot exists (booked 0). Safe to race:
 * a second insert of the same `_id` fails and is ignored once the document
 * is seen to exist.
 */
export async function ensureSlotDoc(db: DB, slot: Record<string, unknown> & { _id: string }): Promise<void> {
  const { _id, ...data } = slot;
  // Any existing counter document of this slot is the one (its counts move on).
  await store.insertWithId(db, COLLECTIONS.slots, _id, { ...data, booked: 0, holders: [] }, () => true);
}

/** What {@link takePlace} found. */
export interface TakeOutcome {
  /** This request holds a place afterwards. */
  held: boolean;
  /** THIS call took it (false for a retry that already held it). */
  incremented: boolean;
  /** Not held because the owner already holds another place in this slot. */
  ownerHasPlace: boolean;
}

/**
 * Takes a place in slot `slotId` for request `requestId` of resident
 * `ownerId` if one is free and the resident holds no other place in it (one
 * place per resident per slot, issue 8 hole 5) — all in ONE conditional
 * update, so five request ids sent at once still get one place.
 */
export async function takePlace(
  db: DB,
  slotId: string,
  requestId: string,
  ownerId: string,
  capacity: number,
  now: Date,
): Promise<TakeOutcome> {
  const _ = db.command;
  const updated = await store.updateWhere(
    db,
    COLLECTIONS.slots,
    { _id: slotId, booked: _.lt(capacity), holders: _.neq(requestId), owners: _.neq(ownerId) },
    {
      booked: _.inc(1),
      holders: _.push(requestId),
      owners: _.push(ownerId),
      // heldAt.<requestId>: when the place was taken, so a holder whose
      // request was never saved can be told apart from one being saved now;
      // heldBy.<requestId>: whose it is, so that place can be given back.
      heldAt: { [requestId]: now },
      heldBy: { [requestId]: ownerId },
    },
  );
  if (updated === 1) return { held: true, incremented: true, ownerHasPlace: false };
  const held = (await store.count(db, COLLECTIONS.slots, { _id: slotId, holders: requestId })) > 0;
  if (held) return { held, incremented: false, ownerHasPlace: false };
  const ownerHasPlace = (await store.count(db, COLLECTIONS.slots, { _id: slotId, owners: ownerId })) > 0;
  return { held: false, incremented: false, ownerHasPlace };
}

/**
 * Gives back the place request `requestId` (of `ownerId`, when known) holds
 * in `slotId`; true when this call freed it.
 */
export async function releasePlace(
  db: DB,
  slotId: string,
  requestId: string,
  ownerId: string | null,
): Promise<boolean> {
  const _ = db.command;
  const patch: Record<string, unknown> = {
    booked: _.inc(-1),
    holders: _.pull(requestId),
    heldAt: { [requestId]: _.remove() },
    heldBy: { [requestId]: _.remove() },
  };
  if (ownerId) patch.owners = _.pull(ownerId);
  return (await store.updateWhere(db, COLLECTIONS.slots, { _id: slotId, holders: requestId }, patch)) === 1;
}

/** The holders of a slot and when each took its place (missing time: taken before times were kept). */
export async function getSlotHolders(
  db: DB,
  slotId: string,
): Promise<{ holders: string[]; heldAt: Record<string, unknown>; heldBy: Record<string, unknown> } | null> {
  const doc = await getSlotDoc(db, slotId);
  if (!doc) return null;
  const holders = Array.isArray(doc.holders)
    ? doc.holders.filter((h): h is string => typeof h === 'string')
    : [];
  const map = (v: unknown): Record<string, unknown> =>
    v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  return { holders, heldAt: map(doc.heldAt), heldBy: map(doc.heldBy) };
}

/** Which of `ids` have a document in `requests`: id → true for a tombstone, false for a request. */
export async function existingRequestIds(db: DB, ids: string[]): Promise<Map<string, boolean>> {
  const docs = await store.findByIds(db, COLLECTIONS.requests, ids, ['abandoned']);
  return new Map([...docs].map(([id, d]) => [id, d.abandoned === true]));
}

/**
 * Claims request id `id` for good with a tombstone (`abandoned: true`, no
 * owner, no station) in `requests`, so that no request can ever be saved
 * under it. True when the id is a tombstone afterwards (inserted now or by an
 * earlier call); false when a real request holds it.
 */
export async function claimAbandonedId(db: DB, id: string, data: Record<string, unknown>): Promise<boolean> {
  const inserted = await insertRequest(db, id, { ...data, abandoned: true });
  if (inserted) return true;
  const existing = await getRequest(db, id);
  return existing?.abandoned === true;
}

// --------------------------------------------------------------- consents

/** Id of the family member's consent (代家人求助) of request `requestId` in `consents`: one per request. */
export const familyConsentIdOf = (requestId: string): string => `c-rq-${requestId}`;

/** When the family member's consent of request `requestId` was withdrawn (raw, for dto.ts), or null if it was not or there is none. */
export async function familyConsentWithdrawnAt(db: DB, requestId: string): Promise<unknown> {
  const doc = await getById(db, COLLECTIONS.consents, familyConsentIdOf(requestId), ['withdrawnAt']);
  return doc?.withdrawnAt ?? null;
}

/**
 * Records the family member's consent (代家人求助) given with a request, in
 * `consents` like every consent (accounts lists and withdraws it). Its id comes
 * from the request's, so it is recorded once: a repeat is left as it is.
 */
export async function insertFamilyConsent(db: DB, record: ConsentRecord): Promise<void> {
  const { _id, ...data } = record;
  await store.insertWithId(db, COLLECTIONS.consents, _id, { ...data }, () => true);
}

// --------------------------------------------------------------- requests

/** How many requests of `ownerId` are still open (not completed, rejected or cancelled): count() in the database. */
export const countOpenByOwner = (db: DB, ownerId: string, openStatuses: readonly string[]): Promise<number> =>
  store.count(db, COLLECTIONS.requests, { ownerId, status: db.command.in([...openStatuses]) });

/** One request, or null. */
export const getRequest = (db: DB, id: string): Promise<RawDoc | null> =>
  getById(db, COLLECTIONS.requests, id);

/**
 * Inserts a request with `_id` = the client's request id. Returns false when
 * a request with that id already exists (a retry or a parallel submission).
 */
export async function insertRequest(db: DB, id: string, data: Record<string, unknown>): Promise<boolean> {
  // Whoever holds the id, this call did not insert it: the action reads it and decides.
  const outcome = await store.insertWithId(db, COLLECTIONS.requests, id, data, () => true);
  return outcome.status === 'inserted';
}

/**
 * Moves a request from status `from` to `to`, appending `change` to its
 * history, only if it is still in `from` (and, when given, owned by
 * `ownerId`): true when this call made the change.
 */
export async function transition(
  db: DB,
  id: string,
  from: RequestStatus,
  change: StatusChange,
  extra: Record<string, unknown> = {},
  ownerId?: string,
): Promise<boolean> {
  const _ = db.command;
  const where: Record<string, unknown> = { _id: id, status: from };
  if (ownerId) where.ownerId = ownerId;
  const entry: Record<string, unknown> = { ...change };
  if (entry.reason === undefined) delete entry.reason;
  const updated = await store.updateWhere(db, COLLECTIONS.requests, where, {
    ...extra,
    status: change.status,
    updatedAt: change.at,
    history: _.push([entry]),
  });
  return updated === 1;
}

/** Stores the rating if the request is completed and not rated yet; true when this call stored it. */
export async function setRating(
  db: DB,
  id: string,
  ownerId: string,
  rating: { stars: number; comment: string | null; at: Date },
): Promise<boolean> {
  const updated = await store.updateWhere(
    db,
    COLLECTIONS.requests,
    { _id: id, ownerId, status: 'completed', rating: null },
    { rating, updatedAt: rating.at },
  );
  return updated === 1;
}

/** One page of a resident's requests, newest first (cursor paging). */
export const listByOwner = (
  db: DB,
  ownerId: string,
  cursor: string | null | undefined,
  limit: number,
): Promise<store.Page> =>
  store.page(db, COLLECTIONS.requests, { ownerId }, { orderBy: ['createdAt', 'desc'], limit, cursor });

/** How many requests of a station are in `status`: count() in the database. */
export const countByStation = (db: DB, stationId: string, status: RequestStatus): Promise<number> =>
  store.count(db, COLLECTIONS.requests, { stationId, status });

/** One page of a station's requests, newest first, optionally of one status (cursor paging). */
export const listByStation = (
  db: DB,
  where: Record<string, unknown>,
  cursor: string | null | undefined,
  limit: number,
): Promise<store.Page> =>
  store.page(db, COLLECTIONS.requests, where, { orderBy: ['createdAt', 'desc'], limit, cursor });

// ---------------------------------------------------------- notifications

/** Records one notification attempt (sent, failed or skipped); never throws. */
export async function recordNotification(db: DB, data: Record<string, unknown>): Promise<void> {
  try {
    await store.insert(db, COLLECTIONS.notifications, data);
  } catch (e) {
    console.error('[requests] notification record failed', (e as Error)?.name ?? 'Error');
  }
}
