import { createHash } from 'crypto';
import { COLLECTIONS } from '../../../shared/src/collections';
import { asId, type StationId, type UserId } from '../../../shared/src/ids';
import { isRole, type Role } from '../../../shared/src/auth/roles';
import type { Caller } from '../../../shared/src/auth/scope';
import type { Account, Qualification } from '../../../shared/src/domain/account';
import { activeStationIds } from '../../../shared/src/domain/supervision';
import { beijingDay } from '../../../shared/src/calendar';
import type { DB } from '../db';
import { findMany, findOne, type Doc } from '../store';

/**
 * Who is calling: the caller's account, read ONCE per call by the pipeline
 * (authorize) and handed to the action as `ctx.account`, and the effective
 * rights derived from it (`Caller`).
 */

/** Deterministic account id for an OPENID (idempotent creation; the OPENID itself is never an id others see). */
export function userIdFor(openid: string): UserId {
  return asId<UserId>(
    'u-' +
      createHash('sha256')
        .update('sgz-user:' + openid)
        .digest('hex')
        .slice(0, 24),
  );
}

/** OPENIDs that are district admins by configuration (env SGZ_ADMIN_OPENIDS, comma-separated). */
export function configuredAdminOpenids(): Set<string> {
  return new Set(
    (process.env.SGZ_ADMIN_OPENIDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
}

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);

/** Normalises a stored user (seeded or created) into an Account, tolerating missing fields. */
export function toAccount(raw: Doc): Account {
  const privacy = raw.privacyNotice as { version?: unknown; acceptedAt?: unknown } | null | undefined;
  return {
    _id: asId<UserId>(raw._id),
    openid: String(raw.openid),
    role: isRole(raw.role) ? raw.role : 'resident',
    stationId: typeof raw.stationId === 'string' && raw.stationId ? asId<StationId>(raw.stationId) : null,
    stationIds: strings(raw.stationIds).map((s) => asId<StationId>(s)),
    active: raw.active !== false,
    name: typeof raw.name === 'string' ? raw.name : null,
    phone: typeof raw.phone === 'string' ? raw.phone : null,
    privacyNotice:
      privacy && typeof privacy.version === 'string'
        ? { version: privacy.version, acceptedAt: date(privacy.acceptedAt) }
        : null,
    qualification: (raw.qualification as Qualification | null | undefined) ?? null,
    invitedBy: typeof raw.invitedBy === 'string' ? asId<UserId>(raw.invitedBy) : null,
    createdAt: dateOrNull(raw.createdAt) ?? new Date(0),
    updatedAt: dateOrNull(raw.updatedAt) ?? new Date(0),
    deactivatedAt: dateOrNull(raw.deactivatedAt),
  };
}

/** The account of an OPENID, or null when it has none yet. */
export async function loadAccount(db: DB, openid: string): Promise<Account | null> {
  const doc = await findOne(db, COLLECTIONS.users, { openid });
  return doc ? toAccount(doc) : null;
}

/** Most assignments read for one supervisor (a supervisor has a handful of stations). */
const MAX_ASSIGNMENTS = 500;

/**
 * The stations a supervisor is assigned to on the Beijing day of `now`: the
 * `supervisor_assignments` active that day (issue 12; the `assigned` scope
 * means exactly this). Migration fallback (docs/decisions.md): a supervisor
 * with NO assignment document at all keeps the `stationIds` of the account,
 * as before the assignments existed; the first assignment ends the fallback.
 */
export async function assignedStationIds(
  db: DB,
  account: Pick<Account, '_id' | 'stationIds'>,
  now: Date,
): Promise<StationId[]> {
  const rows = await findMany(
    db,
    COLLECTIONS.supervisorAssignments,
    { supervisorId: account._id },
    { limit: MAX_ASSIGNMENTS, fields: ['stationId', 'from', 'to'] },
  );
  if (rows.length === 0) return [...account.stationIds];
  const periods = rows.map((r) => ({
    stationId: String(r.stationId),
    from: String(r.from),
    to: typeof r.to === 'string' ? r.to : null,
  }));
  return activeStationIds(periods, beijingDay(now)).map((s) => asId<StationId>(s));
}

/**
 * The effective rights of an account: configured admins are district_admin;
 * an unknown OPENID is a resident; an inactive staff account is a resident
 * with no station. A supervisor's stations are `assigned` (from
 * {@link assignedStationIds}); without it, the account's `stationIds`.
 */
export function callerOf(openid: string, account: Account | null, assigned?: StationId[]): Caller {
  const userId = account ? account._id : userIdFor(openid);
  if (configuredAdminOpenids().has(openid)) {
    return { openid, userId, role: 'district_admin', stationId: null, stationIds: [], active: true };
  }
  if (!account) return { openid, userId, role: 'resident', stationId: null, stationIds: [], active: true };
  const stored: Role = account.role;
  if (!account.active || stored === 'resident') {
    return { openid, userId, role: 'resident', stationId: null, stationIds: [], active: account.active };
  }
  const stationId = stored === 'social_worker' || stored === 'station_head' ? account.stationId : null;
  const stationIds = stored === 'supervisor' ? (assigned ?? account.stationIds) : [];
  return { openid, userId, role: stored, stationId, stationIds, active: true };
}

/** The caller of `account`, reading a supervisor's active assignments on the Beijing day of `now`. */
export async function callerWithAssignments(
  db: DB,
  openid: string,
  account: Account | null,
  now: Date,
): Promise<Caller> {
  const supervisor =
    !!account && account.active && account.role === 'supervisor' && !configuredAdminOpenids().has(openid);
  return callerOf(openid, account, supervisor ? await assignedStationIds(db, account, now) : undefined);
}

/** Reads the account of `openid` and derives its rights (for an action that must re-check after a write). */
export async function loadCaller(db: DB, openid: string, now: Date): Promise<Caller> {
  return callerWithAssignments(db, openid, await loadAccount(db, openid), now);
}
