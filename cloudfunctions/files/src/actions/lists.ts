import { filesContract } from '../../../../shared/src/contracts/files';
import type {
  CountDueOutput,
  CountFilesOutput,
  DueBucketDto,
  FileCounts,
  FilesPage,
  ListDueOutput,
  PersonListItem,
} from '../../../../shared/src/contracts/files';
import {
  ACTIVE_STATUS,
  CATEGORY_KEYS,
  TARGET_CATEGORIES,
  type TargetCategory,
} from '../../../../shared/src/domain/person';
import {
  DUE_BUCKETS,
  DUE_BUCKET_LABELS,
  RISK_TIERS,
  dueWindow,
  type DueBucket,
  type DueWindow,
  type RiskTier,
} from '../../../../shared/src/domain/risk';
import { AppError } from '../../../../shared/src/errors';
import { DEFAULT_DUE_PAGE, DEFAULT_FILES_PAGE } from '../../../../shared/src/schemas/files';
import { assertStationScope, DENIED_MESSAGE, requireCaller, scopeFilter } from '../../../_lib/authz';
import { defineAction, type ActionContext } from '../../../_lib/context';
import type { DB } from '../../../_lib/db';
import type { Sort, Where } from '../../../_lib/store';
import { toListItem } from '../dto';
import * as repo from '../repo';

/**
 * The lists of files. Every item is masked (dto.toListItem) for everyone.
 * Each list is ONE page query plus ONE count(): the conditions are equality
 * on indexed fields plus one range on `nextDueDay`, sorted by `nextDueDay`
 * (in force, 在册) or `updatedAt` (other statuses).
 */

/** The `nextDueDay` condition of a due bucket. */
export function dueCondition(db: DB, bucket: DueBucket, w: DueWindow): unknown {
  const _ = db.command;
  switch (bucket) {
    case 'overdue':
      return _.lt(w.today);
    case 'today':
      return w.today;
    case 'week':
      return _.gt(w.today).and(_.lte(w.weekEnd));
  }
}

/** Regex metacharacters escaped (names allow `.`; a search box may hold anything). */
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `listPersons`: a station's files with filters, a name prefix and a cursor.
 * The most selective equalities come first (the emulator narrows by the
 * first indexed one; CloudBase picks its compound index).
 */
export const listPersons = defineAction({
  contract: filesContract.actions.listPersons,
  async handle(input, ctx): Promise<FilesPage<PersonListItem>> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const caller = requireCaller(ctx.access);
    const w = dueWindow(ctx.now);
    const status = input.status ?? ACTIVE_STATUS;
    const where: Where = {};
    if (input.mine) where.assignedWorkerId = caller.userId;
    else if (input.assignedWorkerId) where.assignedWorkerId = input.assignedWorkerId;
    if (input.community) where.community = input.community;
    where.stationId = input.stationId;
    where.status = status;
    if (input.risk) where.risk = input.risk;
    if (input.category) where.categories = input.category;
    if (input.due) where.nextDueDay = dueCondition(ctx.db, input.due, w);
    if (input.q) where.name = ctx.db.RegExp({ regexp: `^${escapeRegex(input.q)}` });
    const orderBy: Sort = status === ACTIVE_STATUS ? ['nextDueDay', 'asc'] : ['updatedAt', 'desc'];
    const limit = input.limit ?? DEFAULT_FILES_PAGE;
    const [page, total] = await Promise.all([
      repo.pagePersons(ctx.db, where, orderBy, input.cursor, limit),
      repo.countPersons(ctx.db, where),
    ]);
    return { items: page.items.map((d) => toListItem(d, w.today)), total, nextCursor: page.nextCursor };
  },
});

/** The caller's station (listDue and countDue act on it; station staff always have one). */
async function callerStation(ctx: ActionContext): Promise<string> {
  const caller = requireCaller(ctx.access);
  if (!caller.stationId) throw new AppError('permission-denied', DENIED_MESSAGE);
  await assertStationScope(ctx, ctx.access, caller.stationId);
  return caller.stationId;
}

/** The base condition of the due list: the station's files in force (and the caller's own when `mine`). */
function dueBase(ctx: ActionContext, stationId: string, mine: boolean): Where {
  const where: Where = {};
  if (mine) where.assignedWorkerId = requireCaller(ctx.access).userId;
  where.stationId = stationId;
  where.status = ACTIVE_STATUS;
  return where;
}

