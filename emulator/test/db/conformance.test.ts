/**
 * Conformance through the real wx-server-sdk 4.0.2: every row of the
 * reference table (cloudbase-wire.md §3), the query and update operators,
 * limits, projection, count, serverDate and bad input.
 */
import { createDatabase, type Database } from '../../src/db';
import { COLLECTION_EXISTS_CODE, GENERATED_ID_PATTERN } from '../../src/db/unverified';
import { type D, rawPost, rejection, type SdkDb, type SdkSetup, setupSdk, sorted } from './harness';

let dbm: Database;
let env: SdkSetup;
let sdb: SdkDb;

beforeAll(async () => {
  dbm = createDatabase({ dataDir: null, indexes: { users: ['openid', 'stationId'] } });
  env = await setupSdk(dbm);
  sdb = env.sdb;
});
afterAll(async () => {
  await env.server.close();
  dbm.close();
});
beforeEach(() => dbm.reset());

const all = async (coll: string): Promise<D[]> => (await sdb.collection(coll).limit(1000).get()).data;

describe('insertDocument', () => {
  test('add keeps a given _id and generates 32-hex ids otherwise', async () => {
    const a = await sdb.collection('users').add({ data: { _id: 'u1', name: '张三' } });
    expect(a._id).toBe('u1');
    const b = await sdb.collection('users').add({ data: { name: '李四' } });
    expect(String(b._id)).toMatch(GENERATED_ID_PATTERN);
    const got = await sdb.collection('users').doc(String(b._id)).get();
    expect(got.data).toEqual({ _id: b._id, name: '李四' });
  });

  test('batch add returns every _id in order', async () => {
    const r = (await sdb
      .collection('users')
      .add({ data: [{ _id: 'a', i: 1 }, { i: 2 }, { _id: 'c', i: 3 }] as never })) as unknown as {
      _ids: string[];
    };
    expect(r._ids).toHaveLength(3);
    expect(r._ids[0]).toBe('a');
    expect(r._ids[2]).toBe('c');
    expect((await sdb.collection('users').count()).total).toBe(3);
  });

  test('duplicate _id → DATABASE_REQUEST_FAILED (-502001), nothing written', async () => {
    await sdb.collection('users').add({ data: { _id: 'dup', v: 1 } });
    const err = await rejection(sdb.collection('users').add({ data: { _id: 'dup', v: 2 } }));
    expect(err.errCode).toBe(-502001);
    expect(String(err.errMsg)).toContain('E11000');
    // Batch with one duplicate: nothing of the batch is written.
    const err2 = await rejection(
      sdb.collection('users').add({ data: [{ _id: 'new1' }, { _id: 'dup' }] as never }),
    );
    expect(err2.errCode).toBe(-502001);
    expect((await all('users')).map((d) => d._id)).toEqual(['dup']);
    expect((await sdb.collection('users').doc('dup').get()).data).toEqual({ _id: 'dup', v: 1 });
  });

  test('types round-trip: int, double, bool, null, Date, nested, arrays, numeric _id', async () => {
    const when = new Date('2024-05-01T08:00:00.000Z');
    const doc = {
      _id: 'types',
      i: 30,
      f: 1.5,
      big: 2 ** 40,
      b: true,
      n: null,
      when,
      nested: { a: [1, { x: 'y' }] },
    };
    await sdb.collection('t').add({ data: doc });
    const got = (await sdb.collection('t').doc('types').get()).data as D;
    expect(sorted(got)).toEqual(sorted(doc));
    expect(got.when).toBeInstanceOf(Date);
    await sdb.collection('t').add({ data: { _id: 7 as unknown as string, v: 'numeric id' } });
    expect(
      (
        (
          await sdb
            .collection('t')
            .doc(7 as unknown as string)
            .get()
        ).data as D
      ).v,
    ).toBe('numeric id');
  });
});

