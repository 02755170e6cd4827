import { COLLECTIONS } from '../../../shared/src/collections';
import type { ExistingPerson, RosterCounts, RosterRecord } from '../../../shared/src/domain/roster';
import type { DB } from '../../_lib/db';
import * as store from '../../_lib/store';

/**
 * The only file of the roster function that touches the database, through
 * `_lib/store.ts`. Reads `persons` (duplicates), `station_communities` (the
 * station's 社区/村 list); writes `persons` and `households` (import) and
 * `roster_previews` (a preview's header document and its rows in chunks).
 *
 * Every read is bounded: existing files are looked up with `_.in` over the
 * file's ID numbers and names in chunks of {@link LOOKUP_CHUNK} rows (a
 * 5,000-row file costs 10 queries, never one per row), existing ids with
 * store.findByIds, and writes go in batches (store.insertManyWithIds).
 */

/** Values per `_.in` lookup of existing files. */
export const LOOKUP_CHUNK = 500;
/** Rows per stored chunk of a preview (about 400 bytes a row). */
export const PREVIEW_CHUNK_ROWS = 250;

/** The header document of a preview. */
// A type alias (not an interface) so that it is a plain record for store.put.
export type PreviewHeader = {
  _id: string;
  kind: 'preview';
  stationId: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  fileID: string;
  sha256: string;
  bytes: number;
  sheetName: string;
  counts: RosterCounts;
  households: number;
  issuesTotal: number;
  chunks: number;
  status: 'previewed' | 'imported';
  /** The answer of the import, kept so that a repeated call answers the same. */
  result: Record<string, unknown> | null;
  importedAt: Date | null;
};

/** Calls done by the last lookups (for the function's metrics line). */
export const calls = { reads: 0, writes: 0 };

