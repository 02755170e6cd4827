/**
 * The database half of the emulator: answers every `database.*` action of the
 * wx-server-sdk 4.0.2 wire protocol (shared/cloudbase-wire.md §3) from SQLite.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyObject } from 'mingo/types';
import {
  aggregate,
  applyUpdate,
  asDbError,
  checkUpdate,
  compileQuery,
  isOperatorDoc,
  type Matcher,
  nearSortOf,
  shape,
  sortByNear,
} from './engine';
import {
  cloneDoc,
  decodeEjson,
  decodeObject,
  type Doc,
  fromStored,
  isPlainObject,
  toStored,
  toWire,
} from './ejson';
import { DbError, invalidParam, requestFailed } from './errors';
import { escapeQueryRefs, escapeRefs, escapeStage, escapeUpdateRefs } from './keys';
import { type Row, Store, type Write } from './store';
import {
  AGGREGATE_DEFAULT_CAP,
  ALLOW_EMPTY_QUERY_REMOVE,
  AUTO_CREATE_COLLECTIONS_DEFAULT,
  COLLECTION_EXISTS_CODE,
  DEFAULT_GET_LIMIT,
  DUPLICATE_KEY_CODE,
  duplicateKeyMessage,
  EMPTY_QUERY_REMOVE_MESSAGE,
  generateId,
  MAX_GET_LIMIT,
  TRANSACTION_IDLE_TIMEOUT_MS,
} from './unverified';

export { EARTH_RADIUS_M, haversine } from './geo';
export { generateId } from './unverified';

/**
 * Durability default: WAL + synchronous=NORMAL. A commit is in the OS before it
 * is acknowledged, so it survives kill -9 of the emulator (durability.test.ts
 * proves it for both modes); only an OS crash or power loss can lose the last
 * commits. FULL adds an fsync per commit: ~0.35 ms on a quiet disk (2,400
 * single inserts/s here) but 2–10 ms when the shared disk is busy (200–340/s,
 * below the 1,000/s target); see bench/results.md.
 */
export const DEFAULT_SYNCHRONOUS: 'full' | 'normal' = 'normal';

/** Reads the secondary-index config (default: emulator/indexes.json). */
export function loadIndexConfig(
  file: string = join(__dirname, '../../indexes.json'),
): Record<string, string[]> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (
    !isPlainObject(parsed) ||
    !Object.values(parsed).every((v) => Array.isArray(v) && v.every((f) => typeof f === 'string'))
  ) {
    throw new Error(`${file}: expected { "collection": ["field", …] }`);
  }
  return parsed as Record<string, string[]>;
}

/** Options of {@link createDatabase}. */
export interface DatabaseOptions {
  /** Folder of `db.sqlite`; null keeps everything in memory. */
  dataDir: string | null;
  /** collection → fields with a secondary index (see emulator/indexes.json). */
  indexes?: Record<string, string[]>;
  /** true: unknown collections answer DATABASE_COLLECTION_NOT_EXIST instead of being auto-created. */
  strictCollections?: boolean;
  /** Clock (ms) for serverDate and transaction timeouts. */
  now?: () => number;
  /**
   * SQLite `synchronous` in WAL mode (default: DEFAULT_SYNCHRONOUS). 'full': every commit is fsynced, survives
   * power loss. 'normal': survives kill -9 of the process (tested in durability.test.ts) but not an OS crash.
   */
  synchronous?: 'full' | 'normal';
}

/** The database module the HTTP server calls. */
export interface Database {
  /** Answers one SDK request body whose `action` starts with `database.`; returns the JSON body to send (HTTP 200). Never throws. */
  handle(
    action: string,
    body: Record<string, unknown>,
    requestId: string,
  ): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Drops all data (tests). */
  reset(): void;
  /** Collections with their document counts. */
  listCollections(): { name: string; count: number }[];
  /** JSON lines, canonical EJSON per line. */
  exportCollection(name: string): string;
  /** Imports JSON lines (EJSON); validates all lines first and writes nothing on error; returns the count. */
  importCollection(name: string, jsonl: string): number;
  /** Closes the SQLite file. */
  close(): void;
}