describe('getDocument', () => {
  test('doc().get() of a missing document rejects; throwOnNotFound:false gives null', async () => {
    await sdb.createCollection('users');
    const err = await rejection(sdb.collection('users').doc('nope').get());
    expect(String(err.errMsg)).toContain('does not exist');
    const lenient = env.cloud.database({ throwOnNotFound: false } as never) as unknown as SdkDb;
    expect((await lenient.collection('users').doc('nope').get()).data).toBeNull();
  });

  test('where().get(): order, skip, limit and field projection', async () => {
    const data = Array.from({ length: 10 }, (_, i) => ({ _id: `d${i}`, i, g: i % 2, secret: 's' }));
    await sdb.collection('n').add({ data: data as never });
    const r = await sdb
      .collection('n')
      .where({ g: 1 })
      .orderBy('i', 'desc')
      .skip(1)
      .limit(2)
      .field({ i: true })
      .get();
    expect(r.data).toEqual([
      { _id: 'd7', i: 7 },
      { _id: 'd5', i: 5 },
    ]);
    const two = await sdb.collection('n').orderBy('g', 'asc').orderBy('i', 'desc').limit(3).get();
    expect((two.data as D[]).map((d) => d._id)).toEqual(['d8', 'd6', 'd4']);
    const excl = await sdb.collection('n').doc('d3').field({ secret: false, g: false }).get();
    expect(excl.data).toEqual({ _id: 'd3', i: 3 });
  });

  test('limits as the SDK sends them: none → 100, ≥1000 → 1000', async () => {
    const docs = Array.from({ length: 1200 }, (_, i) => ({ i }));
    for (let k = 0; k < docs.length; k += 400)
      await sdb.collection('many').add({ data: docs.slice(k, k + 400) as never });
    expect((await sdb.collection('many').get()).data).toHaveLength(100);
    expect((await sdb.collection('many').limit(5).get()).data).toHaveLength(5);
    expect((await sdb.collection('many').limit(5000).get()).data).toHaveLength(1000);
    expect((await sdb.collection('many').skip(1150).limit(100).get()).data).toHaveLength(50);
    expect((await sdb.collection('many').count()).total).toBe(1200);
    const sent = env.server.log.actions.filter((a) => a === 'database.getDocument').length;
    expect(sent).toBeGreaterThanOrEqual(4);
  });

  test('count with and without query, including an indexed field', async () => {
    await sdb.collection('users').add({
      data: [
        { openid: 'o1', stationId: 's1' },
        { openid: 'o2', stationId: 's1' },
        { openid: 'o3', stationId: 's2' },
        { openid: ['o1', 'o9'], stationId: 's3' },
      ] as never,
    });
    const _ = sdb.command;
    expect((await sdb.collection('users').count()).total).toBe(4);
    expect((await sdb.collection('users').where({ stationId: 's1' }).count()).total).toBe(2);
    // An array value on an indexed field still matches by element (index pushdown must not hide it).
    expect((await sdb.collection('users').where({ openid: 'o1' }).count()).total).toBe(2);
    expect((await sdb.collection('users').where({ openid: 'o1' }).get()).data).toHaveLength(2);
    expect(
      (
        await sdb
          .collection('users')
          .where({ stationId: _.in(['s2', 's3']) })
          .count()
      ).total,
    ).toBe(2);
  });
});

