import {
  casesContract,
  type CaseDetail,
  type CaseFollowUpDto,
  type CaseListItem,
  type CaseNoteDto,
  type CasesPage,
  type CompletedCasesCount,
} from '../../../../shared/src/contracts/cases';
import { beijingDay, beijingYear } from '../../../../shared/src/calendar';
import {
  OPEN_CASE_STATUSES,
  REVIEW_STATUSES,
  isClosureComplete,
  isEvaluationComplete,
  statusesOfFilter,
  type CaseListFilter,
} from '../../../../shared/src/domain/case';
import {
  DEFAULT_CASE_QUOTA_POLICY,
  completedCasesWhere,
  completedYearOf,
} from '../../../../shared/src/domain/case-quota';
import { MAX_WAITING_SCAN, DEFAULT_CASES_PAGE } from '../../../../shared/src/schemas/cases';
import { assertStationScope, loadInScope, requireCaller, scopeFilter } from '../../../_lib/authz';
import { defineAction, type ActionContext } from '../../../_lib/context';
import { run } from '../../../_lib/db';
import type { Where } from '../../../_lib/store';
import { caseRolesOf } from '../access';
import { caseQuotaPolicy } from '../policy';
import { attachmentsOf, recordsOf, statusOf, teamOf, toCaseDetail, toCaseListItem, toNoteDto } from '../dto';
import { loadCase } from '../load';
import * as repo from '../repo';

const dateOrNull = (v: unknown): Date | null =>
  v instanceof Date ? v : typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null;

/** How long an attachment link handed out by getCase stays valid (seconds). */
export const ATTACHMENT_URL_SECONDS = 600;

/** The names of the persons of `docs` (one read). */
const namesOf = (ctx: ActionContext, docs: repo.RawDoc[]): Promise<Map<string, repo.RawDoc>> =>
  repo.personsByIds(
    ctx.db,
    docs.flatMap((d) => (Array.isArray(d.personIds) ? d.personIds.map(String) : [])),
  );

/** Temp download links of `fileIds` (null for a file storage no longer has). */
async function tempUrls(ctx: ActionContext, fileIds: string[]): Promise<Map<string, string | null>> {
  if (fileIds.length === 0) return new Map();
  const res = await run(
    ctx.cloud.getTempFileURL({
      fileList: fileIds.map((fileID) => ({ fileID, maxAge: ATTACHMENT_URL_SECONDS })),
    }),
  );
  return new Map(
    res.fileList.map((f) => [f.fileID, f.status === 0 && f.tempFileURL ? f.tempFileURL : null] as const),
  );
}

/** A page of list items. */
async function listPage(ctx: ActionContext, page: { items: repo.RawDoc[]; nextCursor: string | null }) {
  const names = await namesOf(ctx, page.items);
  const today = beijingDay(ctx.now);
  return { items: page.items.map((d) => toCaseListItem(d, names, today)), nextCursor: page.nextCursor };
}

const statusCondition = (ctx: ActionContext, filter: CaseListFilter | undefined): Where =>
  filter ? { status: ctx.db.command.in(statusesOfFilter(filter)) } : {};

/**
 * `getCase`: one case (audited by the pipeline, target = the case). Its
 * workers and the head get everything and short-lived attachment links; its
 * supervisor gets the records with names masked and no links.
 */
export const getCase = defineAction({
  contract: casesContract.actions.getCase,
  async handle(input, ctx): Promise<{ case: CaseDetail }> {
    const { doc, roles } = await loadCase(ctx, input.caseId, () => true);
    const view = roles.lead || roles.assistant || roles.head || roles.all ? 'team' : 'supervisor';
    const files = view === 'team' ? attachmentsOf(doc, new Map()).map((a) => a.fileId) : [];
    // The policy of the year the closure was approved in (none needed before an approval).
    const approvedAt = dateOrNull(doc.closureApprovedAt);
    const [names, urls, policy] = await Promise.all([
      namesOf(ctx, [doc]),
      tempUrls(ctx, files),
      approvedAt
        ? caseQuotaPolicy(ctx.db, beijingYear(approvedAt))
        : Promise.resolve(DEFAULT_CASE_QUOTA_POLICY),
    ]);
    const records = recordsOf(doc);
    const completedYear = completedYearOf(
      {
        status: statusOf(doc),
        closureApprovedAt: dateOrNull(doc.closureApprovedAt),
        hasEvaluation: isEvaluationComplete(records),
        hasClosureRecord: isClosureComplete(records.closure),
        closureType: records.closure?.type ?? null,
      },
      policy,
    );
    return {
      case: toCaseDetail(doc, view, roles, { names, urls, today: beijingDay(ctx.now), completedYear }),
    };
  },
});

