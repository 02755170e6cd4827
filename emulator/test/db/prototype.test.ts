/**
 * `__proto__`, `constructor` and `prototype` are ordinary field names to the real database (issue 8). Through
 * the real wx-server-sdk 4.0.2: an update path through them must not reach the emulator process's
 * Object.prototype (before the fix `{'a.__proto__.x': 1}` made every station match `{x: 1}`), and a stored key
 * `__proto__` must survive as data (before the fix it was silently dropped).
 *
 * Note: the SDK itself drops an own `__proto__` key client-side — `add()` copies data with Object.assign and
 * `get()` rebuilds documents by assignment — so stored keys are checked on the wire answer (what the server
 * sent), and written through dotted update paths, which the SDK passes through as strings.
 */
import { createDatabase, type Database } from '../../src/db';
import { type D, rawPost, type SdkDb, type SdkSetup, setupSdk } from './harness';

let dbm: Database;
let env: SdkSetup;
let sdb: SdkDb;
const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  dbm = createDatabase({ dataDir: null });
  env = await setupSdk(dbm);
  sdb = env.sdb;
});
afterAll(async () => {
  await env.server.close();
  dbm.close();
});
beforeEach(async () => {
  dbm.reset();
  await sdb.collection('stations').add({
    data: [
      { _id: 's1', name: '新港街道社工站' },
      { _id: 's2', name: '塘沽街道社工站' },
      { _id: 's3', name: '汉沽街道社工站', heldAt: { r1: 2 } },
    ],
  });
});
afterEach(() => {
  // A polluted prototype would poison every later test in this worker: report it, then clean it up.
  const added = Object.getOwnPropertyNames(Object.prototype).filter((n) => !protoNames.includes(n));
  for (const n of added) delete (Object.prototype as Record<string, unknown>)[n];
  expect(added).toEqual([]);
});

const polluted = (k: string): unknown => (({}) as Record<string, unknown>)[k];

/** The documents the server last answered for `getDocument`, parsed from the wire (own keys kept). */
function lastWireList(): D[] {
  const r = [...env.server.log.responses].reverse().find((x) => x.action === 'database.getDocument');
  const list = (r?.body.data as { list: string[] }).list;
  return list.map((s) => JSON.parse(s) as D);
}

async function wireDoc(id: string): Promise<D> {
  await sdb.collection('stations').doc(id).get();
  return lastWireList()[0];
}

