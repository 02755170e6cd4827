import { requestsContract } from '../../../../shared/src/contracts/requests';
import type { CreateRequestOutput, RequestDto, RequestPage } from '../../../../shared/src/contracts/requests';
import {
  decideRating,
  decideTransition,
  FAMILY_CONSENT_VERSION,
  FINAL_STATUSES,
  RELATIONSHIP_LABELS,
  REQUEST_STATUSES,
  PLACE_HOLDING_STATUSES,
  RATING_PROBLEM_MESSAGES,
  TRANSITION_PROBLEM_MESSAGES,
  type StatusChange,
} from '../../../../shared/src/domain/request';
import { checkBookableSlot, slotProblemMessage, type SlotRef } from '../../../../shared/src/domain/slot';
import { AppError } from '../../../../shared/src/errors';
import type { UserId } from '../../../../shared/src/ids';
import { DEFAULT_REQUESTS_PAGE } from '../../../../shared/src/schemas/requests';
import { auditOk, loadInScope, requireCaller, requirePrivacyNotice, viewOf } from '../../../_lib/authz';
import type { ActionContext } from '../../../_lib/context';
import { defineAction } from '../../../_lib/context';
import { freeSlots } from '../availability';
import { maxOpenRequests, slotConfigFor } from '../config';
import { checkText } from '../content-check';
import { serviceStartOf, statusOf, toRequestDto, toServiceItemDto } from '../dto';
import { noticeFor, notifyStatus } from '../notify';
import { reclaimOrphanPlaces } from '../orphans';
import * as repo from '../repo';
import { stationDetailOf } from '../station-detail';

/** Offered with 名额已满. */
const NEXT_SLOTS_OFFERED = 5;

/** Shown when the slot is full (resource-exhausted), with the next free slots in `details.nextSlots`. */
export const SLOT_FULL = '名额已满，请从推荐的其他时段中选择';
/** Shown when the client's request id is already used by someone else's request. */
export const ID_TAKEN = '提交编号已被使用，请返回重新填写后提交';
/** Shown when a submission that never completed was given up (its place freed, see orphans.ts). */
export const ID_ABANDONED = '这次提交没有完成，已失效，请返回重新提交';
/** Shown when the resident already holds a place in the chosen slot (one per resident per slot). */
export const ONE_PLACE_PER_SLOT =
  '您已预约了这个时段，每人每个时段只能预约一个名额；如需为家人预约，请选择其他时段';
/** Shown when the resident has `cap` open requests already. */
export const tooManyOpenMessage = (cap: number): string =>
  `您已有 ${cap} 条正在办理的求助，请等处理完成或取消其中一条后再提交`;
/** Statuses of a request still being worked on. */
const OPEN_STATUSES = REQUEST_STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

/** Shown when a request changed under the caller (another tap, the station). */
export const STATUS_CHANGED = '该求助的状态刚刚发生了变化，请刷新后查看最新状态';

/** Remark of the message sent on submission (thing4, ≤ 20 characters). */
export const SUBMITTED_NOTE = '已提交，等待社工站受理';
/** Remark of the message sent when the resident cancels without a reason. */
export const CANCELLED_NOTE = '您已取消该求助';

/** Loads a request as a scope target (owner and station), for loadInScope. */
export const loadTarget =
  (ctx: ActionContext) =>
  async (id: string): Promise<(repo.RawDoc & { ownerId: string; stationId: string }) | null> => {
    const doc = await repo.getRequest(ctx.db, id);
    // A tombstone (orphans.ts) is no request: answered like a missing one.
    return doc && doc.abandoned !== true
      ? { ...doc, ownerId: String(doc.ownerId ?? ''), stationId: String(doc.stationId ?? '') }
      : null;
  };

/** The answer to a repeated submission: the existing request, if it is the caller's own. */
function replay(doc: repo.RawDoc, ownerId: UserId, now: Date): CreateRequestOutput {
  if (doc.abandoned === true) throw new AppError('already-exists', ID_ABANDONED, { field: 'requestId' });
  if (doc.ownerId !== ownerId) throw new AppError('already-exists', ID_TAKEN, { field: 'requestId' });
  return { request: toRequestDto(doc, 'owner-detail', now), created: false };
}