/** A document as a transaction sees it. */
interface TxEntry {
  coll: string;
  id: string;
  /** Committed version when first read (0 = absent). */
  version: number;
  /** Current view inside the transaction; null = absent/deleted. */
  doc: Doc | null;
  dirty: boolean;
}

interface Tx {
  id: string;
  entries: Map<string, TxEntry>;
  lastUsed: number;
}

type Body = Record<string, unknown>;

const COLLECTION_NAME_RE = /^[A-Za-z0-9_\-.]{1,128}$/;
/** Stages that read another collection: the source must be materialised first (SQLite cannot run a query while iterating). */
const CROSS_COLLECTION_STAGES = new Set(['$lookup', '$graphLookup', '$unionWith']);
/** Stages that write: not part of the SDK's aggregate API, refused. */
const FORBIDDEN_STAGES = new Set(['$out', '$merge']);

const entryKey = (coll: string, id: string): string => `${coll}\0${id}`;

/** Storage key of an `_id` value: strings as-is, numbers tagged (so 1 and "1" differ). */
function idKey(id: unknown): string {
  if (typeof id === 'string') {
    if (id.length === 0) throw invalidParam('_id must not be empty');
    return id;
  }
  if (typeof id === 'number' && Number.isFinite(id)) return `\u0000n:${id}`;
  throw invalidParam(`_id must be a string or a number, got ${toWire({ v: id }).slice(5, -1)}`);
}

function str(body: Body, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidParam(`${key} must be a string`);
  return v;
}

function nonNegInt(body: Body, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw invalidParam(`${key} must be a non-negative integer`);
  return v;
}

/** Scalar equality operand usable for index pushdown. */
function eqOperand(v: unknown): string | number | boolean | undefined {
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    return keys.length === 1 && keys[0] === '$eq' ? eqOperand(v.$eq) : undefined;
  }
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return undefined;
}

/** Largest `$in` list served through an index (larger lists scan). */
const MAX_PUSHDOWN_IN = 500;

/** Top-level conditions (including those inside a top-level `$and`). */
function topConditions(query: Doc): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(query)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) out.push(...topConditions(sub));
    } else if (!k.startsWith('$')) out.push([k, v]);
  }
  return out;
}

/** True if the value at `field` is something json_extract equality cannot represent exactly (array/object, or arrays on the way). */
function unsafeForIndex(doc: Doc, field: string): boolean {
  let cur: unknown = doc;
  for (const seg of field.split('.')) {
    if (Array.isArray(cur)) return true;
    if (!isPlainObject(cur)) return false;
    cur = cur[seg];
  }
  return cur !== null && typeof cur === 'object';
}

/** Collects the top-level field roots referenced as `$path` strings in an expression; false if `$$ROOT`/`$$CURRENT` is used. */
function fieldRoots(expr: unknown, out: Set<string>): boolean {
  if (typeof expr === 'string') {
    if (expr.startsWith('$$')) return !/^\$\$(ROOT|CURRENT)/.test(expr);
    if (expr.startsWith('$')) out.add(expr.slice(1).split('.')[0]);
    return true;
  }
  if (Array.isArray(expr)) return expr.every((e) => fieldRoots(e, out));
  if (isPlainObject(expr)) return Object.values(expr).every((e) => fieldRoots(e, out));
  return true;
}

/**
 * Memory: mingo's $group keeps every input document until the end. When a
 * `$group` follows only `$match` stages, a `$project` of the fields it reads is
 * inserted before it, so a group over 300k documents keeps a few fields each
 * instead of whole documents. The result is identical.
 */
function narrowBeforeGroup(pipeline: AnyObject[]): void {
  const g = pipeline.findIndex((st) => !('$match' in st));
  if (g < 0 || !('$group' in pipeline[g])) return;
  const roots = new Set<string>();
  if (!fieldRoots(pipeline[g].$group, roots)) return;
  const projection: Doc = { _id: 1 };
  for (const r of roots) if (r) projection[r] = 1;
  pipeline.splice(g, 0, { $project: projection });
}

