/**
 * Where the emulator differed from CloudBase's own database reference (issue 8), through the real
 * wx-server-sdk 4.0.2. Each test follows the example of the cited reference page.
 */
import { createDatabase, type Database } from '../../src/db';
import { rawPost, type SdkDb, type SdkSetup, setupSdk } from './harness';

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

/**
 * Command.geoIntersects — "找出给定的地理位置图形相交的记录", geometry Point | LineString | MultiPoint |
 * MultiLineString | Polygon | MultiPolygon; the page's example queries `location` with the triangle
 * (0,0) (3,2) (2,3).
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.geoIntersects
 * The SDK sends `{location: {$geoIntersects: {$geometry: <GeoJSON>}}}`.
 */
describe('_.geoIntersects', () => {
  beforeEach(async () => {
    const { Point, LineString, Polygon, MultiPoint } = sdb.Geo as unknown as Record<
      string,
      (...a: unknown[]) => unknown
    >;
    const ring = (...pts: [number, number][]): unknown => LineString(pts.map(([x, y]) => Point(x, y)));
    await sdb.collection('restaurants').add({
      data: [
        { _id: 'p-inside', location: Point(1, 1) },
        { _id: 'p-vertex', location: Point(3, 2) },
        { _id: 'p-outside', location: Point(4, 4) },
        { _id: 'l-crossing', location: LineString([Point(0, 2), Point(3, 0)]) },
        { _id: 'l-outside', location: LineString([Point(10, 10), Point(11, 11)]) },
        { _id: 'l-inside', location: LineString([Point(1, 1), Point(1.5, 1.6)]) },
        { _id: 'g-overlap', location: Polygon([ring([1, 1], [5, 1], [5, 5], [1, 5], [1, 1])]) },
        {
          _id: 'g-around',
          location: Polygon([ring([-10, -10], [10, -10], [10, 10], [-10, 10], [-10, -10])]),
        },
        {
          _id: 'g-tiny-inside',
          location: Polygon([ring([1.4, 1.5], [1.6, 1.5], [1.6, 1.7], [1.4, 1.7], [1.4, 1.5])]),
        },
        { _id: 'g-outside', location: Polygon([ring([10, 10], [12, 10], [12, 12], [10, 12], [10, 10])]) },
        {
          // The triangle sits inside this polygon's hole: no intersection.
          _id: 'g-hole',
          location: Polygon([
            ring([-10, -10], [10, -10], [10, 10], [-10, 10], [-10, -10]),
            ring([-1, -1], [4, -1], [4, 4], [-1, 4], [-1, -1]),
          ]),
        },
        { _id: 'mp', location: MultiPoint([Point(20, 20), Point(2, 2)]) },
        { _id: 'no-location', name: '无位置' },
      ],
    });
  });

  const ids = async (geometry: unknown): Promise<string[]> => {
    const _ = sdb.command;
    const r = await sdb
      .collection('restaurants')
      .where({ location: _.geoIntersects({ geometry } as never) })
      .get();
    return r.data.map((d) => String(d._id)).sort();
  };

  test("the reference page's example: records intersecting the triangle (0,0) (3,2) (2,3)", async () => {
    const { Point, LineString, Polygon } = sdb.Geo as unknown as Record<string, (...a: unknown[]) => unknown>;
    const triangle = Polygon([LineString([Point(0, 0), Point(3, 2), Point(2, 3), Point(0, 0)])]);
    expect(await ids(triangle)).toEqual(
      [
        'p-inside',
        'p-vertex',
        'l-crossing',
        'l-inside',
        'g-overlap',
        'g-around',
        'g-tiny-inside',
        'mp',
      ].sort(),
    );
  });

  test('Point and LineString query geometries', async () => {
    const { Point, LineString } = sdb.Geo as unknown as Record<string, (...a: unknown[]) => unknown>;
    // A point matches the equal point, lines through it and polygons containing it (not the one whose hole holds it).
    expect(await ids(Point(1, 1))).toEqual(['g-around', 'g-overlap', 'l-inside', 'p-inside'].sort());
    // A vertical segment at x = 11.5 crosses g-outside only (g-around and g-hole end at x = 10).
    expect(await ids(LineString([Point(11.5, 9), Point(11.5, 13)]))).toEqual(['g-outside']);
    // At x = 11 it also touches l-outside's end point (11, 11).
    expect(await ids(LineString([Point(11, 9), Point(11, 13)]))).toEqual(['g-outside', 'l-outside']);
    expect(await ids(LineString([Point(9, 9), Point(9, 9.5)]))).toEqual(['g-around', 'g-hole'].sort());
  });

  test('a bad geometry is an error', async () => {
    const r = await rawPost(
      env.server.url,
      JSON.stringify({
        action: 'database.getDocument',
        collectionName: 'restaurants',
        queryType: 'WHERE',
        query: '{"location":{"$geoIntersects":{"$geometry":{"type":"Circle","coordinates":[1,2]}}}}',
      }),
    );
    expect(r.code).toBeTruthy();
  });
});

