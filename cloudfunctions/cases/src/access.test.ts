import type { Access, Caller } from '../../../shared/src/auth/scope';
import type { Role, Scope } from '../../../shared/src/auth/roles';
import { caseRolesOf, isApprover, isTeam, type CaseTeam } from './access';

const team: CaseTeam = {
  stationId: 'st-a',
  leadWorkerId: 'u-lead',
  assistantIds: ['u-help'],
  supervisorId: 'u-sup',
};
const access = (userId: string, role: Role, scope: Scope, station: Partial<Caller> = {}): Access => ({
  action: 'cases.getCase',
  role,
  scope,
  caller: {
    openid: 'o',
    userId: userId as Caller['userId'],
    role,
    stationId: null,
    stationIds: [],
    active: true,
    ...station,
  } as Caller,
});
const at = (s: string) => ({ stationId: s as Caller['stationId'] });

describe('who opens a case', () => {
  it('the lead, an assisting worker, the head of the station, the assigned supervisor', () => {
    expect(caseRolesOf(access('u-lead', 'social_worker', 'station', at('st-a')), team)).toMatchObject({
      lead: true,
    });
    expect(caseRolesOf(access('u-help', 'social_worker', 'station', at('st-a')), team)).toMatchObject({
      assistant: true,
    });
    expect(caseRolesOf(access('u-head', 'station_head', 'station', at('st-a')), team)).toMatchObject({
      head: true,
    });
    const sup = caseRolesOf(
      access('u-sup', 'supervisor', 'assigned', { stationIds: ['st-a'] as Caller['stationIds'] }),
      team,
    );
    expect(sup && isApprover(sup) && !isTeam(sup)).toBe(true);
  });

  it('not another worker of the station, not a supervisor not assigned, nobody out of reach', () => {
    expect(caseRolesOf(access('u-other', 'social_worker', 'station', at('st-a')), team)).toBeNull();
    expect(
      caseRolesOf(
        access('u-sup2', 'supervisor', 'assigned', { stationIds: ['st-a'] as Caller['stationIds'] }),
        team,
      ),
    ).toBeNull();
    // The assigned supervisor whose account no longer covers the station.
    expect(
      caseRolesOf(
        access('u-sup', 'supervisor', 'assigned', { stationIds: ['st-b'] as Caller['stationIds'] }),
        team,
      ),
    ).toBeNull();
    // The lead moved to another station: out of reach.
    expect(caseRolesOf(access('u-lead', 'social_worker', 'station', at('st-b')), team)).toBeNull();
    // A head of another station.
    expect(caseRolesOf(access('u-head', 'station_head', 'station', at('st-b')), team)).toBeNull();
  });

  it('a scope of `all` reaches every case (the table decides)', () => {
    expect(caseRolesOf(access('u-x', 'district_admin', 'all'), team)).toMatchObject({ all: true });
  });
});
