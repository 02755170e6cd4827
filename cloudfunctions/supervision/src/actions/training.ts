import { createHash } from 'crypto';
import {
  supervisionContract,
  type SubmitReply,
  type SupervisionPage,
  type TrainingDto,
  type TrainingSummary,
} from '../../../../shared/src/contracts/supervision';
import { beijingDay, beijingYear } from '../../../../shared/src/calendar';
import type { TargetRef } from '../../../../shared/src/auth/scope';
import type { Qualification } from '../../../../shared/src/domain/account';
import {
  DEGREE_HOURS,
  checkTrainingDays,
  combineHours,
  currentRegistrationPeriod,
  registrationPeriodNote,
  isTrainingFile,
  trainingYear,
} from '../../../../shared/src/domain/training';
import { canonicalJson } from '../../../../shared/src/domain/visit';
import { AppError } from '../../../../shared/src/errors';
import type { SubmitTrainingInput } from '../../../../shared/src/schemas/supervision';
import {
  assertStationScope,
  assertTargetScope,
  auditOk,
  loadInScope,
  requireCaller,
} from '../../../_lib/authz';
import { defineAction, type ActionContext } from '../../../_lib/context';
import { loadQuotaPolicy } from '../../../_lib/quota-policy';
import { run } from '../../../_lib/db';
import { toTrainingDto } from '../dto';
import * as repo from '../repo';

/** Conflict message the phone shows. */
export const TRAINING_CONFLICT_MESSAGE =
  '这条学时记录在服务器上已有不同的内容，未覆盖。学时记录提交后不能修改，如需更正请新建一条。';
const ALREADY_ANSWERED = '这条学时记录已经确认或退回过了，请刷新列表';
const PAGE = 20;
/** How long a certificate link stays valid (seconds). */
export const CERTIFICATE_URL_SECONDS = 600;

const bad = (field: string, message: string): never => {
  throw new AppError('invalid-argument', message, { field });
};

/** The worker a call is about and the target the scope is checked on: the caller, or `workerId`. */
async function workerInScope(
  ctx: ActionContext,
  workerId: string | undefined,
): Promise<{ id: string; doc: repo.RawDoc | null }> {
  const caller = requireCaller(ctx.access);
  if (!workerId || workerId === caller.userId) {
    await assertTargetScope(
      ctx,
      ctx.access,
      { stationId: caller.stationId, ownerId: caller.userId },
      caller.userId,
    );
    return { id: caller.userId, doc: ctx.account ? { ...ctx.account, _id: ctx.account._id } : null };
  }
  const doc = await repo.getUser(ctx.db, workerId);
  const target: TargetRef | null = doc
    ? {
        stationId:
          (doc.role === 'social_worker' || doc.role === 'station_head') && typeof doc.stationId === 'string'
            ? doc.stationId
            : null,
        ownerId: doc._id,
      }
    : null;
  await assertTargetScope(ctx, ctx.access, target, workerId, '没有找到这位社工');
  return { id: workerId, doc };
}

/** sha256 of the sent content: "the same content" of a resend. */
const fingerprint = (input: Pick<SubmitTrainingInput, 'payload' | 'fileIds'>): string =>
  createHash('sha256')
    .update(canonicalJson({ payload: input.payload, fileIds: input.fileIds ?? [] }))
    .digest('hex');

/**
 * `submitTraining`: a worker's own record, or the head's for a worker of the
 * team, from the phone's outbox. Pending until the head confirms (a head's
 * own record: the district). The record keeps the worker's station of today.
 */
