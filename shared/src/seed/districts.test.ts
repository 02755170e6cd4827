import { DEMO_USERS } from './demo-users';
import { SEED_ADMIN_UNITS, SEED_STATIONS } from './districts';

describe('district seed', () => {
  it('has 16 streets, 5 townships and 5 development zones', () => {
    const count = (kind: string) => SEED_ADMIN_UNITS.filter((u) => u.kind === kind).length;
    expect([count('street'), count('township'), count('zone')]).toEqual([16, 5, 5]);
    expect(new Set(SEED_ADMIN_UNITS.map((u) => u.id)).size).toBe(26);
  });

  it('has one station per street and township, named in the official format', () => {
    expect(SEED_STATIONS).toHaveLength(21);
    for (const s of SEED_STATIONS) {
      const unit = SEED_ADMIN_UNITS.find((u) => u.id === s.unitId);
      expect(unit?.kind).toBe(s.unitKind);
      expect(s.officialName).toBe(`滨海新区${unit?.name}社会工作服务站`);
      expect(s.officialName).toMatch(/^滨海新区.+(街道|镇)社会工作服务站$/);
      expect(s.id).toBe(`st-${s.unitId}`);
    }
    expect(SEED_STATIONS.map((s) => s.officialName)).toContain('滨海新区塘沽街道社会工作服务站');
    expect(SEED_STATIONS.map((s) => s.officialName)).toContain('滨海新区小王庄镇社会工作服务站');
  });

  it('lists streets before townships, in a strict order', () => {
    expect(SEED_STATIONS.map((s) => s.order)).toEqual([...Array(21).keys()]);
    expect(SEED_STATIONS.slice(0, 16).every((s) => s.unitKind === 'street')).toBe(true);
    expect(SEED_STATIONS.slice(16).every((s) => s.unitKind === 'township')).toBe(true);
  });

  it('invents nothing: no address, phone or hours; coordinates marked approximate and inside Binhai', () => {
    for (const s of SEED_STATIONS) {
      expect([s.address, s.phone, s.hours, s.specialty]).toEqual([null, null, null, null]);
      expect(s.needsAdminReview).toBe(true);
      expect(s.location?.approximate).toBe(true);
      expect(s.location?.latitude).toBeGreaterThan(38.5);
      expect(s.location?.latitude).toBeLessThan(39.5);
      expect(s.location?.longitude).toBeGreaterThan(117.2);
      expect(s.location?.longitude).toBeLessThan(118.1);
    }
  });

  it('demo users are clearly demo and point at real seed stations', () => {
    const stationIds = new Set<string>(SEED_STATIONS.map((s) => s.id));
    for (const u of DEMO_USERS) {
      expect(u.openid).toMatch(/^demo-/);
      expect(u.label).toContain('演示');
      for (const id of [u.stationId, ...(u.stationIds ?? [])].filter(Boolean))
        expect(stationIds.has(id as string)).toBe(true);
    }
    expect(new Set(DEMO_USERS.map((u) => u.role))).toEqual(
      new Set(['resident', 'social_worker', 'station_head', 'supervisor', 'district_admin']),
    );
  });
});
