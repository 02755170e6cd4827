import { AppError } from '../../shared/src/errors';
import { run, type DB } from './db';

/**
 * The database toolkit every repo uses (issue 8, "the seams"). Repos say
 * which collection and which condition; this file owns how a call is made:
 * bounded reads, inserts keyed by a client-made id (the base of offline sync),
 * conditional updates, cursor paging, and counting in the database.
 *
 * Documents come back as {@link Doc}: fields are `unknown` until a repo's or
 * dto's reader checks them. No casts in repos.
 */

/** A stored document as it comes back. */
export type Doc = Record<string, unknown> & { _id: string };
/** A query condition: plain field values or `db.command` expressions. */
export type Where = Record<string, unknown>;
/** A condition `findMany` accepts: a plain `Where` or a logic command (`_.and`, `_.or`). */
export type Condition = Where | ReturnType<DB['command']['and']>;
/** A sort key. */
export type Sort = readonly [field: string, direction: 'asc' | 'desc'];

/** Largest page a cloud function's `get()` returns (1000); larger reads must page. */
export const MAX_READ = 1000;
/** Ids per `_.in` query. */
const IN_CHUNK = 50;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const asDoc = (v: unknown): Doc | null =>
  isObject(v) && (typeof v._id === 'string' || typeof v._id === 'number')
    ? { ...v, _id: String(v._id) }
    : null;
const asDocs = (data: unknown): Doc[] =>
  Array.isArray(data) ? data.map(asDoc).filter((d): d is Doc => d !== null) : [];
const projection = (fields?: readonly string[]) =>
  fields ? Object.fromEntries(['_id', ...fields].map((f) => [f, true])) : null;

/** One document by id, or null (the SDK is initialised with throwOnNotFound:false). */
export async function getById(
  db: DB,
  collection: string,
  id: string,
  fields?: readonly string[],
): Promise<Doc | null> {
  const ref = db.collection(collection).doc(id);
  const p = projection(fields);
  const res = await run(p ? ref.field(p).get() : ref.get());
  return asDoc(res.data);
}

/** The first document matching `where` (in `orderBy` order when given), or null. */
export async function findOne(
  db: DB,
  collection: string,
  where: Where,
  opts: { orderBy?: readonly Sort[]; fields?: readonly string[] } = {},
): Promise<Doc | null> {
  const [doc] = await findMany(db, collection, where, { ...opts, limit: 1 });
  return doc ?? null;
}

/**
 * Up to `limit` (≤ 1000) documents matching `where`. A bounded read, never a
 * way to count. `offset` (≤ 1000) is for small fixed lists sorted by several
 * keys (the station directory); growing lists use {@link page}.
 */
export async function findMany(
  db: DB,
  collection: string,
  where: Condition,
  opts: { limit: number; orderBy?: readonly Sort[]; fields?: readonly string[]; offset?: number },
): Promise<Doc[]> {
  if (opts.limit < 1 || opts.limit > MAX_READ)
    throw new Error(`findMany limit ${opts.limit} out of 1..${MAX_READ}`);
  const offset = opts.offset ?? 0;
  if (offset < 0 || offset > MAX_READ) throw new Error(`findMany offset ${offset} out of 0..${MAX_READ}`);
  let q = db.collection(collection).where(where);
  for (const [field, dir] of opts.orderBy ?? []) q = q.orderBy(field, dir);
  if (offset > 0) q = q.skip(offset);
  const p = projection(opts.fields);
  if (p) q = q.field(p);
  const res = await run(q.limit(opts.limit).get());
  return asDocs(res.data);
}

/** The documents with the given ids (missing ones are absent from the map), chunked `_.in` reads. */
export async function findByIds(
  db: DB,
  collection: string,
  ids: readonly string[],
  fields?: readonly string[],
): Promise<Map<string, Doc>> {
  const out = new Map<string, Doc>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const chunk = unique.slice(i, i + IN_CHUNK);
    const docs = await findMany(
      db,
      collection,
      { _id: db.command.in(chunk) },
      { limit: chunk.length, fields },
    );
    for (const d of docs) out.set(d._id, d);
  }
  return out;
}

/** Inserts a document with a server-made id; returns the id. */
export async function insert(db: DB, collection: string, data: Record<string, unknown>): Promise<string> {
  const res = await run(db.collection(collection).add({ data }));
  return String(res._id);
}

/** What {@link insertWithId} found. */
export type InsertOutcome =
  | { status: 'inserted' }
  /** A repeat: the stored document has the same content (already received). */
  | { status: 'duplicate'; existing: Doc }
  /** The id is taken by a document with other content: never overwritten. */
  | { status: 'conflict'; existing: Doc };

/**
 * Inserts `data` under the client-made id `id`. A repeat of the same content
 * counts as already received (`duplicate`), another content under the same
 * id is a `conflict`; nothing stored is ever overwritten. `sameContent`
 * decides what "the same" means (default: every field of `data` equal to the
 * stored one, dates by instant). CloudBase answers DATABASE_DUPLICATE_WRITE
 * for an existing `_id`; its wording is undocumented, so the outcome is
 * decided by reading the document, not by the error text.
 */