/** Creates the database module. */
export function createDatabase(opts: DatabaseOptions): Database {
  const now = opts.now ?? Date.now;
  const strict = opts.strictCollections ?? !AUTO_CREATE_COLLECTIONS_DEFAULT;
  const store = new Store(opts.dataDir, opts.indexes ?? {}, opts.synchronous ?? DEFAULT_SYNCHRONOUS);
  const txs = new Map<string, Tx>();

  // ---------- collections ----------

  function collName(body: Body): string {
    const name = body.collectionName;
    if (typeof name !== 'string' || !COLLECTION_NAME_RE.test(name)) {
      throw invalidParam('collectionName must be 1-128 characters of letters, digits, _ - .');
    }
    return name;
  }

  /** In strict mode an unknown collection is an error, for reads and writes. */
  function requireCollection(coll: string): void {
    if (strict && !store.collectionExists(coll)) {
      throw new DbError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `collection ${coll} does not exist (strict collections)`,
      );
    }
  }

  // ---------- transactions ----------

  function sweepTransactions(): void {
    const t = now();
    for (const [id, tx] of txs) if (t - tx.lastUsed > TRANSACTION_IDLE_TIMEOUT_MS) txs.delete(id);
  }

  function getTx(body: Body): Tx | null {
    const id = body.transactionId;
    if (id === undefined || id === null || id === '') return null;
    if (typeof id !== 'string') throw invalidParam('transactionId must be a string');
    const tx = txs.get(id);
    if (!tx)
      throw requestFailed(
        `transaction ${id} does not exist, has finished or timed out after ${TRANSACTION_IDLE_TIMEOUT_MS} ms idle`,
      );
    tx.lastUsed = now();
    return tx;
  }

  /** The transaction's view of one document: committed state at first read, then its own writes. */
  function txRead(tx: Tx, coll: string, id: string, row?: Row): TxEntry {
    const k = entryKey(coll, id);
    let e = tx.entries.get(k);
    if (!e) {
      const r = row ?? store.get(coll, id);
      e = { coll, id, version: r?.version ?? 0, doc: r ? fromStored(r.doc) : null, dirty: false };
      tx.entries.set(k, e);
    }
    return e;
  }

  // ---------- reading ----------

  /**
   * Candidate rows for a query: `_id` equality/`$in` by primary key, else an
   * indexed top-level equality through its partial index, else a full scan.
   * Candidates are always filtered with the full query afterwards.
   */
  function candidates(coll: string, query: Doc): Iterable<Row> {
    const conds = topConditions(query);
    for (const [k, v] of conds) {
      if (k !== '_id') continue;
      const eq = eqOperand(v);
      if (typeof eq === 'string' || typeof eq === 'number') {
        const r = store.get(coll, idKey(eq));
        return r ? [r] : [];
      }
      if (isPlainObject(v) && Object.keys(v).length === 1 && Array.isArray(v.$in)) {
        const ids = v.$in.filter(
          (x): x is string | number => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)),
        );
        if (ids.length === v.$in.length) {
          const seen = new Set<string>();
          const rows: Row[] = [];
          for (const x of ids) {
            const key = idKey(x);
            if (seen.has(key)) continue;
            seen.add(key);
            const r = store.get(coll, key);
            if (r) rows.push(r);
          }
          return rows;
        }
      }
    }
    for (const [k, v] of conds) {
      const eq = eqOperand(v);
      if (eq === undefined || !store.canPushDown(coll, k)) continue;
      // Booleans are stored by json_extract as 1/0: the candidates are a superset, the matcher filters them.
      return store.scanEq(coll, k, typeof eq === 'boolean' ? (eq ? 1 : 0) : eq);
    }
    // An indexed `$in` of plain strings / numbers (no null, regex or boolean): the
    // same partial index with IN (e.g. a station's workers' records).
    for (const [k, v] of conds) {
      if (k === '_id' || !store.canPushDown(coll, k)) continue;
      if (!isPlainObject(v) || Object.keys(v).length !== 1 || !Array.isArray(v.$in)) continue;
      const values = v.$in;
      if (values.length === 0 || values.length > MAX_PUSHDOWN_IN) continue;
      if (values.every((x) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x))))
        return store.scanIn(coll, k, values as (string | number)[]);
    }
    return store.scan(coll);
  }

  /**
   * Finds matching documents. Without order/near, stops after `stopAfter`
   * matches. Inside a transaction, reads go through the transaction's view.
   */
  function findDocs(coll: string, query: Doc, tx: Tx | null, stopAfter: number): Doc[] {
    const match: Matcher = compileQuery(query);
    const out: Doc[] = [];
    if (stopAfter <= 0) return out;
    const seen = tx ? new Set<string>() : null;
    for (const row of candidates(coll, query)) {
      let doc: Doc | null;
      if (tx) {
        seen!.add(row.id);
        const k = entryKey(coll, row.id);
        const e = tx.entries.get(k);
        if (e) doc = e.doc;
        else {
          doc = fromStored(row.doc);
          // Only matched documents join the snapshot, so a full scan does not copy the collection into memory.
          if (match(doc)) tx.entries.set(k, { coll, id: row.id, version: row.version, doc, dirty: false });
        }
      } else doc = fromStored(row.doc);
      if (doc && match(doc)) {
        out.push(doc);
        if (out.length >= stopAfter) return out;
      }
    }
    if (tx) {
      // Documents the transaction inserted (absent from the committed store).
      for (const e of tx.entries.values()) {
        if (e.coll !== coll || e.doc === null || seen!.has(e.id) || e.version !== 0) continue;
        if (match(e.doc)) {
          out.push(e.doc);
          if (out.length >= stopAfter) return out;
        }
      }
    }
    return out;
  }

  function parseQuery(body: Body, required: boolean): Doc {
    const q = body.query;
    if (q === undefined || q === null || q === '') {
      if (required) throw invalidParam('query is required');
      return {};
    }
    return escapeQueryRefs(decodeObject(q, now(), 'query')) as Doc;
  }

  function getDocument(body: Body, requestId: string): Body {
    const coll = collName(body);
    requireCollection(coll);
    const tx = getTx(body);
    const query = parseQuery(body, body.queryType === 'DOC');
    const orderText = str(body, 'order');
    const order = orderText ? decodeObject(orderText, now(), 'order') : null;
    const projText = str(body, 'projection');
    const projection = projText ? (escapeRefs(decodeObject(projText, now(), 'projection')) as Doc) : null;
    const offset = nonNegInt(body, 'offset') ?? 0;
    let limit = nonNegInt(body, 'limit') ?? DEFAULT_GET_LIMIT;
    if (limit === 0) limit = DEFAULT_GET_LIMIT;
    limit = Math.min(limit, MAX_GET_LIMIT);
    const near = nearSortOf(query);
    const ordered = near !== null || (order !== null && Object.keys(order).length > 0);
    let docs = findDocs(coll, query, tx, ordered ? Infinity : offset + limit);
    if (near) docs = sortByNear(docs, near);
    const list = shape(docs, { order, offset, limit, projection });
    return { requestId, data: { list: list.map(toWire) } };
  }

  function calculateDocument(body: Body, requestId: string): Body {
    const coll = collName(body);
    requireCollection(coll);
    const query = parseQuery(body, false);
    const keys = Object.keys(query);
    let total: number;
    if (keys.length === 0) total = store.count(coll);
    else if (
      keys.length === 1 &&
      typeof eqOperand(query[keys[0]]) === 'string' &&
      store.canPushDown(coll, keys[0])
    ) {
      // Exact: the field never holds arrays/objects in this collection, so text equality is MongoDB equality.
      total = store.countEq(coll, keys[0], eqOperand(query[keys[0]]) as string);
    } else {
      // Stream: count without keeping the matched documents.
      const match = compileQuery(query);
      total = 0;
      for (const row of candidates(coll, query)) if (match(fromStored(row.doc))) total++;
    }
    return { requestId, data: { total } };
  }

  // ---------- writing ----------

  /** Marks indexed fields that hold arrays/objects, so pushdown never misses a match. */
  function noteIndexSafety(coll: string, doc: Doc): void {
    for (const f of store.indexedFields(coll)) if (unsafeForIndex(doc, f)) store.markUnsafe(coll, f);
  }

  /** Writes outside a transaction, mapping a unique violation to the duplicate-key error. */
  function commitWrites(writes: Write[], docs: Doc[]): void {
    for (let i = 0; i < writes.length; i++) if (docs[i]) noteIndexSafety(writes[i].coll, docs[i]);
    store.apply(writes);
  }

  function insertDocument(body: Body, requestId: string): Body {
    const coll = collName(body);
    requireCollection(coll);
    const tx = getTx(body);
    const data = body.data;
    if (!Array.isArray(data) || data.length === 0)
      throw invalidParam('data must be a non-empty array of EJSON strings');
    const t = now();
    const docs = data.map((d, i) => {
      const doc = decodeObject(d, t, `data[${i}]`);
      if (Object.keys(doc).some((k) => k.startsWith('$')))
        throw invalidParam(`data[${i}]: field names must not start with $`);
      return doc;
    });
    const ids: unknown[] = [];
    const keys = new Set<string>();
    const rows = docs.map((doc) => {
      if (doc._id === undefined) doc = { _id: generateId(), ...doc };
      const key = idKey(doc._id);
      if (keys.has(key)) throw new DbError(DUPLICATE_KEY_CODE, duplicateKeyMessage(coll, doc._id));
      keys.add(key);
      ids.push(doc._id);
      return { id: key, doc };
    });
    if (tx) {
      for (const r of rows) {
        if (txRead(tx, coll, r.id).doc !== null)
          throw new DbError(DUPLICATE_KEY_CODE, duplicateKeyMessage(coll, r.doc._id));
      }
      for (const r of rows) {
        const e = txRead(tx, coll, r.id);
        e.doc = r.doc;
        e.dirty = true;
      }
    } else {
      for (const r of rows) {
        if (store.get(coll, r.id))
          throw new DbError(DUPLICATE_KEY_CODE, duplicateKeyMessage(coll, r.doc._id));
      }
      for (const r of rows) noteIndexSafety(coll, r.doc);
      store.insert(
        coll,
        rows.map((r) => ({ id: r.id, doc: toStored(r.doc) })),
      );
    }
    return { requestId, data: { insertedIds: ids } };
  }

  function modifyDocument(body: Body, requestId: string): Body {
    const coll = collName(body);
    requireCollection(coll);
    const tx = getTx(body);
    const query = parseQuery(body, true);
    const data = escapeUpdateRefs(decodeObject(body.data, now(), 'data'));
    const merge = body.merge !== false;
    const upsert = body.upsert === true;
    const multi = body.multi === true;
    if (merge) checkUpdate(data);
    else {
      if (isOperatorDoc(data) || Object.keys(data).some((k) => k.startsWith('$'))) {
        throw invalidParam('set() data must be a plain document without update operators');
      }
    }
    if (data._id !== undefined) throw invalidParam('_id cannot be updated');

    const found = findDocs(coll, query, tx, multi ? Infinity : 1);
    let updated = 0;
    let upsertId: unknown = undefined;
    const writes: Write[] = [];
    const newDocs: Doc[] = [];
    const stage = (doc: Doc): void => {
      const key = idKey(doc._id);
      if (tx) {
        const e = txRead(tx, coll, key);
        e.doc = doc;
        e.dirty = true;
      } else {
        writes.push({ coll, id: key, doc: toStored(doc) });
        newDocs.push(doc);
      }
    };
    for (const old of found) {
      if (!merge) {
        // Whole-document replace keeping _id; counts as modified (unverified.ts UPDATED_COUNTS_MODIFIED).
        stage({ _id: old._id, ...data });
        updated++;
        continue;
      }
      const doc = cloneDoc(old);
      if (applyUpdate(doc, data)) {
        if (doc._id !== old._id) throw invalidParam('_id cannot be updated');
        stage(doc);
        updated++;
      }
    }
    if (found.length === 0 && upsert) {
      // Seed the new document from the query's top-level equalities (its _id for doc().set()).
      const seed: Doc = {};
      for (const [k, v] of topConditions(query)) {
        const eq = eqOperand(v);
        if (eq !== undefined && !k.includes('.')) seed[k] = eq;
      }
      if (seed._id === undefined) seed._id = generateId();
      let doc: Doc;
      if (merge) {
        doc = cloneDoc(seed);
        applyUpdate(doc, data);
        doc._id = seed._id;
      } else doc = { _id: seed._id, ...data };
      stage(doc);
      upsertId = doc._id;
    }
    if (!tx && writes.length) commitWrites(writes, newDocs);
    const out: Body = { updated };
    if (upsertId !== undefined) out.upsert_id = upsertId;
    return { requestId, data: out };
  }

  function removeDocument(body: Body, requestId: string): Body {
    const coll = collName(body);
    requireCollection(coll);
    const tx = getTx(body);
    if ((body.query === undefined || body.query === null || body.query === '') && !ALLOW_EMPTY_QUERY_REMOVE) {
      throw invalidParam(EMPTY_QUERY_REMOVE_MESSAGE);
    }
    const query = parseQuery(body, false);
    const multi = body.multi === true;
    const found = findDocs(coll, query, tx, multi ? Infinity : 1);
    if (tx) {
      for (const d of found) {
        const e = txRead(tx, coll, idKey(d._id));
        e.doc = null;
        e.dirty = true;
      }
    } else if (found.length) {
      store.apply(found.map((d) => ({ coll, id: idKey(d._id), doc: null })));
    }
    return { requestId, data: { deleted: found.length } };
  }

  // ---------- aggregation ----------

  function loadCollection(name: string): Doc[] {
    if (typeof name !== 'string' || !COLLECTION_NAME_RE.test(name))
      throw invalidParam(`bad collection name in $lookup: ${String(name)}`);
    const out: Doc[] = [];
    for (const r of store.scan(name)) out.push(fromStored(r.doc));
    return out;
  }

  function aggregateDocuments(body: Body, requestId: string): Body {
    const coll = collName(body);
    requireCollection(coll);
    const stages = body.stages;
    if (!Array.isArray(stages)) throw invalidParam('stages must be an array of {stageKey, stageValue}');
    const t = now();
    const pipeline: AnyObject[] = stages.map((s: unknown, i: number) => {
      if (!isPlainObject(s) || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) {
        throw invalidParam(`stages[${i}] must be {stageKey: '$…', stageValue: EJSON}`);
      }
      if (FORBIDDEN_STAGES.has(s.stageKey)) throw requestFailed(`stage ${s.stageKey} is not supported`);
      if (s.stageKey === '$geoNear' && i !== 0)
        throw requestFailed('$geoNear is only valid as the first stage of a pipeline');
      return escapeStage({ [s.stageKey]: decodeEjson(s.stageValue, t, `stages[${i}].stageValue`) });
    });
    if (AGGREGATE_DEFAULT_CAP !== null && !pipeline.some((p) => '$limit' in p))
      pipeline.push({ $limit: AGGREGATE_DEFAULT_CAP });
    narrowBeforeGroup(pipeline);
    const first = pipeline[0];
    const firstMatch = first && isPlainObject(first.$match) ? (first.$match as Doc) : {};
    const crossCollection = pipeline.some((p) => Object.keys(p).some((k) => CROSS_COLLECTION_STAGES.has(k)));
    const rows = candidates(coll, firstMatch);
    let result: Doc[];
    if (crossCollection || Array.isArray(rows)) {
      const docs: Doc[] = [];
      for (const r of rows) docs.push(fromStored(r.doc));
      result = aggregate(docs, pipeline, loadCollection);
    } else {
      // Stream the collection through the pipeline instead of loading it whole.
      const it = rows[Symbol.iterator]();
      const gen = (function* (): Generator<Doc> {
        for (let n = it.next(); !n.done; n = it.next()) yield fromStored(n.value.doc);
      })();
      try {
        result = aggregate(gen as unknown as Doc[], pipeline, loadCollection);
      } finally {
        // Releases the SQLite statement when a stage stopped early or the pipeline failed before reading.
        it.return?.();
      }
    }
    return { requestId, data: { list: result.map(toWire) } };
  }

  // ---------- transaction actions ----------

  function startTransaction(requestId: string): Body {
    sweepTransactions();
    const id = randomBytes(16).toString('hex');
    txs.set(id, { id, entries: new Map(), lastUsed: now() });
    return { requestId, transactionId: id };
  }

  function commitTransaction(body: Body, requestId: string): Body {
    const tx = getTx(body);
    if (!tx) throw invalidParam('transactionId is required');
    txs.delete(tx.id);
    const dirty = [...tx.entries.values()].filter((e) => e.dirty);
    const writes: Write[] = [];
    for (const e of dirty) {
      if (e.doc === null && e.version === 0) continue; // inserted then removed, or removed while absent
      if (e.doc) noteIndexSafety(e.coll, e.doc);
      writes.push({ coll: e.coll, id: e.id, doc: e.doc ? toStored(e.doc) : null });
    }
    store.apply(writes, () => {
      // Write-write conflict: a document this transaction wrote changed since it first read it.
      for (const e of dirty) {
        if (store.version(e.coll, e.id) !== e.version) {
          throw new DbError('DATABASE_TRANSACTION_CONFLICT', `transaction conflict on ${e.coll}/${e.id}`);
        }
      }
    });
    return { requestId };
  }

  function abortTransaction(body: Body, requestId: string): Body {
    const tx = getTx(body);
    if (!tx) throw invalidParam('transactionId is required');
    txs.delete(tx.id);
    return { requestId };
  }

  // ---------- dispatch ----------

  function dispatch(action: string, body: Body, requestId: string): Body {
    switch (action) {
      case 'database.getDocument':
        return getDocument(body, requestId);
      case 'database.insertDocument':
        return insertDocument(body, requestId);
      case 'database.modifyDocument':
        return modifyDocument(body, requestId);
      case 'database.removeDocument':
        return removeDocument(body, requestId);
      case 'database.calculateDocument':
        return calculateDocument(body, requestId);
      case 'database.aggregateDocuments':
        return aggregateDocuments(body, requestId);
      case 'database.addCollection': {
        const coll = collName(body);
        if (!store.createCollection(coll)) {
          throw new DbError(COLLECTION_EXISTS_CODE, `collection ${coll} already exists`);
        }
        return { requestId };
      }
      case 'database.startTransaction':
        return startTransaction(requestId);
      case 'database.commitTransaction':
        return commitTransaction(body, requestId);
      case 'database.abortTransaction':
        return abortTransaction(body, requestId);
      default:
        throw invalidParam(`unknown database action ${action}`);
    }
  }

  function errorBody(e: unknown, requestId: string): Body {
    if (e instanceof DbError) return { code: e.code, message: e.message, requestId };
    const err = e as { code?: unknown; message?: unknown };
    if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) {
      return {
        code: DUPLICATE_KEY_CODE,
        message: `E11000 duplicate key error: ${String(err.message)}`,
        requestId,
      };
    }
    const wrapped = asDbError(e, 'database error');
    return { code: wrapped.code, message: wrapped.message, requestId };
  }

  return {
    handle(action, body, requestId) {
      try {
        if (!isPlainObject(body)) throw invalidParam('request body must be a JSON object');
        return dispatch(action, body, requestId);
      } catch (e) {
        return errorBody(e, requestId);
      }
    },
    reset() {
      txs.clear();
      store.reset();
    },
    listCollections() {
      return store.listCollections();
    },
    exportCollection(name) {
      const lines: string[] = [];
      for (const r of store.scan(name)) lines.push(toWire(fromStored(r.doc)));
      return lines.length ? lines.join('\n') + '\n' : '';
    },
    importCollection(name, jsonl) {
      if (!COLLECTION_NAME_RE.test(name)) throw invalidParam(`bad collection name ${name}`);
      const t = now();
      const lines = jsonl.split('\n').map((l) => l.trim());
      const rows: { id: string; doc: Doc }[] = [];
      const keys = new Set<string>();
      lines.forEach((line, i) => {
        if (!line) return;
        let doc = decodeObject(line, t, `line ${i + 1}`);
        if (doc._id === undefined) doc = { _id: generateId(), ...doc };
        const key = idKey(doc._id);
        if (keys.has(key))
          throw new DbError(DUPLICATE_KEY_CODE, `line ${i + 1}: ${duplicateKeyMessage(name, doc._id)}`);
        keys.add(key);
        rows.push({ id: key, doc });
      });
      for (const r of rows) noteIndexSafety(name, r.doc);
      // Import replaces documents with the same _id (an import is a restore).
      store.apply(rows.map((r) => ({ coll: name, id: r.id, doc: toStored(r.doc) })));
      store.createCollection(name);
      return rows.length;
    },
    close() {
      txs.clear();
      store.close();
    },
  };
}
