import { createHash } from 'crypto';
import { visitsContract, type SubmitVisitOutput } from '../../../../shared/src/contracts/visits';
import { beijingDay } from '../../../../shared/src/calendar';
import type { SensitiveCategory } from '../../../../shared/src/domain/account';
import { allowedConsents, consentStatusOf } from '../../../../shared/src/domain/person';
import {
  canonicalJson,
  decideSubmit,
  filterVisitForConsent,
  isVisitFile,
  type WithheldField,
} from '../../../../shared/src/domain/visit';
import type { VisitIntervals } from '../../../../shared/src/domain/risk';
import { AppError } from '../../../../shared/src/errors';
import type { SubmitVisitInput, VisitPayload } from '../../../../shared/src/schemas/visits';
import { assertStationScope, auditOk, deny, requireCaller } from '../../../_lib/authz';
import { defineAction, type ActionContext } from '../../../_lib/context';
import { visitIntervals } from '../../../files/src/config';
import { birthOf } from '../../../files/src/dto';
import * as filesRepo from '../../../files/src/repo';
import { withheldOf } from '../dto';
import * as repo from '../repo';

/** Conflict message the phone shows (outbox `SendReply.message`). */
export const CONFLICT_MESSAGE = '这条走访记录在服务器上已有不同的版本，两份都已保留，等待站长核对。';

const bad = (field: string, message: string): never => {
  throw new AppError('invalid-argument', message, { field });
};

/** sha256 of the sent content (payload and files): "the same content" of a resend. */
export const contentFingerprint = (input: Pick<SubmitVisitInput, 'payload' | 'fileIds'>): string =>
  createHash('sha256')
    .update(canonicalJson({ payload: input.payload, fileIds: input.fileIds ?? [] }))
    .digest('hex');

/**
 * Checks the references of a visit against its station: the persons seen,
 * the household, the workers present and the follow-up owners belong to it;
 * every file lies in `outbox/visit/<id>/` and the photos and signature are
 * among the uploaded files. Throws `invalid-argument`; nothing is written.
 */
async function checkReferences(
  ctx: ActionContext,
  id: string,
  input: SubmitVisitInput,
  personsRead: Promise<Map<string, repo.RawDoc>>,
): Promise<void> {
  const p = input.payload;
  const fileIds = input.fileIds ?? [];
  fileIds.forEach((f, i) => {
    if (!isVisitFile(f, id)) bad(`fileIds.${i}`, '照片不是这条走访记录上传的，请重新拍照后再提交');
  });
  const uploaded = new Set(fileIds);
  const referenced = [
    ...(p.photoFileIds ?? []),
    ...(p.confirmation.signatureFileId ? [p.confirmation.signatureFileId] : []),
  ];
  referenced.forEach((f) => {
    if (!uploaded.has(f)) bad('photoFileIds', '有照片或签字还没有上传成功，请重新提交');
  });
  const staffIds = [...new Set([...p.workerIds, ...(p.followUps ?? []).map((f) => f.ownerId)])];
  const [persons, users, household] = await Promise.all([
    personsRead,
    repo.usersByIds(ctx.db, staffIds),
    p.householdId ? repo.getHousehold(ctx.db, p.householdId) : Promise.resolve(null),
  ]);
  p.personIds.forEach((pid, i) => {
    if (persons.get(pid)?.stationId !== p.stationId)
      bad(`payload.personIds.${i}`, '走访对象不是本站的服务对象档案，请重新选择');
  });
  if (p.householdId && household?.stationId !== p.stationId)
    bad('payload.householdId', '走访的家庭不是本站的家庭档案，请重新选择');
  const isStaff = (uid: string): boolean => {
    const u = users.get(uid);
    return (
      !!u &&
      u.active !== false &&
      (u.role === 'social_worker' || u.role === 'station_head') &&
      u.stationId === p.stationId
    );
  };
  p.workerIds.forEach((w, i) => {
    if (!isStaff(w)) bad(`payload.workerIds.${i}`, '在场社工不是本站在职的社工或站长，请重新选择');
  });
  (p.followUps ?? []).forEach((f, i) => {
    if (!isStaff(f.ownerId))
      bad(`payload.followUps.${i}.ownerId`, '跟进负责人不是本站在职的社工或站长，请重新选择');
  });
  const start = Date.parse(p.startAt);
  // A phone clock a little ahead is tolerated; a visit starting tomorrow is not.
  if (start > ctx.now.getTime() + 12 * 3600_000) bad('payload.startAt', '开始时间晚于现在，请检查手机时间');
}

