import { beijingDay, beijingMonth } from '../calendar';
import type { QuotaTargets } from './quota-policy';
import { addDays, beijingDayStart, daysBetween, isCalendarDay } from './slot';

/**
 * The quota engine (issue 13): where a station stands against its annual
 * quotas, whether it is on pace, a forecast for 31 December and one line of
 * Chinese saying so. Pure: plain numbers in, `now` a parameter, the Beijing
 * calendar through calendar.ts / slot.ts day labels. The exact status rule is
 * in docs/decisions.md ("Quota status").
 *
 * Pace is counted in Beijing days. The period runs from 1 January (or the
 * station's opening day, when it opened during the year) to 31 December; on
 * the period's day k of n (today included) the share gone by is k / n, so
 * `expectedByNow = target × k / n` reaches the full target on 31 December.
 * Before the period the share is 0, after it 1 (a past year is judged as it
 * ended).
 */

/** The four quotas. */
export const QUOTA_KEYS = [
  'completedCases',
  'supervisionHours',
  'trainingHours',
  'qualifiedWorkers',
] as const;
/** One of {@link QUOTA_KEYS}. */
export type QuotaKey = (typeof QUOTA_KEYS)[number];

/** Statuses, best first (the order {@link worstStatus} uses). */
export const QUOTA_STATUSES = ['已完成', '按进度', '落后', '有风险'] as const;
/** One of {@link QUOTA_STATUSES}. */
export type QuotaStatus = (typeof QUOTA_STATUSES)[number];

/**
 * A behind quota is 落后 (still recoverable) while what is left can be done in
 * the rest of the period at no more than this multiple of the planned pace;
 * beyond it, 有风险.
 */
export const CATCH_UP_FACTOR = 1.5;

/** How each quota is counted and worded. */
interface QuotaKind {
  /** Label in reasons and on screens. */
  label: string;
  /** Unit after a number (个, 小时, 学时, 人). */
  unit: string;
  /** Whole units only (cases, people): forecasts are rounded down. */
  whole: boolean;
  /** `cumulative`: builds up over the year (pro rata); `level`: a headcount that must hold all year. */
  kind: 'cumulative' | 'level';
  /** "还差 n …" phrase. */
  missing: (n: string) => string;
}

/** The quotas' wording and counting. */
export const QUOTA_KINDS: Readonly<Record<QuotaKey, QuotaKind>> = {
  completedCases: {
    label: '结案个案',
    unit: '个',
    whole: true,
    kind: 'cumulative',
    missing: (n) => `还差 ${n} 个结案个案`,
  },
  supervisionHours: {
    label: '督导时数',
    unit: '小时',
    whole: false,
    kind: 'cumulative',
    missing: (n) => `督导时数还差 ${n} 小时`,
  },
  trainingHours: {
    label: '继续教育学时',
    unit: '学时',
    whole: false,
    kind: 'cumulative',
    missing: (n) => `继续教育还差 ${n} 学时`,
  },
  qualifiedWorkers: {
    label: '持证社工',
    unit: '人',
    whole: true,
    kind: 'level',
    missing: (n) => `还差 ${n} 名持证社工`,
  },
};

/** One quota to judge. */
export interface QuotaInput {
  quota: QuotaKey;
  /** Done so far this year (cases closed, hours, 学时, qualified workers now). */
  done: number;
  /** The annual target (from the policy). */
  target: number;
  /** The Beijing calendar year judged. */
  year: number;
  /**
   * Beijing day the station opened (or a worker joined): a day inside `year`
   * starts the pace from that day; earlier or absent → 1 January.
   */
  openedDay?: string | null;
  now: Date;
}

/** A quota judged. */
export interface QuotaResult {
  quota: QuotaKey;
  done: number;
  target: number;
  /** The pro-rata share of the target due by now (not rounded). */
  expectedByNow: number;
  /** Share of the period gone by, 0–1. */
  elapsedShare: number;
  status: QuotaStatus;
  /** Where 31 December lands at the current pace (level quotas: the headcount now). */
  forecast: number;
  /** Beijing month (1–12) the target is reached at the current pace, when that is within the year. */
  forecastMonth: number | null;
  /** One line of Chinese saying where the quota stands. */
  reason: string;
}

