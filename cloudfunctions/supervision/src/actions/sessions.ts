import { createHash } from 'crypto';
import {
  supervisionContract,
  type SessionDetail,
  type SessionListItem,
  type StationSessionItem,
  type SubmitReply,
  type SupervisionPage,
} from '../../../../shared/src/contracts/supervision';
import { beijingDay } from '../../../../shared/src/calendar';
import { reachesStation, stationsInScope } from '../../../../shared/src/auth/scope';
import {
  checkSessionTimes,
  confirmationId,
  confirmationRows,
  type ConfirmationStatus,
} from '../../../../shared/src/domain/supervision';
import { canonicalJson } from '../../../../shared/src/domain/visit';
import { AppError } from '../../../../shared/src/errors';
import type { SubmitSessionInput } from '../../../../shared/src/schemas/supervision';
import { assertStationScope, assertTargetScope, auditOk, deny, requireCaller } from '../../../_lib/authz';
import { defineAction, type ActionContext } from '../../../_lib/context';
import { toSessionDetail, toSessionListItem } from '../dto';
import * as repo from '../repo';

/** Conflict message the phone shows (outbox `SendReply.message`). */
export const SESSION_CONFLICT_MESSAGE =
  '这条督导记录在服务器上已有不同的内容，未覆盖。督导记录提交后不能修改，如需更正请新建一条。';
const ALREADY_ANSWERED = '本站已经确认过或提出过异议，请刷新列表';
/** Default page of a list. */
const PAGE = 20;

const bad = (field: string, message: string): never => {
  throw new AppError('invalid-argument', message, { field });
};

/** sha256 of the sent payload: "the same content" of a resend. */
export const sessionFingerprint = (input: Pick<SubmitSessionInput, 'payload'>): string =>
  createHash('sha256').update(canonicalJson(input.payload)).digest('hex');

/** The workers present must be active social workers or heads of a station present. */
async function checkWorkers(ctx: ActionContext, p: SubmitSessionInput['payload']): Promise<void> {
  if (p.workerIds.length === 0) return;
  const users = await repo.usersByIds(ctx.db, p.workerIds);
  p.workerIds.forEach((w, i) => {
    const u = users.get(w);
    const ok =
      !!u &&
      u.active !== false &&
      (u.role === 'social_worker' || u.role === 'station_head') &&
      p.stationIds.includes(String(u.stationId));
    if (!ok) bad(`payload.workerIds.${i}`, '参加的社工不是所选社工站在职的社工或站长，请重新选择');
  });
}

/**
 * `submitSession`: the supervisor's record, from the phone's outbox. Every
 * station listed must be one of the caller's stations today (else
 * `permission-denied`); times checked against the pipeline's clock; workers
 * of the listed stations. Stores the session and one pending confirmation row
 * per station (a resend completes missing rows, overwriting nothing).
 */
export const submitSession = defineAction({
  contract: supervisionContract.actions.submitSession,
  async handle(input, ctx): Promise<SubmitReply> {
    const p = input.payload;
    for (const s of p.stationIds) await assertStationScope(ctx, ctx.access, s);
    const caller = requireCaller(ctx.access);
    const startAt = new Date(p.startAt);
    const endAt = new Date(p.endAt);
    const problem = checkSessionTimes({ startAt, endAt, hours: p.hours }, ctx.now);
    if (problem) bad(`payload.${problem.field}`, problem.message);
    await checkWorkers(ctx, p);
    const fp = sessionFingerprint(input);
    const today = beijingDay(ctx.now);
    const assignment = (await repo.findAssignments(ctx.db, { supervisorId: caller.userId })).find(
      (a) =>
        a.stationId === p.stationIds[0] &&
        String(a.from) <= today &&
        (typeof a.to !== 'string' || a.to >= today),
    );
    const rows = confirmationRows({
      id: input.id,
      supervisorId: caller.userId,
      stationIds: p.stationIds,
      hours: p.hours,
      startAt,
    });
    const doc = {
      version: input.version,
      fp,
      supervisorId: caller.userId,
      supervisorKind: assignment ? String(assignment.kind) : null,
      startAt,
      endAt,
      day: beijingDay(startAt),
      year: rows[0]!.year,
      hours: p.hours,
      form: p.form,
      stationIds: p.stationIds,
      workerIds: p.workerIds,
      project: p.project,
      topics: p.topics,
      caseIds: p.caseIds ?? [],
      advice: p.advice ?? null,
      actionItems: p.actionItems ?? [],
      openCount: rows.length,
      receivedAt: ctx.now,
    };
    const outcome = await repo.insertSession(
      ctx.db,
      input.id,
      doc,
      (existing) => existing.fp === fp && existing.supervisorId === caller.userId,
    );
    if (outcome.status === 'conflict')
      return { status: 'conflict', version: input.version, message: SESSION_CONFLICT_MESSAGE };
    await repo.insertConfirmations(
      ctx.db,
      rows.map((r) => ({
        _id: confirmationId(r.sessionId, r.stationId),
        ...r,
        reason: null,
        decidedBy: null,
        decidedAt: null,
      })),
    );
    if (outcome.status === 'duplicate') return { status: 'duplicate', version: input.version };
    await auditOk(ctx, ctx.access, input.id);
    return { status: 'received', version: input.version };
  },
});

/** `listMySessions`: the supervisor's own sessions, newest first, with each station's answer. */
export const listMySessions = defineAction({
  contract: supervisionContract.actions.listMySessions,
  async handle(input, ctx): Promise<SupervisionPage<SessionListItem>> {
    const caller = requireCaller(ctx.access);
    const page = await repo.pageSupervisorSessions(
      ctx.db,
      caller.userId,
      input.pendingOnly === true,
      input.cursor,
      input.limit ?? PAGE,
    );
    const [rows, users] = await Promise.all([
      repo.confirmationsOf(
        ctx.db,
        page.items.map((s) => s._id),
      ),
      repo.usersByIds(ctx.db, [caller.userId]),
    ]);
    return { items: page.items.map((s) => toSessionListItem(s, rows, users)), nextCursor: page.nextCursor };
  },
});