/** The consents each person seen holds today. */
async function consentsOfPersons(
  ctx: ActionContext,
  personIds: string[],
  personsRead: Promise<Map<string, repo.RawDoc>>,
): Promise<Map<string, Set<SensitiveCategory>>> {
  const today = beijingDay(ctx.now);
  const entries = await Promise.all(
    personIds.map(async (pid) => {
      const [raw, persons] = await Promise.all([filesRepo.consentEventsOf(ctx.db, pid), personsRead]);
      const events = raw.map(filesRepo.toConsentEvent);
      const doc = persons.get(pid);
      const birth = doc ? birthOf(doc) : { birthDate: null, birthYear: null };
      return [pid, allowedConsents(consentStatusOf(events, birth, today))] as const;
    }),
  );
  return new Map(entries);
}

/** The stored form of a visit (every optional field present, null when absent: an update replaces all). */
export function visitDoc(
  p: VisitPayload,
  meta: {
    version: number;
    baseVersion: number | null;
    fp: string;
    fileIds: string[];
    withheld: WithheldField[];
    by: string;
    now: Date;
  },
): Record<string, unknown> {
  const startAt = new Date(p.startAt);
  return {
    stationId: p.stationId,
    version: meta.version,
    baseVersion: meta.baseVersion,
    fp: meta.fp,
    householdId: p.householdId ?? null,
    personIds: p.personIds,
    workerIds: p.workerIds,
    othersPresent: (p.othersPresent ?? []).map((o) => ({ role: o.role, name: o.name ?? null })),
    type: p.type,
    mode: p.mode,
    categories: p.categories ?? [],
    startAt,
    endAt: new Date(p.endAt),
    day: beijingDay(startAt),
    address: p.address ?? null,
    findings: {
      health: p.findings?.health ?? null,
      mental: p.findings?.mental ?? null,
      safety: p.findings?.safety ?? null,
      hygiene: p.findings?.hygiene ?? null,
      living: p.findings?.living ?? null,
    },
    needs: (p.needs ?? []).map((n) => ({ area: n.area, note: n.note ?? null })),
    services: p.services ?? [],
    risk: p.risk ?? null,
    followUps: (p.followUps ?? []).map((f) => ({
      action: f.action,
      ownerId: f.ownerId,
      dueDay: f.dueDay,
      referral: f.referral ?? null,
      openCase: f.openCase ?? false,
    })),
    location: p.location
      ? { start: p.location.start ?? null, end: p.location.end ?? null, refused: p.location.refused ?? null }
      : null,
    photoFileIds: p.photoFileIds ?? [],
    confirmation: {
      signatureFileId: p.confirmation.signatureFileId ?? null,
      noSignatureReason: p.confirmation.noSignatureReason ?? null,
    },
    fileIds: meta.fileIds,
    withheld: meta.withheld,
    submittedBy: meta.by,
    receivedAt: meta.now,
  };
}

/**
 * After a version is stored: each person seen is marked visited on the
 * visit's Beijing day (files `markVisited`: forward only, with the new risk
 * tier when one was given), and the follow-ups are written for their owners.
 */
export async function afterStored(
  ctx: ActionContext,
  visitId: string,
  doc: Record<string, unknown>,
  options: { intervals?: Promise<VisitIntervals>; firstVersion?: boolean } = {},
): Promise<NonNullable<SubmitVisitOutput['nextDue']>> {
  const intervals = await (options.intervals ?? visitIntervals(ctx.db, ctx.now));
  const day = String(doc.day);
  const tier = doc.risk === '高风险' || doc.risk === '重点' || doc.risk === '一般' ? doc.risk : undefined;
  const personIds = Array.isArray(doc.personIds) ? doc.personIds.map(String) : [];
  // Each person's file is its own document: marked side by side.
  const marks = await Promise.all(
    personIds.map((personId) => filesRepo.markVisited(ctx.db, personId, day, intervals, tier)),
  );
  const nextDue: NonNullable<SubmitVisitOutput['nextDue']> = [];
  marks.forEach((mark, i) => {
    if (mark) nextDue.push({ personId: personIds[i], ...mark });
  });
  const followUps = Array.isArray(doc.followUps) ? (doc.followUps as Record<string, unknown>[]) : [];
  // A first version has no earlier follow-ups to replace.
  if (options.firstVersion && followUps.length === 0) return nextDue;
  await repo.putFollowUps(
    ctx.db,
    visitId,
    options.firstVersion ?? false,
    followUps.map((f, i) => ({
      _id: `${visitId}-f${i + 1}`,
      visitId,
      stationId: doc.stationId,
      ...f,
      status: 'open',
      createdBy: doc.submittedBy,
      createdAt: ctx.now,
    })),
  );
  return nextDue;
}

