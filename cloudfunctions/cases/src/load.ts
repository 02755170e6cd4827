import { CASE_LIMITS, type CaseEventKind, type CaseStatus } from '../../../shared/src/domain/case';
import { AppError } from '../../../shared/src/errors';
import { auditOk, deny, requireCaller } from '../../_lib/authz';
import type { ActionContext } from '../../_lib/context';
import { caseRolesOf, type CaseRoles } from './access';
import { statusOf, teamOf } from './dto';
import * as repo from './repo';

/** A case changed since the caller read it (another device, another approver). */
export const STALE_MESSAGE = '有人刚刚修改了这个个案，请刷新后查看最新内容再操作';

export const bad = (field: string, message: string): never => {
  throw new AppError('invalid-argument', message, { field });
};

/**
 * Loads case `caseId` for an action and checks the caller's roles on it with
 * `may`. Missing, out of reach, or not one of the roles: the one denial
 * (audited), the same in every case, so a case cannot be probed; with scope
 * `all` a missing case is `not-found`.
 */
export async function loadCase(
  ctx: ActionContext,
  caseId: string,
  may: (roles: CaseRoles) => boolean,
): Promise<{ doc: repo.RawDoc; roles: CaseRoles }> {
  const doc = await repo.getCase(ctx.db, caseId);
  const denied = (): Promise<never> =>
    deny(ctx, ctx.access.action, ctx.access.role, ctx.access.caller?.stationId ?? null, caseId);
  if (!doc) {
    if (ctx.access.scope === 'all') throw new AppError('not-found', '没有找到这个个案，可能已被删除');
    return denied();
  }
  const roles = caseRolesOf(ctx.access, teamOf(doc));
  if (!roles || !may(roles)) return denied();
  return { doc, roles };
}

/** A history entry made by the caller now. */
export function eventOf(
  ctx: ActionContext,
  kind: CaseEventKind,
  from: CaseStatus | null,
  to: CaseStatus,
  reason: string | null = null,
  detail: string | null = null,
): Record<string, unknown> {
  return { kind, from, to, at: ctx.now, by: requireCaller(ctx.access).userId, reason, detail };
}

/** Refuses a write naming a version other than the stored one. */
export function assertVersion(doc: repo.RawDoc, version: number): number {
  const stored = typeof doc.version === 'number' ? doc.version : 1;
  if (stored !== version) throw new AppError('failed-precondition', STALE_MESSAGE, { version: stored });
  const history = Array.isArray(doc.history) ? doc.history.length : 0;
  if (history >= CASE_LIMITS.history)
    throw new AppError('failed-precondition', '这个个案的变更记录已满，请联系区民政局处理');
  return stored;
}

/**
 * Writes a change of the case at `version` (bumped), with its history
 * entries, and audits it. A race lost in between: `failed-precondition`.
 */
export async function writeCase(
  ctx: ActionContext,
  doc: repo.RawDoc,
  version: number,
  patch: Record<string, unknown>,
  events: Record<string, unknown>[],
): Promise<{ caseId: string; status: CaseStatus; version: number }> {
  const ok = await repo.updateCaseWhere(ctx.db, doc._id, {}, patch, {
    events,
    now: ctx.now,
    bumpFrom: version,
  });
  if (!ok) throw new AppError('failed-precondition', STALE_MESSAGE);
  await auditOk(ctx, ctx.access, doc._id);
  const status = (patch.status as CaseStatus | undefined) ?? statusOf(doc);
  return { caseId: doc._id, status, version: version + 1 };
}