/** The period's first and last Beijing day for `year`, given an opening day. Null: opens after the year. */
export function quotaPeriod(year: number, openedDay?: string | null): { first: string; last: string } | null {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new RangeError(`bad year ${year}`);
  const jan1 = `${year}-01-01`;
  const last = `${year}-12-31`;
  if (openedDay != null && !isCalendarDay(openedDay)) throw new RangeError(`bad opening day ${openedDay}`);
  if (!openedDay || openedDay <= jan1) return { first: jan1, last };
  if (openedDay > last) return null;
  return { first: openedDay, last };
}

/**
 * Share of the period gone by at `now`, in Beijing days: on day k of n
 * (today counted) k / n; 0 before the period (or when the station opens after
 * the year), 1 after it.
 */
export function elapsedShare(year: number, now: Date, openedDay?: string | null): number {
  const period = quotaPeriod(year, openedDay);
  if (!period) return 0;
  const today = beijingDay(now);
  if (today < period.first) return 0;
  if (today > period.last) return 1;
  const n = daysBetween(period.first, period.last) + 1;
  const k = daysBetween(period.first, today) + 1;
  return k / n;
}

/** A number as shown: at most one decimal, no trailing `.0`. */
export const fmtQuota = (n: number): string => String(Math.round(n * 10) / 10);

/** The worse of two statuses. */
export const worseStatus = (a: QuotaStatus, b: QuotaStatus): QuotaStatus =>
  QUOTA_STATUSES.indexOf(a) >= QUOTA_STATUSES.indexOf(b) ? a : b;

/** The worst of several statuses (已完成 for none). */
export const worstStatus = (all: readonly QuotaStatus[]): QuotaStatus => all.reduce(worseStatus, '已完成');

const checkNumber = (what: string, n: number): void => {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`bad ${what} ${n}`);
};

/**
 * The Beijing month in which the target is reached at the current pace
 * (done per day so far, carried forward), or null when not within the period
 * or nothing is done yet.
 */
function monthReached(
  done: number,
  target: number,
  share: number,
  period: { first: string; last: string },
): number | null {
  if (done <= 0 || share <= 0 || done >= target) return null;
  const n = daysBetween(period.first, period.last) + 1;
  const daysGone = share * n;
  const daysNeeded = Math.ceil((target / done) * daysGone);
  if (daysNeeded > n) return null;
  // The day the target is reached, as a label, then its month.
  const day = addDays(period.first, daysNeeded - 1);
  return beijingMonth(beijingDayStart(day));
}

/**
 * Judges one quota. The status rule (docs/decisions.md, "Quota status"):
 * - 已完成: done ≥ target;
 * - 按进度: done ≥ ⌊expectedByNow⌋ (less than one unit behind the pro-rata line);
 * - 落后: behind, and what is left can still be done at ≤ {@link CATCH_UP_FACTOR}× the
 *   planned pace: target − done ≤ 1.5 × target × (1 − elapsedShare);
 * - 有风险: behind beyond that (including a year that is over).
 * A `level` quota (qualified workers: a headcount, not a pace) is 已完成 at the
 * target and 有风险 below it from the period's first day.
 */
