import { createHash } from 'crypto';
import { AppError } from '../../shared/src/errors';
import { COLLECTIONS } from '../../shared/src/collections';
import { asId, type StationId, type UserId } from '../../shared/src/ids';
import { isRole, type Role } from '../../shared/src/auth/roles';
import {
  PERMISSIONS,
  isAnonymousAllowed,
  scopeOf,
  type PermissionTable,
} from '../../shared/src/auth/permissions';
import { applyFlip, parseFlip } from '../../shared/src/auth/flip';
import {
  reachesStation,
  reachesTarget,
  stationsInScope,
  type Access,
  type Caller,
  type TargetRef,
} from '../../shared/src/auth/scope';
import {
  hasAcceptedPrivacyNotice,
  hasConsent,
  PRIVACY_NOTICE_REQUIRED_MESSAGE,
  PRIVACY_NOTICE_VERSION,
  type ConsentCategory,
  type ConsentRecord,
  type ConsentSubject,
} from '../../shared/src/domain/account';
import { audit, type DB } from './audit';

/**
 * Authorization for every action of every function.
 *
 * `authorize(key, ctx)` runs before an action (called by createHandler):
 * identity comes only from the OPENID of the WeChat context; the role from
 * the caller's `users` document (or SGZ_ADMIN_OPENIDS); the scope from the
 * permission table (shared/src/auth/permissions.ts). Deny by default.
 *
 * Target rule (do not reveal existence): inside an action, a caller whose
 * scope is narrower than `all` gets the SAME answer — `permission-denied`,
 * 您没有权限进行此操作 — for a record that exists but is outside their scope
 * and for a record that does not exist. Only a caller with scope `all` (who
 * could see it anyway) may get `not-found`. Use {@link loadInScope} /
 * {@link assertTargetScope} so that this holds everywhere.
 */

export type { Access, Caller } from '../../shared/src/auth/scope';
export type { DB } from './audit';

/** What authorize needs from the handler's context. */
export interface AuthzContext {
  openid: string | null;
  requestId: string;
  db: DB;
  now: Date;
}

/** The one message of every permission denial (same for "missing" and "not yours"). */
export const DENIED_MESSAGE = '您没有权限进行此操作';
/** The message of a user action invoked with no WeChat identity. */
export const UNAUTHENTICATED_MESSAGE = '请在微信小程序中登录后再试';

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

/** Environment ids where the test-only permission flip is honoured (the emulator's fake ids). */
const isEmulatorEnv = (): boolean => (process.env.TCB_ENV ?? '').startsWith('local-sgz-');

/**
 * The table in force: PERMISSIONS, or — only on the local emulator, for the
 * mutation test (scripts/flip-permissions.ts) — PERMISSIONS with the one cell
 * named by SGZ_PERMISSION_FLIP flipped. Read per call.
 */
export function effectivePermissions(): PermissionTable {
  const raw = process.env.SGZ_PERMISSION_FLIP;
  if (!raw || !isEmulatorEnv()) return PERMISSIONS;
  const flip = parseFlip(raw);
  return flip ? applyFlip(PERMISSIONS, flip) : PERMISSIONS;
}

interface StoredAccount {
  _id: string;
  openid: string;
  role?: unknown;
  stationId?: string | null;
  stationIds?: string[];
  active?: boolean;
  privacyNotice?: { version?: unknown } | null;
}

/** Reads the caller's account (null when the OPENID has none yet). */
async function findAccount(db: DB, openid: string): Promise<StoredAccount | null> {
  const res = (await db.collection(COLLECTIONS.users).where({ openid }).limit(1).get()) as unknown as {
    data: StoredAccount[];
  };
  return res.data[0] ?? null;
}

/**
 * The caller with effective rights: configured admins are district_admin;
 * an unknown OPENID is a resident; an inactive staff account is a resident
 * with no station.
 */
