/**
 * Aggregation stages and geo queries through the real wx-server-sdk 4.0.2.
 */
import { createDatabase, type Database } from '../../src/db';
import { type D, rawPost, rejection, type SdkDb, type SdkSetup, setupSdk, sorted } from './harness';

let dbm: Database;
let env: SdkSetup;
let sdb: SdkDb;

beforeAll(async () => {
  dbm = createDatabase({ dataDir: null });
  env = await setupSdk(dbm);
  sdb = env.sdb;
});
afterAll(async () => {
  await env.server.close();
  dbm.close();
});
beforeEach(() => dbm.reset());

/** Expected spherical distance of a pure longitude step at a latitude, computed independently of the emulator. */
const lngStepMetres = (dLng: number, lat: number): number =>
  6_378_100 * Math.cos((lat * Math.PI) / 180) * ((dLng * Math.PI) / 180);

describe('aggregation stages', () => {
  beforeEach(async () => {
    await sdb.collection('sales').add({
      data: [
        { _id: 's1', g: 'a', v: 10, tags: ['x', 'y'], k: 1 },
        { _id: 's2', g: 'a', v: 20, tags: ['y'], k: 2 },
        { _id: 's3', g: 'b', v: 30, tags: [], k: 1 },
        { _id: 's4', g: 'b', v: 40, tags: ['z'], k: 3 },
        { _id: 's5', g: 'c', v: 50, k: 9 },
      ],
    });
    await sdb.collection('kinds').add({
      data: [
        { _id: 'k1', k: 1, label: 'one' },
        { _id: 'k2', k: 2, label: 'two' },
      ],
    });
  });

  test('$match $group $sort', async () => {
    const _ = sdb.command;
    const $ = _.aggregate;
    const r = await sdb
      .collection('sales')
      .aggregate()
      .match({ v: _.gte(20) })
      .group({ _id: '$g', total: $.sum('$v'), n: $.sum(1), avg: $.avg('$v') })
      .sort({ _id: 1 })
      .end();
    expect(r.list).toEqual([
      { _id: 'a', total: 20, n: 1, avg: 20 },
      { _id: 'b', total: 70, n: 2, avg: 35 },
      { _id: 'c', total: 50, n: 1, avg: 50 },
    ]);
  });

  test('$project $addFields $skip $limit $count', async () => {
    const $ = sdb.command.aggregate;
    const p = await sdb
      .collection('sales')
      .aggregate()
      .sort({ v: -1 })
      .project({ _id: 0, v: 1, twice: $.multiply(['$v', 2]) })
      .addFields({ plus: $.add(['$v', 1]) })
      .skip(1)
      .limit(2)
      .end();
    expect(p.list.map(sorted)).toEqual([
      sorted({ v: 40, twice: 80, plus: 41 }),
      sorted({ v: 30, twice: 60, plus: 31 }),
    ]);
    const c = await sdb.collection('sales').aggregate().match({ g: 'b' }).count('n').end();
    expect(c.list).toEqual([{ n: 2 }]);
  });

  test('$unwind $lookup $sortByCount', async () => {
    const u = await sdb.collection('sales').aggregate().unwind('$tags').sortByCount('$tags').end();
    expect(u.list[0]).toEqual({ _id: 'y', count: 2 });
    expect(u.list).toHaveLength(3);
    expect(u.list.slice(1).every((d) => d.count === 1)).toBe(true);
    expect(
      u.list
        .slice(1)
        .map((d) => d._id)
        .sort(),
    ).toEqual(['x', 'z']);
    const l = await sdb
      .collection('sales')
      .aggregate()
      .match({ g: 'a' })
      .lookup({ from: 'kinds', localField: 'k', foreignField: 'k', as: 'kind' })
      .project({ _id: 1, kind: 1 })
      .sort({ _id: 1 })
      .end();
    expect(l.list.map(sorted)).toEqual([
      sorted({ _id: 's1', kind: [{ _id: 'k1', k: 1, label: 'one' }] }),
      sorted({ _id: 's2', kind: [{ _id: 'k2', k: 2, label: 'two' }] }),
    ]);
  });

  test('$bucket: a value on an inner boundary goes to the upper bucket; default collects the rest', async () => {
    await sdb.collection('b').add({ data: Array.from({ length: 10 }, (_, i) => ({ v: (i + 1) * 10 })) });
    const $ = sdb.command.aggregate;
    const r = await sdb
      .collection('b')
      .aggregate()
      .bucket({
        groupBy: '$v',
        boundaries: [0, 50, 100],
        default: 'other',
        output: { count: $.sum(1), max: $.max('$v') },
      })
      .end();
    expect(r.list).toEqual([
      { _id: 0, count: 4, max: 40 },
      { _id: 50, count: 5, max: 90 },
      { _id: 'other', count: 1, max: 100 },
    ]);
    // 0..99: 50 below the boundary, 50 from it on (mingo's own $bucket gives 51/49).
    await sdb.collection('c').add({ data: Array.from({ length: 100 }, (_, i) => ({ v: i })) });
    const r2 = await sdb
      .collection('c')
      .aggregate()
      .bucket({ groupBy: '$v', boundaries: [0, 50, 100] })
      .end();
    expect(r2.list).toEqual([
      { _id: 0, count: 50 },
      { _id: 50, count: 50 },
    ]);
    const noDefault = await rejection(
      sdb
        .collection('b')
        .aggregate()
        .bucket({ groupBy: '$v', boundaries: [0, 50] })
        .end(),
    );
    // aggregate() errors take the SDK's pass-through path: errCode -1, the string code kept in err.code.
    expect(noDefault.code).toBe('DATABASE_REQUEST_FAILED');
    expect(String(noDefault.errMsg)).toContain('default');
  });

  test('no client-side cap on aggregate output; bad stages are errors', async () => {
    await sdb.collection('big').add({ data: Array.from({ length: 250 }, (_, i) => ({ i })) });
    expect((await sdb.collection('big').aggregate().match({}).end()).list).toHaveLength(250);
    const unknown = await rawPost(
      env.server.url,
      JSON.stringify({
        action: 'database.aggregateDocuments',
        collectionName: 'big',
        stages: [{ stageKey: '$nope', stageValue: '{}' }],
      }),
    );
    expect(unknown.code).toBe('DATABASE_REQUEST_FAILED');
    const out = await rawPost(
      env.server.url,
      JSON.stringify({
        action: 'database.aggregateDocuments',
        collectionName: 'big',
        stages: [{ stageKey: '$out', stageValue: '"x"' }],
      }),
    );
    expect(out.code).toBe('DATABASE_REQUEST_FAILED');
    const broken = await rawPost(
      env.server.url,
      JSON.stringify({
        action: 'database.aggregateDocuments',
        collectionName: 'big',
        stages: [{ stageKey: '$match', stageValue: '{' }],
      }),
    );
    expect(broken.code).toBe('INVALID_PARAM');
    const notArray = await rawPost(
      env.server.url,
      JSON.stringify({ action: 'database.aggregateDocuments', collectionName: 'big', stages: 'x' }),
    );
    expect(notArray.code).toBe('INVALID_PARAM');
    expect(dbm.listCollections().map((c) => c.name)).not.toContain('x');
  });
});