export function judgeQuota(input: QuotaInput): QuotaResult {
  const { quota, done, target, year, openedDay, now } = input;
  checkNumber('done', done);
  checkNumber('target', target);
  const kind = QUOTA_KINDS[quota];
  const period = quotaPeriod(year, openedDay);
  const share = elapsedShare(year, now, openedDay);
  const u = kind.unit;
  const ratio = `${kind.label} ${fmtQuota(done)}/${fmtQuota(target)} ${u}`;
  const base = { quota, done, target, elapsedShare: share };

  if (kind.kind === 'level') {
    const expectedByNow = share > 0 ? target : 0;
    if (done >= target) {
      return {
        ...base,
        expectedByNow,
        status: '已完成',
        forecast: done,
        forecastMonth: null,
        reason: `${ratio}，已达标`,
      };
    }
    const status: QuotaStatus = share > 0 ? '有风险' : '按进度';
    return {
      ...base,
      expectedByNow,
      status,
      forecast: done,
      forecastMonth: null,
      reason: `${ratio}，${kind.missing(fmtQuota(target - done))}`,
    };
  }

  const expectedByNow = target * share;
  const rawForecast = share > 0 ? done / share : done;
  const forecast = kind.whole ? Math.floor(rawForecast + 1e-9) : Math.round(rawForecast * 10) / 10;
  const forecastMonth = period ? monthReached(done, target, share, period) : null;
  const out = (status: QuotaStatus, reason: string): QuotaResult => ({
    ...base,
    expectedByNow,
    status,
    forecast,
    forecastMonth,
    reason,
  });

  if (done >= target) return out('已完成', `${ratio}，已完成全年指标`);
  const left = target - done;
  if (done >= Math.floor(expectedByNow + 1e-9)) {
    if (forecastMonth !== null)
      return out('按进度', `${kind.missing(fmtQuota(left))}，按当前进度预计 ${forecastMonth} 月完成`);
    return out('按进度', `${ratio}，符合进度（目前应达 ${fmtQuota(expectedByNow)} ${u}）`);
  }
  const behind = `${ratio}，落后进度 ${fmtQuota(expectedByNow - done)} ${u}`;
  if (share >= 1) {
    const over = period !== null && beijingDay(now) > period.last;
    return out(
      '有风险',
      `${ratio}，${over ? '全年未完成' : '今天是年内最后一天'}，${kind.missing(fmtQuota(left))}`,
    );
  }
  const recoverable = left <= CATCH_UP_FACTOR * target * (1 - share) + 1e-9;
  const atPace = `按当前进度年底只能达到 ${fmtQuota(forecast)} ${u}`;
  if (recoverable) return out('落后', `${behind}，${atPace}`);
  return out(
    '有风险',
    `${behind}，${atPace}，余下时间须加快到计划进度的 ${fmtQuota(left / (target * (1 - share)))} 倍`,
  );
}

/** One worker's 学时 so far. */
export interface WorkerHours {
  workerId: string;
  /** Shown in reasons (as the station sees the worker). */
  name: string;
  hours: number;
  /** Beijing day the worker joined the station, when inside the year (pace starts then). */
  sinceDay?: string | null;
}

/** A per-worker quota judged for the station. */
export interface WorkerQuotaResult {
  quota: 'trainingHours';
  /** The station's status: the worst worker's (有风险 when the station has no worker). */
  status: QuotaStatus;
  target: number;
  /** Each worker, in the order given. */
  workers: (QuotaResult & { workerId: string; name: string })[];
  /** Workers 落后 or 有风险, worst first. */
  behind: { workerId: string; name: string; status: QuotaStatus; done: number; expectedByNow: number }[];
  reason: string;
}

/** The later of two day labels (null-safe). */
const laterDay = (a?: string | null, b?: string | null): string | null =>
  !a ? (b ?? null) : !b ? a : a > b ? a : b;

/**
 * Judges a per-worker quota (学时): each worker against the target, paced
 * from the later of the station's opening day and the worker's joining day;
 * the station takes the worst worker's status and lists who is behind.
 */
