import { createHash } from 'crypto';
import { COLLECTIONS } from '../../../shared/src/collections';
import { asId, type StationId, type UserId } from '../../../shared/src/ids';
import { isRole, type Role } from '../../../shared/src/auth/roles';
import type { Caller } from '../../../shared/src/auth/scope';
import type { Account, Qualification } from '../../../shared/src/domain/account';
import type { DB } from '../db';
import { findOne, type Doc } from '../store';

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

/**
 * The effective rights of an account: configured admins are district_admin;
 * an unknown OPENID is a resident; an inactive staff account is a resident
 * with no station.
 */
export function callerOf(openid: string, account: Account | null): Caller {
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
  const stationIds = stored === 'supervisor' ? account.stationIds : [];
  return { openid, userId, role: stored, stationId, stationIds, active: true };
}

/** Reads the account of `openid` and derives its rights (for an action that must re-check after a write). */
export async function loadCaller(db: DB, openid: string): Promise<Caller> {
  return callerOf(openid, await loadAccount(db, openid));
}