/** `listCaseNotes`: a case's intervention notes, newest session first (audited). */
export const listCaseNotes = defineAction({
  contract: casesContract.actions.listCaseNotes,
  async handle(input, ctx): Promise<CasesPage<CaseNoteDto>> {
    const { doc } = await loadCase(ctx, input.caseId, () => true);
    const page = await repo.pageNotes(ctx.db, doc._id, input.cursor, input.limit ?? DEFAULT_CASES_PAGE);
    return { items: page.items.map(toNoteDto), nextCursor: page.nextCursor };
  },
});

/**
 * `listMyCases`: the caller's cases — a worker's (lead or assisting), a
 * supervisor's (assigned) — by stage, newest change first; or only those
 * waiting on the caller as lead worker (`waitingOnly`, one page).
 */
export const listMyCases = defineAction({
  contract: casesContract.actions.listMyCases,
  async handle(input, ctx): Promise<CasesPage<CaseListItem>> {
    const caller = requireCaller(ctx.access);
    const _ = ctx.db.command;
    const limit = input.limit ?? DEFAULT_CASES_PAGE;
    if (input.waitingOnly) {
      const today = beijingDay(ctx.now);
      const docs = await repo.findCases(
        ctx.db,
        _.or([
          { leadWorkerId: caller.userId, status: _.in(['plan', 'closure', 'intervention']) },
          { leadWorkerId: caller.userId, status: 'closed', followUpDone: false, followUpDay: _.lte(today) },
        ]),
        MAX_WAITING_SCAN,
      );
      const page = await listPage(ctx, { items: docs, nextCursor: null });
      const items = page.items.filter(
        (c) => c.waiting.length > 0 && (!input.filter || statusesOfFilter(input.filter).includes(c.status)),
      );
      return { items: items.slice(0, limit), nextCursor: null };
    }
    const mine: Where =
      caller.role === 'supervisor' ? { supervisorId: caller.userId } : { workerIds: caller.userId };
    const page = await repo.pageCases(
      ctx.db,
      { ...mine, ...statusCondition(ctx, input.filter) },
      ['updatedAt', 'desc'],
      input.cursor,
      limit,
    );
    return listPage(ctx, page);
  },
});

/** `listStationCases`: the head's list of the station's cases, by stage (audited). */
export const listStationCases = defineAction({
  contract: casesContract.actions.listStationCases,
  async handle(input, ctx): Promise<CasesPage<CaseListItem>> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const where: Where = { stationId: input.stationId, ...statusCondition(ctx, input.filter) };
    if (input.openOnly) {
      const open = OPEN_CASE_STATUSES.filter(
        (s) => !input.filter || statusesOfFilter(input.filter).includes(s),
      );
      where.status = ctx.db.command.in(open.length > 0 ? open : ['__none__']);
    }
    if (input.workerId) where.workerIds = input.workerId;
    if (input.completedYear) where.completedYear = input.completedYear;
    if (input.excludeReferrals) where.referralClosure = false;
    const page = await repo.pageCases(
      ctx.db,
      where,
      ['updatedAt', 'desc'],
      input.cursor,
      input.limit ?? DEFAULT_CASES_PAGE,
    );
    return listPage(ctx, page);
  },
});

/**
 * `listPendingApprovals`: plans and closures waiting, oldest first — for the
 * head every case of the station, for a supervisor the cases assigned to them.
 */