describe('modifyDocument', () => {
  test('set() creates (created 1), then replaces the whole document keeping _id (updated 1)', async () => {
    const c = await sdb
      .collection('users')
      .doc('s1')
      .set({ data: { a: 1, b: { c: 2 } } });
    expect(c.stats).toEqual({ updated: 0, created: 1 });
    const u = await sdb
      .collection('users')
      .doc('s1')
      .set({ data: { z: true } });
    expect(u.stats).toEqual({ updated: 1, created: 0 });
    expect((await sdb.collection('users').doc('s1').get()).data).toEqual({ _id: 's1', z: true });
  });

  test('update() merges nested objects (SDK flattens to dotted $set); updated counts modified docs', async () => {
    await sdb
      .collection('users')
      .add({ data: { _id: 'm', nested: { a: { b: 1, c: 1 }, keep: true }, v: 1 } });
    const r = await sdb
      .collection('users')
      .doc('m')
      .update({ data: { nested: { a: { c: 2 } } } });
    expect(r.stats.updated).toBe(1);
    expect((await sdb.collection('users').doc('m').get()).data).toEqual({
      _id: 'm',
      nested: { a: { b: 1, c: 2 }, keep: true },
      v: 1,
    });
    const same = await sdb
      .collection('users')
      .doc('m')
      .update({ data: { v: 1 } });
    expect(same.stats.updated).toBe(0);
    const missing = await sdb
      .collection('users')
      .doc('zzz')
      .update({ data: { v: 1 } });
    expect(missing.stats.updated).toBe(0);
    expect((await sdb.collection('users').count()).total).toBe(1);
  });

  test('where().update() multi and {multi:false}', async () => {
    await sdb.collection('w').add({
      data: [
        { g: 1, v: 0 },
        { g: 1, v: 0 },
        { g: 2, v: 0 },
      ] as never,
    });
    const r = await sdb
      .collection('w')
      .where({ g: 1 })
      .update({ data: { v: 5 } });
    expect(r.stats.updated).toBe(2);
    expect((await sdb.collection('w').where({ v: 5 }).count()).total).toBe(2);
    const one = await (
      sdb.collection('w').where({ v: 5 }) as unknown as {
        update(o: object): Promise<{ stats: { updated: number } }>;
      }
    ).update({
      data: { v: 6 },
      multi: false,
    });
    expect(one.stats.updated).toBe(1);
    expect((await sdb.collection('w').where({ v: 6 }).count()).total).toBe(1);
  });

  test('update operators', async () => {
    const _ = sdb.command;
    await sdb.collection('ops').add({
      data: {
        _id: 'o',
        n: 10,
        m: 3,
        lo: 5,
        hi: 5,
        old: 'x',
        gone: 1,
        arr: [1, 2],
        pops: [1, 2, 3, 4],
        set: ['a'],
        pullme: [1, 2, 3, 2, 4],
        pullall: ['a', 'b', 'c', 'a'],
        objs: [{ k: 1 }, { k: 2 }],
      },
    });
    await sdb
      .collection('ops')
      .doc('o')
      .update({
        data: {
          n: _.inc(5),
          m: _.mul(4),
          lo: _.min(2),
          hi: _.max(9),
          old: _.rename('renamed'),
          gone: _.remove(),
          arr: _.push([3, 4]),
          pops: _.pop(),
          set: _.addToSet('b'),
          pullme: _.pull(2),
          pullall: _.pullAll(['a', 'c']),
          objs: _.pull({ k: _.gt(1) }),
          created: 'new',
        },
      });
    expect(sorted((await sdb.collection('ops').doc('o').get()).data)).toEqual(
      sorted({
        _id: 'o',
        n: 15,
        m: 12,
        lo: 2,
        hi: 9,
        renamed: 'x',
        arr: [1, 2, 3, 4],
        pops: [1, 2, 3],
        set: ['a', 'b'],
        pullme: [1, 3, 4],
        pullall: ['b'],
        objs: [{ k: 1 }],
        created: 'new',
      }),
    );
    await sdb
      .collection('ops')
      .doc('o')
      .update({
        data: {
          arr: _.unshift([0]),
          pops: _.shift(),
          set: _.addToSet('a'),
          pullme: _.push({ each: [9], position: 1 }),
        },
      });
    await sdb
      .collection('ops')
      .doc('o')
      .update({ data: { set: _.addToSet({ $each: ['c', 'a'] }) } });
    const d = (await sdb.collection('ops').doc('o').get()).data as D;
    expect(d.arr).toEqual([0, 1, 2, 3, 4]);
    expect(d.pops).toEqual([2, 3]);
    expect(d.set).toEqual(['a', 'b', 'c']);
    expect(d.pullme).toEqual([1, 9, 3, 4]);
    await sdb
      .collection('ops')
      .doc('o')
      .update({ data: { 'objs.0.k': _.inc(10), deep: { x: { y: 1 } } } });
    const e = (await sdb.collection('ops').doc('o').get()).data as D;
    expect(e.objs).toEqual([{ k: 11 }]);
    expect(e.deep).toEqual({ x: { y: 1 } });
    // _.set replaces a nested object instead of merging; push with sort + slice.
    await sdb
      .collection('ops')
      .doc('o')
      .update({
        data: { deep: _.set({ only: true }), arr: _.push({ each: [7, -1], sort: -1, slice: 3 }) },
      });
    const f = (await sdb.collection('ops').doc('o').get()).data as D;
    expect(f.deep).toEqual({ only: true });
    expect(f.arr).toEqual([7, 4, 3]);
  });
});

