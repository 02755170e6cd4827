import { beijingDay } from '../calendar';
import { DEFAULT_POLICY_VISIT_INTERVALS } from './quota-policy';
import { addDays, daysBetween, isCalendarDay } from './slot';

/**
 * Risk tiers and the pace of home visits (探访), in Beijing days.
 *
 * Practice the district follows (民政部等10部门《关于开展特殊困难老年人探访关爱服务的
 * 指导意见》, 2022; tiers as used in Inner Mongolia 2022): 高风险 at least weekly,
 * 重点 at least monthly, 一般 at least quarterly. The intervals are
 * configuration (env `SGZ_VISIT_INTERVALS`, read by the files function's
 * `visitIntervals()`); their defaults belong to the per-year quota policy
 * (quota-policy.ts, issue 13), which this file reads rather than copies.
 *
 * Days are `YYYY-MM-DD` labels of the Beijing calendar: "today" comes from
 * `beijingDay(now)` (shared/src/calendar.ts) with `now` a parameter, and
 * arithmetic on the labels is zone-free, so the answers are the same under
 * any process TZ.
 */

/** Risk tiers, most urgent first (the order of `SGZ_VISIT_INTERVALS`). */
export const RISK_TIERS = ['高风险', '重点', '一般'] as const;
/** One of {@link RISK_TIERS}. */
export type RiskTier = (typeof RISK_TIERS)[number];

/** Days between visits per tier. */
export type VisitIntervals = Readonly<Record<RiskTier, number>>;

/** Defaults: weekly, monthly, quarterly (the quota policy's defaults, quota-policy.ts). */
export const DEFAULT_VISIT_INTERVALS: VisitIntervals = DEFAULT_POLICY_VISIT_INTERVALS;

/** Longest interval accepted from configuration (a year and a day). */
export const MAX_VISIT_INTERVAL_DAYS = 366;

/**
 * Reads `"7,30,90"` (高风险, 重点, 一般): three whole numbers of days, 1–366.
 * Anything else (missing, wrong count, not a number) gives the defaults, so a
 * typo in the console never stops the due list.
 */
export function parseVisitIntervals(raw: string | undefined | null): VisitIntervals {
  if (!raw) return DEFAULT_VISIT_INTERVALS;
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.length !== RISK_TIERS.length) return DEFAULT_VISIT_INTERVALS;
  const days = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > MAX_VISIT_INTERVAL_DAYS))
    return DEFAULT_VISIT_INTERVALS;
  return { 高风险: days[0]!, 重点: days[1]!, 一般: days[2]! };
}

/** What the next due day depends on. */
export interface PaceInput {
  risk: RiskTier;
  /** Only files in 在册 are visited; any other status has no due day. */
  active: boolean;
  /** Beijing day of the last visit, null when never visited. */
  lastVisitDay: string | null;
  /** Beijing day the file was opened (the base before the first visit). */
  openedDay: string;
}

/**
 * The Beijing day the next visit is due: the last visit (or, before the
 * first one, the day the file was opened) plus the tier's interval. Null for
 * a file that is not 在册 (moved away, deceased, closed).
 */
export function nextDueDay(p: PaceInput, intervals: VisitIntervals = DEFAULT_VISIT_INTERVALS): string | null {
  if (!p.active) return null;
  const base = p.lastVisitDay ?? p.openedDay;
  if (!isCalendarDay(base)) throw new RangeError(`bad day ${base}`);
  return addDays(base, intervals[p.risk]);
}

/** Buckets of the worker's due list. */
export const DUE_BUCKETS = ['overdue', 'today', 'week'] as const;
/** One of {@link DUE_BUCKETS}. */
export type DueBucket = (typeof DUE_BUCKETS)[number];
/** Chinese labels of {@link DUE_BUCKETS}. */
export const DUE_BUCKET_LABELS: Record<DueBucket, string> = {
  overdue: '已逾期',
  today: '今日待访',
  week: '本周待访',
};

/** Days after today that 本周待访 covers: the next 6 days, so today plus the bucket make 7 days. */
export const WEEK_AHEAD_DAYS = 6;

/**
 * The days each bucket covers for Beijing day `today`, as bounds for one
 * indexed query on `nextDueDay`:
 * - `overdue`: due before today (`lt`);
 * - `today`: due today (`gte` = `lte` = today);
 * - `week`: due in the 6 days after today (`gt` today, `lte` today + 6).
 * 本周 is a rolling 7 days from today (today is its own bucket), not the
 * calendar week, so that a Saturday does not show an almost empty week.
 */
export interface DueWindow {
  today: string;
  weekEnd: string;
}

/** The due window of `now` (its Beijing day and the last day of 本周). */
export function dueWindow(now: Date): DueWindow {
  const today = beijingDay(now);
  return { today, weekEnd: addDays(today, WEEK_AHEAD_DAYS) };
}

/** Which bucket a due day falls in on `today` (null: later than 本周, or no due day). */
export function dueBucketOf(due: string | null, today: string): DueBucket | null {
  if (!due) return null;
  if (due < today) return 'overdue';
  if (due === today) return 'today';
  if (due <= addDays(today, WEEK_AHEAD_DAYS)) return 'week';
  return null;
}

/** Whole days a visit is overdue on `today` (0 when not overdue). */
export function daysOverdue(due: string | null, today: string): number {
  if (!due || due >= today) return 0;
  return daysBetween(due, today);
}
