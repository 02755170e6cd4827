/**
 * Unit tests of the pieces under the protocol: EJSON/serverDate fix-ups,
 * $bucket, geo maths, index pushdown, strict collections, malformed input.
 */
import { BSONRegExp, EJSON } from 'bson';
import { createDatabase, loadIndexConfig } from '../../src/db';
import { cloneDoc, decodeEjson, decodeObject, fromStored, toStored, toWire } from '../../src/db/ejson';
import { aggregate, applyUpdate, compileQuery } from '../../src/db/engine';
import { EARTH_RADIUS_M, haversine, parseGeoWithin, type Shape, shapesIntersect } from '../../src/db/geo';
import { Store } from '../../src/db/store';

const NOW = Date.UTC(2025, 0, 1);

describe('EJSON fix-ups', () => {
  test('$tcb_server_date with and without offset, at any depth', () => {
    const text = JSON.stringify({
      a: { $tcb_server_date: { offset: { $numberInt: '1000' } } },
      b: [{ c: { $tcb_server_date: {} } }],
      q: { $lt: { $tcb_server_date: { offset: -5 } } },
    });
    const v = decodeObject(text, NOW, 'x') as { a: Date; b: { c: Date }[]; q: { $lt: Date } };
    expect(v.a).toEqual(new Date(NOW + 1000));
    expect(v.b[0].c).toEqual(new Date(NOW));
    expect(v.q.$lt).toEqual(new Date(NOW - 5));
  });

  test('BSONRegExp becomes RegExp with JS-compatible flags', () => {
    const v = decodeObject(
      EJSON.stringify({ r: new BSONRegExp('^a.c$', 'imx') }, { relaxed: false }),
      NOW,
      'x',
    ) as { r: RegExp };
    expect(v.r).toBeInstanceOf(RegExp);
    expect(v.r.flags).toBe('im');
    expect(v.r.test('ABC')).toBe(true);
  });

  test('canonical numbers decode to JS numbers and encode back canonically', () => {
    const v = decodeObject(
      '{"i":{"$numberInt":"30"},"d":{"$numberDouble":"1.5"},"l":{"$numberLong":"5"},"t":{"$date":{"$numberLong":"0"}}}',
      NOW,
      'x',
    );
    expect(v).toEqual({ i: 30, d: 1.5, l: 5, t: new Date(0) });
    expect(toWire(v)).toBe(
      '{"i":{"$numberInt":"30"},"d":{"$numberDouble":"1.5"},"l":{"$numberInt":"5"},"t":{"$date":{"$numberLong":"0"}}}',
    );
  });

  test('malformed EJSON is INVALID_PARAM', () => {
    for (const bad of [
      '{',
      '{"n":{"$numberInt":"1.5x"}}',
      '{"n":{"$numberDouble":"abc"}}',
      '{"d":{"$date":"not a date"}}',
      '{"n":{"$numberLong":"zz"}}',
      '{"r":{"$regularExpression":{"pattern":"(","options":""}}}',
      '{"s":{"$tcb_server_date":{"offset":"x"}}}',
    ]) {
      expect(() => decodeEjson(bad, NOW, 'q')).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }));
    }
    expect(() => decodeObject('[1]', NOW, 'q')).toThrow(/object/);
    expect(() => decodeEjson(42, NOW, 'q')).toThrow(/string/);
  });

  test('storage round trip keeps dates, regexes, nested values; plain JSON takes the fast path', () => {
    const doc = {
      _id: 'x',
      d: new Date(123),
      old: new Date(-86_400_000 * 365),
      r: /a+/i,
      n: [1, { z: null }],
      s: 'plain',
    };
    expect(fromStored(toStored(doc))).toEqual(doc);
    expect(fromStored('{"a":1,"b":"c"}')).toEqual({ a: 1, b: 'c' });
    const c = cloneDoc(doc);
    expect(c).toEqual(doc);
    expect(c.n).not.toBe(doc.n);
  });
});

