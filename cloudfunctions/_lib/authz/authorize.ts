import { AppError } from '../../../shared/src/errors';
import type { Role } from '../../../shared/src/auth/roles';
import {
  PERMISSIONS,
  isAnonymousAllowed,
  scopeOf,
  type PermissionTable,
} from '../../../shared/src/auth/permissions';
import { applyFlip, parseFlip } from '../../../shared/src/auth/flip';
import { isEmulatorEnvId } from '../../../shared/src/config/settings';
import type { Access, Caller } from '../../../shared/src/auth/scope';
import type { Account } from '../../../shared/src/domain/account';
import { audit } from '../audit';
import type { DB } from '../db';
import { callerWithAssignments, loadAccount } from './caller';

/**
 * Authorization of every action, before it runs (called by the pipeline):
 * identity comes only from the OPENID of the WeChat context; the role from
 * the caller's `users` document (or SGZ_ADMIN_OPENIDS); the scope from the
 * permission row the action's contract names (shared/src/auth/permissions.ts).
 * Deny by default.
 *
 * Target rule (do not reveal existence): inside an action, a caller whose
 * scope is narrower than `all` gets the SAME answer — `permission-denied`,
 * 您没有权限进行此操作 — for a record that exists but is outside their scope
 * and for a record that does not exist (./scope.ts).
 */

/** What authorize needs from the pipeline's context. */
export interface AuthzContext {
  openid: string | null;
  requestId: string;
  db: DB;
  now: Date;
}

/** What authorize grants: the access, and the caller's account as read for it (null: none yet, or anonymous). */
export interface Authorized {
  access: Access;
  account: Account | null;
}

/** The one message of every permission denial (same for "missing" and "not yours"). */
export const DENIED_MESSAGE = '您没有权限进行此操作';
/** The message of a user action invoked with no WeChat identity. */
export const UNAUTHENTICATED_MESSAGE = '请在微信小程序中登录后再试';

/** Environment ids where the test-only permission flip is honoured (the emulator's fake ids). */
const isEmulatorEnv = (): boolean => isEmulatorEnvId(process.env.TCB_ENV ?? null);

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
 * Decides whether the caller may run the action of permission row `key` and
 * with which scope. Throws `unauthenticated` (no OPENID, non-public action)
 * or `permission-denied` (no cell for the role), after writing the audit entry.
 */
export async function authorize(key: string, ctx: AuthzContext): Promise<Authorized> {
  const table = effectivePermissions();
  if (!ctx.openid) {
    if (isAnonymousAllowed(table, key)) {
      return { access: { action: key, role: 'resident', scope: 'public', caller: null }, account: null };
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
  const account = await loadAccount(ctx.db, ctx.openid);
  const caller = await callerWithAssignments(ctx.db, ctx.openid, account, ctx.now);
  const scope = scopeOf(table, key, caller.role);
  if (!scope) return deny(ctx, key, caller.role, caller.stationId, null);
  return { access: { action: key, role: caller.role, scope, caller }, account };
}

/** The caller of an access that needs one (every non-public action has one). */
export function requireCaller(access: Access): Caller {
  if (!access.caller) throw new AppError('unauthenticated', UNAUTHENTICATED_MESSAGE);
  return access.caller;
}

/** Appends an entry for a call done (or refused) under `access`. */
async function auditAs(
  ctx: Pick<AuthzContext, 'db' | 'openid' | 'requestId'>,
  access: Access,
  targetId: string | null,
  outcome: 'ok' | 'denied',
): Promise<void> {
  await audit(ctx.db, {
    openid: ctx.openid,
    role: access.role,
    stationId: access.caller?.stationId ?? null,
    action: access.action,
    targetId,
    outcome,
    requestId: ctx.requestId,
  });
}

/** Appends an `ok` entry for a write or a sensitive read done under `access`. */
export const auditOk = (
  ctx: Pick<AuthzContext, 'db' | 'openid' | 'requestId'>,
  access: Access,
  targetId: string | null,
): Promise<void> => auditAs(ctx, access, targetId, 'ok');

/** Appends a `denied` entry for a refusal that is not a permission denial (a missing consent or notice). */
export const auditRefusal = (
  ctx: Pick<AuthzContext, 'db' | 'openid' | 'requestId'>,
  access: Access,
  targetId: string | null,
): Promise<void> => auditAs(ctx, access, targetId, 'denied');