describe('geo', () => {
  // Along latitude 39: pure longitude steps, so expected distances are easy to compute independently.
  const LAT = 39;
  beforeEach(async () => {
    const P = (lng: number, lat: number): unknown => sdb.Geo.Point(lng, lat);
    await sdb.collection('st').add({
      data: [
        { _id: 'far', loc: P(117.8, LAT), cat: 'x' },
        { _id: 'zero', loc: P(117.7, LAT), cat: 'x' },
        { _id: 'near', loc: P(117.71, LAT), cat: 'y' },
        { _id: 'mid', loc: P(117.73, LAT), cat: 'x' },
        { _id: 'away', loc: P(118.5, 39.5), cat: 'x' },
        { _id: 'noloc', cat: 'x' },
      ],
    });
  });
  const center = (): unknown => sdb.Geo.Point(117.7, LAT);

  test('$nearSphere: sorted by distance, $maxDistance / $minDistance in metres', async () => {
    const _ = sdb.command;
    const r = await sdb
      .collection('st')
      .where({ loc: _.geoNear({ geometry: center() as never, maxDistance: 10_000 }) })
      .get();
    expect(r.data.map((d) => d._id)).toEqual(['zero', 'near', 'mid', 'far']);
    const ring = await sdb
      .collection('st')
      .where({
        loc: _.geoNear({ geometry: center() as never, minDistance: 1000, maxDistance: 5000 }),
        cat: 'x',
      })
      .get();
    expect(ring.data.map((d) => d._id)).toEqual(['mid']);
    expect(lngStepMetres(0.03, LAT)).toBeGreaterThan(1000);
    expect(lngStepMetres(0.03, LAT)).toBeLessThan(5000);
  });

  test('$geoWithin: Polygon and $centerSphere', async () => {
    const _ = sdb.command;
    const G = sdb.Geo;
    const square = G.Polygon([
      G.LineString([
        G.Point(117.69, 38.99),
        G.Point(117.72, 38.99),
        G.Point(117.72, 39.01),
        G.Point(117.69, 39.01),
        G.Point(117.69, 38.99),
      ]),
    ]);
    const inPoly = await sdb
      .collection('st')
      .where({ loc: _.geoWithin({ geometry: square }) })
      .orderBy('_id', 'asc')
      .get();
    expect(inPoly.data.map((d) => d._id)).toEqual(['near', 'zero']);
    // Radius in radians: 3 km / earth radius (mid is ~2.6 km away, far ~8.6 km).
    const circle = await sdb
      .collection('st')
      .where({ loc: _.geoWithin({ centerSphere: [[117.7, LAT], 3000 / 6_378_100] } as never) })
      .orderBy('_id', 'asc')
      .get();
    expect(circle.data.map((d) => d._id)).toEqual(['mid', 'near', 'zero']);
  });

  test('$geoNear stage: distances, query, key, maxDistance, order', async () => {
    const r = await sdb
      .collection('st')
      .aggregate()
      .geoNear({
        near: center(),
        distanceField: 'dist',
        spherical: true,
        key: 'loc',
        maxDistance: 20_000,
        query: { cat: 'x' },
      })
      .end();
    expect(r.list.map((d) => d._id)).toEqual(['zero', 'mid', 'far']);
    const dist = r.list.map((d) => d.dist as number);
    expect(dist[0]).toBeCloseTo(0, 6);
    expect(Math.abs(dist[1] - lngStepMetres(0.03, LAT))).toBeLessThan(1);
    expect(Math.abs(dist[2] - lngStepMetres(0.1, LAT))).toBeLessThan(5);
    // Only as the first stage.
    const err = await rejection(
      sdb
        .collection('st')
        .aggregate()
        .match({})
        .geoNear({ near: center(), distanceField: 'd', spherical: true })
        .end(),
    );
    expect(err.code).toBe('DATABASE_REQUEST_FAILED');
    expect(String(err.errMsg)).toContain('first stage');
  });

  test('a $nearSphere result list sorted by distance matches doc() order with an independent formula', async () => {
    const _ = sdb.command;
    const r = await sdb
      .collection('st')
      .where({ loc: _.geoNear({ geometry: center() as never }) })
      .get();
    const got = r.data.map((d: D) => d._id);
    expect(got.slice(0, 4)).toEqual(['zero', 'near', 'mid', 'far']);
    expect(got).not.toContain('noloc');
  });
});
