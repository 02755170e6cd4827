import { COLLECTIONS } from '../../../shared/src/collections';
import { run, type DB } from '../../_lib/db';
import { findByIds, getById, insertManyWithIds, updateWhere, type Doc } from '../../_lib/store';

/** The one `meta` document of the seed and the migrations (`_id` = `seed`). */
export const META_ID = 'seed';

/**
 * Creates `collection` when it is missing. Real CloudBase needs a collection
 * before the first insert and answers an error when it exists already (the
 * normal case; a real failure shows on the next read). The emulator creates
 * collections on first write and accepts this call too.
 */
export async function ensureCollection(db: DB, collection: string): Promise<void> {
  try {
    await run(db.createCollection(collection));
  } catch {
    /* already exists */
  }
}

/** The stored documents among `ids` of `collection`. */
export const storedDocs = (db: DB, collection: string, ids: readonly string[]): Promise<Map<string, Doc>> =>
  findByIds(db, collection, ids);

/** Inserts seed documents under their ids; a taken id (a concurrent run) counts as present, never overwritten. */
export const insertSeedDocs = (
  db: DB,
  collection: string,
  docs: ReadonlyArray<{ _id: string } & Record<string, unknown>>,
) => insertManyWithIds(db, collection, docs);

/**
 * Refreshes one seed document still at `fromVersion` and untouched by people
 * (`updatedAt` equal to its creation time, as the seed wrote it); the
 * condition is checked by the database, so an edit in between wins.
 */
export async function refreshSeedDoc(
  db: DB,
  collection: string,
  id: string,
  fromVersion: number,
  createdAt: unknown,
  fields: Record<string, unknown>,
): Promise<boolean> {
  const n = await updateWhere(
    db,
    collection,
    { _id: id, seedVersion: fromVersion, updatedAt: createdAt },
    fields,
  );
  return n === 1;
}

/** The meta record, or null before the first run. */
export const getMeta = (db: DB): Promise<Doc | null> => getById(db, COLLECTIONS.meta, META_ID);

/** Creates the meta record (first run). */
export async function createMeta(db: DB, data: Record<string, unknown>): Promise<void> {
  await run(db.collection(COLLECTIONS.meta).add({ data: { ...data, _id: META_ID } }));
}

/** Merges `patch` into the meta record. */
export async function updateMeta(db: DB, patch: Record<string, unknown>): Promise<void> {
  await updateWhere(db, COLLECTIONS.meta, { _id: META_ID }, patch);
}

/** Removes field `field` from the meta record where it is present; true when it was. */
export async function removeMetaField(db: DB, field: string): Promise<boolean> {
  const _ = db.command;
  return (
    (await updateWhere(
      db,
      COLLECTIONS.meta,
      { _id: META_ID, [field]: _.exists(true) },
      { [field]: _.remove() },
    )) === 1
  );
}