export const submitTraining = defineAction({
  contract: supervisionContract.actions.submitTraining,
  async handle(input, ctx): Promise<SubmitReply> {
    const p = input.payload;
    const worker = await workerInScope(ctx, p.workerId);
    const caller = requireCaller(ctx.access);
    const w = worker.doc;
    if (!w || w.active === false || (w.role !== 'social_worker' && w.role !== 'station_head'))
      bad('payload.workerId', '只能为社工站在职的社工或站长记录学时');
    const problem = checkTrainingDays(p, beijingDay(ctx.now));
    if (problem) bad(`payload.${problem.field}`, problem.message);
    const fileIds = input.fileIds ?? [];
    fileIds.forEach((f, i) => {
      if (!isTrainingFile(f, input.id))
        bad(`fileIds.${i}`, '证书照片不是这条学时记录上传的，请重新拍照后再提交');
    });
    if (p.certificateFileId && !fileIds.includes(p.certificateFileId))
      bad('payload.certificateFileId', '证书照片还没有上传成功，请重新提交');
    const fp = fingerprint(input);
    const degree = p.form === '学历';
    const doc = {
      version: input.version,
      fp,
      workerId: worker.id,
      stationId: typeof w!.stationId === 'string' ? w!.stationId : null,
      startDay: p.startDay,
      endDay: p.endDay,
      year: trainingYear(p.endDay),
      course: p.course,
      organiser: p.organiser,
      kind: p.kind,
      form: p.form,
      hours: p.hours,
      degree,
      countedHours: degree ? DEGREE_HOURS : p.hours,
      certificateFileId: p.certificateFileId ?? null,
      status: 'pending',
      reason: null,
      recordedBy: caller.userId,
      receivedAt: ctx.now,
      decidedBy: null,
      decidedAt: null,
    };
    const outcome = await repo.insertTraining(
      ctx.db,
      input.id,
      doc,
      (existing) => existing.fp === fp && existing.recordedBy === caller.userId,
    );
    if (outcome.status === 'conflict')
      return { status: 'conflict', version: input.version, message: TRAINING_CONFLICT_MESSAGE };
    if (outcome.status === 'duplicate') return { status: 'duplicate', version: input.version };
    await auditOk(ctx, ctx.access, input.id);
    return { status: 'received', version: input.version };
  },
});

/** A record in the caller's reach by the station it was made at. */
const recordInScope = (ctx: ActionContext, id: string): Promise<repo.RawDoc> =>
  loadInScope(
    ctx,
    ctx.access,
    id,
    async (rid): Promise<(repo.RawDoc & { stationId: string }) | null> => {
      const d = await repo.getTraining(ctx.db, rid);
      return d ? { ...d, stationId: String(d.stationId ?? '') } : null;
    },
    '没有找到这条学时记录',
  );

async function answerTraining(
  ctx: ActionContext,
  id: string,
  status: 'confirmed' | 'returned',
  reason: string | null,
): Promise<{ record: TrainingDto }> {
  const rec = await recordInScope(ctx, id);
  const caller = requireCaller(ctx.access);
  if (rec.workerId === caller.userId)
    throw new AppError('failed-precondition', '自己的学时记录需要由区民政局确认');
  if (rec.status !== 'pending') throw new AppError('failed-precondition', ALREADY_ANSWERED);
  const patch = { status, reason, decidedBy: caller.userId, decidedAt: ctx.now };
  if ((await repo.answerTraining(ctx.db, rec._id, patch)) !== 1)
    throw new AppError('failed-precondition', ALREADY_ANSWERED);
  await auditOk(ctx, ctx.access, rec._id);
  const users = await repo.usersByIds(ctx.db, [String(rec.workerId)]);
  return { record: toTrainingDto({ ...rec, ...patch }, users) };
}

/** `confirmTraining`: the head confirms a record made at the station (then it counts). */
export const confirmTraining = defineAction({
  contract: supervisionContract.actions.confirmTraining,
  handle: (input, ctx) => answerTraining(ctx, input.recordId, 'confirmed', null),
});

/** `returnTraining`: the head returns it with a reason (it does not count; the worker records it anew). */
export const returnTraining = defineAction({
  contract: supervisionContract.actions.returnTraining,
  handle: (input, ctx) => answerTraining(ctx, input.recordId, 'returned', input.reason),
});

/** `listTraining`: one worker's records (default: the caller's), newest first. */
export const listTraining = defineAction({
  contract: supervisionContract.actions.listTraining,
  async handle(input, ctx): Promise<SupervisionPage<TrainingDto>> {
    const worker = await workerInScope(ctx, input.workerId);
    const page = await repo.pageWorkerTraining(
      ctx.db,
      worker.id,
      input.year,
      input.cursor,
      input.limit ?? PAGE,
    );
    const users = await repo.usersByIds(ctx.db, [worker.id]);
    return { items: page.items.map((d) => toTrainingDto(d, users)), nextCursor: page.nextCursor };
  },
});

