/**
 * SQLite storage (better-sqlite3): one row per document, stored as relaxed
 * EJSON text with a version number; partial expression indexes on
 * json_extract() for the configured fields. WAL + synchronous=FULL: a write is
 * on disk (fsynced WAL) before the request is answered.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { invalidParam } from './errors';

/** One stored document row. */
export interface Row {
  id: string;
  doc: string;
  version: number;
}

/** A write to apply: `doc === null` deletes. */
export interface Write {
  coll: string;
  id: string;
  doc: string | null;
}

const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** SQL string literal (config values only ever reach SQL through this). */
const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** json_extract path for a dotted field, each segment quoted. */
const jsonPath = (field: string): string =>
  lit(
    '$' +
      field
        .split('.')
        .map((f) => `."${f}"`)
        .join(''),
  );
/** The exact expression used in the index and in queries (SQLite matches it textually). */
const fieldExpr = (field: string): string => `json_extract(doc, ${jsonPath(field)})`;

/** Storage of all collections in one SQLite database. */
export class Store {
  readonly db: BetterSqlite3.Database;
  private seq: number;
  private readonly indexes: Map<string, Set<string>>;
  /** (coll \0 field) pairs where some document holds an array on the path: pushdown would miss array matches. */
  private readonly unsafe = new Set<string>();
  private readonly stmts = new Map<string, BetterSqlite3.Statement>();