export const listPendingApprovals = defineAction({
  contract: casesContract.actions.listPendingApprovals,
  async handle(input, ctx): Promise<CasesPage<CaseListItem>> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const caller = requireCaller(ctx.access);
    const where: Where = { stationId: input.stationId, status: ctx.db.command.in([...REVIEW_STATUSES]) };
    if (caller.role === 'supervisor' && ctx.access.scope !== 'all') where.supervisorId = caller.userId;
    const page = await repo.pageCases(
      ctx.db,
      where,
      ['updatedAt', 'asc'],
      input.cursor,
      input.limit ?? DEFAULT_CASES_PAGE,
    );
    return listPage(ctx, page);
  },
});

/** Most cases read for one person's file. */
const PERSON_CASES = 100;

/** `listCasesForPerson`: the person's cases the caller may open (the person's file; audited). */
export const listCasesForPerson = defineAction({
  contract: casesContract.actions.listCasesForPerson,
  async handle(input, ctx): Promise<{ items: CaseListItem[] }> {
    await loadInScope(ctx, ctx.access, input.personId, async (id) => {
      const d = await repo.getPerson(ctx.db, id);
      return d ? { stationId: String(d.stationId ?? '') } : null;
    });
    const docs = (await repo.casesOfPerson(ctx.db, input.personId, PERSON_CASES)).filter(
      (d) => caseRolesOf(ctx.access, teamOf(d)) !== null,
    );
    const page = await listPage(ctx, { items: docs, nextCursor: null });
    return { items: page.items };
  },
});

/** `listMyCaseFollowUps`: 回访 due on or before `day` (Beijing; default today) on the caller's closed cases. */
export const listMyCaseFollowUps = defineAction({
  contract: casesContract.actions.listMyCaseFollowUps,
  async handle(input, ctx): Promise<CasesPage<CaseFollowUpDto>> {
    const caller = requireCaller(ctx.access);
    const day = input.day ?? beijingDay(ctx.now);
    const page = await repo.pageCases(
      ctx.db,
      {
        leadWorkerId: caller.userId,
        status: 'closed',
        followUpDone: false,
        followUpDay: ctx.db.command.lte(day),
      },
      ['followUpDay', 'asc'],
      input.cursor,
      input.limit ?? DEFAULT_CASES_PAGE,
    );
    const names = await namesOf(ctx, page.items);
    const today = beijingDay(ctx.now);
    return {
      items: page.items.map((d) => {
        const item = toCaseListItem(d, names, today);
        return {
          caseId: item.id,
          stationId: item.stationId,
          persons: item.persons,
          closureType: item.closureType,
          followUpDay: item.followUpDay ?? day,
        };
      }),
      nextCursor: page.nextCursor,
    };
  },
});

/**
 * `countCompletedCases`: cases completed in a Beijing year (closure approved
 * that year, with an evaluation and a closure record; referral closures by
 * the district's policy), per station in the caller's reach. Counted in the
 * database; no case is read.
 */
export const countCompletedCases = defineAction({
  contract: casesContract.actions.countCompletedCases,
  async handle(input, ctx): Promise<CompletedCasesCount> {
    if (input.stationId) await assertStationScope(ctx, ctx.access, input.stationId);
    const policy = await caseQuotaPolicy(ctx.db, input.year);
    const where: Where = {
      ...completedCasesWhere(input.year, policy),
      ...(input.stationId ? { stationId: input.stationId } : scopeFilter(ctx.db, ctx.access)),
    };
    const groups = await repo.countCasesByStation(ctx.db, where);
    const byStation = groups
      .map((g) => ({ stationId: String(g.key), count: g.count }))
      .sort((a, b) => a.stationId.localeCompare(b.stationId));
    return { year: input.year, policy, total: byStation.reduce((s, g) => s + g.count, 0), byStation };
  },
});

/** Statuses still being worked (re-exported for the README's list). */
export const WORKED_STATUSES = OPEN_CASE_STATUSES;