export async function insertWithId(
  db: DB,
  collection: string,
  id: string,
  data: Record<string, unknown>,
  sameContent: (existing: Doc) => boolean = (existing) => sameFields(data, existing),
): Promise<InsertOutcome> {
  try {
    await run(db.collection(collection).add({ data: { ...data, _id: id } }));
    return { status: 'inserted' };
  } catch (e) {
    const existing = await getById(db, collection, id);
    if (!existing) throw e;
    return sameContent(existing) ? { status: 'duplicate', existing } : { status: 'conflict', existing };
  }
}

/** What {@link insertManyWithIds} did, per id. */
export interface InsertManyOutcome {
  inserted: string[];
  /** Ids that were already taken (never overwritten). */
  present: string[];
}

/**
 * Inserts many documents under their own ids, `batch` per call (wx-server-sdk
 * 4.0.2 sends an array as ONE insertDocument). For imports that read which
 * ids exist first (findByIds) and insert the rest. A batch that fails (an id
 * taken in between, or a server refusing the batch) is redone one document
 * at a time with {@link insertWithId}, where a taken id counts as `present`
 * and is never overwritten. Whether a refused batch left part of itself
 * written is not documented for CloudBase (the emulator writes all or none);
 * such documents would be reported `present`.
 */
export async function insertManyWithIds(
  db: DB,
  collection: string,
  docs: ReadonlyArray<{ _id: string } & Record<string, unknown>>,
  batch = 100,
): Promise<InsertManyOutcome> {
  const out: InsertManyOutcome = { inserted: [], present: [] };
  for (let i = 0; i < docs.length; i += batch) {
    const chunk = docs.slice(i, i + batch);
    try {
      await run(db.collection(collection).add({ data: chunk.map((d) => ({ ...d })) }));
      out.inserted.push(...chunk.map((d) => d._id));
    } catch {
      for (const { _id, ...data } of chunk) {
        const r = await insertWithId(db, collection, _id, data, () => true);
        (r.status === 'inserted' ? out.inserted : out.present).push(_id);
      }
    }
  }
  return out;
}

/** Deep equality of JSON-like values, Dates compared by instant (a stored date may come back as a string). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    const t = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN);
    return t(a) === t(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]))
    );
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
  }
  return a === b || (a == null && b == null);
}

/** True when every field of `data` (but `_id`) has the same value in `existing`. */
export const sameFields = (data: Record<string, unknown>, existing: Doc): boolean =>
  Object.keys(data).every((k) => k === '_id' || sameValue(data[k], existing[k]));

/** Creates or replaces the whole document `id`. */
export async function put(
  db: DB,
  collection: string,
  id: string,
  data: Record<string, unknown>,
): Promise<void> {
  await run(db.collection(collection).doc(id).set({ data }));
}

/**
 * Conditional update: applies `patch` to the documents matching `where`;
 * returns how many changed. The condition is checked by the database in the
 * same call, so "only if still in status X" needs no read first.
 */
export async function updateWhere(
  db: DB,
  collection: string,
  where: Condition,
  patch: Record<string, unknown>,
): Promise<number> {
  const res = await run(db.collection(collection).where(where).update({ data: patch }));
  return res.stats.updated;
}

/** Updates document `id` (true when it exists and changed). */
export const updateById = async (
  db: DB,
  collection: string,
  id: string,
  patch: Record<string, unknown>,
): Promise<boolean> => (await updateWhere(db, collection, { _id: id }, patch)) === 1;

/** Removes the documents matching `where`; returns how many. */
export async function removeWhere(db: DB, collection: string, where: Condition): Promise<number> {
  const res = await run(db.collection(collection).where(where).remove());
  return res.stats.removed;
}

/** Counts in the database (exact at any size; never by fetching rows). */
export async function count(db: DB, collection: string, where: Condition): Promise<number> {
  const res = await run(db.collection(collection).where(where).count());
  return res.total;
}

// ------------------------------------------------------------------ paging

/** One page and the cursor of the next (null on the last page). */
export interface Page<T = Doc> {
  items: T[];
  nextCursor: string | null;
}

type CursorValue = string | number | boolean | null | { d: string };
const encodeValue = (v: unknown): CursorValue =>
  v instanceof Date
    ? { d: v.toISOString() }
    : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
      ? v
      : null;
const decodeValue = (v: CursorValue): unknown => (isObject(v) ? new Date(v.d) : v);

/** Message for a cursor that was not made by {@link page} (tampered or from another list). */
export const BAD_CURSOR = '列表已更新，请下拉刷新后再试';

/** Opaque cursor: the sort value and `_id` of the last row, base64url JSON. */
export function encodeCursor(sortValue: unknown, id: string): string {
  return Buffer.from(JSON.stringify([encodeValue(sortValue), id]), 'utf8').toString('base64url');
}