describe('$bucket', () => {
  const run = (values: unknown[], spec: object): unknown[] =>
    aggregate(
      values.map((v, i) => ({ _id: i, v })),
      [{ $bucket: spec }],
      () => [],
    );
  test('inner boundary → upper bucket; last boundary exclusive; empty buckets omitted; default last', () => {
    expect(
      run([0, 49, 50, 99, 100, 150, null], {
        groupBy: '$v',
        boundaries: [0, 50, 100, 200, 300],
        default: 'rest',
      }),
    ).toEqual([
      { _id: 0, count: 2 },
      { _id: 50, count: 2 },
      { _id: 100, count: 2 },
      { _id: 'rest', count: 1 },
    ]);
  });
  test('output accumulators and errors', () => {
    expect(run([1, 2, 3], { groupBy: '$v', boundaries: [0, 2, 4], output: { s: { $sum: '$v' } } })).toEqual([
      { _id: 0, s: 1 },
      { _id: 2, s: 5 },
    ]);
    expect(() => run([5], { groupBy: '$v', boundaries: [0, 2] })).toThrow(/default/);
    expect(() => run([1], { groupBy: '$v', boundaries: [2, 0], default: 'x' })).toThrow(/ascending/);
    expect(() => run([1], { groupBy: '$v', boundaries: [0] })).toThrow(/two boundaries/);
  });
});

describe('geo', () => {
  test('haversine: one degree of latitude is R·π/180 metres; symmetric; zero at the same point', () => {
    expect(haversine([117, 39], [117, 40])).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 3);
    expect(haversine([117.7, 39], [117.8, 39.1])).toBeCloseTo(haversine([117.8, 39.1], [117.7, 39]), 9);
    expect(haversine([1, 2], [1, 2])).toBe(0);
    // Antipodes: half the circumference.
    expect(haversine([0, 0], [180, 0])).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 3);
  });
  test('polygon with a hole, $centerSphere, legacy pairs', () => {
    const within = parseGeoWithin({
      $geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [10, 0],
            [10, 10],
            [0, 10],
            [0, 0],
          ],
          [
            [4, 4],
            [6, 4],
            [6, 6],
            [4, 6],
            [4, 4],
          ],
        ],
      },
    });
    expect(within([1, 1])).toBe(true);
    expect(within([5, 5])).toBe(false);
    expect(within([11, 5])).toBe(false);
    const circle = parseGeoWithin({ $centerSphere: [[0, 0], 1000 / EARTH_RADIUS_M] });
    expect(circle([0, 0.0089])).toBe(true); // ~990 m
    expect(circle([0, 0.0091])).toBe(false); // ~1012 m
    const m = compileQuery({ p: { $geoWithin: { $centerSphere: [[0, 0], 0.01] } } });
    expect(m({ p: [0.1, 0.1] })).toBe(true);
    expect(m({ p: { type: 'Point', coordinates: [0.1, 0.1] } })).toBe(true);
    expect(m({ p: 'nowhere' })).toBe(false);
    expect(() =>
      parseGeoWithin({
        $box: [
          [0, 0],
          [1, 1],
        ],
      }),
    ).toThrow(/supports/);
  });
});

describe('engine', () => {
  test('update operators report whether anything changed', () => {
    const d: Record<string, unknown> = { a: 1, arr: [1] };
    expect(applyUpdate(d, { $set: { a: 1 } })).toBe(false);
    expect(applyUpdate(d, { $inc: { a: 2 }, $push: { arr: { $each: [0], $position: 0 } } })).toBe(true);
    expect(d).toEqual({ a: 3, arr: [0, 1] });
    expect(() => applyUpdate(d, { $inc: { arr: 1 } })).toThrow();
  });
});

describe('store', () => {
  test('an indexed equality uses its partial index', () => {
    const s = new Store(null, { users: ['openid', 'profile.city'] });
    expect(s.explainEq('users', 'openid')).toMatch(/USING INDEX ix_/);
    expect(s.explainEq('users', 'profile.city')).toMatch(/USING INDEX ix_/);
    s.close();
  });
  test('emulator/indexes.json loads and every configured field gets an index', () => {
    const cfg = loadIndexConfig();
    expect(cfg.users).toEqual(expect.arrayContaining(['openid', 'stationId']));
    const s = new Store(null, cfg);
    for (const [coll, fields] of Object.entries(cfg))
      for (const f of fields) expect(s.explainEq(coll, f)).toMatch(/USING INDEX ix_/);
    s.close();
  });
  test('bad index config is refused', () => {
    expect(() => new Store(null, { users: ["bad'field"] })).toThrow(/bad field/);
  });
});

