import { casesContract, type CaseWriteOutput } from '../../../../shared/src/contracts/cases';
import { beijingDay } from '../../../../shared/src/calendar';
import {
  CASE_PROBLEM_MESSAGES,
  CASE_STAGE_LABELS,
  CASE_TRANSITIONS,
  CASE_LIMITS,
  STAGE_OF_STATUS,
  decideCaseTransition,
  editableStageOf,
  isCaseFile,
  isClosureComplete,
  isEvaluationComplete,
  type CaseAction,
  type CaseRecords,
  type CaseStatus,
} from '../../../../shared/src/domain/case';
import { storedCompletedYear } from '../../../../shared/src/domain/case-quota';
import { AppError } from '../../../../shared/src/errors';
import type { SaveStageRecordInput } from '../../../../shared/src/schemas/cases';
import { auditOk, requireCaller } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { canReopen, canSetSupervisor, canTransfer, isApprover, isTeam } from '../access';
import { recordsOf, statusOf, teamOf } from '../dto';
import { STALE_MESSAGE, assertVersion, bad, eventOf, loadCase, writeCase } from '../load';
import * as repo from '../repo';
import { checkTeam } from '../staff';

/** The stored form of a stage draft (every field present, null when empty). */
export function storedRecord(input: SaveStageRecordInput): Record<string, unknown> {
  switch (input.stage) {
    case 'intake': {
      const r = input.record;
      return {
        presentingProblem: r.presentingProblem,
        background: r.background,
        consent: {
          given: r.consent?.given ?? false,
          method: r.consent?.method ?? null,
          day: r.consent?.day ?? null,
        },
      };
    }
    case 'assessment': {
      const r = input.record;
      return {
        needs: {
          individual: r.needs?.individual ?? null,
          family: r.needs?.family ?? null,
          social: r.needs?.social ?? null,
        },
        strengths: r.strengths,
        risks: r.risks,
        problems: r.problems ?? [],
        facts: r.facts,
        judgements: r.judgements,
      };
    }
    case 'plan': {
      const r = input.record;
      return {
        goals: r.goals ?? [],
        strategies: r.strategies,
        startDay: r.startDay,
        endDay: r.endDay,
        agreement: {
          agreed: r.agreement?.given ?? false,
          method: r.agreement?.method ?? null,
          day: r.agreement?.day ?? null,
        },
      };
    }
    case 'evaluation': {
      const r = input.record;
      return {
        goals: (r.goals ?? []).map((g) => ({ goalId: g.goalId, attainment: g.attainment, note: g.note })),
        feedback: r.feedback,
        summary: r.summary,
      };
    }
    case 'closure': {
      const r = input.record;
      return {
        type: r.type ?? null,
        summary: r.summary,
        followUpDay: r.followUpDay,
        referral: r.referral
          ? {
              kind: r.referral.kind,
              stationId: r.referral.stationId ?? null,
              name: r.referral.name,
              contact: r.referral.contact ?? null,
            }
          : null,
      };
    }
  }
}

/** The stored records with one stage replaced. */
const withRecord = (doc: repo.RawDoc, stage: keyof CaseRecords, record: unknown): Record<string, unknown> => {
  const r = doc.records && typeof doc.records === 'object' ? (doc.records as Record<string, unknown>) : {};
  return {
    intake: r.intake ?? null,
    assessment: r.assessment ?? null,
    plan: r.plan ?? null,
    evaluation: r.evaluation ?? null,
    closure: r.closure ?? null,
    [stage]: record,
  };
};

/**
 * `saveStageRecord`: overwrites the draft of the case's current stage (the
 * form saves as it is typed), only while the case is at the version the
 * device saw. Drafts are not history entries (they would be hundreds); the
 * record keeps who saved it last and when (`recordMeta`).
 */