/** Reads a cursor; throws invalid-argument for anything {@link encodeCursor} did not make. */
export function decodeCursor(cursor: string): { value: unknown; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') {
      const v = parsed[0] as unknown;
      const okValue =
        v === null ||
        typeof v === 'string' ||
        typeof v === 'number' ||
        typeof v === 'boolean' ||
        (isObject(v) && typeof v.d === 'string' && !Number.isNaN(Date.parse(v.d)));
      if (okValue) return { value: decodeValue(v as CursorValue), id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError('invalid-argument', BAD_CURSOR, { field: 'cursor' });
}

/**
 * Cursor paging (no `skip`, so page 500 costs what page 1 does): documents
 * matching `where`, ordered by `orderBy` then `_id` in the same direction,
 * starting after `cursor`. Reads `limit + 1` rows to know whether there is a
 * next page.
 */
export async function page(
  db: DB,
  collection: string,
  where: Condition,
  opts: { orderBy: Sort; limit: number; cursor?: string | null; fields?: readonly string[] },
): Promise<Page> {
  const [field, dir] = opts.orderBy;
  const _ = db.command;
  let condition: Condition = where;
  if (opts.cursor) {
    const { value, id } = decodeCursor(opts.cursor);
    const beyond = dir === 'desc' ? _.lt : _.gt;
    const after =
      field === '_id'
        ? { _id: beyond.call(_, id) }
        : _.or([{ [field]: beyond.call(_, value) }, { [field]: _.eq(value), _id: beyond.call(_, id) }]);
    condition = _.and([where, after] as Where[]);
  }
  const orderBy: Sort[] =
    field === '_id'
      ? [[field, dir]]
      : [
          [field, dir],
          ['_id', dir],
        ];
  const rows = await findMany(db, collection, condition, {
    limit: opts.limit + 1,
    orderBy,
    fields: opts.fields ? [...opts.fields, field] : undefined,
  });
  const items = rows.slice(0, opts.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > opts.limit && last ? encodeCursor(last[field], last._id) : null };
}

// -------------------------------------------------------------- aggregation

/** One group of {@link groupCount}: the group key, the row count, and the requested sums. */
export interface Group {
  key: unknown;
  count: number;
  sums: Record<string, number>;
}

/**
 * Counts (and sums) in the database, grouped by a field or a computed key:
 * `match` → `group` in one aggregate call. `by` is a field name or an
 * aggregate expression; `sum` names result fields → fields to add up.
 */
export async function groupCount(
  db: DB,
  collection: string,
  match: Where,
  by: string | Record<string, unknown>,
  sum: Record<string, string> = {},
  limit = MAX_READ,
): Promise<Group[]> {
  const $ = db.command.aggregate;
  const group: Record<string, unknown> = {
    _id: typeof by === 'string' ? `$${by}` : by,
    count: $.sum(1),
  };
  for (const [name, field] of Object.entries(sum)) group[`sum_${name}`] = $.sum(`$${field}`);
  const res = await run(db.collection(collection).aggregate().match(match).group(group).limit(limit).end());
  const list: unknown[] = Array.isArray(res.list) ? res.list : [];
  return list.filter(isObject).map((row) => ({
    key: row._id,
    count: Number(row.count) || 0,
    sums: Object.fromEntries(Object.keys(sum).map((name) => [name, Number(row[`sum_${name}`]) || 0])),
  }));
}

/** The aggregate builder of the SDK (`db.collection(c).aggregate()`). */
export type Aggregate = ReturnType<ReturnType<DB['collection']>['aggregate']>;

/**
 * Runs an aggregate pipeline built by `build` on `collection` (ONE database
 * call) and returns its rows, at most `limit` (≤ 1000). For grouped counts
 * beyond {@link groupCount}'s single key (computed tags, lookups). Throws
 * when the answer fills `limit`, so a truncated grouping is never taken for
 * the whole.
 */
export async function aggregate(
  db: DB,
  collection: string,
  build: (a: Aggregate) => Aggregate,
  limit = MAX_READ,
): Promise<Array<Record<string, unknown>>> {
  if (limit < 1 || limit > MAX_READ) throw new Error(`aggregate limit ${limit} out of 1..${MAX_READ}`);
  const res = await run(
    build(db.collection(collection).aggregate())
      .limit(limit + 1)
      .end(),
  );
  const list: unknown[] = Array.isArray(res.list) ? res.list : [];
  if (list.length > limit) throw new Error(`aggregate on ${collection} returned more than ${limit} rows`);
  return list.filter(isObject);
}

/** A sub-pipeline for a `$lookup` with `pipeline` (built like an aggregate, closed with `done()`). */
export interface SubPipeline {
  match(query: Record<string, unknown>): SubPipeline;
  project(spec: Record<string, unknown>): SubPipeline;
  sort(spec: Record<string, 1 | -1>): SubPipeline;
  limit(n: number): SubPipeline;
  done(): unknown[];
}

/**
 * `db.command.aggregate.pipeline()`: present in the SDK's database module
 * (@cloudbase/database 1.4.3, used by wx-server-sdk 4.0.2) but missing from
 * wx-server-sdk's typings; checked at run time.
 */
export function subPipeline(db: DB): SubPipeline {
  const agg: unknown = db.command.aggregate;
  const make = isObject(agg) ? agg.pipeline : undefined;
  if (typeof make !== 'function') throw new Error('db.command.aggregate.pipeline() is not available');
  return make.call(agg) as SubPipeline;
}