describe('database', () => {
  const q = (o: object): string => EJSON.stringify(o, { relaxed: false });

  test('strict collections: unknown collection → DATABASE_COLLECTION_NOT_EXIST until created', () => {
    const db = createDatabase({ dataDir: null, strictCollections: true });
    const ins = { collectionName: 'c', data: [q({ a: 1 })] };
    expect(db.handle('database.insertDocument', ins, 'r')).toMatchObject({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
      requestId: 'r',
    });
    expect(
      db.handle('database.getDocument', { collectionName: 'c', queryType: 'WHERE', limit: 10 }, 'r'),
    ).toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
    expect(db.handle('database.addCollection', { collectionName: 'c' }, 'r')).toEqual({ requestId: 'r' });
    expect(db.handle('database.insertDocument', ins, 'r')).toMatchObject({
      data: { insertedIds: [expect.any(String)] },
    });
    db.close();
  });

  test('an indexed $in is served through the index and answers like a scan (arrays, null, numbers)', () => {
    const docs = [
      { _id: 'a', w: 'u1', n: 1 },
      { _id: 'b', w: 'u2', n: 2 },
      { _id: 'c', w: 'u3', n: 1.0 },
      { _id: 'd', n: 3 },
      { _id: 'e', w: null, n: 4 },
    ];
    const ids = (db: ReturnType<typeof createDatabase>, query: object): string[] => {
      const res = db.handle(
        'database.getDocument',
        { collectionName: 'c', queryType: 'WHERE', query: q(query), limit: 100 },
        'r',
      ) as { data: { list: string[] } };
      return res.data.list.map((d) => String((EJSON.parse(d) as { _id: string })._id)).sort();
    };
    const indexed = createDatabase({ dataDir: null, indexes: { c: ['w', 'n'] } });
    const plain = createDatabase({ dataDir: null });
    for (const db of [indexed, plain])
      db.handle('database.insertDocument', { collectionName: 'c', data: docs.map((d) => q(d)) }, 'r');
    for (const query of [
      { w: { $in: ['u1', 'u3', 'zz'] } },
      { w: { $in: ['u2', null] } },
      { n: { $in: [1, 4] } },
      { w: { $in: ['u1'] }, n: 2 },
    ])
      expect([query, ids(indexed, query)]).toEqual([query, ids(plain, query)]);
    expect(ids(indexed, { w: { $in: ['u1', 'u3'] } })).toEqual(['a', 'c']);
    // An array stored on the field turns the pushdown off: element matches still found.
    indexed.handle(
      'database.insertDocument',
      { collectionName: 'c', data: [q({ _id: 'f', w: ['u1', 'x'] })] },
      'r',
    );
    expect(ids(indexed, { w: { $in: ['u1'] } })).toEqual(['a', 'f']);
    indexed.close();
    plain.close();
  });

  test('a pipeline failing before it reads leaves the connection usable', () => {
    const db = createDatabase({ dataDir: null });
    db.handle('database.insertDocument', { collectionName: 'c', data: [q({ a: 1 })] }, 'r');
    expect(
      db.handle(
        'database.aggregateDocuments',
        { collectionName: 'c', stages: [{ stageKey: '$nope', stageValue: '{}' }] },
        'r',
      ),
    ).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(() => db.reset()).not.toThrow();
    db.close();
  });

  test('malformed requests never throw and never write', () => {
    const db = createDatabase({ dataDir: null });
    const bodies: unknown[] = [
      null,
      [],
      'x',
      {},
      { collectionName: 5 },
      { collectionName: 'c', data: 'x' },
      { collectionName: 'c', data: [] },
      { collectionName: 'c', data: [5] },
      { collectionName: 'c', data: ['[1,2]'] },
      { collectionName: 'c', data: ['{"$set":{"a":1}}'] },
      { collectionName: 'c', data: ['{"_id":{"x":1}}'] },
      { collectionName: 'c', data: ['{"_id":""}'] },
      { collectionName: "c'; DROP TABLE docs; --", data: ['{}'] },
      { collectionName: 'c', queryType: 'WHERE', query: '{"$where":"1"}' },
      {
        collectionName: 'c',
        queryType: 'WHERE',
        query: '{}',
        data: '{"$set":{"_id":"y"}}',
        merge: true,
        multi: true,
      },
      {
        collectionName: 'c',
        queryType: 'WHERE',
        query: '{}',
        data: '{"$set":{"a":1},"b":2}',
        merge: true,
        multi: true,
      },
      {
        collectionName: 'c',
        queryType: 'DOC',
        query: '{"_id":"a"}',
        data: '{"$inc":{"a":1}}',
        merge: false,
        upsert: true,
      },
      { collectionName: 'c', queryType: 'WHERE', limit: -1 },
      { collectionName: 'c', queryType: 'WHERE', offset: 'x' },
      { collectionName: 'c', queryType: 'WHERE', order: '{"a":' },
      { collectionName: 'c', queryType: 'WHERE', projection: '{"a":1,"b":0,"c.d":"x"}' },
      { collectionName: 'c', stages: [{ stageKey: 'match', stageValue: '{}' }] },
      { collectionName: 'c', stages: [null] },
      { transactionId: 42 },
      { collectionName: 'c', data: [q({ a: 1 })], transactionId: 'missing' },
    ];
    const actions = [
      'insertDocument',
      'getDocument',
      'modifyDocument',
      'removeDocument',
      'calculateDocument',
      'aggregateDocuments',
      'commitTransaction',
      'abortTransaction',
      'addCollection',
      'bogus',
    ];
    for (const a of actions) {
      for (const b of bodies) {
        const res = db.handle(`database.${a}`, b as Record<string, unknown>, 'r') as Record<string, unknown>;
        expect(res.requestId).toBe('r');
        if (
          a !== 'getDocument' &&
          a !== 'calculateDocument' &&
          a !== 'aggregateDocuments' &&
          a !== 'addCollection'
        ) {
          // Writes with bad input answer an error code.
          if (res.code === undefined) expect(['removeDocument', 'modifyDocument']).toContain(a);
        }
      }
    }
    // Only addCollection may have created collections; no documents anywhere.
    expect(db.listCollections().every((c) => c.count === 0)).toBe(true);
    db.close();
  });

  test('modifyDocument upsert via where() seeds from query equalities; updated counts modified docs', () => {
    const db = createDatabase({ dataDir: null });
    const up = db.handle(
      'database.modifyDocument',
      {
        collectionName: 'c',
        queryType: 'WHERE',
        query: q({ k: 'x', n: { $gt: 1 } }),
        data: q({ $set: { v: 1 } }),
        merge: true,
        upsert: true,
        multi: false,
      },
      'r',
    ) as { data: { updated: number; upsert_id: string } };
    expect(up.data.updated).toBe(0);
    expect(up.data.upsert_id).toMatch(/^[0-9a-f]{32}$/);
    const got = db.handle(
      'database.getDocument',
      { collectionName: 'c', queryType: 'DOC', query: q({ _id: up.data.upsert_id }) },
      'r',
    ) as { data: { list: string[] } };
    expect(EJSON.parse(got.data.list[0])).toEqual({ _id: up.data.upsert_id, k: 'x', v: 1 });
    db.close();
  });
});