describe('removeDocument', () => {
  test('doc().remove() and where().remove()', async () => {
    await sdb.collection('r').add({
      data: [
        { _id: 'a', g: 1 },
        { _id: 'b', g: 1 },
        { _id: 'c', g: 2 },
      ] as never,
    });
    expect((await sdb.collection('r').doc('a').remove()).stats.removed).toBe(1);
    expect((await sdb.collection('r').doc('a').remove()).stats.removed).toBe(0);
    expect((await sdb.collection('r').where({ g: 1 }).remove()).stats.removed).toBe(1);
    expect((await all('r')).map((d) => d._id)).toEqual(['c']);
  });

  test('remove() without where() (query "") is refused and deletes nothing', async () => {
    await sdb.collection('r').add({ data: [{ g: 1 }, { g: 2 }] as never });
    const err = await rejection((sdb.collection('r') as unknown as { remove(): Promise<unknown> }).remove());
    expect(err.errCode).toBe(-501007);
    expect(String(err.errMsg)).toContain('without a query');
    expect((await sdb.collection('r').count()).total).toBe(2);
    const _ = sdb.command;
    expect(
      (
        await sdb
          .collection('r')
          .where({ _id: _.exists(true) })
          .remove()
      ).stats.removed,
    ).toBe(2);
  });
});

