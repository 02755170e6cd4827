/**
 * The `stations` function through the real wx-server-sdk against the local
 * emulator: listing, search, pagination, nearest stations, detail, and the
 * bad-input list of issue 3 (never `internal`, never a write).
 */
import type {
  GetStationOutput,
  ListStationsOutput,
  NearestStationsOutput,
} from '../../shared/src/contracts/stations';
import type { Result } from '../../shared/src/errors';
import { SEED_STATIONS } from '../../shared/src/seed/districts';
import { useTestCloud } from '../helpers/cloud';

const cloud = useTestCloud({ functions: ['stations', 'accounts'] });
const RESIDENT = 'demo-resident-1';

const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
};
const list = async (event: Record<string, unknown> = {}, openid: string | null = RESIDENT) =>
  ok(await cloud.callAs<ListStationsOutput>(openid, 'stations', { action: 'listStations', ...event }));
const names = (out: ListStationsOutput) => out.groups.flatMap((g) => g.items.map((s) => s.officialName));

describe('listStations', () => {
  it('lists the 21 stations, 16 streets (街道) then 5 townships (镇), in seed order', async () => {
    const out = await list();
    expect(out.total).toBe(21);
    expect(out.nextOffset).toBeNull();
    expect(out.groups.map((g) => [g.kind, g.label, g.items.length])).toEqual([
      ['street', '街道', 16],
      ['township', '镇', 5],
    ]);
    expect(names(out)).toEqual(SEED_STATIONS.map((s) => s.officialName));
    expect(out.groups[0].items[0]).toEqual({
      id: 'st-tanggu',
      officialName: '滨海新区塘沽街道社会工作服务站',
      unitName: '塘沽街道',
      unitKind: 'street',
      specialty: null,
    });
  });

  it('answers an anonymous caller too (public information)', async () => {
    expect((await list({}, null)).total).toBe(21);
  });

  it('finds 塘沽 by name, and only it', async () => {
    const out = await list({ query: '塘沽' });
    expect(out.total).toBe(1);
    expect(names(out)).toEqual(['滨海新区塘沽街道社会工作服务站']);
  });

  it('search covers townships and trims spaces', async () => {
    expect(names(await list({ query: ' 小王庄 ' }))).toEqual(['滨海新区小王庄镇社会工作服务站']);
    const towns = await list({ query: '镇社会' });
    expect(towns.total).toBe(5);
    expect(towns.groups.map((g) => g.kind)).toEqual(['township']);
  });

  it.each(['.*', '.', '^', '(', '[', '\\', '塘沽|大港', '塘.'])(
    'treats %s literally (regex metacharacters are escaped)',
    async (query) => {
      const out = await list({ query });
      expect(out.total).toBe(0);
      expect(out.groups).toEqual([]);
    },
  );

  it('a search with no match is an empty list, not an error', async () => {
    expect(await list({ query: '不存在的街道' })).toEqual({ groups: [], total: 0, nextOffset: null });
  });

  it('paginates with offset/limit; pages do not overlap and cover everything', async () => {
    const seen: string[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const page: ListStationsOutput = await list({ offset, limit: 8 });
      expect(page.total).toBe(21);
      seen.push(...names(page));
      offset = page.nextOffset;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(SEED_STATIONS.map((s) => s.officialName));
    // The page that crosses from streets to townships carries both groups.
    const crossing = await list({ offset: 14, limit: 4 });
    expect(crossing.groups.map((g) => [g.kind, g.items.length])).toEqual([
      ['street', 2],
      ['township', 2],
    ]);
    expect(crossing.nextOffset).toBe(18);
  });

  it('an offset past the end is an empty last page', async () => {
    expect(await list({ offset: 100 })).toEqual({ groups: [], total: 21, nextOffset: null });
  });

  it('ignores identity keys in the event (no spoofing)', async () => {
    const spoofed = await list({
      openid: 'demo-admin-1',
      role: 'district_admin',
      _openid: 'x',
      createdBy: 'x',
    });
    expect(spoofed).toEqual(await list());
  });
});

describe('nearestStations', () => {
  const near = async (event: Record<string, unknown>) =>
    ok(
      await cloud.callAs<NearestStationsOutput>(RESIDENT, 'stations', {
        action: 'nearestStations',
        ...event,
      }),
    );

  it('sorts by distance computed in the database, each with its distance in metres', async () => {
    // At the approximate centre of 塘沽街道.
    const out = await near({ latitude: 39.025, longitude: 117.655, limit: 21 });
    expect(out.items).toHaveLength(21);
    expect(out.items[0]).toMatchObject({ id: 'st-tanggu', distanceMeters: 0 });
    const d = out.items.map((s) => s.distanceMeters);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    // Known pair: 塘沽 (39.025, 117.655) → 大港 (38.84, 117.46) ≈ 26.6 km.
    const dagang = out.items.find((s) => s.id === 'st-dagang');
    expect(dagang?.distanceMeters).toBeGreaterThan(26_300);
    expect(dagang?.distanceMeters).toBeLessThan(26_900);
    // 新村 is the nearest neighbour of 塘沽 in the seed (≈ 1.4 km).
    expect(out.items[1]).toMatchObject({ id: 'st-xincun', officialName: '滨海新区新村街道社会工作服务站' });
    expect(out.items[1].distanceMeters).toBeGreaterThan(1_300);
    expect(out.items[1].distanceMeters).toBeLessThan(1_500);
  });

  it('returns 5 by default, and respects limit and maxDistanceKm', async () => {
    expect((await near({ latitude: 38.84, longitude: 117.46 })).items).toHaveLength(5);
    expect((await near({ latitude: 38.84, longitude: 117.46 })).items[0].id).toBe('st-dagang');
    expect((await near({ latitude: 38.84, longitude: 117.46, limit: 2 })).items.map((s) => s.id)).toEqual([
      'st-dagang',
      'st-gulin',
    ]);
    const within2km = await near({ latitude: 39.025, longitude: 117.655, maxDistanceKm: 2, limit: 21 });
    expect(within2km.items.map((s) => s.id)).toEqual(['st-tanggu', 'st-xincun']);
  });

  it('far from Binhai (Beijing, ~140 km) finds nothing within the default 50 km, but does within 200 km', async () => {
    expect((await near({ latitude: 39.9087, longitude: 116.3975 })).items).toEqual([]);
    const wide = await near({ latitude: 39.9087, longitude: 116.3975, maxDistanceKm: 200, limit: 1 });
    expect(wide.items).toHaveLength(1);
    expect(wide.items[0].distanceMeters).toBeGreaterThan(120_000);
  });

  it('leaves out stations without a location', async () => {
    await cloud.db
      .collection('stations')
      .doc('st-tanggu')
      .update({ data: { location: null } });
    const out = await near({ latitude: 39.025, longitude: 117.655, limit: 21 });
    expect(out.items).toHaveLength(20);
    expect(out.items.map((s) => s.id)).not.toContain('st-tanggu');
  });
});

describe('getStation', () => {
  const get = (event: Record<string, unknown>) =>
    cloud.callAs<GetStationOutput>(RESIDENT, 'stations', { action: 'getStation', ...event });

  it('returns the detail, with nothing invented and the location marked approximate', async () => {
    expect(ok(await get({ id: 'st-tanggu' }))).toEqual({
      id: 'st-tanggu',
      officialName: '滨海新区塘沽街道社会工作服务站',
      unitName: '塘沽街道',
      unitKind: 'street',
      unitId: 'tanggu',
      specialty: null,
      zone: null,
      address: null,
      hours: null,
      phone: null,
      serviceAreas: [],
      rooms: [],
      location: { latitude: 39.025, longitude: 117.655, approximate: true },
      needsAdminReview: true,
    });
  });

  it('shows what an administrator filled in, and the development zone attached', async () => {
    await cloud.db
      .collection('stations')
      .doc('st-taida')
      .update({
        data: {
          zoneId: 'zone-teda',
          specialty: '企业社会工作',
          serviceAreas: ['社会救助', '不是服务领域'],
          rooms: ['个案工作室'],
          hours: '周一至周五 9:00-17:00',
        },
      });
    const out = ok(await get({ id: 'st-taida' }));
    expect(out).toMatchObject({
      zone: { id: 'zone-teda', name: '天津经济技术开发区' },
      specialty: '企业社会工作',
      serviceAreas: ['社会救助'],
      rooms: ['个案工作室'],
      hours: '周一至周五 9:00-17:00',
    });
  });

  it('a well-formed unknown id is not-found with a Chinese message', async () => {
    expect(await get({ id: 'st-nowhere' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: '没有找到该社工站，请返回列表重新选择' },
    });
  });
});

describe('seed', () => {
  it('is idempotent and never overwrites an administrator’s edit', async () => {
    const { seedDatabase } = await import('../../scripts/seed');
    await cloud.db
      .collection('stations')
      .doc('st-dagu')
      .update({ data: { phone: '022-00000000' } });
    const before = cloud.counts();
    const report = await seedDatabase(cloud.db, new Date('2026-05-01T00:00:00Z'));
    expect(report).toEqual({ version: 1, unitsInserted: 0, stationsInserted: 0, demoInserted: 0 });
    expect(cloud.counts()).toEqual(before);
    expect(before).toMatchObject({ stations: 21, admin_units: 26, meta: 1 });
    const out = ok(
      await cloud.callAs<GetStationOutput>(RESIDENT, 'stations', { action: 'getStation', id: 'st-dagu' }),
    );
    expect(out.phone).toBe('022-00000000');
  });

  it('restores a station that is missing, and only it', async () => {
    const { seedDatabase } = await import('../../scripts/seed');
    await cloud.db.collection('stations').doc('st-haibin').remove();
    expect(cloud.counts().stations).toBe(20);
    expect(await seedDatabase(cloud.db, new Date())).toEqual({
      version: 1,
      unitsInserted: 0,
      stationsInserted: 1,
      demoInserted: 0,
    });
    expect(cloud.counts().stations).toBe(21);
  });
});

describe('bad input (issue 3): invalid-argument or not-found in Chinese, never internal, never a write', () => {
  const HUGE = '塘'.repeat(100_000);
  const cases: [string, Record<string, unknown>, 'invalid-argument' | 'not-found'][] = [
    ['no action', {}, 'invalid-argument'],
    ['unknown action', { action: 'dropStations' }, 'invalid-argument'],
    ['action as operator object', { action: { $gt: '' } }, 'invalid-argument'],
    ['prototype action name', { action: 'constructor' }, 'invalid-argument'],
    ['list: query as operator object', { action: 'listStations', query: { $gt: '' } }, 'invalid-argument'],
    [
      'list: query as regex-shaped object',
      { action: 'listStations', query: { $regex: '.*' } },
      'invalid-argument',
    ],
    ['list: query as number', { action: 'listStations', query: 12 }, 'invalid-argument'],
    ['list: huge query', { action: 'listStations', query: HUGE }, 'invalid-argument'],
    ['list: negative offset', { action: 'listStations', offset: -1 }, 'invalid-argument'],
    ['list: offset as string', { action: 'listStations', offset: '0' }, 'invalid-argument'],
    ['list: offset as operator', { action: 'listStations', offset: { $gt: 0 } }, 'invalid-argument'],
    ['list: limit too large', { action: 'listStations', limit: 1000 }, 'invalid-argument'],
    ['list: fractional limit', { action: 'listStations', limit: 2.5 }, 'invalid-argument'],
    ['list: unknown key', { action: 'listStations', where: { $where: '1' } }, 'invalid-argument'],
    ['list: huge unknown key', { action: 'listStations', ['k'.repeat(10_000)]: 1 }, 'invalid-argument'],
    ['near: missing latitude', { action: 'nearestStations', longitude: 117.6 }, 'invalid-argument'],
    ['near: missing both', { action: 'nearestStations' }, 'invalid-argument'],
    [
      'near: latitude out of range',
      { action: 'nearestStations', latitude: 91, longitude: 117.6 },
      'invalid-argument',
    ],
    [
      'near: latitude -91',
      { action: 'nearestStations', latitude: -91, longitude: 117.6 },
      'invalid-argument',
    ],
    [
      'near: longitude out of range',
      { action: 'nearestStations', latitude: 39, longitude: 181 },
      'invalid-argument',
    ],
    [
      'near: latitude as string',
      { action: 'nearestStations', latitude: '39', longitude: 117.6 },
      'invalid-argument',
    ],
    [
      'near: latitude as operator',
      { action: 'nearestStations', latitude: { $gt: 0 }, longitude: 117.6 },
      'invalid-argument',
    ],
    [
      'near: latitude as array',
      { action: 'nearestStations', latitude: [39], longitude: 117.6 },
      'invalid-argument',
    ],
    [
      'near: null latitude',
      { action: 'nearestStations', latitude: null, longitude: 117.6 },
      'invalid-argument',
    ],
    [
      'near: limit 0',
      { action: 'nearestStations', latitude: 39, longitude: 117.6, limit: 0 },
      'invalid-argument',
    ],
    [
      'near: radius negative',
      { action: 'nearestStations', latitude: 39, longitude: 117.6, maxDistanceKm: -5 },
      'invalid-argument',
    ],
    [
      'near: radius huge',
      { action: 'nearestStations', latitude: 39, longitude: 117.6, maxDistanceKm: 1e9 },
      'invalid-argument',
    ],
    ['get: missing id', { action: 'getStation' }, 'invalid-argument'],
    ['get: empty id', { action: 'getStation', id: '' }, 'invalid-argument'],
    ['get: id as operator object', { action: 'getStation', id: { $gt: '' } }, 'invalid-argument'],
    ['get: id as $ne', { action: 'getStation', id: { $ne: null } }, 'invalid-argument'],
    ['get: id as number', { action: 'getStation', id: 1 }, 'invalid-argument'],
    ['get: huge id', { action: 'getStation', id: 'x'.repeat(100_000) }, 'invalid-argument'],
    [
      'get: id with path characters',
      { action: 'getStation', id: '../users/demo-admin-1' },
      'invalid-argument',
    ],
    ['get: unknown id', { action: 'getStation', id: 'st-unknown' }, 'not-found'],
    ['get: unknown hex id', { action: 'getStation', id: '0123456789abcdef0123456789abcdef' }, 'not-found'],
  ];

  it.each(cases)('%s', async (_label, event, code) => {
    const before = cloud.counts();
    for (const openid of [RESIDENT, null]) {
      const out = await cloud.callAs(openid, 'stations', event);
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.error.code).toBe(code);
      expect(out.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(out.error.message.length).toBeLessThan(60);
      expect(JSON.stringify(out)).not.toMatch(/\bat \w|Error:|\$gt|stack/);
    }
    expect(cloud.counts()).toEqual(before);
  });

  it('the worded messages a resident sees', async () => {
    const call = (event: Record<string, unknown>) => cloud.callAs(RESIDENT, 'stations', event);
    expect(await call({ action: 'nearestStations', latitude: 91, longitude: 117 })).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: '纬度需在 -90 到 90 之间', details: { field: 'latitude' } },
    });
    expect(await call({ action: 'listStations', query: HUGE })).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: '搜索内容请不要超过 30 个字', details: { field: 'query' } },
    });
    expect(await call({ action: 'getStation', id: { $gt: '' } })).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: '社工站编号格式不对，请返回列表重新选择',
        details: { field: 'id' },
      },
    });
  });

  it('wrote nothing and logged no internal error during the bad-input calls', async () => {
    const before = cloud.counts();
    for (const [, event] of cases) await cloud.callAs(RESIDENT, 'stations', event);
    expect(cloud.counts()).toEqual(before);
    expect(cloud.logs.filter((l) => /"level":"error"/.test(l))).toEqual([]);
  });
});