describe('index pushdown keeps MongoDB equality semantics', () => {
  const q = (o: object): string => EJSON.stringify(o, { relaxed: false });
  test('booleans, numbers, numeric strings, nested paths, arrays', () => {
    const db = createDatabase({ dataDir: null, indexes: { c: ['f', 'p.q'] } });
    const docs = [
      { _id: 'bool', f: true, p: { q: 'x' } },
      { _id: 'one', f: 1, p: { q: 'y' } },
      { _id: 'onefloat', f: 1.0 },
      { _id: 'str', f: '1', p: { q: 'x' } },
      { _id: 'zero', f: 0 },
      { _id: 'false', f: false },
    ];
    db.handle('database.insertDocument', { collectionName: 'c', data: docs.map(q) }, 'r');
    const ids = (query: object): string[] =>
      (
        db.handle(
          'database.getDocument',
          { collectionName: 'c', queryType: 'WHERE', query: q(query), limit: 100 },
          'r',
        ) as {
          data: { list: string[] };
        }
      ).data.list.map((s) => (EJSON.parse(s) as { _id: string })._id);
    const count = (query: object): number =>
      (
        db.handle(
          'database.calculateDocument',
          { collectionName: 'c', queryType: 'WHERE', query: q(query) },
          'r',
        ) as { data: { total: number } }
      ).data.total;
    expect(ids({ f: true })).toEqual(['bool']);
    expect(ids({ f: 1 })).toEqual(['one', 'onefloat']);
    expect(ids({ f: '1' })).toEqual(['str']);
    expect(count({ f: '1' })).toBe(1);
    expect(ids({ f: false })).toEqual(['false']);
    expect(ids({ f: 0 })).toEqual(['zero']);
    expect(ids({ 'p.q': 'x' })).toEqual(['bool', 'str']);
    expect(count({ 'p.q': 'x' })).toBe(2);
    // An object on an indexed field: json_extract would return its JSON text, so pushdown is switched off for it.
    db.handle(
      'database.insertDocument',
      { collectionName: 'c', data: [q({ _id: 'obj', f: { a: 1 } })] },
      'r',
    );
    expect(ids({ f: { a: 1 } })).toEqual(['obj']);
    expect(count({ f: '{"a":1}' })).toBe(0);
    expect(ids({ f: true })).toEqual(['bool']);
    // An array arrives on an indexed path: equality must still match its elements.
    db.handle(
      'database.insertDocument',
      { collectionName: 'c', data: [q({ _id: 'arr', p: [{ q: 'x' }, { q: 'z' }] })] },
      'r',
    );
    expect(ids({ 'p.q': 'z' })).toEqual(['arr']);
    expect(count({ 'p.q': 'x' })).toBe(3);
    db.close();
  });
});