describe('query operators', () => {
  beforeEach(async () => {
    await sdb.collection('q').add({
      data: [
        {
          _id: 'a',
          i: 1,
          s: 'apple',
          tags: ['x', 'y'],
          sub: { k: 0 },
          pts: [
            { p: 1, q: 'a' },
            { p: 5, q: 'b' },
          ],
          lim: 2,
        },
        { _id: 'b', i: 10, s: 'Banana', tags: ['y'], sub: { k: 1 }, pts: [{ p: 2, q: 'b' }], lim: 20 },
        { _id: 'c', i: 15, s: 'cherry', tags: ['x', 'y', 'z'], sub: { k: 0 }, pts: [], lim: 5 },
        { _id: 'd', i: 20, s: 'date', tags: [], sub: { k: 2 }, opt: null, lim: 30 },
        { _id: 'e', i: 25, s: 'elder', sub: { k: 3 }, lim: 1 },
      ] as never,
    });
  });
  const ids = async (where: object): Promise<string[]> =>
    ((await sdb.collection('q').where(where).orderBy('_id', 'asc').get()).data as D[]).map((d) =>
      String(d._id),
    );

  test('comparison and logic', async () => {
    const _ = sdb.command;
    expect(await ids({ i: _.eq(10) })).toEqual(['b']);
    expect(await ids({ i: _.neq(10) })).toEqual(['a', 'c', 'd', 'e']);
    expect(await ids({ i: _.gt(10).and(_.lte(20)) })).toEqual(['c', 'd']);
    expect(await ids({ i: _.gte(20) })).toEqual(['d', 'e']);
    expect(await ids({ i: _.lt(10) })).toEqual(['a']);
    expect(await ids({ i: _.in([1, 25]) })).toEqual(['a', 'e']);
    expect(await ids({ i: _.nin([1, 25]) })).toEqual(['b', 'c', 'd']);
    expect(await ids({ i: _.lt(5).or(_.gt(20)) })).toEqual(['a', 'e']);
    expect(await ids(_.or([{ i: 1 }, { s: 'date' }]))).toEqual(['a', 'd']);
    expect(await ids(_.and([{ i: _.gt(1) }, { i: _.lt(20) }]))).toEqual(['b', 'c']);
    expect(await ids(_.nor([{ i: 1 }, { i: 10 }]))).toEqual(['c', 'd', 'e']);
    expect(await ids({ i: _.not(_.gt(10)) })).toEqual(['a', 'b']);
    expect(await ids({ sub: { k: 0 } })).toEqual(['a', 'c']);
    expect(await ids({ 'sub.k': _.gte(2) })).toEqual(['d', 'e']);
  });

  test('element, array, evaluation, regex and $expr', async () => {
    const _ = sdb.command;
    expect(await ids({ opt: _.exists(true) })).toEqual(['d']);
    expect(await ids({ tags: _.exists(false) })).toEqual(['e']);
    expect(await ids({ i: _.mod(5, 0) })).toEqual(['b', 'c', 'd', 'e']);
    expect(await ids({ tags: 'z' })).toEqual(['c']);
    expect(await ids({ tags: _.all(['x', 'y']) })).toEqual(['a', 'c']);
    expect(await ids({ tags: _.size(1) })).toEqual(['b']);
    expect(await ids({ pts: _.elemMatch({ p: _.gt(1), q: 'b' }) })).toEqual(['a', 'b']);
    expect(await ids({ s: /^b/i })).toEqual(['b']);
    expect(await ids({ s: sdb.RegExp({ regexp: 'an+a', options: 'i' }) })).toEqual(['b']);
    expect(await ids({ s: /rr/ })).toEqual(['c']);
    const $ = _.aggregate;
    // `expr` is missing from the SDK's typings but present at run time.
    const expr = (_ as unknown as { expr(e: unknown): object }).expr;
    expect(await ids(expr($.gt(['$i', '$lim'])))).toEqual(['c', 'e']);
  });

  test('unknown operator and broken EJSON are errors, nothing written', async () => {
    const bad = await rawPost(
      env.server.url,
      JSON.stringify({
        action: 'database.getDocument',
        collectionName: 'q',
        queryType: 'WHERE',
        query: '{"i":{"$foo":1}}',
        limit: 10,
      }),
    );
    expect(bad.code).toBe('DATABASE_REQUEST_FAILED');
    expect(String(bad.message)).toContain('$foo');
    const broken = await rawPost(
      env.server.url,
      JSON.stringify({ action: 'database.insertDocument', collectionName: 'q', data: ['{"_id":"zz",'] }),
    );
    expect(broken.code).toBe('INVALID_PARAM');
    const badNum = await rawPost(
      env.server.url,
      JSON.stringify({
        action: 'database.insertDocument',
        collectionName: 'q',
        data: ['{"_id":"zz"}', '{"n":{"$numberInt":"1.5x"}}'],
      }),
    );
    expect(badNum.code).toBe('INVALID_PARAM');
    const badUpd = await rawPost(
      env.server.url,
      JSON.stringify({
        action: 'database.modifyDocument',
        collectionName: 'q',
        queryType: 'WHERE',
        query: '{}',
        data: '{"$set":{"i":1},"$bogus":{"i":2}}',
        multi: true,
        merge: true,
      }),
    );
    expect(badUpd.code).toBe('DATABASE_REQUEST_FAILED');
    const badInc = await rawPost(
      env.server.url,
      JSON.stringify({
        action: 'database.modifyDocument',
        collectionName: 'q',
        queryType: 'WHERE',
        query: '{}',
        data: '{"$inc":{"s":1}}',
        multi: true,
        merge: true,
      }),
    );
    expect(badInc.code).toBe('DATABASE_REQUEST_FAILED');
    const notJson = await rawPost(env.server.url, '{"action": "database.getDocument", ');
    expect(notJson.code).toBe('INVALID_PARAM');
    expect(await ids({})).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(((await sdb.collection('q').doc('a').get()).data as D).i).toBe(1);
    expect(((await sdb.collection('q').doc('a').get()).data as D).s).toBe('apple');
    // The SDK maps a bad query to its error shape and the emulator keeps serving.
    const _ = sdb.command;
    const err = await rejection(
      sdb
        .collection('q')
        .where({ i: _.in('not-an-array' as never) })
        .get(),
    );
    expect(err.errCode).toBeLessThan(0);
    expect((await sdb.collection('q').count()).total).toBe(5);
  });
});