/** Keeps a conflicting version for the head (a repeat of the same one writes nothing). */
async function keepConflict(
  ctx: ActionContext,
  id: string,
  input: SubmitVisitInput,
  doc: Record<string, unknown>,
  stored: repo.RawDoc,
  fp: string,
): Promise<void> {
  const conflictId = `${id}-v${input.version}-${fp.slice(0, 12)}`;
  await repo.insertConflict(ctx.db, conflictId, {
    visitId: id,
    stationId: input.payload.stationId,
    phoneVersion: input.version,
    baseVersion: input.baseVersion ?? null,
    serverVersion: typeof stored.version === 'number' ? stored.version : 0,
    fp,
    doc,
    submittedBy: requireCaller(ctx.access).userId,
    at: ctx.now,
    status: 'open',
  });
}

/** `submitVisit`: one outbox item (see the contract for the version rule). */
export const submitVisit = defineAction({
  contract: visitsContract.actions.submitVisit,
  async handle(input, ctx): Promise<SubmitVisitOutput> {
    const p = input.payload;
    await assertStationScope(ctx, ctx.access, p.stationId);
    const caller = requireCaller(ctx.access);
    const fp = contentFingerprint(input);
    const sent = { version: input.version, baseVersion: input.baseVersion ?? null, fp };
    const storedState = (d: repo.RawDoc) => ({
      version: typeof d.version === 'number' ? d.version : 0,
      fp: String(d.fp ?? ''),
    });

    // A resend of what is stored answers at once: no checks, no reads beyond one.
    let stored = await repo.getVisit(ctx.db, input.id);
    if (stored && stored.stationId !== p.stationId) {
      return deny(ctx, ctx.access.action, ctx.access.role, caller.stationId, input.id);
    }
    if (stored && decideSubmit(storedState(stored), sent) === 'duplicate') {
      return { status: 'duplicate', version: input.version, withheld: withheldOf(stored) };
    }

    // Reads that do not depend on each other go out together (each is a round trip).
    const personsRead = repo.personsByIds(ctx.db, p.personIds);
    const intervals = visitIntervals(ctx.db, ctx.now);
    intervals.catch(() => undefined); // awaited in afterStored; not left unhandled on a refusal
    const [, consents] = await Promise.all([
      checkReferences(ctx, input.id, input, personsRead),
      consentsOfPersons(ctx, p.personIds, personsRead),
    ]);
    const filtered = filterVisitForConsent(
      {
        findings: { ...(p.findings ?? {}) },
        categories: p.categories ?? [],
      },
      consents,
    );
    const kept: VisitPayload = {
      ...p,
      findings: filtered.kept.findings,
      categories: filtered.kept.categories,
    };
    const doc = visitDoc(kept, {
      ...sent,
      fileIds: input.fileIds ?? [],
      withheld: filtered.withheld,
      by: caller.userId,
      now: ctx.now,
    });

    for (let attempt = 0; attempt < 3; attempt++) {
      const decision = decideSubmit(stored ? storedState(stored) : null, sent);
      if (decision === 'duplicate' && stored) {
        return { status: 'duplicate', version: input.version, withheld: withheldOf(stored) };
      }
      if (decision === 'conflict' && stored) {
        await keepConflict(ctx, input.id, input, doc, stored, fp);
        await auditOk(ctx, ctx.access, input.id);
        return {
          status: 'conflict',
          version: input.version,
          message: CONFLICT_MESSAGE,
          withheld: filtered.withheld,
        };
      }
      const written =
        decision === 'insert'
          ? (await repo.insertVisit(ctx.db, input.id, doc, () => false)).status === 'inserted'
          : await repo.replaceVisitAt(ctx.db, input.id, storedState(stored as repo.RawDoc).version, doc);
      if (written) {
        const [nextDue] = await Promise.all([
          afterStored(ctx, input.id, doc, { intervals, firstVersion: decision === 'insert' }),
          auditOk(ctx, ctx.access, input.id),
        ]);
        return { status: 'received', version: input.version, withheld: filtered.withheld, nextDue };
      }
      // Another send changed the record in between: decide again on what is stored now.
      stored = await repo.getVisit(ctx.db, input.id);
    }
    throw new AppError('failed-precondition', '这条走访记录正在被同时修改，请稍后再同步');
  },
});