/**
 * AggregateCommand.concat — the page's example projects `{_id: 0, fullName: $.concat([...])}` and the result is
 * `{ "fullName": "Yuanxin Dong" }` … with no other field.
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/aggregate/AggregateCommand.concat.html
 * (also https://docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/operators/concat)
 */
test('project with _id: 0 and only computed fields returns only those fields', async () => {
  await sdb.collection('students').add({
    data: [
      { firstName: 'Yuanxin', group: 'a', lastName: 'Dong', score: 84 },
      { firstName: 'Weijia', group: 'a', lastName: 'Wang', score: 96 },
      { firstName: 'Chengxi', group: 'b', lastName: 'Li', score: 80 },
    ],
  });
  const $ = sdb.command.aggregate;
  const r = await sdb
    .collection('students')
    .aggregate()
    .project({ _id: 0, fullName: $.concat(['$firstName', ' ', '$lastName']) })
    .end();
  expect(r.list).toEqual([
    { fullName: 'Yuanxin Dong' },
    { fullName: 'Weijia Wang' },
    { fullName: 'Chengxi Li' },
  ]);
  // The other shapes keep working: a nested computed field, inclusion with _id: 0, plain exclusion.
  const nested = await sdb
    .collection('students')
    .aggregate()
    .match({ group: 'b' })
    .project({ _id: 0, 'name.full': $.concat(['$firstName', ' ', '$lastName']), g: '$group' })
    .end();
  expect(nested.list).toEqual([{ name: { full: 'Chengxi Li' }, g: 'b' }]);
  const incl = await sdb
    .collection('students')
    .aggregate()
    .match({ group: 'b' })
    .project({ _id: 0, score: 1 })
    .end();
  expect(incl.list).toEqual([{ score: 80 }]);
  const excl = await sdb
    .collection('students')
    .aggregate()
    .match({ group: 'b' })
    .project({ _id: 0, score: 0, group: 0 })
    .end();
  expect(excl.list).toEqual([{ firstName: 'Chengxi', lastName: 'Li' }]);
});

/**
 * AggregateCommand.week — weeks start on Sunday, the first Sunday of the year starts week 1, the days before it
 * are week 0 (strftime %U); the page's example gives 19 for 2019-05-14T09:38:51.686Z.
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/aggregate/AggregateCommand.week.html
 * (also https://docs.cloudbase.net/en/api-reference/server/node-sdk/database/aggregate/operators/week)
 * isoWeek of the same date is 20 (…/operators/isoWeek).
 */
test('$.week counts Sunday-started weeks from the first Sunday (week 0 before it)', async () => {
  await sdb.collection('dates').add({ data: { _id: 1, date: new Date('2019-05-14T09:38:51.686Z') } });
  const $ = sdb.command.aggregate;
  const r = await sdb
    .collection('dates')
    .aggregate()
    .project({ _id: 0, week: $.week('$date'), isoWeek: $.isoWeek('$date') })
    .end();
  expect(r.list).toEqual([{ week: 19, isoWeek: 20 }]);
  // Around year boundaries (strftime %U): 2016-01-01 is a Friday, 2017-01-01 a Sunday.
  const cases: [string, number][] = [
    ['2016-01-01T00:00:00Z', 0],
    ['2016-01-02T23:59:59Z', 0],
    ['2016-01-03T00:00:00Z', 1],
    ['2016-12-31T12:00:00Z', 52],
    ['2017-01-01T00:00:00Z', 1],
    ['2017-01-07T00:00:00Z', 1],
    ['2017-01-08T00:00:00Z', 2],
    ['2018-12-31T00:00:00Z', 52],
    ['2012-12-30T00:00:00Z', 53],
  ];
  await sdb.collection('edges').add({ data: cases.map(([d], i) => ({ _id: `e${i}`, d: new Date(d) })) });
  const e = await sdb
    .collection('edges')
    .aggregate()
    .sort({ _id: 1 })
    .project({ _id: 0, w: $.week('$d') })
    .end();
  expect(e.list.map((x) => x.w)).toEqual(cases.map(([, w]) => w));
  // With a timezone: 2017-01-07T20:00Z is Saturday in UTC (week 1) but already Sunday the 8th in Shanghai (week 2).
  await sdb.collection('tz').add({ data: { _id: 'tz', d: new Date('2017-01-07T20:00:00Z') } });
  const tz = await sdb
    .collection('tz')
    .aggregate()
    .project({ _id: 0, utc: $.week('$d'), shanghai: $.week({ date: '$d', timezone: '+08:00' }) })
    .end();
  expect(tz.list).toEqual([{ utc: 1, shanghai: 2 }]);
});