export const saveStageRecord = defineAction({
  contract: casesContract.actions.saveStageRecord,
  async handle(input, ctx): Promise<CaseWriteOutput & { savedAt: string }> {
    const { doc } = await loadCase(ctx, input.caseId, isTeam);
    const version = assertVersion(doc, input.version);
    const status = statusOf(doc);
    const editable = editableStageOf(status);
    if (editable !== input.stage) {
      throw new AppError(
        'failed-precondition',
        editable
          ? `这个个案现在处于「${CASE_STAGE_LABELS[STAGE_OF_STATUS[status]]}」阶段，「${CASE_STAGE_LABELS[input.stage]}」记录不能再修改，请刷新后查看`
          : `这个个案现在不能修改记录（${CASE_STAGE_LABELS[STAGE_OF_STATUS[status]]}），请刷新后查看`,
      );
    }
    const record = storedRecord(input);
    if (input.stage === 'evaluation') {
      const goals = new Set(recordsOf(doc).plan?.goals.map((g) => g.id) ?? []);
      input.record.goals?.forEach((g, i) => {
        if (!goals.has(g.goalId))
          bad(`record.goals.${i}.goalId`, '评估的目标不在服务计划中，请刷新后重新选择');
      });
    }
    if (input.stage === 'closure' && input.record.referral?.stationId) {
      if (input.record.referral.stationId === doc.stationId)
        bad('record.referral.stationId', '转介的社工站不能是本站，请重新选择');
    }
    const meta =
      doc.recordMeta && typeof doc.recordMeta === 'object' ? (doc.recordMeta as Record<string, unknown>) : {};
    const patch: Record<string, unknown> = {
      records: withRecord(doc, input.stage, record),
      recordMeta: { ...meta, [input.stage]: { savedAt: ctx.now, savedBy: requireCaller(ctx.access).userId } },
    };
    if (input.stage === 'plan') patch.planEndDay = input.record.endDay;
    if (input.stage === 'closure') patch.closureType = input.record.type ?? null;
    const out = await writeCase(ctx, doc, version, patch, []);
    return { ...out, savedAt: ctx.now.toISOString() };
  },
});

/** Refuses a move the lifecycle does not allow (the table, a reason, the records). */
function decide(doc: repo.RawDoc, action: CaseAction, reason: string | null | undefined) {
  const d = decideCaseTransition(
    {
      status: statusOf(doc),
      records: recordsOf(doc),
      noteCount: typeof doc.noteCount === 'number' ? doc.noteCount : 0,
    },
    action,
    reason,
  );
  if (!d.ok)
    throw new AppError('failed-precondition', CASE_PROBLEM_MESSAGES[d.problem], { problem: d.problem });
  return d;
}

/** `advanceCase`: a worker's move (accept, decline, submit a stage, start evaluation or closure, …). */
export const advanceCase = defineAction({
  contract: casesContract.actions.advanceCase,
  async handle(input, ctx): Promise<CaseWriteOutput> {
    const { doc } = await loadCase(ctx, input.caseId, isTeam);
    const version = assertVersion(doc, input.version);
    const d = decide(doc, input.move, input.reason);
    const patch: Record<string, unknown> = { status: d.to };
    if (input.move === 'submitPlan' || input.move === 'submitClosure') patch.refusal = null;
    return writeCase(ctx, doc, version, patch, [
      eventOf(ctx, input.move, d.from, d.to, input.reason ?? null),
    ]);
  },
});

/** The quota fields of a closure approved now (see shared/src/domain/case-quota.ts). */
function completionOf(doc: repo.RawDoc, now: Date): Record<string, unknown> {
  const records = recordsOf(doc);
  const type = records.closure?.type ?? null;
  return {
    closureApprovedAt: now,
    closureType: type,
    referralClosure: type === '转介',
    completedYear: storedCompletedYear({
      status: 'closed',
      closureApprovedAt: now,
      hasEvaluation: isEvaluationComplete(records),
      hasClosureRecord: isClosureComplete(records.closure),
      closureType: type,
    }),
    followUpDay: records.closure?.followUpDay ?? null,
    followUpDone: false,
    followUpNote: null,
  };
}

/**
 * `decideApproval`: the head of the case's station or its supervisor approves
 * the plan or the closure, or sends it back with a reason.
 */
