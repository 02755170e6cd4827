import { randomBytes } from 'crypto';
import {
  ledgerContract,
  LEDGER_URL_SECONDS,
  type ExportLedgerOutput,
  type LedgerQuotaLine,
} from '../../../../shared/src/contracts/ledger';
import { AppError } from '../../../../shared/src/errors';
import {
  LEDGER_SHEETS,
  judgedAt,
  ledgerCloudPath,
  ledgerFileName,
  ledgerPeriod,
  periodNotBegun,
  type LedgerCell,
  type LedgerPeriod,
  type LedgerSheetName,
} from '../../../../shared/src/domain/ledger';
import {
  QUOTA_KINDS,
  fmtQuota,
  type QuotaResult,
  type StationQuotas,
} from '../../../../shared/src/domain/quota';
import { formatBeijing } from '../../../../shared/src/calendar';
import { assertStationScope } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import type { DB } from '../../../_lib/db';
import type { Page } from '../../../_lib/store';
import * as repo from '../repo';
import { stationQuotas } from '../quotas';
import {
  caseRow,
  qualificationRow,
  ratingRow,
  supervisionRow,
  trainingRow,
  visitRow,
  type Lookups,
} from '../sheets';
import { uploadWithUrl } from '../storage';
import { createLedgerBook, type SheetWriter } from '../workbook';

/** The four quota lines of the 汇总 sheet (and of the answer). */
export function quotaLines(q: StationQuotas): LedgerQuotaLine[] {
  const line = (r: QuotaResult): LedgerQuotaLine => ({
    label: QUOTA_KINDS[r.quota].label,
    done: r.done,
    target: r.target,
    status: r.status,
    reason: r.reason,
  });
  const t = q.trainingHours;
  const workers = t.workers.length;
  return [
    line(q.completedCases),
    line(q.supervisionHours),
    {
      label: `${QUOTA_KINDS.trainingHours.label}（每人）`,
      // Workers who reached the per-worker target, against the workers counted.
      done: t.workers.filter((w) => w.status === '已完成').length,
      target: workers,
      status: t.status,
      reason: t.reason,
    },
    line(q.qualifiedWorkers),
  ];
}

const expected = (r: QuotaResult): string => fmtQuota(r.expectedByNow);

/** Keeps the names of accounts read so far (a station has a handful of staff; each is read once). */
function userCache(db: DB) {
  const users = new Map<string, repo.RawDoc>();
  return {
    users,
    async load(ids: readonly string[]): Promise<void> {
      const missing = [...new Set(ids)].filter((id) => id && !users.has(id));
      if (missing.length === 0) return;
      const got = await repo.usersByIds(db, missing);
      for (const id of missing) users.set(id, got.get(id) ?? { _id: id });
    },
  };
}

const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Reads every page of a sheet (cursor paging, {@link repo.LEDGER_PAGE} rows each) and hands each page on. */
async function eachPage(
  read: (cursor: string | null) => Promise<Page>,
  onPage: (items: repo.RawDoc[]) => Promise<void>,
): Promise<number> {
  let cursor: string | null = null;
  let pages = 0;
  do {
    const p = await read(cursor);
    pages += 1;
    await onPage(p.items);
    cursor = p.nextCursor;
  } while (cursor);
  return pages;
}

/** What building the workbook read and wrote (the answer and the bench use it). */
export interface BuiltLedger {
  content: Buffer;
  rowCounts: Record<LedgerSheetName, number>;
  quotas: LedgerQuotaLine[];
  /** Database round trips made. */
  calls: number;
}