describe('demo accounts (emulator seed only)', () => {
  it('inserts the demo accounts and service items once, with their roles, and keeps them on re-seed', async () => {
    const { seedDatabase } = await import('../../scripts/seed');
    const { DEMO_USERS, SEED_STATIONS, demoServiceItemsFor } = await import('@sgz/shared');
    const items = SEED_STATIONS.length * demoServiceItemsFor(SEED_STATIONS[0]!.id).length;
    // The demo supervisor's stations as assignments (issue 12: the `assigned` scope).
    const assignments = DEMO_USERS.filter((u) => u.role === 'supervisor').reduce(
      (n, u) => n + (u.stationIds ?? []).length,
      0,
    );
    const first = await seedDatabase(cloud.db, new Date(), { demo: true });
    expect(first.demoInserted).toBe(DEMO_USERS.length + items + assignments);
    expect(cloud.counts().service_items).toBe(items);
    expect(cloud.counts().supervisor_assignments).toBe(assignments);
    const again = await seedDatabase(cloud.db, new Date(), { demo: true });
    expect(again.demoInserted).toBe(0);
    const head = DEMO_USERS.find((u) => u.role === 'station_head')!;
    const who = await cloud.callAs(head.openid, 'accounts', { action: 'whoAmI' });
    expect(who).toMatchObject({ ok: true, data: expect.objectContaining({ role: 'station_head' }) });
  });
});
