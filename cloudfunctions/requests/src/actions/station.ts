import { requestsContract } from '../../../../shared/src/contracts/requests';
import { beijingYearRange } from '../../../../shared/src/calendar';
import type {
  CountStationRequestsOutput,
  RequestDto,
  RequestPage,
} from '../../../../shared/src/contracts/requests';
import {
  ACTION_LABELS,
  decideTransition,
  freesPlace,
  TRANSITION_PROBLEM_MESSAGES,
  type StatusChange,
} from '../../../../shared/src/domain/request';
import { AppError } from '../../../../shared/src/errors';
import { DEFAULT_REQUESTS_PAGE } from '../../../../shared/src/schemas/requests';
import {
  assertStationScope,
  auditOk,
  DENIED_MESSAGE,
  loadInScope,
  requireCaller,
  viewOf,
} from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { dateOf, statusOf, toRequestDto, type RequestView } from '../dto';
import { checkText } from '../content-check';
import { noticeFor, notifyStatus } from '../notify';
import * as repo from '../repo';
import { stationDetailOf } from '../station-detail';
import { loadTarget, STATUS_CHANGED } from './resident';

/**
 * `listStationRequests`: a station's incoming requests, for its own staff
 * (and, masked, for its supervisors and the district). Nobody else.
 */
export const listStationRequests = defineAction({
  contract: requestsContract.actions.listStationRequests,
  async handle(input, ctx): Promise<RequestPage> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const where: Record<string, unknown> = { stationId: input.stationId };
    if (input.status) where.status = input.status;
    if (input.year) {
      const { start, end } = beijingYearRange(input.year);
      where.createdAt = ctx.db.command.gte(start).and(ctx.db.command.lt(end));
    }
    if (input.rated) where['rating.stars'] = ctx.db.command.gte(1);
    const page = await repo.listByStation(ctx.db, where, input.cursor, input.limit ?? DEFAULT_REQUESTS_PAGE);
    // Audited by the pipeline (contract `personal-read`).
    const view: RequestView =
      viewOf(ctx.access, { stationId: input.stationId }) === 'station' ? 'station-list' : 'oversight';
    return {
      items: page.items.map((d) => toRequestDto(d, view, ctx.now)),
      nextCursor: page.nextCursor,
    };
  },
});

/**
 * `countStationRequests`: how many new (submitted, 待处理) requests wait at a station
 * (default: the caller's own), for the badge of the staff's entry on 我的. One count()
 * in the database; no request is read, so nothing to audit.
 */
export const countStationRequests = defineAction({
  contract: requestsContract.actions.countStationRequests,
  async handle(input, ctx): Promise<CountStationRequestsOutput> {
    const stationId = input.stationId ?? requireCaller(ctx.access).stationId;
    if (!stationId) throw new AppError('permission-denied', DENIED_MESSAGE);
    await assertStationScope(ctx, ctx.access, stationId);
    return { stationId, submitted: await repo.countByStation(ctx.db, stationId, 'submitted') };
  },
});

/**
 * `transitionRequest`: station staff accept, schedule, start, complete or
 * reject (with a reason). The change applies only if the request is still
 * in the status it was read in; a rejection frees the slot place; the
 * resident is notified (a failed message never undoes the change).
 */
export const transitionRequest = defineAction({
  contract: requestsContract.actions.transitionRequest,
  async handle(input, ctx): Promise<{ request: RequestDto }> {
    const caller = requireCaller(ctx.access);
    const doc = await loadInScope(ctx, ctx.access, input.requestId, loadTarget(ctx));
    const from = statusOf(doc.status);
    const slotStartsAt = dateOf(doc.slotStartsAt);
    const decision = decideTransition({ status: from, slotStartsAt }, input.step, ctx.now, input.reason);
    if (!decision.ok)
      throw new AppError('failed-precondition', TRANSITION_PROBLEM_MESSAGES[decision.problem]);
    // The reason is shown to the resident (and in the message): checked like their own text.
    if (input.reason) await checkText(ctx.cloud, caller.openid, input.reason, 'reason', '原因');

    const extra: Record<string, unknown> = {};
    if (input.step === 'schedule') {
      const at = input.scheduledAt ? new Date(input.scheduledAt) : slotStartsAt;
      if (!at) throw new AppError('invalid-argument', '请填写安排的服务时间', { field: 'scheduledAt' });
      if (input.scheduledAt && at.getTime() <= ctx.now.getTime()) {
        throw new AppError('invalid-argument', '安排的服务时间需要晚于现在，请重新选择', {
          field: 'scheduledAt',
        });
      }
      extra.scheduledAt = at;
    }
    const change: StatusChange = {
      status: decision.to,
      at: ctx.now,
      actor: 'staff',
      byUserId: caller.userId,
      ...(input.reason ? { reason: input.reason } : {}),
    };
    const changed = await repo.transition(ctx.db, input.requestId, from, change, extra);
    if (!changed) throw new AppError('failed-precondition', STATUS_CHANGED);
    if (freesPlace(from, decision.to) && typeof doc.slotId === 'string' && doc.slotId) {
      await repo.releasePlace(ctx.db, doc.slotId, input.requestId, String(doc.ownerId ?? '') || null);
    }
    await auditOk(ctx, ctx.access, input.requestId);

    await notifyStatus(
      ctx.cloud,
      ctx.db,
      noticeFor(doc, decision.to, input.reason ?? `社工站已${ACTION_LABELS[input.step]}`, ctx.now),
    );
    const after = await repo.getRequest(ctx.db, input.requestId);
    // loadInScope let only the station's staff through: their detail view.
    return { request: await stationDetailOf(ctx.db, after ?? doc, ctx.now) };
  },
});