/** Builds the whole workbook of `stationId` for `period` (no upload). */
export async function buildLedger(
  db: DB,
  stationId: string,
  period: LedgerPeriod,
  now: Date,
): Promise<BuiltLedger> {
  const read = await stationQuotas(db, stationId, period.year, judgedAt(period, now));
  let calls = read.calls;
  const book = createLedgerBook(now);
  const sheets = Object.fromEntries(LEDGER_SHEETS.map((s) => [s, book.sheet(s)])) as Record<
    LedgerSheetName,
    SheetWriter
  >;
  const cache = userCache(db);
  const lookups = (persons: Map<string, repo.RawDoc>): Lookups => ({ persons, users: cache.users });
  const noPersons = new Map<string, repo.RawDoc>();

  // 走访台账
  let n = 0;
  calls += await eachPage(
    (c) => repo.pageVisits(db, stationId, period, c),
    async (items) => {
      const [persons] = await Promise.all([
        repo.personsByIds(
          db,
          items.flatMap((v) => strs(v.personIds)),
        ),
        cache.load(items.flatMap((v) => strs(v.workerIds))),
      ]);
      calls += 2;
      for (const v of items) sheets.走访台账.add(visitRow(++n, v, lookups(persons)));
    },
  );

  // 个案台账
  n = 0;
  calls += await eachPage(
    (c) => repo.pageCases(db, stationId, period, c),
    async (items) => {
      const [persons] = await Promise.all([
        repo.personsByIds(
          db,
          items.flatMap((x) => strs(x.personIds)),
        ),
        cache.load(
          items.flatMap((x) => [...strs([x.leadWorkerId, x.supervisorId]), ...strs(x.assistantIds)]),
        ),
      ]);
      calls += 2;
      for (const x of items)
        sheets.个案台账.add(caseRow(++n, x, lookups(persons), period.year, read.referralClosuresCount));
    },
  );

  // 督导台账
  n = 0;
  let confirmedHours = 0;
  calls += await eachPage(
    (c) => repo.pageConfirmations(db, stationId, period, c),
    async (items) => {
      const sessions = await repo.sessionsByIds(
        db,
        items.map((r) => String(r.sessionId)),
      );
      await cache.load(
        [...sessions.values()].flatMap((s) => [...strs([s.supervisorId]), ...strs(s.workerIds)]),
      );
      calls += 2;
      for (const r of items) {
        const row = supervisionRow(++n, r, sessions.get(String(r.sessionId)), lookups(noPersons));
        confirmedHours += Number(row[row.length - 1]) || 0;
        sheets.督导台账.add(row);
      }
    },
  );

  // 学时台账
  n = 0;
  calls += await eachPage(
    (c) => repo.pageTraining(db, stationId, period, c),
    async (items) => {
      await cache.load(items.map((t) => String(t.workerId)));
      calls += 1;
      for (const t of items) sheets.学时台账.add(trainingRow(++n, t, lookups(noPersons)));
    },
  );

  // 资质台账 (the staff as read for the quotas)
  n = 0;
  const perWorker = read.quotas.trainingHours.target;
  for (const u of read.staff)
    sheets.资质台账.add(qualificationRow(++n, u, read.hoursByWorker.get(u._id) ?? 0, perWorker));

  // 满意度台账
  n = 0;
  let stars = 0;
  calls += await eachPage(
    (c) => repo.pageRatings(db, stationId, period, c),
    async (items) => {
      for (const r of items) {
        const row = ratingRow(++n, r);
        stars += Number(row[5]) || 0;
        sheets.满意度台账.add(row);
      }
    },
  );

  // 汇总: the four quotas of the year, then what the period's ledgers hold.
  const q = read.quotas;
  const lines = quotaLines(q);
  const summary = sheets.汇总;
  const detail: Array<[QuotaResult | null, LedgerQuotaLine]> = [
    [q.completedCases, lines[0]!],
    [q.supervisionHours, lines[1]!],
    [null, lines[2]!],
    [q.qualifiedWorkers, lines[3]!],
  ];
  for (const [r, l] of detail)
    summary.add([
      l.label,
      Math.round(l.done * 10) / 10,
      l.target,
      r ? Number(expected(r)) : null,
      l.status,
      l.reason,
    ]);
  const ratings = sheets.满意度台账.rows;
  const extra: LedgerCell[][] = [
    ['台账期间', period.label],
    ['指标评估时点', formatBeijing(judgedAt(period, now), 'YYYY-MM-DD HH:mm')],
    ['走访记录（次）', sheets.走访台账.rows],
    ['个案（件）', sheets.个案台账.rows],
    ['督导（次）', sheets.督导台账.rows],
    ['本期已确认督导时数（小时）', Math.round(confirmedHours * 10) / 10],
    ['学时记录（条）', sheets.学时台账.rows],
    ['在岗社工及站长（人）', sheets.资质台账.rows],
    ['满意度评价（条）', ratings],
    ['平均评分（星）', ratings > 0 ? Math.round((stars / ratings) * 10) / 10 : null],
  ];
  summary.addExtra([]);
  summary.addExtra(['本期台账', '数量'], true);
  for (const row of extra) summary.addExtra(row);
  for (const s of LEDGER_SHEETS) sheets[s].close();

  const rowCounts = Object.fromEntries(LEDGER_SHEETS.map((s) => [s, sheets[s].rows])) as Record<
    LedgerSheetName,
    number
  >;
  return { content: await book.finish(), rowCounts, quotas: lines, calls };
}

/**
 * exportLedger (station head: own station; district: any): the station's
 * 台账 for a Beijing year or month as one .xlsx in cloud storage under
 * `exports/<stationId>/`, recorded in `exports` for the cleanup timer; answers
 * the fileID, a link valid one hour, the file name, the rows per sheet and
 * the quota lines. Audited as a personal read (the pipeline).
 */
export const exportLedger = defineAction({
  contract: ledgerContract.actions.exportLedger,
  async handle(input, ctx): Promise<ExportLedgerOutput> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const notYet = periodNotBegun(input.year, input.month, ctx.now);
    if (notYet) throw new AppError('invalid-argument', notYet.message, { field: notYet.field });
    const station = await repo.getStation(ctx.db, input.stationId);
    if (!station) throw new AppError('not-found', '没有找到该社工站，请返回重新选择');
    const period = ledgerPeriod(input.year, input.month);
    const stationName = typeof station.officialName === 'string' ? station.officialName : input.stationId;
    const built = await buildLedger(ctx.db, input.stationId, period, ctx.now);
    const fileName = ledgerFileName(stationName, period);
    const cloudPath = ledgerCloudPath(input.stationId, period, ctx.now, randomBytes(4).toString('hex'));
    const { fileID, tempFileURL } = await uploadWithUrl(
      ctx.cloud,
      cloudPath,
      built.content,
      LEDGER_URL_SECONDS,
    );
    await repo.insertExport(ctx.db, {
      stationId: input.stationId,
      year: period.year,
      month: period.month,
      fileID,
      cloudPath,
      fileName,
      bytes: built.content.length,
      rowCounts: built.rowCounts,
      createdBy: ctx.account?._id ?? null,
      createdAt: ctx.now,
    });
    return {
      fileID,
      tempFileURL,
      urlExpiresAt: new Date(ctx.now.getTime() + LEDGER_URL_SECONDS * 1000).toISOString(),
      fileName,
      bytes: built.content.length,
      rowCounts: built.rowCounts,
      quotas: built.quotas,
    };
  },
});
