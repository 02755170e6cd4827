/**
 * Test harness: a tiny HTTP server that routes the SDK's `POST /admin` bodies
 * to a Database's handle(), and the real wx-server-sdk 4.0.2 pointed at it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as WxServerSdk from 'wx-server-sdk';
import type { Database } from '../../src/db';

/** What the harness recorded, for assertions on the wire. */
export interface WireLog {
  actions: string[];
  responses: { action: string; body: Record<string, unknown> }[];
}

/** A running harness server. */
export interface DbServer {
  url: string;
  log: WireLog;
  close(): Promise<void>;
}

let seq = 0;

/** Starts the routing server on a random loopback port. */
export async function startDbServer(db: Database): Promise<DbServer> {
  const log: WireLog = { actions: [], responses: [] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let out: Record<string, unknown>;
        const requestId = `test-${++seq}`;
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          const action = typeof body.action === 'string' ? body.action : '';
          log.actions.push(action);
          out = action.startsWith('database.')
            ? await db.handle(action, body, requestId)
            : { code: 'INVALID_PARAM', message: `not routed: ${action}`, requestId };
          log.responses.push({ action, body: out });
        } catch (e) {
          out = { code: 'INVALID_PARAM', message: `bad JSON body: ${(e as Error).message}`, requestId };
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(out));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The environment of cloudbase-wire.md §1; must be set before wx-server-sdk is required. */
export function sdkEnv(url: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD_SECRETID: 'x',
    TENCENTCLOUD_SECRETKEY: 'y',
    TCB_ENV: 'local',
    TENCENTCLOUD: 'true',
  };
}

/** POSTs a raw body to the harness (for inputs the SDK would never send). */
export async function rawPost(url: string, body: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/admin?env=local&seqId=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return (await res.json()) as Record<string, unknown>;
}

/** Deep copy with object keys sorted, so documents compare regardless of key order (mingo's differs from MongoDB's). */
export function sorted<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sorted) as T;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sorted(o[k])]),
    ) as T;
  }
  return v;
}

/** The wx-server-sdk module type. */
export type Cloud = typeof WxServerSdk;
type RealDb = ReturnType<Cloud['database']>;
/** A document as the SDK returns it. */
export type D = Record<string, unknown>;

/** The query surface used by the tests (wx-server-sdk's own typings return `Promise | void | string`). */
export interface QueryLike {
  where(q: object): QueryLike;
  orderBy(field: string, dir: 'asc' | 'desc'): QueryLike;
  skip(n: number): QueryLike;
  limit(n: number): QueryLike;
  field(p: object): QueryLike;
  get(): Promise<{ data: D[] }>;
  count(): Promise<{ total: number }>;
  update(o: { data: object; multi?: boolean }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}
/** doc(id) surface. */
export interface DocLike {
  get(): Promise<{ data: D | null }>;
  set(o: { data: object }): Promise<{ _id: unknown; stats: { updated: number; created: number } }>;
  update(o: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
  field(p: object): DocLike;
}
/** Aggregation builder surface. */
export interface AggLike {
  match(v: object): AggLike;
  group(v: object): AggLike;
  project(v: object): AggLike;
  addFields(v: object): AggLike;
  sort(v: object): AggLike;
  skip(n: number): AggLike;
  limit(n: number): AggLike;
  count(name: string): AggLike;
  unwind(v: string | object): AggLike;
  lookup(v: object): AggLike;
  bucket(v: object): AggLike;
  sortByCount(v: unknown): AggLike;
  geoNear(v: object): AggLike;
  end(): Promise<{ list: D[] }>;
}
/** collection(name) surface. */
export interface CollLike extends QueryLike {
  doc(id: string | number): DocLike;
  add(o: { data: object | object[] }): Promise<{ _id?: unknown; _ids?: unknown[] }>;
  aggregate(): AggLike;
}
/** Transaction surface. */
export interface TxLike {
  collection(name: string): {
    doc(id: string): DocLike;
    add(o: { data: object }): Promise<{ _id?: unknown }>;
  };
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}
/** The SDK database as the tests use it. */
export interface SdkDb {
  collection(name: string): CollLike;
  command: RealDb['command'];
  Geo: RealDb['Geo'];
  serverDate(o?: { offset: number }): unknown;
  RegExp(o: { regexp: string; options?: string }): unknown;
  createCollection(name: string): Promise<unknown>;
  runTransaction<T>(fn: (t: TxLike) => Promise<T>, times?: number): Promise<T>;
  startTransaction(): Promise<TxLike>;
}

/** A Database behind a harness server, with the real SDK initialised against it. */
export interface SdkSetup {
  cloud: Cloud;
  sdb: SdkDb;
  server: DbServer;
}

/** Starts the server, sets the SDK environment, then loads and initialises wx-server-sdk. */
export async function setupSdk(db: Database): Promise<SdkSetup> {
  const server = await startDbServer(db);
  Object.assign(process.env, sdkEnv(server.url));
  // require, not import(): the environment above must be in place when the SDK module first loads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: 'local' } as Parameters<Cloud['init']>[0]);
  return { cloud, sdb: cloud.database() as unknown as SdkDb, server };
}

/** Resolves to the rejection of a promise (fails the test if it resolves). */
export async function rejection(
  p: Promise<unknown>,
): Promise<{ errCode?: number; errMsg?: string; message?: string; code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { errCode?: number; errMsg?: string; message?: string };
  }
  throw new Error('expected a rejection, got a result');
}
