import {
  visitsContract,
  type VisitConflictDto,
  type VisitsPage,
} from '../../../../shared/src/contracts/visits';
import { AppError } from '../../../../shared/src/errors';
import { DEFAULT_VISITS_PAGE } from '../../../../shared/src/schemas/visits';
import { assertStationScope, auditOk, loadInScope, requireCaller } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { toConflictDto } from '../dto';
import * as repo from '../repo';
import { namesOf } from './read';
import { afterStored } from './submit';

/** `listVisitConflicts`: the station's open conflicts, oldest first, both sides masked. */
export const listVisitConflicts = defineAction({
  contract: visitsContract.actions.listVisitConflicts,
  async handle(input, ctx): Promise<VisitsPage<VisitConflictDto>> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const page = await repo.pageOpenConflicts(
      ctx.db,
      input.stationId,
      input.cursor,
      input.limit ?? DEFAULT_VISITS_PAGE,
    );
    const servers = await Promise.all(page.items.map((c) => repo.getVisit(ctx.db, String(c.visitId ?? ''))));
    const phoneDocs = page.items.map((c) => ({
      _id: String(c.visitId ?? ''),
      ...(c.doc && typeof c.doc === 'object' ? (c.doc as Record<string, unknown>) : {}),
    }));
    const names = await namesOf(ctx, [...phoneDocs, ...servers.filter((s): s is repo.RawDoc => s !== null)]);
    return {
      items: page.items.map((c, i) => toConflictDto(c, servers[i] ?? null, names)),
      nextCursor: page.nextCursor,
    };
  },
});

const ALREADY = '这条冲突已经处理过了，请刷新列表';

/**
 * `resolveVisitConflict`: the head keeps the server's version (the conflict
 * is closed, nothing else changes) or the phone's (it becomes the record at
 * the next version, conditional on the stored version not having moved;
 * the persons' visit pace and the follow-ups follow it).
 */
export const resolveVisitConflict = defineAction({
  contract: visitsContract.actions.resolveVisitConflict,
  async handle(input, ctx): Promise<{ visitId: string; version: number; kept: 'server' | 'phone' }> {
    const conflict = await loadInScope(
      ctx,
      ctx.access,
      input.conflictId,
      async (id): Promise<(repo.RawDoc & { stationId: string }) | null> => {
        const c = await repo.getConflict(ctx.db, id);
        return c ? { ...c, stationId: String(c.stationId ?? '') } : null;
      },
    );
    if (conflict.status !== 'open') throw new AppError('failed-precondition', ALREADY);
    const caller = requireCaller(ctx.access);
    const visitId = String(conflict.visitId ?? '');
    const current = await repo.getVisit(ctx.db, visitId);
    const currentVersion = current && typeof current.version === 'number' ? current.version : 0;
    let version = currentVersion;
    if (input.keep === 'phone') {
      const doc = {
        ...(conflict.doc && typeof conflict.doc === 'object'
          ? (conflict.doc as Record<string, unknown>)
          : {}),
        version: currentVersion + 1,
        resolvedFrom: conflict._id,
        receivedAt: ctx.now,
      };
      if (!(await repo.replaceVisitAt(ctx.db, visitId, currentVersion, doc)))
        throw new AppError('failed-precondition', '这条走访记录刚刚被修改过，请刷新后再处理');
      version = currentVersion + 1;
      await afterStored(ctx, visitId, doc);
    }
    if (
      !(await repo.resolveConflict(ctx.db, conflict._id, {
        kept: input.keep,
        resolvedBy: caller.userId,
        resolvedAt: ctx.now,
      }))
    )
      throw new AppError('failed-precondition', ALREADY);
    await auditOk(ctx, ctx.access, visitId);
    return { visitId, version, kept: input.keep };
  },
});