/**
 * `createRequest` (any signed-in user, for themselves or a family member).
 *
 * Idempotent by the client's request id: the place is taken with the
 * request id as holder (a retry cannot take a second place), then the
 * request is inserted with `_id` = request id (a retry finds it). Nothing is
 * written before the input, the slot rules and the content check pass.
 */
export const createRequest = defineAction({
  contract: requestsContract.actions.createRequest,
  async handle(input, ctx): Promise<CreateRequestOutput> {
    const caller = requireCaller(ctx.access);
    // Contact phone, description, a family member's name: personal data, so
    // the current privacy notice first (issue 4), before anything is written.
    await requirePrivacyNotice(ctx, ctx.access);
    const { db, now } = ctx;
    const earlier = await repo.getRequest(db, input.requestId);
    if (earlier) return replay(earlier, caller.userId, now);

    const station = await repo.getStation(db, input.stationId);
    if (!station) throw new AppError('not-found', '没有找到该社工站，请返回重新选择', { field: 'stationId' });

    let item: ReturnType<typeof toServiceItemDto> | null = null;
    if (input.itemId) {
      const doc = await repo.getServiceItem(db, input.itemId);
      item = doc ? toServiceItemDto(doc) : null;
      // A demo item (演示) nobody has reviewed is not offered yet: answered like a missing one.
      if (!item || item.stationId !== input.stationId || !item.active || item.demo) {
        throw new AppError('invalid-argument', '该服务项目不存在或已下架，请重新选择', { field: 'itemId' });
      }
    }

    let slot: SlotRef | null = null;
    const cfg = await slotConfigFor(db, input.stationId);
    if (item?.bookable) {
      if (!input.slotId) throw new AppError('invalid-argument', '请选择预约时段', { field: 'slotId' });
      const check = checkBookableSlot(input.slotId, item, now, cfg);
      if (!check.ok) {
        throw new AppError('invalid-argument', slotProblemMessage(check.problem, cfg.maxDaysAhead), {
          field: 'slotId',
        });
      }
      slot = check.slot;
    } else if (input.slotId) {
      throw new AppError('invalid-argument', '该服务无需预约时段，请不要选择时段', { field: 'slotId' });
    }

    await checkText(ctx.cloud, caller.openid, input.description, 'description', '需求描述');

    // A cap on open requests per resident (issue 8, hole 5), counted in the
    // database. Concurrent first submissions may pass it together (a count,
    // not a lock): at most cap + (calls in flight − 1) in that race.
    const cap = maxOpenRequests();
    if ((await repo.countOpenByOwner(db, caller.userId, OPEN_STATUSES)) >= cap) {
      throw new AppError('resource-exhausted', tooManyOpenMessage(cap), { reason: 'open-requests-cap', cap });
    }

    let incremented = false;
    if (slot && item) {
      await repo.ensureSlotDoc(db, {
        _id: slot.id,
        stationId: input.stationId,
        itemId: item.id,
        day: slot.day,
        start: slot.start,
        startsAt: slot.startsAt,
      });
      let taken = await repo.takePlace(
        db,
        slot.id,
        input.requestId,
        caller.userId,
        item.capacityPerSlot,
        now,
      );
      // Full: places of requests that were never saved (a crash between the
      // two writes) are given back first, then one more try.
      if (!taken.held && !taken.ownerHasPlace && (await reclaimOrphanPlaces(db, slot.id, now)) > 0) {
        taken = await repo.takePlace(db, slot.id, input.requestId, caller.userId, item.capacityPerSlot, now);
      }
      if (taken.ownerHasPlace) {
        throw new AppError('failed-precondition', ONE_PLACE_PER_SLOT, { field: 'slotId' });
      }
      if (!taken.held) {
        const nextSlots = await freeSlots(db, item, now, NEXT_SLOTS_OFFERED, cfg, undefined, caller.userId);
        throw new AppError('resource-exhausted', SLOT_FULL, { field: 'slotId', nextSlots });
      }
      incremented = taken.incremented;
    }

    const submitted: StatusChange = {
      status: 'submitted',
      at: now,
      actor: 'resident',
      byUserId: caller.userId,
    };
    const doc = {
      stationId: input.stationId,
      itemId: item?.id ?? null,
      itemTitle: item?.title ?? null,
      area: item?.area ?? input.area,
      description: input.description,
      contactPhone: input.contactPhone,
      forWhom: input.forWhom,
      beneficiary: input.beneficiary
        ? {
            relationship: input.beneficiary.relationship,
            name: input.beneficiary.name,
            consentGiven: true,
            consentAt: now,
            // The text shown is the shared constant; the phone need not send it.
            consentVersion: FAMILY_CONSENT_VERSION,
          }
        : null,
      slotId: slot?.id ?? null,
      slotStartsAt: slot?.startsAt ?? null,
      scheduledAt: null,
      status: 'submitted',
      history: [submitted],
      ownerId: caller.userId,
      // Needed to send the resident's status messages; never in a DTO.
      ownerOpenid: caller.openid,
      rating: null,
      createdAt: now,
      updatedAt: now,
    };

    let inserted: boolean;
    try {
      inserted = await repo.insertRequest(db, input.requestId, doc);
    } catch (e) {
      if (slot && incremented) await repo.releasePlace(db, slot.id, input.requestId, caller.userId);
      throw e;
    }
    if (!inserted) {
      const existing = await repo.getRequest(db, input.requestId);
      if (!existing) throw new AppError('internal', '系统繁忙，请稍后再试');
      // Our call took a place for this id but the stored request does not
      // hold it (another owner's id, another slot, or already cancelled):
      // give it back, so the count stays equal to the active requests.
      const holds =
        existing.slotId === slot?.id && PLACE_HOLDING_STATUSES.includes(statusOf(existing.status));
      if (slot && incremented && !holds) await repo.releasePlace(db, slot.id, input.requestId, caller.userId);
      return replay(existing, caller.userId, now);
    }
    if (input.beneficiary) {
      // 我的授权 lists it and withdraws it (accounts), like every consent.
      const relationship = RELATIONSHIP_LABELS[input.beneficiary.relationship];
      await repo.insertFamilyConsent(db, {
        _id: repo.familyConsentIdOf(input.requestId),
        giverId: caller.userId,
        category: 'family_request',
        version: FAMILY_CONSENT_VERSION,
        scope: `被服务人（${relationship} ${input.beneficiary.name}）同意由您代为求助，社工站记录其姓名和本次求助信息，仅用于提供服务`,
        subjectId: `request:${input.requestId}`,
        subjectName: input.beneficiary.name,
        relationship,
        subjectBirthDate: null,
        capacity: 'family_member',
        givenAt: now,
        withdrawnAt: null,
      });
    }
    await auditOk(ctx, ctx.access, input.requestId);
    // Only the call that created the request tells the resident (a retry
    // that finds it returned above): the message their tap just authorised.
    const stored = { _id: input.requestId, ...doc };
    await notifyStatus(ctx.cloud, db, noticeFor(stored, 'submitted', SUBMITTED_NOTE, now));
    return { request: toRequestDto(stored, 'owner-detail', now), created: true };
  },
});