export async function loadCaller(db: DB, openid: string): Promise<Caller> {
  const account = await findAccount(db, openid);
  const userId = account ? asId<UserId>(account._id) : userIdFor(openid);
  if (configuredAdminOpenids().has(openid)) {
    return { openid, userId, role: 'district_admin', stationId: null, stationIds: [], active: true };
  }
  if (!account) {
    return { openid, userId, role: 'resident', stationId: null, stationIds: [], active: true };
  }
  const stored: Role = isRole(account.role) ? account.role : 'resident';
  const active = account.active !== false;
  if (!active || stored === 'resident') {
    return { openid, userId, role: 'resident', stationId: null, stationIds: [], active };
  }
  const stationId =
    (stored === 'social_worker' || stored === 'station_head') &&
    typeof account.stationId === 'string' &&
    account.stationId
      ? asId<StationId>(account.stationId)
      : null;
  const stationIds =
    stored === 'supervisor'
      ? (account.stationIds ?? []).filter((s) => typeof s === 'string').map((s) => asId<StationId>(s))
      : [];
  return { openid, userId, role: stored, stationId, stationIds, active };
}

/** Writes the denial entry and throws `permission-denied` (same code and message for every denial). */
export async function deny(
  ctx: Pick<AuthzContext, 'db' | 'openid' | 'requestId'>,
  action: string,
  role: Role | null,
  stationId: string | null,
  targetId: string | null,
): Promise<never> {
  await audit(ctx.db, {
    openid: ctx.openid,
    role,
    stationId,
    action,
    targetId,
    outcome: 'denied',
    requestId: ctx.requestId,
  });
  throw new AppError('permission-denied', DENIED_MESSAGE);
}

/**
 * Decides whether the caller may run action `key` and with which scope.
 * Throws `unauthenticated` (no OPENID, non-public action) or
 * `permission-denied` (no cell for the role), after writing the audit entry.
 */
export async function authorize(key: string, ctx: AuthzContext): Promise<Access> {
  const table = effectivePermissions();
  if (!ctx.openid) {
    if (isAnonymousAllowed(table, key)) {
      return { action: key, role: 'resident', scope: 'public', caller: null };
    }
    await audit(ctx.db, {
      openid: null,
      role: null,
      stationId: null,
      action: key,
      targetId: null,
      outcome: 'denied',
      requestId: ctx.requestId,
    });
    throw new AppError('unauthenticated', UNAUTHENTICATED_MESSAGE);
  }
  const caller = await loadCaller(ctx.db, ctx.openid);
  const scope = scopeOf(table, key, caller.role);
  if (!scope) {
    return deny(ctx, key, caller.role, caller.stationId, null);
  }
  return { action: key, role: caller.role, scope, caller };
}

/** The caller of an access that needs one (every non-public action has one). */
export function requireCaller(access: Access): Caller {
  if (!access.caller) throw new AppError('unauthenticated', UNAUTHENTICATED_MESSAGE);
  return access.caller;
}

/** Throws (after auditing) unless the access reaches station `stationId`. */
export async function assertStationScope(
  ctx: Pick<AuthzContext, 'db' | 'openid' | 'requestId'>,
  access: Access,
  stationId: string | null | undefined,
  targetId: string | null = stationId ?? null,
): Promise<void> {
  if (!reachesStation(access, stationId)) {
    await deny(ctx, access.action, access.role, access.caller?.stationId ?? null, targetId);
  }
}

/**
 * Throws (after auditing) unless `target` is within the access's scope. A
 * missing target (null) is denied the same way for every scope narrower than
 * `all`, so existence is not revealed; with `all`, a missing target is
 * `not-found`.
 */
export async function assertTargetScope<T extends TargetRef>(
  ctx: Pick<AuthzContext, 'db' | 'openid' | 'requestId'>,
  access: Access,
  target: T | null,
  targetId: string,
  notFoundMessage = '没有找到相关内容，可能已被删除',
): Promise<T> {
  if (
    !reachesTarget(access, target) ||
    (target === null && access.scope !== 'all' && access.scope !== 'public')
  ) {
    return deny(ctx, access.action, access.role, access.caller?.stationId ?? null, targetId);
  }
  if (target === null) throw new AppError('not-found', notFoundMessage);
  return target;
}

