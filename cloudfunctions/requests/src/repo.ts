import { COLLECTIONS } from '../../../shared/src/collections';
import type { RequestStatus, StatusChange } from '../../../shared/src/domain/request';
import { run, type DB } from '../../_lib/db';

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
export type RawDoc = Record<string, unknown> & { _id: string };

/** Largest `_.in` list per query (bounded queries). */
const IN_CHUNK = 50;

const asDocs = (res: { data: unknown }): RawDoc[] => (Array.isArray(res.data) ? (res.data as RawDoc[]) : []);

/** One document by id, or null (the SDK is initialised with throwOnNotFound:false). */
async function getById(db: DB, collection: string, id: string): Promise<RawDoc | null> {
  const res = await run(db.collection(collection).doc(id).get());
  return (res.data as RawDoc | null) ?? null;
}

// ---------------------------------------------------------------- stations

/** A station's id and official name, or null when there is no such station. */
export async function getStation(db: DB, id: string): Promise<{ id: string; officialName: string } | null> {
  const res = await run(
    db.collection(COLLECTIONS.stations).doc(id).field({ _id: true, officialName: true }).get(),
  );
  const doc = res.data as RawDoc | null;
  return doc ? { id: String(doc._id), officialName: String(doc.officialName ?? '') } : null;
}

// ---------------------------------------------------------- service items

/** The items of a station in display order (a station has a handful; bounded at 100). */
export async function listServiceItems(
  db: DB,
  stationId: string,
  includeInactive: boolean,
): Promise<RawDoc[]> {
  const where: Record<string, unknown> = includeInactive ? { stationId } : { stationId, active: true };
  const res = await run(
    db
      .collection(COLLECTIONS.serviceItems)
      .where(where)
      .orderBy('order', 'asc')
      .orderBy('_id', 'asc')
      .limit(100)
      .get(),
  );
  return asDocs(res);
}

/** One service item, or null. */
export const getServiceItem = (db: DB, id: string): Promise<RawDoc | null> =>
  getById(db, COLLECTIONS.serviceItems, id);

/** Creates or replaces a service item (the whole document; `_id` kept). */
export async function putServiceItem(db: DB, id: string, data: Record<string, unknown>): Promise<void> {
  await run(db.collection(COLLECTIONS.serviceItems).doc(id).set({ data }));
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
  await run(
    db
      .collection(COLLECTIONS.slots)
      .doc(openingHoursDocId(stationId))
      .set({ data: { kind: 'opening-hours', stationId, ...data } }),
  );
}

/** Counter documents of the given slot ids (missing ones have no booking yet). */
export async function getSlotDocs(db: DB, ids: string[]): Promise<Map<string, RawDoc>> {
  const _ = db.command;
  const out = new Map<string, RawDoc>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const chunk = ids.slice(i, i + IN_CHUNK);
    const res = await run(
      db
        .collection(COLLECTIONS.slots)
        .where({ _id: _.in(chunk) })
        .field({ _id: true, booked: true })
        .limit(chunk.length)
        .get(),
    );
    for (const d of asDocs(res)) out.set(String(d._id), d);
  }
  return out;
}

/** One slot counter document, or null. */
export const getSlotDoc = (db: DB, id: string): Promise<RawDoc | null> => getById(db, COLLECTIONS.slots, id);

/**
 * Makes sure the counter document of a slot exists (booked 0). Safe to race:
 * a second insert of the same `_id` fails and is ignored once the document
 * is seen to exist.
 */
export async function ensureSlotDoc(db: DB, slot: Record<string, unknown> & { _id: string }): Promise<void> {
  try {
    await run(db.collection(COLLECTIONS.slots).add({ data: { ...slot, booked: 0, holders: [] } }));
  } catch (e) {
    if (!(await getSlotDoc(db, slot._id))) throw e;
  }
}

/**
 * Takes a place in slot `slotId` for request `requestId` if one is free:
 * true when this request holds a place afterwards; `incremented` says
 * whether THIS call took it (false for a retry that already held it).
 */
export async function takePlace(
  db: DB,
  slotId: string,
  requestId: string,
  capacity: number,
  now: Date = new Date(),
): Promise<{ held: boolean; incremented: boolean }> {
  const _ = db.command;
  const res = await run(
    db
      .collection(COLLECTIONS.slots)
      .where({ _id: slotId, booked: _.lt(capacity), holders: _.neq(requestId) })
      // heldAt.<requestId>: when the place was taken, so a holder whose
      // request was never saved can be told apart from one being saved now.
      .update({ data: { booked: _.inc(1), holders: _.push(requestId), heldAt: { [requestId]: now } } }),
  );
  if (res.stats.updated === 1) return { held: true, incremented: true };
  const again = await run(
    db.collection(COLLECTIONS.slots).where({ _id: slotId, holders: requestId }).count(),
  );
  return { held: again.total > 0, incremented: false };
}