/** `listMyRequests`: the caller's own requests, newest first. */
export const listMyRequests = defineAction({
  contract: requestsContract.actions.listMyRequests,
  async handle(input, ctx): Promise<RequestPage> {
    const caller = requireCaller(ctx.access);
    const page = await repo.listByOwner(
      ctx.db,
      caller.userId,
      input.cursor,
      input.limit ?? DEFAULT_REQUESTS_PAGE,
    );
    return { items: page.items.map((d) => toRequestDto(d, 'owner', ctx.now)), nextCursor: page.nextCursor };
  },
});

/**
 * `getRequest`: the owner sees their own request; station staff, supervisors
 * and the district see it within their scope (a sensitive read, audited).
 * Missing and not-yours get the same answer.
 */
export const getRequest = defineAction({
  contract: requestsContract.actions.getRequest,
  async handle(input, ctx): Promise<{ request: RequestDto }> {
    const caller = requireCaller(ctx.access);
    const load = loadTarget(ctx);
    const own = await load(input.requestId);
    // Every role may read its own requests (they are `own` on create and
    // list); the table's station/assigned scope is about other people's.
    if (own && own.ownerId === caller.userId) return { request: toRequestDto(own, 'owner-detail', ctx.now) };
    // Read by staff or oversight: audited by the pipeline (contract `personal-read`).
    const doc = await loadInScope(ctx, ctx.access, input.requestId, async () => own);
    // The station's own staff see who asked (提出人) and a withdrawn family consent;
    // supervisors and the district get the masked oversight view.
    if (viewOf(ctx.access, doc) === 'station')
      return { request: await stationDetailOf(ctx.db, doc, ctx.now) };
    return { request: toRequestDto(doc, 'oversight', ctx.now) };
  },
});