/** Loads a record with `load` and applies {@link assertTargetScope} to it. */
export async function loadInScope<T extends TargetRef>(
  ctx: Pick<AuthzContext, 'db' | 'openid' | 'requestId'>,
  access: Access,
  targetId: string,
  load: (id: string) => Promise<T | null>,
  notFoundMessage?: string,
): Promise<T> {
  return assertTargetScope(ctx, access, await load(targetId), targetId, notFoundMessage);
}

/**
 * A `where` condition restricting a list to the access's stations on field
 * `field` (default `stationId`): `{}` for all, `{field: _.in([...])}` otherwise.
 * An empty scope yields a condition that matches nothing.
 */
export function scopeFilter(db: DB, access: Access, field = 'stationId'): Record<string, unknown> {
  const reach = stationsInScope(access);
  if (reach === 'all') return {};
  return { [field]: db.command.in(reach.length > 0 ? reach : ['__no-station__']) };
}

/** Message when a sensitive category has no valid consent. */
export const CONSENT_REQUIRED_MESSAGE =
  '记录健康、残疾或经济困难等敏感信息前，需要先取得本人同意（不满14周岁的需监护人同意），请先完成授权';

/**
 * For actions that store a sensitive category about a person: throws
 * `failed-precondition` (and audits the refusal) unless the caller holds a
 * valid consent for `category` about `subject` (shared `hasConsent`).
 * Withdrawn consent stops further processing at once.
 */
export async function requireConsent(
  ctx: AuthzContext,
  access: Access,
  category: ConsentCategory,
  subject: ConsentSubject,
): Promise<void> {
  const caller = requireCaller(access);
  const res = (await ctx.db
    .collection(COLLECTIONS.consents)
    .where({ giverId: caller.userId, category, subjectId: subject.subjectId, withdrawnAt: null })
    .limit(100)
    .get()) as unknown as { data: ConsentRecord[] };
  const records = res.data.map((c) => ({ ...c, givenAt: new Date(c.givenAt) }));
  if (!hasConsent(records, category, subject, ctx.now)) {
    await audit(ctx.db, {
      openid: ctx.openid,
      role: access.role,
      stationId: caller.stationId,
      action: access.action,
      targetId: subject.subjectId,
      outcome: 'denied',
      requestId: ctx.requestId,
    });
    throw new AppError('failed-precondition', CONSENT_REQUIRED_MESSAGE);
  }
}

/**
 * For actions that store personal data about the caller (PIPL, issue 4): throws
 * `failed-precondition` with `details: { reason: 'privacy-notice', version }`
 * (and audits the refusal) unless the caller's account holds the current
 * privacy notice version. Call it before the first write. A withdrawn notice
 * (accounts.withdrawConsent clears it) stops further storing at once.
 */
export async function requirePrivacyNotice(ctx: AuthzContext, access: Access): Promise<void> {
  const caller = requireCaller(access);
  const account = await findAccount(ctx.db, caller.openid);
  const version = account?.privacyNotice?.version;
  const accepted = hasAcceptedPrivacyNotice(
    typeof version === 'string' ? { privacyNotice: { version, acceptedAt: new Date(0) } } : null,
  );
  if (accepted) return;
  await audit(ctx.db, {
    openid: ctx.openid,
    role: access.role,
    stationId: caller.stationId,
    action: access.action,
    targetId: null,
    outcome: 'denied',
    requestId: ctx.requestId,
  });
  throw new AppError('failed-precondition', PRIVACY_NOTICE_REQUIRED_MESSAGE, {
    reason: 'privacy-notice',
    version: PRIVACY_NOTICE_VERSION,
  });
}

/** Appends an `ok` entry for a write or a sensitive read done under `access`. */
export async function auditOk(
  ctx: Pick<AuthzContext, 'db' | 'openid' | 'requestId'>,
  access: Access,
  targetId: string | null,
): Promise<void> {
  await audit(ctx.db, {
    openid: ctx.openid,
    role: access.role,
    stationId: access.caller?.stationId ?? null,
    action: access.action,
    targetId,
    outcome: 'ok',
    requestId: ctx.requestId,
  });
}