export const decideApproval = defineAction({
  contract: casesContract.actions.decideApproval,
  async handle(input, ctx): Promise<CaseWriteOutput> {
    const { doc } = await loadCase(ctx, input.caseId, isApprover);
    const version = assertVersion(doc, input.version);
    const d = decide(doc, input.decision, input.reason);
    const by = requireCaller(ctx.access).userId;
    const patch: Record<string, unknown> = { status: d.to };
    switch (input.decision) {
      case 'approvePlan':
        Object.assign(patch, { refusal: null, planApprovedAt: ctx.now, planApprovedBy: by });
        // The intervention's "notes due" clock starts at the approval when no note came yet.
        if (!doc.lastNoteDay) patch.lastNoteDay = beijingDay(ctx.now);
        break;
      case 'approveClosure':
        Object.assign(patch, { refusal: null, closureApprovedBy: by }, completionOf(doc, ctx.now));
        break;
      case 'refusePlan':
      case 'refuseClosure':
        patch.refusal = { action: input.decision, reason: input.reason, at: ctx.now, by };
        break;
    }
    return writeCase(ctx, doc, version, patch, [
      eventOf(ctx, input.decision, d.from, d.to, input.reason ?? null),
    ]);
  },
});

/** `reopenCase`: a closed case back to intervention; its completion no longer counts until closed again. */
export const reopenCase = defineAction({
  contract: casesContract.actions.reopenCase,
  async handle(input, ctx): Promise<CaseWriteOutput> {
    const { doc } = await loadCase(ctx, input.caseId, canReopen);
    const version = assertVersion(doc, input.version);
    const d = decide(doc, 'reopen', input.reason);
    return writeCase(
      ctx,
      doc,
      version,
      {
        status: d.to,
        closureApprovedAt: null,
        completedYear: null,
        referralClosure: false,
        followUpDay: null,
        followUpDone: false,
        refusal: null,
      },
      [eventOf(ctx, 'reopen', d.from, d.to, input.reason)],
    );
  },
});

/**
 * `referCase`: refer out (another station or an agency): the closure record
 * of type 转介 with the destination, submitted for approval in one step.
 */
export const referCase = defineAction({
  contract: casesContract.actions.referCase,
  async handle(input, ctx): Promise<CaseWriteOutput> {
    const { doc } = await loadCase(ctx, input.caseId, isTeam);
    const version = assertVersion(doc, input.version);
    const from = statusOf(doc);
    if (from !== 'closure' && !CASE_TRANSITIONS.startClosure.from.includes(from))
      throw new AppError('failed-precondition', CASE_PROBLEM_MESSAGES['invalid-transition']);
    const r = input.referral;
    if (r.stationId) {
      if (r.stationId === doc.stationId) bad('referral.stationId', '转介的社工站不能是本站，请重新选择');
      if (!(await repo.stationExists(ctx.db, r.stationId)))
        bad('referral.stationId', '没有找到要转介的社工站，请重新选择');
    }
    const closure = {
      type: '转介',
      summary: input.summary,
      followUpDay: input.followUpDay ?? null,
      referral: { kind: r.kind, stationId: r.stationId ?? null, name: r.name, contact: r.contact ?? null },
    };
    const records = withRecord(doc, 'closure', closure);
    const d = decide({ ...doc, status: 'closure', records }, 'submitClosure', null);
    return writeCase(ctx, doc, version, { status: d.to, records, closureType: '转介', refusal: null }, [
      eventOf(ctx, 'refer', from, d.to, null, r.name),
    ]);
  },
});

/**
 * `updateCaseTeam`: hand the case to another worker of the station and/or
 * change the assisting workers (the head or the lead worker); set the case's
 * supervisor (the head).
 */
export const updateCaseTeam = defineAction({
  contract: casesContract.actions.updateCaseTeam,
  async handle(input, ctx) {
    const wantsTeam = input.leadWorkerId !== undefined || input.assistantIds !== undefined;
    const wantsSupervisor = input.supervisorId !== undefined;
    const { doc } = await loadCase(
      ctx,
      input.caseId,
      (r) => (!wantsTeam || canTransfer(r)) && (!wantsSupervisor || canSetSupervisor(r)),
    );
    const version = assertVersion(doc, input.version);
    const status = statusOf(doc);
    if (status === 'declined' || status === 'closed')
      throw new AppError('failed-precondition', '已结束的个案不能调整社工或督导，如需继续服务请先重新开案');
    const team = teamOf(doc);
    const lead = input.leadWorkerId ?? team.leadWorkerId;
    const assistants = (input.assistantIds ?? team.assistantIds).filter((id) => id !== lead);
    if (input.assistantIds && input.assistantIds.includes(lead))
      bad('assistantIds', '负责社工不需要再列为协助社工');
    const supervisorId = input.supervisorId === undefined ? team.supervisorId : input.supervisorId;
    await checkTeam(ctx, team.stationId, {
      leadWorkerId: input.leadWorkerId,
      assistantIds: input.assistantIds,
      supervisorId: input.supervisorId,
    });
    const reason = input.reason ?? null;
    const events: Record<string, unknown>[] = [];
    if (lead !== team.leadWorkerId) events.push(eventOf(ctx, 'transfer', status, status, reason, lead));
    if (assistants.join(',') !== team.assistantIds.join(','))
      events.push(eventOf(ctx, 'assistants', status, status, reason, assistants.join(',')));
    if (supervisorId !== team.supervisorId)
      events.push(eventOf(ctx, 'supervisor', status, status, reason, supervisorId));
    if (events.length === 0) bad('leadWorkerId', '没有需要调整的内容');
    const out = await writeCase(
      ctx,
      doc,
      version,
      { leadWorkerId: lead, assistantIds: assistants, workerIds: [lead, ...assistants], supervisorId },
      events,
    );
    return { ...out, leadWorkerId: lead, assistantIds: assistants, supervisorId };
  },
});