/**
 * `listDue`: 已逾期 / 今日待访 / 本周待访 of the caller's station, earliest
 * due first. Per bucket ONE page query and ONE count(); `bucket` asks for
 * one bucket (with its cursor), else all three.
 */
export const listDue = defineAction({
  contract: filesContract.actions.listDue,
  async handle(input, ctx): Promise<ListDueOutput> {
    const stationId = await callerStation(ctx);
    const w = dueWindow(ctx.now);
    const mine = input.mine === true;
    const base = dueBase(ctx, stationId, mine);
    const limit = input.limit ?? DEFAULT_DUE_PAGE;
    const buckets = input.bucket ? [input.bucket] : [...DUE_BUCKETS];
    const out = await Promise.all(
      buckets.map(async (bucket): Promise<DueBucketDto> => {
        const where = { ...base, nextDueDay: dueCondition(ctx.db, bucket, w) };
        const [page, total] = await Promise.all([
          repo.pagePersons(ctx.db, where, ['nextDueDay', 'asc'], input.bucket ? input.cursor : null, limit),
          repo.countPersons(ctx.db, where),
        ]);
        return {
          bucket,
          label: DUE_BUCKET_LABELS[bucket],
          total,
          items: page.items.map((d) => toListItem(d, w.today)),
          nextCursor: page.nextCursor,
        };
      }),
    );
    return { stationId, today: w.today, weekEnd: w.weekEnd, mine, buckets: out };
  },
});

/** `countDue`: the three numbers for the badge on 我的 (three count() calls, no persons read). */
export const countDue = defineAction({
  contract: filesContract.actions.countDue,
  async handle(input, ctx): Promise<CountDueOutput> {
    const stationId = await callerStation(ctx);
    const w = dueWindow(ctx.now);
    const base = dueBase(ctx, stationId, input.mine === true);
    const [overdue, today, week] = await Promise.all(
      DUE_BUCKETS.map((b) => repo.countPersons(ctx.db, { ...base, nextDueDay: dueCondition(ctx.db, b, w) })),
    );
    return { stationId, day: w.today, overdue: overdue ?? 0, today: today ?? 0, week: week ?? 0 };
  },
});

const emptyCounts = (): FileCounts => ({
  total: 0,
  byRisk: Object.fromEntries(RISK_TIERS.map((r) => [r, 0])) as Record<RiskTier, number>,
  byCategory: Object.fromEntries(TARGET_CATEGORIES.map((c) => [c, 0])) as Record<TargetCategory, number>,
});

/**
 * `countFiles`: counts by risk and category — of one station, of the
 * caller's stations, or of the district — and per station; never a person.
 * ONE aggregate: group by (station, risk), summing the category flags.
 */
export const countFiles = defineAction({
  contract: filesContract.actions.countFiles,
  async handle(input, ctx): Promise<CountFilesOutput> {
    let scope: Where;
    if (input.stationId) {
      await assertStationScope(ctx, ctx.access, input.stationId);
      scope = { stationId: input.stationId };
    } else scope = scopeFilter(ctx.db, ctx.access);
    const status = input.status ?? ACTIVE_STATUS;
    const keys = TARGET_CATEGORIES.map((c) => CATEGORY_KEYS[c]);
    const groups = await repo.groupPersons(ctx.db, { ...scope, status }, keys);
    const all = emptyCounts();
    const perStation = new Map<string, FileCounts>();
    for (const g of groups) {
      const key = (g.key ?? {}) as { stationId?: unknown; risk?: unknown };
      const stationId = typeof key.stationId === 'string' ? key.stationId : '';
      const risk = (RISK_TIERS as readonly unknown[]).includes(key.risk) ? (key.risk as RiskTier) : null;
      const st = perStation.get(stationId) ?? emptyCounts();
      perStation.set(stationId, st);
      for (const c of [all, st]) {
        c.total += g.count;
        if (risk) c.byRisk[risk] += g.count;
        for (const cat of TARGET_CATEGORIES) c.byCategory[cat] += g.sums[CATEGORY_KEYS[cat]] ?? 0;
      }
    }
    const byStation = [...perStation.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([stationId, c]) => ({ stationId, ...c }));
    return { status, ...all, byStation };
  },
});