export function judgeWorkerQuota(args: {
  workers: readonly WorkerHours[];
  target: number;
  year: number;
  openedDay?: string | null;
  now: Date;
}): WorkerQuotaResult {
  const { target, year, now } = args;
  const workers = args.workers.map((w) => ({
    ...judgeQuota({
      quota: 'trainingHours',
      done: w.hours,
      target,
      year,
      openedDay: laterDay(args.openedDay, w.sinceDay),
      now,
    }),
    workerId: w.workerId,
    name: w.name,
  }));
  if (workers.length === 0) {
    return {
      quota: 'trainingHours',
      status: '有风险',
      target,
      workers,
      behind: [],
      reason: '站内暂无社工，无法计算继续教育学时',
    };
  }
  const status = worstStatus(workers.map((w) => w.status));
  const rank = (s: QuotaStatus) => QUOTA_STATUSES.indexOf(s);
  const behind = workers
    .filter((w) => w.status === '落后' || w.status === '有风险')
    .sort((a, b) => rank(b.status) - rank(a.status) || a.done / (a.target || 1) - b.done / (b.target || 1))
    .map((w) => ({
      workerId: w.workerId,
      name: w.name,
      status: w.status,
      done: w.done,
      expectedByNow: w.expectedByNow,
    }));
  const n = workers.length;
  const doneCount = workers.filter((w) => w.status === '已完成').length;
  let reason: string;
  if (doneCount === n) reason = `${n} 名社工均已完成 ${fmtQuota(target)} 学时`;
  else if (behind.length === 0) reason = `${n} 名社工继续教育均符合进度（已完成 ${doneCount} 人）`;
  else {
    const names = behind.slice(0, 3).map((w) => `${w.name} ${fmtQuota(w.done)}/${fmtQuota(target)}`);
    const more = behind.length > 3 ? ` 等 ${behind.length} 人` : '';
    reason = `${behind.length} 名社工继续教育学时落后进度：${names.join('、')}${more}`;
  }
  return { quota: 'trainingHours', status, target, workers, behind, reason };
}

/** Raw counts of one station for one year, as the database counted them. */
export interface StationQuotaCounts {
  /** Cases closed as completed (结案) this year, referral closures not included. */
  completedCases: number;
  /** Cases closed by referral (转介结案) this year; counted only when the policy says so. */
  referralClosures: number;
  /** Supervision hours this year. */
  supervisionHours: number;
  /** Qualified social workers on the staff now. */
  qualifiedWorkers: number;
  /** Each social worker's 学时 this year. */
  trainingHours: readonly WorkerHours[];
}

/** The four quotas of a station. */
export interface StationQuotas {
  year: number;
  completedCases: QuotaResult;
  supervisionHours: QuotaResult;
  trainingHours: WorkerQuotaResult;
  qualifiedWorkers: QuotaResult;
  /** The worst of the four. */
  status: QuotaStatus;
}

/** Turns a station's raw counts into its four quota results. */
export function quotasForStation(args: {
  counts: StationQuotaCounts;
  targets: QuotaTargets;
  referralClosuresCount: boolean;
  year: number;
  openedDay?: string | null;
  now: Date;
}): StationQuotas {
  const { counts, targets, year, openedDay, now } = args;
  const common = { year, openedDay, now };
  const cases = counts.completedCases + (args.referralClosuresCount ? counts.referralClosures : 0);
  const completedCases = judgeQuota({
    quota: 'completedCases',
    done: cases,
    target: targets.completedCases,
    ...common,
  });
  const supervisionHours = judgeQuota({
    quota: 'supervisionHours',
    done: counts.supervisionHours,
    target: targets.supervisionHours,
    ...common,
  });
  const qualifiedWorkers = judgeQuota({
    quota: 'qualifiedWorkers',
    done: counts.qualifiedWorkers,
    target: targets.qualifiedWorkers,
    ...common,
  });
  const trainingHours = judgeWorkerQuota({
    workers: counts.trainingHours,
    target: targets.trainingHoursPerWorker,
    ...common,
  });
  return {
    year,
    completedCases,
    supervisionHours,
    trainingHours,
    qualifiedWorkers,
    status: worstStatus([
      completedCases.status,
      supervisionHours.status,
      trainingHours.status,
      qualifiedWorkers.status,
    ]),
  };
}
