import { createHash } from 'crypto';
import { casesContract, type OpenCaseOutput } from '../../../../shared/src/contracts/cases';
import { canonicalJson } from '../../../../shared/src/domain/visit';
import { AppError } from '../../../../shared/src/errors';
import { assertStationScope, auditOk, requireCaller } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { statusOf } from '../dto';
import { bad, eventOf } from '../load';
import * as repo from '../repo';
import { checkTeam } from '../staff';
import { storedRecord } from './write';

/**
 * `openCase`: a new case at 接案, under the phone's id. A resend of the same
 * content answers `duplicate` (nothing written); the id taken by another
 * case: `already-exists`. Persons, workers, supervisor and the origin record
 * must belong to the station (`invalid-argument`, nothing written).
 */
export const openCase = defineAction({
  contract: casesContract.actions.openCase,
  async handle(input, ctx): Promise<OpenCaseOutput> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const caller = requireCaller(ctx.access);
    const fp = createHash('sha256').update(canonicalJson(input)).digest('hex');
    const stored = await repo.getCase(ctx.db, input.id);
    if (stored && stored.fp === fp && stored.stationId === input.stationId) {
      return {
        caseId: stored._id,
        status: statusOf(stored),
        version: typeof stored.version === 'number' ? stored.version : 1,
        outcome: 'duplicate',
      };
    }
    const lead = input.leadWorkerId ?? caller.userId;
    const assistants = input.assistantIds ?? [];
    const [persons, origin] = await Promise.all([
      repo.personsByIds(ctx.db, input.personIds),
      input.originId ? repo.originStation(ctx.db, input.source, input.originId) : Promise.resolve(null),
      checkTeam(ctx, input.stationId, {
        leadWorkerId: lead,
        assistantIds: assistants,
        supervisorId: input.supervisorId ?? null,
      }),
    ]);
    input.personIds.forEach((pid, i) => {
      if (persons.get(pid)?.stationId !== input.stationId)
        bad(`personIds.${i}`, '服务对象不是本站的服务对象档案，请先建档或重新选择');
    });
    if (input.originId && (input.source === 'resident_request' || input.source === 'visit_follow_up')) {
      if (origin !== input.stationId) bad('originId', '没有找到本站的来源求助或走访记录，请重新选择');
    }
    const intake = input.intake
      ? storedRecord({ caseId: input.id, version: 1, stage: 'intake', record: input.intake })
      : null;
    const doc: Record<string, unknown> = {
      stationId: input.stationId,
      personIds: input.personIds,
      source: input.source,
      originId: input.originId ?? null,
      referredBy: input.referredBy ?? null,
      leadWorkerId: lead,
      assistantIds: assistants,
      workerIds: [lead, ...assistants],
      supervisorId: input.supervisorId ?? null,
      status: 'intake',
      version: 1,
      fp,
      records: { intake, assessment: null, plan: null, evaluation: null, closure: null },
      recordMeta: intake ? { intake: { savedAt: ctx.now, savedBy: caller.userId } } : {},
      refusal: null,
      noteCount: 0,
      lastNoteDay: null,
      planEndDay: null,
      planApprovedAt: null,
      closureType: null,
      closureApprovedAt: null,
      completedYear: null,
      referralClosure: false,
      followUpDay: null,
      followUpDone: false,
      followUpNote: null,
      attachments: [],
      history: [eventOf(ctx, 'open', null, 'intake', null, input.source)],
      createdBy: caller.userId,
      openedAt: ctx.now,
      updatedAt: ctx.now,
    };
    const res = await repo.insertCase(ctx.db, input.id, doc, (existing) => existing.fp === fp);
    if (res.status === 'conflict')
      throw new AppError('already-exists', '这个个案编号已被使用，请返回后重新开案');
    if (res.status === 'duplicate')
      return {
        caseId: input.id,
        status: statusOf(res.existing),
        version: Number(res.existing.version ?? 1),
        outcome: 'duplicate',
      };
    await auditOk(ctx, ctx.access, input.id);
    return { caseId: input.id, status: 'intake', version: 1, outcome: 'created' };
  },
});