const own = (o: unknown, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

test("update path 'a.__proto__.x' stores data and pollutes nothing", async () => {
  await sdb
    .collection('stations')
    .doc('s1')
    .update({ data: { 'a.__proto__.x': 1 } });
  expect(polluted('x')).toBeUndefined();
  expect((await sdb.collection('stations').where({ x: 1 }).count()).total).toBe(0);
  const s1 = await wireDoc('s1');
  const a = s1.a as Record<string, unknown>;
  expect(own(a, '__proto__')).toBe(true);
  expect(a['__proto__']).toEqual({ x: { $numberInt: '1' } });
  // The field is queryable as data.
  expect((await sdb.collection('stations').where({ 'a.__proto__.x': 1 }).count()).total).toBe(1);
});

test("update paths through 'constructor.prototype' store data and pollute nothing", async () => {
  await sdb
    .collection('stations')
    .doc('s2')
    .update({ data: { 'constructor.prototype.y': 1, 'b.constructor.prototype.z': 2 } });
  expect(polluted('y')).toBeUndefined();
  expect(polluted('z')).toBeUndefined();
  expect((await sdb.collection('stations').where({ y: 1 }).count()).total).toBe(0);
  const s2 = await wireDoc('s2');
  expect(s2.constructor).toEqual({ prototype: { y: { $numberInt: '1' } } });
  expect(s2.b).toEqual({ constructor: { prototype: { z: { $numberInt: '2' } } } });
});

test('a stored { heldAt: { __proto__: 1, r1: 2 } } reads back with both keys', async () => {
  // Through the SDK: dotted update paths.
  await sdb
    .collection('stations')
    .doc('s1')
    .update({ data: { 'heldAt.__proto__': 1, 'heldAt.r1': 2 } });
  const s1 = (await wireDoc('s1')).heldAt as Record<string, unknown>;
  expect(Object.keys(s1)).toEqual(['__proto__', 'r1']);
  expect(s1['__proto__']).toEqual({ $numberInt: '1' });
  // Written as a whole document by a client that keeps the key (raw EJSON, as the wire allows).
  const ins = await rawPost(
    env.server.url,
    JSON.stringify({
      action: 'database.insertDocument',
      collectionName: 'stations',
      data: ['{"_id":"s9","heldAt":{"__proto__":1,"r1":2},"v":{"__proto__":{"polluted":1}}}'],
    }),
  );
  expect(ins.code).toBeUndefined();
  expect(polluted('polluted')).toBeUndefined();
  const s9 = await wireDoc('s9');
  expect(Object.keys(s9.heldAt as object)).toEqual(['__proto__', 'r1']);
  expect(own(s9.v, '__proto__')).toBe(true);
  // Export and import keep it too.
  const exported = dbm.exportCollection('stations');
  expect(exported).toContain('"heldAt":{"__proto__":{"$numberInt":"1"},"r1":{"$numberInt":"2"}}');
  dbm.importCollection('copy', exported);
  expect(dbm.exportCollection('copy')).toBe(exported);
  // Queries, projections and aggregation see the key as data.
  expect((await sdb.collection('stations').where({ 'heldAt.__proto__': 1 }).count()).total).toBe(2);
  await sdb.collection('stations').where({ _id: 's9' }).field({ 'heldAt.__proto__': true }).get();
  expect(lastWireList()).toEqual([{ _id: 's9', heldAt: JSON.parse('{"__proto__":{"$numberInt":"1"}}') }]);
  const $ = sdb.command.aggregate;
  const agg = await sdb
    .collection('stations')
    .aggregate()
    .match({ _id: 's9' })
    .project({ p: '$heldAt.__proto__', constructor: $.literal('c') })
    .end();
  expect(agg.list).toEqual([{ _id: 's9', p: 1, constructor: 'c' }]);
});

test('_.set, $rename, aggregate stages and raw EJSON cannot reach a prototype', async () => {
  const raw = (data: string): Promise<Record<string, unknown>> =>
    rawPost(
      env.server.url,
      JSON.stringify({
        action: 'database.modifyDocument',
        collectionName: 'stations',
        queryType: 'DOC',
        query: '{"_id":"s3"}',
        data,
        merge: true,
      }),
    );
  // _.set sends the whole object as the $set value.
  expect((await raw('{"$set":{"m":{"__proto__":{"w":1},"k":2}}}')).code).toBeUndefined();
  expect((await raw('{"$rename":{"heldAt":"constructor"}}')).code).toBeUndefined();
  expect((await raw('{"$inc":{"__proto__.n":1},"$push":{"prototype.list":1}}')).code).toBeUndefined();
  expect(polluted('w')).toBeUndefined();
  expect(polluted('n')).toBeUndefined();
  expect(polluted('list')).toBeUndefined();
  const s3 = await wireDoc('s3');
  expect(own(s3.m, '__proto__')).toBe(true);
  expect(s3.constructor).toEqual({ r1: { $numberInt: '2' } });
  expect(own(s3, '__proto__')).toBe(true);
  expect(s3.prototype).toEqual({ list: [{ $numberInt: '1' }] });
  const $ = sdb.command.aggregate;
  await sdb
    .collection('stations')
    .aggregate()
    .addFields({ 'q.__proto__.v': 1, 'constructor.prototype.u': 1 })
    .group({ _id: null, constructor: $.sum(1), __proto__x: $.max('$q') })
    .end();
  expect(polluted('v')).toBeUndefined();
  expect(polluted('u')).toBeUndefined();
});

test('query paths never read the prototype', async () => {
  const _ = sdb.command;
  // Every document "has" inherited members to a plain JS lookup; the real database has no such fields.
  expect((await sdb.collection('stations').where({ 'constructor.name': 'Object' }).count()).total).toBe(0);
  expect(
    (
      await sdb
        .collection('stations')
        .where({ toString: _.exists(true) })
        .count()
    ).total,
  ).toBe(0);
  expect(
    (
      await sdb
        .collection('stations')
        .where({ __proto__x: _.exists(true) })
        .count()
    ).total,
  ).toBe(0);
  const q = await rawPost(
    env.server.url,
    JSON.stringify({
      action: 'database.calculateDocument',
      collectionName: 'stations',
      query: '{"__proto__":{"$exists":true}}',
    }),
  );
  expect(q).toMatchObject({ data: { total: 0 } });
  const byHas = await rawPost(
    env.server.url,
    JSON.stringify({
      action: 'database.calculateDocument',
      collectionName: 'stations',
      query: '{"hasOwnProperty":{"$exists":true}}',
    }),
  );
  expect(byHas).toMatchObject({ data: { total: 0 } });
});