describe('serverDate', () => {
  test('replaced with server time (+offset) in insert data, $set and query operands', async () => {
    const before = Date.now();
    await sdb.collection('sd').add({
      data: {
        _id: 'x',
        at: sdb.serverDate(),
        later: sdb.serverDate({ offset: 60_000 }),
        nest: { at: sdb.serverDate() },
      },
    });
    const d = (await sdb.collection('sd').doc('x').get()).data as {
      at: Date;
      later: Date;
      nest: { at: Date };
    };
    expect(d.at).toBeInstanceOf(Date);
    expect(d.at.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(d.at.getTime()).toBeLessThanOrEqual(Date.now() + 5);
    expect(d.later.getTime() - d.at.getTime()).toBeGreaterThanOrEqual(59_990);
    expect(d.nest.at).toBeInstanceOf(Date);
    await sdb
      .collection('sd')
      .doc('x')
      .update({ data: { upd: sdb.serverDate({ offset: -1000 }) } });
    const u = (await sdb.collection('sd').doc('x').get()).data as { upd: Date };
    expect(u.upd.getTime()).toBeLessThan(Date.now() - 900);
    const _ = sdb.command;
    expect(
      (
        await sdb
          .collection('sd')
          .where({ at: _.lt(sdb.serverDate({ offset: 1000 })) })
          .count()
      ).total,
    ).toBe(1);
    expect(
      (
        await sdb
          .collection('sd')
          .where({ at: _.gt(sdb.serverDate({ offset: 1000 })) })
          .count()
      ).total,
    ).toBe(0);
  });
});

describe('collections', () => {
  test('createCollection, listCollections, export/import', async () => {
    await sdb.createCollection('fresh');
    // createCollection takes the SDK's pass-through error path: errCode -1, the string code in err.code.
    const dup = await rejection(sdb.createCollection('fresh'));
    expect(dup.code).toBe(COLLECTION_EXISTS_CODE);
    expect(String(dup.errMsg)).toContain('already exists');
    await sdb.collection('fresh').add({
      data: [
        { _id: 'a', n: 1, d: new Date(0) },
        { _id: 'b', n: 2.5 },
      ] as never,
    });
    expect(dbm.listCollections()).toEqual([{ name: 'fresh', count: 2 }]);
    const text = dbm.exportCollection('fresh');
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(text).toContain('"$numberInt":"1"');
    expect(dbm.importCollection('copy', text)).toBe(2);
    expect((await sdb.collection('copy').doc('a').get()).data).toEqual({ _id: 'a', n: 1, d: new Date(0) });
    expect(() => dbm.importCollection('copy2', '{"_id":"x"}\n{"broken"')).toThrow();
    expect(dbm.listCollections().map((c) => c.name)).not.toContain('copy2');
  });
});
