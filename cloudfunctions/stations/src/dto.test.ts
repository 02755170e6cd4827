import { distanceTo, groupStations, pointOf, toDetail, toSummary } from './dto';
import { escapeRegExp } from './repo';

describe('escapeRegExp', () => {
  it('makes every metacharacter literal', () => {
    const nasty = '.*+?^${}()|[]\\/-';
    const re = new RegExp(escapeRegExp(nasty));
    expect(re.test(nasty)).toBe(true);
    expect(re.test('anything else')).toBe(false);
    expect(new RegExp(escapeRegExp('.*')).test('滨海新区塘沽街道社会工作服务站')).toBe(false);
    expect(escapeRegExp('塘沽')).toBe('塘沽');
  });
});

describe('station DTOs', () => {
  it('reads both GeoJSON and the SDK Point shape, and rejects nonsense', () => {
    expect(pointOf({ type: 'Point', coordinates: [117.6, 39.0] })).toEqual({
      latitude: 39.0,
      longitude: 117.6,
    });
    expect(pointOf({ latitude: 39.0, longitude: 117.6, toJSON: () => ({}) })).toEqual({
      latitude: 39.0,
      longitude: 117.6,
    });
    expect(pointOf({ type: 'Point', coordinates: [117.6] })).toBeNull();
    expect(pointOf({ type: 'Point', coordinates: [200, 39] })).toBeNull();
    expect(pointOf(null)).toBeNull();
    expect(pointOf('39,117')).toBeNull();
  });

  it('never passes unknown values through from an edited document', () => {
    const d = toDetail(
      {
        _id: 'st-x',
        officialName: '滨海新区X街道社会工作服务站',
        unitName: 'X街道',
        unitKind: 'zone',
        unitId: 'x',
        specialty: '不存在的特色',
        serviceAreas: ['养老服务', 42, '乱写'],
        rooms: 'all',
        phone: '   ',
        internalNote: '仅内部可见',
      },
      null,
    );
    expect(d).toEqual({
      id: 'st-x',
      officialName: '滨海新区X街道社会工作服务站',
      unitName: 'X街道',
      unitKind: 'street',
      unitId: 'x',
      specialty: null,
      zone: null,
      address: null,
      hours: null,
      phone: null,
      serviceAreas: ['养老服务'],
      rooms: [],
      location: null,
      needsAdminReview: true,
    });
  });

  it('groups a page 街道 then 镇 and drops empty groups', () => {
    const s = (id: string, unitKind: string) => toSummary({ _id: id, unitKind });
    expect(
      groupStations([s('a', 'street'), s('b', 'township')]).map((g) => [g.label, g.items.map((i) => i.id)]),
    ).toEqual([
      ['街道', ['a']],
      ['镇', ['b']],
    ]);
    expect(groupStations([s('b', 'township')]).map((g) => g.kind)).toEqual(['township']);
    expect(groupStations([])).toEqual([]);
  });

  it('rounds distances to whole metres', () => {
    const d = distanceTo(
      { latitude: 39, longitude: 117 },
      { _id: 'st-x', location: { type: 'Point', coordinates: [117, 39.001] } },
    );
    expect(d).toBe(111);
  });
});