describe('geo: shapesIntersect (planar lng/lat)', () => {
  const line = (...pts: [number, number][]): Shape => ({ kind: 'line', pts });
  const square = (x0: number, y0: number, x1: number, y1: number, ...holes: [number, number][][]): Shape => ({
    kind: 'polygon',
    rings: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
      ...holes,
    ],
  });
  test('segments: crossing, touching, collinear overlap, parallel, collinear apart', () => {
    expect(shapesIntersect(line([0, 0], [2, 2]), line([0, 2], [2, 0]))).toBe(true);
    expect(shapesIntersect(line([0, 0], [2, 0]), line([1, 0], [1, 5]))).toBe(true);
    expect(shapesIntersect(line([0, 0], [2, 0]), line([1, 0], [3, 0]))).toBe(true);
    expect(shapesIntersect(line([0, 0], [2, 0]), line([0, 1], [2, 1]))).toBe(false);
    expect(shapesIntersect(line([0, 0], [1, 0]), line([2, 0], [3, 0]))).toBe(false);
  });
  test('points, polygons, holes', () => {
    expect(shapesIntersect({ kind: 'point', p: [1, 1] }, square(0, 0, 2, 2))).toBe(true);
    expect(shapesIntersect({ kind: 'point', p: [2, 1] }, square(0, 0, 2, 2))).toBe(true);
    expect(shapesIntersect({ kind: 'point', p: [3, 1] }, square(0, 0, 2, 2))).toBe(false);
    const holed = square(0, 0, 10, 10, [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ]);
    expect(shapesIntersect({ kind: 'point', p: [5, 5] }, holed)).toBe(false);
    expect(shapesIntersect({ kind: 'point', p: [4, 5] }, holed)).toBe(true);
    expect(shapesIntersect(square(4.5, 4.5, 5.5, 5.5), holed)).toBe(false);
    expect(shapesIntersect(square(3, 3, 5, 5), holed)).toBe(true);
    expect(shapesIntersect(square(1, 1, 2, 2), square(0, 0, 3, 3))).toBe(true);
    expect(shapesIntersect(square(0, 0, 3, 3), square(1, 1, 2, 2))).toBe(true);
    expect(shapesIntersect(line([1, 1], [2, 2]), square(0, 0, 3, 3))).toBe(true);
    expect(shapesIntersect(line([4.5, 5], [5.5, 5]), holed)).toBe(false);
  });
});