  constructor(
    dataDir: string | null,
    indexes: Record<string, string[]>,
    synchronous: 'full' | 'normal' = 'full',
  ) {
    let file = ':memory:';
    if (dataDir !== null) {
      mkdirSync(dataDir, { recursive: true });
      file = join(dataDir, 'db.sqlite');
    }
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: the WAL is fsynced at every commit, so an acknowledged write survives kill -9 and power loss.
    // NORMAL: the commit is in the OS page cache before it is acknowledged: survives kill -9, not an OS crash.
    this.db.pragma(synchronous === 'normal' ? 'synchronous = NORMAL' : 'synchronous = FULL');
    this.db.pragma('cache_size = -65536');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, created INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS docs (
        rid INTEGER PRIMARY KEY,
        coll TEXT NOT NULL,
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        version INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS docs_coll_id ON docs(coll, id);
      CREATE INDEX IF NOT EXISTS docs_coll_rid ON docs(coll, rid);
      CREATE TABLE IF NOT EXISTS unsafe_index_fields (coll TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (coll, field));
    `);
    this.seq = (this.db.prepare('SELECT MAX(version) AS v FROM docs').get() as { v: number | null }).v ?? 0;
    this.indexes = new Map();
    this.setupIndexes(indexes);
    for (const r of this.db.prepare('SELECT coll, field FROM unsafe_index_fields').all() as {
      coll: string;
      field: string;
    }[]) {
      this.unsafe.add(`${r.coll}\0${r.field}`);
    }
  }

  /** Creates the configured partial indexes (named ix_<n>) and drops stale ones. */
  private setupIndexes(indexes: Record<string, string[]>): void {
    const wanted = new Map<string, string>();
    for (const [coll, fields] of Object.entries(indexes)) {
      if (!Array.isArray(fields)) throw invalidParam(`indexes.${coll} must be an array of field names`);
      const set = new Set<string>();
      for (const f of fields) {
        if (typeof f !== 'string' || !FIELD_RE.test(f))
          throw invalidParam(`indexes.${coll}: bad field name ${String(f)}`);
        set.add(f);
        const sql = `ON docs(${fieldExpr(f)}) WHERE coll = ${lit(coll)}`;
        wanted.set(sql, f);
      }
      this.indexes.set(coll, set);
    }
    const existing = this.db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix\\_%' ESCAPE '\\'")
      .all() as { name: string; sql: string }[];
    const have = new Set<string>();
    for (const ix of existing) {
      const body = ix.sql.slice(ix.sql.indexOf(' ON ') + 1);
      if (wanted.has(body)) have.add(body);
      else this.db.exec(`DROP INDEX "${ix.name}"`);
    }
    let n = existing.length;
    for (const body of wanted.keys()) {
      if (have.has(body)) continue;
      let name = `ix_${n++}`;
      while (existing.some((e) => e.name === name)) name = `ix_${n++}`;
      this.db.exec(`CREATE INDEX "${name}" ${body}`);
    }
  }

  private stmt(sql: string): BetterSqlite3.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  /** Fields with an index for this collection. */
  indexedFields(coll: string): ReadonlySet<string> {
    return this.indexes.get(coll) ?? new Set();
  }

  /** True if an indexed equality on `field` can be answered from the index alone (no array on the path anywhere). */
  canPushDown(coll: string, field: string): boolean {
    return this.indexedFields(coll).has(field) && !this.unsafe.has(`${coll}\0${field}`);
  }

  collectionExists(name: string): boolean {
    return this.stmt('SELECT 1 FROM collections WHERE name = ?').get(name) !== undefined;
  }

  /** Creates the collection if missing; returns true if it was created. */
  createCollection(name: string): boolean {
    return (
      this.stmt('INSERT OR IGNORE INTO collections(name, created) VALUES (?, ?)').run(name, Date.now())
        .changes > 0
    );
  }

  listCollections(): { name: string; count: number }[] {
    return this.stmt(
      'SELECT c.name AS name, (SELECT COUNT(*) FROM docs d WHERE d.coll = c.name) AS count FROM collections c ORDER BY c.name',
    ).all() as { name: string; count: number }[];
  }

  get(coll: string, id: string): Row | undefined {
    return this.stmt('SELECT id, doc, version FROM docs WHERE coll = ? AND id = ?').get(coll, id) as
      | Row
      | undefined;
  }

  /** Current version of a document, 0 if absent. */
  version(coll: string, id: string): number {
    const r = this.stmt('SELECT version FROM docs WHERE coll = ? AND id = ?').get(coll, id) as
      | { version: number }
      | undefined;
    return r?.version ?? 0;
  }

  /** All rows of a collection in insertion order (lazy). */
  scan(coll: string): IterableIterator<Row> {
    return this.stmt('SELECT id, doc, version FROM docs WHERE coll = ? ORDER BY rid').iterate(
      coll,
    ) as IterableIterator<Row>;
  }

  /** Rows whose indexed field equals `value` (uses the partial index), in insertion order (lazy, so a limit stops early). */
  scanEq(coll: string, field: string, value: string | number): IterableIterator<Row> {
    const sql = `SELECT id, doc, version FROM docs WHERE coll = ${lit(coll)} AND ${fieldExpr(field)} = ? ORDER BY rid`;
    return this.stmt(sql).iterate(value) as IterableIterator<Row>;
  }

  /**
   * Rows whose indexed field equals one of `values` (`IN` on the same partial
   * index), in insertion order (lazy).
   */
  scanIn(coll: string, field: string, values: readonly (string | number)[]): IterableIterator<Row> {
    const marks = values.map(() => '?').join(', ');
    const sql = `SELECT id, doc, version FROM docs WHERE coll = ${lit(coll)} AND ${fieldExpr(field)} IN (${marks}) ORDER BY rid`;
    return this.stmt(sql).iterate(...values) as IterableIterator<Row>;
  }

  /** Count of rows whose indexed field equals `value`. */
  countEq(coll: string, field: string, value: string | number): number {
    const sql = `SELECT COUNT(*) AS n FROM docs WHERE coll = ${lit(coll)} AND ${fieldExpr(field)} = ?`;
    return (this.stmt(sql).get(value) as { n: number }).n;
  }

  count(coll: string): number {
    return (this.stmt('SELECT COUNT(*) AS n FROM docs WHERE coll = ?').get(coll) as { n: number }).n;
  }

  /** The query plan of an indexed equality (tests check that the index is used). */
  explainEq(coll: string, field: string): string {
    const sql = `EXPLAIN QUERY PLAN SELECT id, doc, version FROM docs WHERE coll = ${lit(coll)} AND ${fieldExpr(field)} = ? ORDER BY rid`;
    return (this.db.prepare(sql).all('x') as { detail: string }[]).map((r) => r.detail).join('; ');
  }

  /**
   * Applies writes atomically (one SQLite transaction) and returns the new
   * versions. `check` runs first inside the transaction (conflict detection)
   * and may throw to abort everything.
   */
  apply(writes: Write[], check?: () => void): void {
    const run = this.db.transaction(() => {
      if (check) check();
      for (const w of writes) {
        if (w.doc === null) {
          this.stmt('DELETE FROM docs WHERE coll = ? AND id = ?').run(w.coll, w.id);
          continue;
        }
        this.createCollection(w.coll);
        const v = ++this.seq;
        const upd = this.stmt('UPDATE docs SET doc = ?, version = ? WHERE coll = ? AND id = ?').run(
          w.doc,
          v,
          w.coll,
          w.id,
        );
        if (upd.changes === 0)
          this.stmt('INSERT INTO docs(coll, id, doc, version) VALUES (?, ?, ?, ?)').run(
            w.coll,
            w.id,
            w.doc,
            v,
          );
      }
    });
    // seq may advance inside a rolled-back transaction; gaps are harmless (versions need only be unique and increasing).
    run();
  }

  /** Inserts new documents atomically; throws SqliteError SQLITE_CONSTRAINT_UNIQUE on a duplicate id. */
  insert(coll: string, docs: { id: string; doc: string }[]): void {
    const run = this.db.transaction(() => {
      this.createCollection(coll);
      const ins = this.stmt('INSERT INTO docs(coll, id, doc, version) VALUES (?, ?, ?, ?)');
      for (const d of docs) ins.run(coll, d.id, d.doc, ++this.seq);
    });
    run();
  }

  /** Records that an indexed field holds arrays in this collection, disabling pushdown for it. */
  markUnsafe(coll: string, field: string): void {
    const k = `${coll}\0${field}`;
    if (this.unsafe.has(k)) return;
    this.unsafe.add(k);
    this.stmt('INSERT OR IGNORE INTO unsafe_index_fields(coll, field) VALUES (?, ?)').run(coll, field);
  }

  /** Deletes everything (tests). */
  reset(): void {
    this.db.exec('DELETE FROM docs; DELETE FROM collections; DELETE FROM unsafe_index_fields;');
    this.unsafe.clear();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