/** Temp links of the certificates among `docs` (null for a file storage no longer has). */
async function certificateUrls(ctx: ActionContext, docs: repo.RawDoc[]): Promise<Map<string, string | null>> {
  const ids = docs.map((d) => d.certificateFileId).filter((f): f is string => typeof f === 'string');
  if (ids.length === 0) return new Map();
  const res = await run(
    ctx.cloud.getTempFileURL({
      fileList: ids.map((fileID) => ({ fileID, maxAge: CERTIFICATE_URL_SECONDS })),
    }),
  );
  return new Map(
    res.fileList.map((f) => [f.fileID, f.status === 0 && f.tempFileURL ? f.tempFileURL : null] as const),
  );
}

/** `listStationTraining`: the records made at a station (the head's confirmation list), with certificate links. */
export const listStationTraining = defineAction({
  contract: supervisionContract.actions.listStationTraining,
  async handle(input, ctx): Promise<SupervisionPage<TrainingDto>> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const page = await repo.pageStationTraining(
      ctx.db,
      input.stationId,
      input.status,
      input.cursor,
      input.limit ?? PAGE,
    );
    const [users, urls] = await Promise.all([
      repo.usersByIds(
        ctx.db,
        page.items.map((d) => String(d.workerId)),
      ),
      certificateUrls(ctx, page.items),
    ]);
    return {
      items: page.items.map((d) =>
        toTrainingDto(
          d,
          users,
          typeof d.certificateFileId === 'string' ? (urls.get(d.certificateFileId) ?? null) : null,
        ),
      ),
      nextCursor: page.nextCursor,
    };
  },
});

/** The stored qualification of an account document, if any. */
const qualificationOf = (doc: repo.RawDoc | null): Qualification | null => {
  const q = doc?.qualification as Qualification | null | undefined;
  return q && typeof q === 'object' && typeof q.kind === 'string' ? q : null;
};

/**
 * `getTrainingSummary`: one worker's counters (default: the caller's): this
 * Beijing year against the year's quota policy (30 by default), the current
 * registration period against 72 / 90.
 * Database sums per status and degree; a degree counts once as 90 h.
 */
export const getTrainingSummary = defineAction({
  contract: supervisionContract.actions.getTrainingSummary,
  async handle(input, ctx): Promise<{ summary: TrainingSummary }> {
    const worker = await workerInScope(ctx, input.workerId);
    const today = beijingDay(ctx.now);
    const year = beijingYear(ctx.now);
    const q = qualificationOf(worker.doc);
    const period = currentRegistrationPeriod(q, today);
    const _ = ctx.db.command;
    const [yearSums, periodSums, { policy }] = await Promise.all([
      repo.workerTrainingSums(ctx.db, { workerId: worker.id, year }),
      period
        ? repo.workerTrainingSums(ctx.db, {
            workerId: worker.id,
            endDay: _.gte(period.from).and(_.lte(period.to)),
          })
        : Promise.resolve([]),
      loadQuotaPolicy(ctx.db, year),
    ]);
    const yearQuota = policy.targets.trainingHoursPerWorker;
    const counted = (sums: typeof yearSums, status: string): number =>
      combineHours(
        sums.filter((s) => s.status === status && !s.degree).reduce((n, s) => n + s.hours, 0),
        sums.filter((s) => s.status === status && s.degree).reduce((n, s) => n + s.count, 0),
      );
    const periodNote = registrationPeriodNote(q, period, yearQuota);
    return {
      summary: {
        workerId: worker.id,
        workerName: typeof worker.doc?.name === 'string' ? worker.doc.name : null,
        year,
        yearHours: counted(yearSums, 'confirmed'),
        yearQuota,
        yearPendingHours: counted(yearSums, 'pending'),
        period: period
          ? {
              from: period.from,
              to: period.to,
              index: period.index,
              hours: counted(periodSums, 'confirmed'),
              quota: period.quota,
              daysLeft: period.daysLeft,
              endingSoon: period.endingSoon,
            }
          : null,
        periodNote,
        certificateKind: q?.kind ?? null,
      },
    };
  },
});
