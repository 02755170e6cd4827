import { createHash } from 'crypto';
import { casesContract, type AddCaseNoteOutput } from '../../../../shared/src/contracts/cases';
import { beijingDay } from '../../../../shared/src/calendar';
import { daysBetween } from '../../../../shared/src/domain/slot';
import { canonicalJson, decideSubmit } from '../../../../shared/src/domain/visit';
import { AppError } from '../../../../shared/src/errors';
import { auditOk, deny, requireCaller } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { isTeam } from '../access';
import { recordsOf, statusOf } from '../dto';
import { bad, loadCase } from '../load';
import * as repo from '../repo';

/** Conflict message the phone shows (outbox `SendReply.message`). */
export const NOTE_CONFLICT_MESSAGE = '这条介入记录在服务器上已有不同的版本，两份都已保留，请在个案中核对。';

/** Statuses in which notes are taken (intervention onwards; a late note after closure is kept too). */
const NOTE_STATUSES = new Set(['intervention', 'evaluation', 'closure', 'closure_review', 'closed']);

/**
 * `addCaseNote`: one intervention note from the phone's outbox, idempotent
 * by the phone's id and version like visits.submitVisit: nothing stored →
 * insert; the same version and content → `duplicate`; a newer version of the
 * device's own earlier send → update; anything else → `conflict`: the sent
 * version is kept beside the note (`conflicts`), the stored one never
 * overwritten. Notes count on the case (`noteCount`, `lastNoteDay`) without
 * changing its version, so a form open on another device is not made stale.
 */
export const addCaseNote = defineAction({
  contract: casesContract.actions.addCaseNote,
  async handle(input, ctx): Promise<AddCaseNoteOutput> {
    const p = input.payload;
    const { doc } = await loadCase(ctx, p.caseId, isTeam);
    const caller = requireCaller(ctx.access);
    const fp = createHash('sha256').update(canonicalJson(p)).digest('hex');
    const sent = { version: input.version, baseVersion: input.baseVersion ?? null, fp };
    const stateOf = (d: repo.RawDoc) => ({
      version: typeof d.version === 'number' ? d.version : 0,
      fp: String(d.fp ?? ''),
    });

    let stored = await repo.getNote(ctx.db, input.id);
    if (stored && stored.caseId !== p.caseId)
      return deny(ctx, ctx.access.action, ctx.access.role, caller.stationId, input.id);
    if (stored && decideSubmit(stateOf(stored), sent) === 'duplicate')
      return { status: 'duplicate', version: input.version };

    if (!NOTE_STATUSES.has(statusOf(doc)) && !doc.planApprovedAt)
      throw new AppError('failed-precondition', '服务计划批准后才能记录介入服务，请先提交计划审批');
    // A phone clock a little ahead is tolerated; a session the day after tomorrow is not.
    if (daysBetween(beijingDay(ctx.now), p.day) > 1) bad('payload.day', '服务日期晚于今天，请检查日期');
    const goals = new Set(recordsOf(doc).plan?.goals.map((g) => g.id) ?? []);
    (p.goalIds ?? []).forEach((g, i) => {
      if (!goals.has(g)) bad(`payload.goalIds.${i}`, '对应目标不在服务计划中，请重新选择');
    });

    const data: Record<string, unknown> = {
      caseId: p.caseId,
      stationId: doc.stationId,
      version: input.version,
      baseVersion: input.baseVersion ?? null,
      fp,
      day: p.day,
      minutes: p.minutes,
      mode: p.mode,
      done: p.done,
      progress: p.progress ?? null,
      nextStep: p.nextStep ?? null,
      goalIds: p.goalIds ?? [],
      by: caller.userId,
      receivedAt: ctx.now,
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const decision = decideSubmit(stored ? stateOf(stored) : null, sent);
      if (decision === 'duplicate') return { status: 'duplicate', version: input.version };
      if (decision === 'conflict' && stored) {
        const { caseId: _c, stationId: _s, ...kept } = data;
        await repo.keepNoteConflict(ctx.db, input.id, { ...kept, version: input.version, fp });
        await auditOk(ctx, ctx.access, input.id);
        return { status: 'conflict', version: input.version, message: NOTE_CONFLICT_MESSAGE };
      }
      const written =
        decision === 'insert'
          ? (await repo.insertNote(ctx.db, input.id, { ...data, conflicts: [], conflictKeys: [] })).status ===
            'inserted'
          : await repo.replaceNoteAt(ctx.db, input.id, stateOf(stored as repo.RawDoc).version, data);
      if (written) {
        await Promise.all([
          repo.countNote(ctx.db, p.caseId, p.day, decision === 'insert'),
          auditOk(ctx, ctx.access, input.id),
        ]);
        return { status: 'received', version: input.version };
      }
      stored = await repo.getNote(ctx.db, input.id);
    }
    throw new AppError('failed-precondition', '这条介入记录正在被同时修改，请稍后再同步');
  },
});
