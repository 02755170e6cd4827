import { AppError } from '../../../shared/src/errors';
import {
  reachesStation,
  reachesTarget,
  stationsInScope,
  type Access,
  type TargetRef,
} from '../../../shared/src/auth/scope';
import type { DB } from '../db';
import { deny, type AuthzContext } from './authorize';

/**
 * Target checks inside an action: which station, whose record. A caller
 * whose scope is narrower than `all` gets `permission-denied` both for a
 * record outside their scope and for a missing one, so ids cannot be probed.
 */

type DenyCtx = Pick<AuthzContext, 'db' | 'openid' | 'requestId'>;

/** Throws (after auditing) unless the access reaches station `stationId`. */
export async function assertStationScope(
  ctx: DenyCtx,
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
  ctx: DenyCtx,
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
  ctx: DenyCtx,
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