/** `addCaseAttachment`: a scanned form or photo the phone uploaded to `cases/<caseId>/`. */
export const addCaseAttachment = defineAction({
  contract: casesContract.actions.addCaseAttachment,
  async handle(input, ctx) {
    const { doc } = await loadCase(ctx, input.caseId, isTeam);
    if (!isCaseFile(input.fileId, doc._id)) bad('fileId', '附件不是这个个案上传的，请重新上传');
    const existing = Array.isArray(doc.attachments)
      ? (doc.attachments as Array<Record<string, unknown>>)
      : [];
    const status = statusOf(doc);
    const version = typeof doc.version === 'number' ? doc.version : 1;
    const same = existing.find((a) => a.fileId === input.fileId);
    const attachment = same ?? {
      fileId: input.fileId,
      kind: input.kind,
      caption: input.caption ?? null,
      addedBy: requireCaller(ctx.access).userId,
      addedAt: ctx.now,
    };
    if (!same) {
      if (existing.length >= CASE_LIMITS.attachments)
        bad('fileId', `一个个案最多上传 ${CASE_LIMITS.attachments} 个附件`);
      // Not a change a device could overwrite: the version stays; the list only grows.
      const ok = await repo.updateCaseWhere(
        ctx.db,
        doc._id,
        { status: doc.status },
        {},
        {
          events: [eventOf(ctx, 'attach', status, status, null, input.fileId)],
          now: ctx.now,
          bumpFrom: null,
          push: { attachments: [attachment] },
        },
      );
      if (!ok) throw new AppError('failed-precondition', STALE_MESSAGE);
      await auditOk(ctx, ctx.access, doc._id);
    }
    const at = attachment.addedAt;
    return {
      caseId: doc._id,
      status,
      version,
      attachment: {
        fileId: String(attachment.fileId),
        kind: input.kind,
        caption: typeof attachment.caption === 'string' ? attachment.caption : null,
        url: null,
        addedBy: String(attachment.addedBy),
        addedAt: at instanceof Date ? at.toISOString() : new Date(String(at)).toISOString(),
      },
    };
  },
});

/** `completeCaseFollowUp`: the 回访 after closure was done (once). */
export const completeCaseFollowUp = defineAction({
  contract: casesContract.actions.completeCaseFollowUp,
  async handle(input, ctx): Promise<CaseWriteOutput> {
    const { doc } = await loadCase(ctx, input.caseId, isTeam);
    const status: CaseStatus = statusOf(doc);
    if (status !== 'closed' || !doc.followUpDay || doc.followUpDone === true)
      throw new AppError('failed-precondition', '这个个案没有待完成的回访，请刷新后查看');
    const ok = await repo.updateCaseWhere(
      ctx.db,
      doc._id,
      { status: 'closed', followUpDone: false },
      { followUpDone: true, followUpNote: input.note, followUpDoneAt: ctx.now },
      {
        events: [eventOf(ctx, 'followUpDone', status, status, null, input.note)],
        now: ctx.now,
        bumpFrom: null,
      },
    );
    if (!ok) throw new AppError('failed-precondition', STALE_MESSAGE);
    await auditOk(ctx, ctx.access, doc._id);
    return { caseId: doc._id, status, version: typeof doc.version === 'number' ? doc.version : 1 };
  },
});
