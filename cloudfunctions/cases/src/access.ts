import { reachesStation, type Access } from '../../../shared/src/auth/scope';

/**
 * Who may open a case (issue 11: the most sensitive records), decided here
 * and nowhere else. The permission row gives how far a role reaches
 * (station / assigned stations); within that reach:
 * - `lead` / `assistant`: a worker on the case;
 * - `head`: the head of the case's station (every case of it);
 * - `supervisor`: the supervisor assigned to the case (whose account is
 *   assigned to the case's station: the reach checks it);
 * - `all`: a scope of `all` (the table grants every case; no role has it
 *   today but the count).
 * Another worker of the same station, a supervisor not assigned to the case,
 * anyone out of reach: none of these — the caller gets the one denial.
 */
export interface CaseRoles {
  lead: boolean;
  assistant: boolean;
  head: boolean;
  supervisor: boolean;
  all: boolean;
}

/** What a case says about whose it is. */
export interface CaseTeam {
  stationId: string;
  leadWorkerId: string;
  assistantIds: readonly string[];
  supervisorId: string | null;
}

/** The caller's roles on `c`, or null when they may not open it. */
export function caseRolesOf(access: Access, c: CaseTeam): CaseRoles | null {
  const caller = access.caller;
  if (!caller || !reachesStation(access, c.stationId)) return null;
  const roles: CaseRoles = {
    lead: c.leadWorkerId === caller.userId,
    assistant: c.assistantIds.includes(caller.userId),
    head: caller.role === 'station_head' && caller.stationId === c.stationId,
    supervisor: caller.role === 'supervisor' && c.supervisorId === caller.userId,
    all: access.scope === 'all',
  };
  return roles.lead || roles.assistant || roles.head || roles.supervisor || roles.all ? roles : null;
}

/** On the case's team (writes its records and notes). */
export const isTeam = (r: CaseRoles): boolean => r.lead || r.assistant || r.all;
/** Approves its plan and closure. */
export const isApprover = (r: CaseRoles): boolean => r.head || r.supervisor || r.all;
/** Changes its lead and assisting workers. */
export const canTransfer = (r: CaseRoles): boolean => r.lead || r.head || r.all;
/** Sets its supervisor. */
export const canSetSupervisor = (r: CaseRoles): boolean => r.head || r.all;
/** Reopens it after closure. */
export const canReopen = (r: CaseRoles): boolean => r.lead || r.head || r.supervisor || r.all;
