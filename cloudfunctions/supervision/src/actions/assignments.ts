import { supervisionContract, type AssignmentDto } from '../../../../shared/src/contracts/supervision';
import { beijingDay } from '../../../../shared/src/calendar';
import { AppError } from '../../../../shared/src/errors';
import { assertStationScope, auditOk, loadInScope, requireCaller } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { toAssignmentDto } from '../dto';
import * as repo from '../repo';

const bad = (field: string, message: string): never => {
  throw new AppError('invalid-argument', message, { field });
};

/**
 * `assignSupervisor`: the district assigns an active supervisor account to a
 * station for a period of Beijing days. From its first day the supervisor's
 * `assigned` scope includes the station (cloudfunctions/_lib/authz/caller.ts).
 */
export const assignSupervisor = defineAction({
  contract: supervisionContract.actions.assignSupervisor,
  async handle(input, ctx): Promise<{ assignment: AssignmentDto }> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const caller = requireCaller(ctx.access);
    const [sup, station] = await Promise.all([
      repo.getUser(ctx.db, input.supervisorId),
      repo.stationExists(ctx.db, input.stationId),
    ]);
    if (!station) bad('stationId', '没有找到这个社工站，请返回重新选择');
    if (!sup || sup.role !== 'supervisor' || sup.active === false)
      bad('supervisorId', '所选人员不是在职的督导，请先邀请其成为督导');
    const overlapping = (
      await repo.findAssignments(ctx.db, { supervisorId: input.supervisorId, stationId: input.stationId })
    ).filter((a) => {
      const to = typeof a.to === 'string' ? a.to : null;
      return String(a.from) <= (input.to ?? '9999-12-31') && (to === null || to >= input.from);
    });
    if (overlapping.length > 0)
      bad('from', '这位督导在这段时间已经负责这个社工站，请先结束原来的安排或调整日期');
    const data = {
      supervisorId: input.supervisorId,
      stationId: input.stationId,
      kind: input.kind,
      from: input.from,
      to: input.to ?? null,
      createdAt: ctx.now,
      createdBy: caller.userId,
    };
    const id = await repo.insertAssignment(ctx.db, data);
    await auditOk(ctx, ctx.access, id);
    const users = new Map([[input.supervisorId, sup!]]);
    return { assignment: toAssignmentDto({ _id: id, ...data }, users, beijingDay(ctx.now)) };
  },
});

/** `endAssignment`: sets the last day (inclusive); not before its first day. */
export const endAssignment = defineAction({
  contract: supervisionContract.actions.endAssignment,
  async handle(input, ctx): Promise<{ assignment: AssignmentDto }> {
    const a = await loadInScope(
      ctx,
      ctx.access,
      input.assignmentId,
      async (id): Promise<(repo.RawDoc & { stationId: string }) | null> => {
        const d = await repo.getAssignment(ctx.db, id);
        return d ? { ...d, stationId: String(d.stationId ?? '') } : null;
      },
      '没有找到这条督导安排，可能已被删除',
    );
    if (input.to < String(a.from)) bad('to', '结束日期不能早于这条安排的开始日期，请检查');
    const caller = requireCaller(ctx.access);
    await repo.endAssignment(ctx.db, a._id, { to: input.to, endedAt: ctx.now, endedBy: caller.userId });
    await auditOk(ctx, ctx.access, a._id);
    const users = await repo.usersByIds(ctx.db, [String(a.supervisorId)]);
    return { assignment: toAssignmentDto({ ...a, to: input.to }, users, beijingDay(ctx.now)) };
  },
});

const activeOrAll = (rows: repo.RawDoc[], includeEnded: boolean | undefined, today: string): repo.RawDoc[] =>
  includeEnded
    ? rows
    : rows.filter((a) => String(a.from) <= today && (typeof a.to !== 'string' || a.to >= today));

/** `listAssignments`: a station's supervisors (those active today unless `includeEnded`). */
export const listAssignments = defineAction({
  contract: supervisionContract.actions.listAssignments,
  async handle(input, ctx): Promise<{ items: AssignmentDto[] }> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const today = beijingDay(ctx.now);
    const where: repo.RawDoc | Record<string, unknown> = input.supervisorId
      ? { stationId: input.stationId, supervisorId: input.supervisorId }
      : { stationId: input.stationId };
    const rows = activeOrAll(await repo.findAssignments(ctx.db, where), input.includeEnded, today);
    const users = await repo.usersByIds(
      ctx.db,
      rows.map((r) => String(r.supervisorId)),
    );
    return { items: rows.map((r) => toAssignmentDto(r, users, today)) };
  },
});

/** `listMyAssignments`: the caller's own assignments (a supervisor's stations and periods). */
export const listMyAssignments = defineAction({
  contract: supervisionContract.actions.listMyAssignments,
  async handle(input, ctx): Promise<{ items: AssignmentDto[] }> {
    const caller = requireCaller(ctx.access);
    const today = beijingDay(ctx.now);
    const rows = activeOrAll(
      await repo.findAssignments(ctx.db, { supervisorId: caller.userId }),
      input.includeEnded,
      today,
    );
    const users = await repo.usersByIds(ctx.db, [caller.userId]);
    return { items: rows.map((r) => toAssignmentDto(r, users, today)) };
  },
});
