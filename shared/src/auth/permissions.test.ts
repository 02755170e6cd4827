import { PERMISSIONS, isAnonymousAllowed, scopeOf } from './permissions';
import { ROLES, SCOPES } from './roles';
import { allFlips, applyFlip, formatFlip, parseFlip } from './flip';
import { reachesStation, reachesTarget, stationsInScope, type Access, type Caller } from './scope';
import type { StationId, UserId } from '../ids';

describe('permission table', () => {
  it('uses only known roles and scopes', () => {
    for (const [key, row] of Object.entries(PERMISSIONS)) {
      expect(key).toMatch(/^[a-z][A-Za-z]+\.[a-z][A-Za-z]+$/);
      for (const [role, scope] of Object.entries(row)) {
        expect(ROLES).toContain(role);
        expect(SCOPES).toContain(scope);
      }
    }
  });
  it('denies by default: unknown action, missing cell, prototype keys', () => {
    expect(scopeOf(PERMISSIONS, 'accounts.dropDatabase', 'district_admin')).toBeNull();
    expect(scopeOf(PERMISSIONS, 'accounts.listAuditLog', 'station_head')).toBeNull();
    expect(scopeOf(PERMISSIONS, 'constructor', 'resident')).toBeNull();
    expect(scopeOf(PERMISSIONS, '__proto__', 'resident')).toBeNull();
    expect(scopeOf(PERMISSIONS, 'accounts.listAuditLog', 'district_admin')).toBe('all');
  });
  it('lets anonymous callers run only actions whose resident cell is public', () => {
    expect(isAnonymousAllowed(PERMISSIONS, 'stations.listStations')).toBe(true);
    expect(isAnonymousAllowed(PERMISSIONS, 'accounts.whoAmI')).toBe(false);
    expect(isAnonymousAllowed(PERMISSIONS, 'requests.createRequest')).toBe(false);
  });
  it('never grants public scope on a write or a personal read', () => {
    for (const [key, row] of Object.entries(PERMISSIONS)) {
      // The published good-practice stories are public like the station page they are shown on
      // (anonymised, approved by the district; never a person's record).
      const isPublicCatalogue =
        /^(stations|serviceItems|slots)\.list|^stations\.(getStation|nearestStations)$|^district\.listStationStories$/.test(
          key,
        );
      if (!isPublicCatalogue) expect(Object.values(row)).not.toContain('public');
    }
  });
});

describe('flips', () => {
  it('round-trips the wire form and rejects junk', () => {
    expect(parseFlip(formatFlip({ key: 'accounts.listStaff', role: 'resident', to: 'all' }))).toEqual({
      key: 'accounts.listStaff',
      role: 'resident',
      to: 'all',
    });
    expect(parseFlip('accounts.listStaff|resident|deny')?.to).toBeNull();
    expect(parseFlip('accounts.listStaff|root|all')).toBeNull();
    expect(parseFlip('accounts.listStaff|resident|everything')).toBeNull();
  });
  it('flips exactly one cell', () => {
    const t = applyFlip(PERMISSIONS, { key: 'accounts.listAuditLog', role: 'district_admin', to: null });
    expect(scopeOf(t, 'accounts.listAuditLog', 'district_admin')).toBeNull();
    expect(scopeOf(PERMISSIONS, 'accounts.listAuditLog', 'district_admin')).toBe('all');
    expect(scopeOf(t, 'accounts.listStaff', 'district_admin')).toBe('all');
  });
  it('enumerates deny, widen and grant flips', () => {
    const flips = allFlips(PERMISSIONS, ['accounts.listStaff']);
    expect(flips).toContainEqual({ key: 'accounts.listStaff', role: 'resident', from: null, to: 'all' });
    expect(flips).toContainEqual({
      key: 'accounts.listStaff',
      role: 'social_worker',
      from: 'station',
      to: null,
    });
    expect(flips).toContainEqual({
      key: 'accounts.listStaff',
      role: 'social_worker',
      from: 'station',
      to: 'all',
    });
    expect(flips.filter((f) => f.role === 'district_admin')).toHaveLength(1);
  });
});

describe('scope', () => {
  const st = (s: string) => s as StationId;
  const caller = (over: Partial<Caller>): Caller => ({
    openid: 'o',
    userId: 'u-1' as UserId,
    role: 'social_worker',
    stationId: st('st-a'),
    stationIds: [],
    active: true,
    ...over,
  });
  const access = (scope: Access['scope'], c: Partial<Caller> = {}): Access => ({
    action: 'x.y',
    role: c.role ?? 'social_worker',
    scope,
    caller: caller(c),
  });
  it('station scope reaches only the own station', () => {
    expect(reachesStation(access('station'), 'st-a')).toBe(true);
    expect(reachesStation(access('station'), 'st-b')).toBe(false);
    expect(reachesStation(access('station', { stationId: null }), null)).toBe(false);
  });
  it('assigned scope reaches the assigned stations only', () => {
    const a = access('assigned', {
      role: 'supervisor',
      stationId: null,
      stationIds: [st('st-a'), st('st-c')],
    });
    expect(stationsInScope(a)).toEqual(['st-a', 'st-c']);
    expect(reachesStation(a, 'st-c')).toBe(true);
    expect(reachesStation(a, 'st-b')).toBe(false);
  });
  it('own scope reaches own records only, and a missing record only with all', () => {
    expect(reachesTarget(access('own'), { ownerId: 'u-1' })).toBe(true);
    expect(reachesTarget(access('own'), { ownerId: 'u-2' })).toBe(false);
    expect(reachesTarget(access('own'), { stationId: 'st-a' })).toBe(false);
    expect(reachesTarget(access('own'), null)).toBe(false);
    expect(reachesTarget(access('station'), null)).toBe(false);
    expect(reachesTarget(access('all'), null)).toBe(true);
    expect(stationsInScope(access('own'))).toEqual([]);
  });
});