/**
 * A session within the caller's reach: one of its stations is in scope (or
 * the caller recorded it). Missing and out of reach answer the same denial
 * (not-found only with `all`).
 */
async function sessionInScope(ctx: ActionContext, sessionId: string): Promise<repo.RawDoc> {
  const caller = requireCaller(ctx.access);
  const s = await repo.getSession(ctx.db, sessionId);
  if (s && ctx.access.role === 'supervisor' && s.supervisorId === caller.userId) return s;
  const stations = s && Array.isArray(s.stationIds) ? s.stationIds.map(String) : [];
  const target = s
    ? { stationId: stations.find((st) => reachesStation(ctx.access, st)) ?? stations[0] ?? null }
    : null;
  await assertTargetScope(ctx, ctx.access, target, sessionId, '没有找到这条督导记录');
  return s!;
}

/** `getSession`: one session, whole; cases by id only (their details keep the cases' own rights). */
export const getSession = defineAction({
  contract: supervisionContract.actions.getSession,
  async handle(input, ctx): Promise<{ session: SessionDetail }> {
    const s = await sessionInScope(ctx, input.sessionId);
    const [rows, users] = await Promise.all([
      repo.confirmationsOf(ctx.db, [s._id]),
      repo.usersByIds(ctx.db, [String(s.supervisorId)]),
    ]);
    return { session: toSessionDetail(s, rows, users) };
  },
});

/**
 * The confirmation row a head answers: their own station's row of the
 * session. Only the head of a station the session lists reaches one; for
 * anyone else (and a missing session) the one denial. (With an `all` scope,
 * which the table gives nobody here, the first pending station's row.)
 */
async function rowToAnswer(ctx: ActionContext, sessionId: string): Promise<repo.RawDoc> {
  const caller = requireCaller(ctx.access);
  const s = await repo.getSession(ctx.db, sessionId);
  const stations = s && Array.isArray(s.stationIds) ? s.stationIds.map(String) : [];
  let stationId: string | null =
    caller.stationId && stations.includes(caller.stationId) ? caller.stationId : null;
  if (!stationId && stationsInScope(ctx.access) === 'all' && s) {
    const rows = await repo.confirmationsOf(ctx.db, [s._id]);
    stationId = String(rows.find((r) => r.status === 'pending')?.stationId ?? stations[0] ?? '') || null;
  }
  const row = s && stationId ? await repo.getConfirmation(ctx.db, confirmationId(s._id, stationId)) : null;
  const target = row ? { stationId: String(row.stationId) } : null;
  await assertTargetScope(ctx, ctx.access, target, sessionId, '没有找到这条督导记录');
  if (!row) return deny(ctx, ctx.access.action, ctx.access.role, caller.stationId, sessionId);
  return row;
}

async function answer(
  ctx: ActionContext,
  sessionId: string,
  status: Exclude<ConfirmationStatus, 'pending'>,
  reason: string | null,
): Promise<{ sessionId: string; stationId: string; status: ConfirmationStatus }> {
  const row = await rowToAnswer(ctx, sessionId);
  if (row.status !== 'pending') throw new AppError('failed-precondition', ALREADY_ANSWERED);
  const caller = requireCaller(ctx.access);
  const changed = await repo.answerConfirmation(ctx.db, row._id, {
    status,
    reason,
    decidedBy: caller.userId,
    decidedAt: ctx.now,
  });
  if (changed !== 1) throw new AppError('failed-precondition', ALREADY_ANSWERED);
  await repo.decrementOpen(ctx.db, sessionId);
  await auditOk(ctx, ctx.access, row._id);
  return { sessionId, stationId: String(row.stationId), status };
}

/** `confirmSession`: the head confirms the session for their station (it then counts there). */
export const confirmSession = defineAction({
  contract: supervisionContract.actions.confirmSession,
  handle: (input, ctx) => answer(ctx, input.sessionId, 'confirmed', null),
});

/** `disputeSession`: the head disputes it for their station, with a reason (it does not count there). */
export const disputeSession = defineAction({
  contract: supervisionContract.actions.disputeSession,
  handle: (input, ctx) => answer(ctx, input.sessionId, 'disputed', input.reason),
});

/** `listStationSessions`: the sessions listing a station, newest first, with the station's answer. */
export const listStationSessions = defineAction({
  contract: supervisionContract.actions.listStationSessions,
  async handle(input, ctx): Promise<SupervisionPage<StationSessionItem>> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const page = await repo.pageStationConfirmations(
      ctx.db,
      input.stationId,
      { status: input.status, year: input.year },
      input.cursor,
      input.limit ?? PAGE,
    );
    const ids = page.items.map((r) => String(r.sessionId));
    const [sessions, rows] = await Promise.all([
      repo.sessionsByIds(ctx.db, ids),
      repo.confirmationsOf(ctx.db, ids),
    ]);
    const users = await repo.usersByIds(
      ctx.db,
      [...sessions.values()].map((s) => String(s.supervisorId)),
    );
    const items: StationSessionItem[] = [];
    for (const r of page.items) {
      const s = sessions.get(String(r.sessionId));
      if (!s) continue;
      items.push({
        session: toSessionListItem(s, rows, users),
        status: String(r.status) as ConfirmationStatus,
        reason: typeof r.reason === 'string' ? r.reason : null,
      });
    }
    return { items, nextCursor: page.nextCursor };
  },
});