/** Gives back the place request `requestId` holds in `slotId`; true when this call freed it. */
export async function releasePlace(db: DB, slotId: string, requestId: string): Promise<boolean> {
  const _ = db.command;
  const res = await run(
    db
      .collection(COLLECTIONS.slots)
      .where({ _id: slotId, holders: requestId })
      .update({
        data: { booked: _.inc(-1), holders: _.pull(requestId), heldAt: { [requestId]: _.remove() } },
      }),
  );
  return res.stats.updated === 1;
}

/** The holders of a slot and when each took its place (missing time: taken before times were kept). */
export async function getSlotHolders(
  db: DB,
  slotId: string,
): Promise<{ holders: string[]; heldAt: Record<string, unknown> } | null> {
  const doc = await getSlotDoc(db, slotId);
  if (!doc) return null;
  const holders = Array.isArray(doc.holders)
    ? doc.holders.filter((h): h is string => typeof h === 'string')
    : [];
  const heldAt = doc.heldAt && typeof doc.heldAt === 'object' ? (doc.heldAt as Record<string, unknown>) : {};
  return { holders, heldAt };
}

/** Which of `ids` have a document in `requests`: id → true for a tombstone, false for a request. */
export async function existingRequestIds(db: DB, ids: string[]): Promise<Map<string, boolean>> {
  const _ = db.command;
  const out = new Map<string, boolean>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const chunk = ids.slice(i, i + IN_CHUNK);
    const res = await run(
      db
        .collection(COLLECTIONS.requests)
        .where({ _id: _.in(chunk) })
        .field({ _id: true, abandoned: true })
        .limit(chunk.length)
        .get(),
    );
    for (const d of asDocs(res)) out.set(String(d._id), d.abandoned === true);
  }
  return out;
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

// --------------------------------------------------------------- requests

/** One request, or null. */
export const getRequest = (db: DB, id: string): Promise<RawDoc | null> =>
  getById(db, COLLECTIONS.requests, id);

/**
 * Inserts a request with `_id` = the client's request id. Returns false when
 * a request with that id already exists (a retry or a parallel submission).
 */
export async function insertRequest(db: DB, id: string, data: Record<string, unknown>): Promise<boolean> {
  try {
    await run(db.collection(COLLECTIONS.requests).add({ data: { ...data, _id: id } }));
    return true;
  } catch (e) {
    // The duplicate-key error of the real server is not documented
    // (cloudbase-wire.md §6): decide by looking, not by the error text.
    if (await getRequest(db, id)) return false;
    throw e;
  }
}

/** Removes a request this call inserted and could not complete (no place after all). */
export async function removeRequest(db: DB, id: string): Promise<void> {
  await run(db.collection(COLLECTIONS.requests).doc(id).remove());
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
  const res = await run(
    db
      .collection(COLLECTIONS.requests)
      .where(where)
      .update({ data: { ...extra, status: change.status, updatedAt: change.at, history: _.push([entry]) } }),
  );
  return res.stats.updated === 1;
}

/** Stores the rating if the request is completed and not rated yet; true when this call stored it. */
export async function setRating(
  db: DB,
  id: string,
  ownerId: string,
  rating: { stars: number; comment: string | null; at: Date },
): Promise<boolean> {
  const res = await run(
    db
      .collection(COLLECTIONS.requests)
      .where({ _id: id, ownerId, status: 'completed', rating: null })
      .update({ data: { rating, updatedAt: rating.at } }),
  );
  return res.stats.updated === 1;
}

/** One page (plus one row, to know if there is a next page) of a resident's requests, newest first. */
export async function listByOwner(db: DB, ownerId: string, offset: number, limit: number): Promise<RawDoc[]> {
  let q = db
    .collection(COLLECTIONS.requests)
    .where({ ownerId })
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc');
  if (offset > 0) q = q.skip(offset);
  return asDocs(await run(q.limit(limit + 1).get()));
}

/** One page (plus one row) of a station's requests, newest first, optionally of one status. */
export async function listByStation(
  db: DB,
  where: Record<string, unknown>,
  offset: number,
  limit: number,
): Promise<RawDoc[]> {
  let q = db
    .collection(COLLECTIONS.requests)
    .where(where)
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc');
  if (offset > 0) q = q.skip(offset);
  return asDocs(await run(q.limit(limit + 1).get()));
}

// ---------------------------------------------------------- notifications

/** Records one notification attempt (sent, failed or skipped); never throws. */
export async function recordNotification(db: DB, data: Record<string, unknown>): Promise<void> {
  try {
    await run(db.collection(COLLECTIONS.notifications).add({ data }));
  } catch (e) {
    console.error('[requests] notification record failed', (e as Error)?.name ?? 'Error');
  }
}