/** Every document matching `where` (paged by `_id`, 1000 a page). */
async function findAll(
  db: DB,
  collection: string,
  where: store.Condition,
  fields: readonly string[],
): Promise<store.Doc[]> {
  const out: store.Doc[] = [];
  let cursor: string | null = null;
  do {
    const page: store.Page = await store.page(db, collection, where, {
      orderBy: ['_id', 'asc'],
      limit: store.MAX_READ - 1,
      cursor,
      fields,
    });
    calls.reads += 1;
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The station's files that may be the same people as `records`: those with
 * one of their ID numbers or one of their names (whether name and birth
 * match is decided in shared markExisting). One query per
 * {@link LOOKUP_CHUNK} rows: `stationId` and (ID number in … or name in …).
 */
export async function findPossibleDuplicates(
  db: DB,
  stationId: string,
  records: readonly Pick<RosterRecord, 'idNumber' | 'name'>[],
): Promise<ExistingPerson[]> {
  const _ = db.command;
  const fields = ['name', 'idNumber', 'birthDate', 'birthYear'];
  const found = new Map<string, store.Doc>();
  for (let i = 0; i < records.length; i += LOOKUP_CHUNK) {
    const chunk = records.slice(i, i + LOOKUP_CHUNK);
    const ids = [...new Set(chunk.map((r) => r.idNumber).filter((v): v is string => !!v))];
    const names = [...new Set(chunk.map((r) => r.name))];
    const either = ids.length > 0 ? _.or([{ idNumber: _.in(ids) }, { name: _.in(names) }]) : null;
    const where = either ? _.and([{ stationId }, either]) : { stationId, name: _.in(names) };
    for (const d of await findAll(db, COLLECTIONS.persons, where, fields)) found.set(d._id, d);
  }
  return [...found.values()].map((d) => ({
    _id: d._id,
    name: str(d.name) ?? '',
    idNumber: str(d.idNumber),
    birthDate: str(d.birthDate),
    birthYear: num(d.birthYear),
  }));
}

/** True when the station exists. */
export async function stationExists(db: DB, stationId: string): Promise<boolean> {
  calls.reads += 1;
  return (await store.getById(db, COLLECTIONS.stations, stationId, ['_id'])) !== null;
}

/** The station's 社区/村 list (empty when the station keeps none). */
export async function getCommunities(db: DB, stationId: string): Promise<string[]> {
  const doc = await store.getById(db, COLLECTIONS.communities, stationId, ['communities']);
  calls.reads += 1;
  return Array.isArray(doc?.communities)
    ? doc.communities.filter((c): c is string => typeof c === 'string')
    : [];
}

// ---------------------------------------------------------------- previews

/** Stores a preview: its header and its importable rows in chunks. */
export async function savePreview(
  db: DB,
  header: Omit<PreviewHeader, 'chunks'>,
  records: readonly RosterRecord[],
): Promise<void> {
  const chunks: Array<{ _id: string } & Record<string, unknown>> = [];
  for (let i = 0; i < records.length; i += PREVIEW_CHUNK_ROWS) {
    chunks.push({
      _id: `${header._id}~${chunks.length}`,
      kind: 'rows',
      previewId: header._id,
      stationId: header.stationId,
      createdAt: header.createdAt,
      index: chunks.length,
      records: records.slice(i, i + PREVIEW_CHUNK_ROWS).map((r) => ({ ...r })),
    });
  }
  // Rows first, header last: a preview id handed out always has its rows.
  if (chunks.length > 0) await store.insertManyWithIds(db, COLLECTIONS.rosterPreviews, chunks, 10);
  const { _id, ...rest } = header;
  const doc: Omit<PreviewHeader, '_id'> = { ...rest, chunks: chunks.length };
  await store.put(db, COLLECTIONS.rosterPreviews, _id, doc);
  calls.writes += Math.ceil(chunks.length / 10) + 1;
}

/** Removes the station's previews (headers and rows) made before `before`. */
export async function removeOldPreviews(db: DB, stationId: string, before: Date): Promise<number> {
  calls.writes += 1;
  return store.removeWhere(db, COLLECTIONS.rosterPreviews, {
    stationId,
    createdAt: db.command.lt(before),
  });
}

/** What the import reads of a preview's header (fields checked, the rest left unknown). */
export interface PreviewRef {
  _id: string;
  stationId: string;
  status: 'previewed' | 'imported';
  expiresAt: Date;
  counts: unknown;
  result: unknown;
}

/** A preview's header, or null (also for an id that names a chunk of rows, or a damaged document). */
export async function getPreview(db: DB, id: string): Promise<PreviewRef | null> {
  calls.reads += 1;
  const doc = await store.getById(db, COLLECTIONS.rosterPreviews, id);
  if (!doc || doc.kind !== 'preview' || typeof doc.stationId !== 'string') return null;
  const expiresAt = doc.expiresAt instanceof Date ? doc.expiresAt : new Date(String(doc.expiresAt));
  return {
    _id: doc._id,
    stationId: doc.stationId,
    status: doc.status === 'imported' ? 'imported' : 'previewed',
    expiresAt,
    counts: doc.counts,
    result: doc.result,
  };
}

/** The stored rows of a preview, in row order. */
export async function previewRecords(db: DB, previewId: string): Promise<unknown[]> {
  const docs = await findAll(db, COLLECTIONS.rosterPreviews, { previewId, kind: 'rows' }, [
    'index',
    'records',
  ]);
  return docs
    .sort((a, b) => Number(a.index) - Number(b.index))
    .flatMap((d) => (Array.isArray(d.records) ? (d.records as unknown[]) : []));
}

/** Marks a preview imported with its answer, and drops its rows (no personal data kept beyond need). */
export async function finishPreview(
  db: DB,
  previewId: string,
  result: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await store.updateById(db, COLLECTIONS.rosterPreviews, previewId, {
    status: 'imported',
    result,
    importedAt: now,
  });
  await store.removeWhere(db, COLLECTIONS.rosterPreviews, { previewId, kind: 'rows' });
  calls.writes += 2;
}

// ------------------------------------------------------------------ import

/** Which of `ids` exist in `collection`. */
export async function existingIds(db: DB, collection: string, ids: readonly string[]): Promise<Set<string>> {
  const found = await store.findByIds(db, collection, ids, ['_id']);
  calls.reads += Math.ceil(new Set(ids).size / 50);
  return new Set(found.keys());
}

/** Inserts new documents in batches; returns which were inserted and which were already there. */
export async function insertNew(
  db: DB,
  collection: string,
  docs: ReadonlyArray<{ _id: string } & Record<string, unknown>>,
): Promise<store.InsertManyOutcome> {
  calls.writes += Math.ceil(docs.length / 100);
  return store.insertManyWithIds(db, collection, docs, 100);
}

/** Adds a member to an existing household unless already there (one conditional update). */
export async function addHouseholdMember(
  db: DB,
  householdId: string,
  member: { personId: string; relationship: string | null },
): Promise<void> {
  const _ = db.command;
  calls.writes += 1;
  await store.updateWhere(
    db,
    COLLECTIONS.households,
    { _id: householdId, 'members.personId': _.neq(member.personId) },
    { members: _.push([member]), rev: _.inc(1) },
  );
}