/** `cancelRequest`: the owner cancels until the slot starts; the place is freed exactly once. */
export const cancelRequest = defineAction({
  contract: requestsContract.actions.cancelRequest,
  async handle(input, ctx): Promise<{ request: RequestDto }> {
    const caller = requireCaller(ctx.access);
    const doc = await loadInScope(ctx, ctx.access, input.requestId, loadTarget(ctx));
    const from = statusOf(doc.status);
    const decision = decideTransition({ status: from, slotStartsAt: serviceStartOf(doc) }, 'cancel', ctx.now);
    if (!decision.ok)
      throw new AppError('failed-precondition', TRANSITION_PROBLEM_MESSAGES[decision.problem]);
    if (input.reason) await checkText(ctx.cloud, caller.openid, input.reason, 'reason', '取消原因');
    const change: StatusChange = {
      status: 'cancelled',
      at: ctx.now,
      actor: 'resident',
      byUserId: caller.userId,
      ...(input.reason ? { reason: input.reason } : {}),
    };
    const changed = await repo.transition(ctx.db, input.requestId, from, change, {}, caller.userId);
    if (!changed) throw new AppError('failed-precondition', STATUS_CHANGED);
    if (typeof doc.slotId === 'string' && doc.slotId)
      await repo.releasePlace(ctx.db, doc.slotId, input.requestId, caller.userId);
    await auditOk(ctx, ctx.access, input.requestId);
    await notifyStatus(
      ctx.cloud,
      ctx.db,
      noticeFor(doc, 'cancelled', input.reason ?? CANCELLED_NOTE, ctx.now),
    );
    const after = await repo.getRequest(ctx.db, input.requestId);
    return { request: toRequestDto(after ?? doc, 'owner-detail', ctx.now) };
  },
});

/** `rateRequest`: 1–5 stars and an optional (checked) comment, once, after completion. */
export const rateRequest = defineAction({
  contract: requestsContract.actions.rateRequest,
  async handle(input, ctx): Promise<{ request: RequestDto }> {
    const caller = requireCaller(ctx.access);
    const doc = await loadInScope(ctx, ctx.access, input.requestId, loadTarget(ctx));
    const problem = decideRating({
      status: statusOf(doc.status),
      rating: doc.rating ? { stars: 0, comment: null, at: ctx.now } : null,
    });
    if (problem) throw new AppError('failed-precondition', RATING_PROBLEM_MESSAGES[problem]);
    // A comment is free text the resident writes (it may name people, say
    // things about their situation): stored only under the current notice.
    // Stars alone are not (docs/decisions.md).
    if (input.comment) await requirePrivacyNotice(ctx, ctx.access);
    if (input.comment) await checkText(ctx.cloud, caller.openid, input.comment, 'comment', '评价内容');
    const stored = await repo.setRating(ctx.db, input.requestId, caller.userId, {
      stars: input.stars,
      comment: input.comment ?? null,
      at: ctx.now,
    });
    if (!stored) throw new AppError('failed-precondition', RATING_PROBLEM_MESSAGES['already-rated']);
    await auditOk(ctx, ctx.access, input.requestId);
    const after = await repo.getRequest(ctx.db, input.requestId);
    return { request: toRequestDto(after ?? doc, 'owner-detail', ctx.now) };
  },
});
