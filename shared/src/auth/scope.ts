import type { StationId, UserId } from '../ids';
import type { Role, Scope } from './roles';

/** The authenticated caller, as loaded from `users` by OPENID (effective rights, not the stored wish). */
export interface Caller {
  openid: string;
  userId: UserId;
  /** Effective role: a deactivated staff account is a `resident` here. */
  role: Role;
  /** The one station of a social worker / station head; null otherwise. */
  stationId: StationId | null;
  /** Stations a supervisor is assigned to today (active `supervisor_assignments`); empty otherwise. */
  stationIds: StationId[];
  /** False for a deactivated staff account (its rights are a resident's). */
  active: boolean;
}

/** What `authorize()` grants for one call: the role, the scope from the table, and who is calling. */
export interface Access {
  /** The action key the access was granted for, e.g. `accounts.listStaff` (used by audit entries). */
  action: string;
  role: Role;
  scope: Scope;
  /** Null only for an anonymous call (no OPENID) to a public action. */
  caller: Caller | null;
}

/** What a target record says about whose it is; absent fields mean "not tied to one". */
export interface TargetRef {
  stationId?: string | null;
  /** The UserId of the person the record belongs to (resident who made it, staff it describes). */
  ownerId?: string | null;
}

/** Stations the access reaches: `'all'`, or an explicit (possibly empty) list. */
export function stationsInScope(access: Access): 'all' | StationId[] {
  switch (access.scope) {
    case 'public':
    case 'all':
      return 'all';
    case 'station':
      return access.caller?.stationId ? [access.caller.stationId] : [];
    case 'assigned':
      return access.caller ? [...access.caller.stationIds] : [];
    case 'own':
      return [];
  }
}

/** True when the access reaches records of `stationId`. */
export function reachesStation(access: Access, stationId: string | null | undefined): boolean {
  const reach = stationsInScope(access);
  if (reach === 'all') return true;
  if (!stationId) return false;
  return (reach as string[]).includes(stationId);
}

/**
 * True when the access reaches `target`: by station for `station`/`assigned`,
 * by owner for `own`, always for `all`/`public`. A missing target (null) is
 * reachable only with `all`/`public`, so that callers without full scope
 * cannot tell "missing" from "not yours".
 */
export function reachesTarget(access: Access, target: TargetRef | null): boolean {
  if (access.scope === 'all' || access.scope === 'public') return true;
  if (!target) return false;
  if (access.scope === 'own') {
    return !!access.caller && !!target.ownerId && target.ownerId === access.caller.userId;
  }
  return reachesStation(access, target.stationId);
}
