import { TARGET_CATEGORIES } from '../../../shared/src/domain/person';
import { REQUEST_STATUSES, REQUEST_STATUS_LABELS } from '../../../shared/src/domain/request';
import { SERVICE_AREAS } from '../../../shared/src/domain/station';
import type { DashboardFigure, DrillDown } from '../../../shared/src/contracts/dashboard';

/**
 * Pure folding of the database's grouped rows into the dashboard's figures
 * (issue 13). The database did the counting; these functions only add up
 * grouped rows, never records.
 */

/** `YYYY-MM` of month `m` (1–12) of `year`. */
export const monthKey = (year: number, m: number): string => `${year}-${String(m).padStart(2, '0')}`;

/** Rounds hours to one decimal. */
export const hours1 = (h: number): number => Math.round(h * 10) / 10;

/** A visit tag row (repo.visitTagCounts). */
export interface VisitTagRow {
  month: string;
  t: string;
  v: string;
  count: number;
  hours: number;
}

/** Visit figures folded from the tag rows. */
export interface VisitFold {
  /** `YYYY-MM` → visits. */
  byMonth: Map<string, number>;
  total: number;
  /** category → visits in the year. */
  byCategory: Map<string, number>;
  /** `YYYY-MM|category` → visits. */
  byMonthCategory: Map<string, number>;
  /** worker → visits in the year. */
  byWorker: Map<string, number>;
  /** `YYYY-MM|worker` → visits. */
  byMonthWorker: Map<string, number>;
  /** service area (or 未注明) → visit hours in the year. */
  hoursByArea: Map<string, number>;
}

const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

/** Folds visit tag rows: each row is one (month, tag) group counted by the database. */
export function foldVisits(rows: readonly VisitTagRow[]): VisitFold {
  const f: VisitFold = {
    byMonth: new Map(),
    total: 0,
    byCategory: new Map(),
    byMonthCategory: new Map(),
    byWorker: new Map(),
    byMonthWorker: new Map(),
    hoursByArea: new Map(),
  };
  for (const r of rows) {
    if (r.t === 'm') {
      add(f.byMonth, r.month, r.count);
      f.total += r.count;
    } else if (r.t === 'c') {
      add(f.byCategory, r.v, r.count);
      add(f.byMonthCategory, `${r.month}|${r.v}`, r.count);
    } else if (r.t === 'w') {
      add(f.byWorker, r.v, r.count);
      add(f.byMonthWorker, `${r.month}|${r.v}`, r.count);
    } else if (r.t === 'a') {
      add(f.hoursByArea, r.v, r.hours);
    }
  }
  return f;
}

/** A case tag row (repo.caseTagCounts). */
export interface CaseTagRow {
  t: string;
  v: string;
  open: boolean;
  completedYear: number | null;
  referral: boolean;
  count: number;
}

/** Case figures for one year. */
export interface CaseFold {
  /** Completed in the year, referral closures apart. */
  completed: number;
  referralClosures: number;
  /** worker → open cases now. */
  openByWorker: Map<string, number>;
  /** worker → cases closed and counted in the year (any closure type). */
  closedByWorker: Map<string, number>;
}

/** Folds case tag rows for `year`. */
export function foldCases(rows: readonly CaseTagRow[], year: number): CaseFold {
  const f: CaseFold = {
    completed: 0,
    referralClosures: 0,
    openByWorker: new Map(),
    closedByWorker: new Map(),
  };
  for (const r of rows) {
    // The quota's rule (case-quota.ts completedCasesWhere): the stored completedYear decides.
    const inYear = r.completedYear === year;
    if (r.t === 's') {
      if (inYear && r.referral) f.referralClosures += r.count;
      else if (inYear) f.completed += r.count;
    } else if (r.t === 'w') {
      if (r.open) add(f.openByWorker, r.v, r.count);
      if (inYear) add(f.closedByWorker, r.v, r.count);
    }
  }
  return f;
}

/** Requests by status (every status, lifecycle order) and the average rating. */
export function foldRequests(
  rows: ReadonlyArray<{ status: string; stars: number | null; count: number }>,
  drill: (status: string | null, rated?: boolean) => DrillDown,
): {
  byStatus: DashboardFigure[];
  rating: { average: number | null; count: number; drill: DrillDown | null };
} {
  const byStatus = new Map<string, number>();
  let rated = 0;
  let stars = 0;
  for (const r of rows) {
    add(byStatus, r.status, r.count);
    if (r.stars !== null) {
      rated += r.count;
      stars += r.stars * r.count;
    }
  }
  return {
    byStatus: REQUEST_STATUSES.map((s) => ({
      key: s,
      label: REQUEST_STATUS_LABELS[s],
      value: byStatus.get(s) ?? 0,
      drill: drill(s),
    })),
    rating: {
      average: rated > 0 ? Math.round((stars / rated) * 100) / 100 : null,
      count: rated,
      drill: rated > 0 ? drill(null, true) : null,
    },
  };
}

/** Categories with visits, largest first (ties in the list's order). */
export function categoryFigures(
  counts: (c: string) => number,
  drill: (c: string) => DrillDown,
): DashboardFigure[] {
  return TARGET_CATEGORIES.map((c) => ({ key: c, label: c, value: counts(c), drill: drill(c) }))
    .filter((f) => f.value > 0)
    .sort((a, b) => b.value - a.value);
}

/** Hours per service area (areas with time, largest first; 未注明 last). */
export function areaFigures(
  hoursByArea: ReadonlyMap<string, number>,
  drill: (area: string) => DrillDown,
): DashboardFigure[] {
  const known = SERVICE_AREAS.map((a) => ({
    key: a,
    label: a,
    value: hours1(hoursByArea.get(a) ?? 0),
    drill: drill(a),
  }))
    .filter((f) => f.value > 0)
    .sort((a, b) => b.value - a.value);
  const none = hours1(hoursByArea.get('未注明') ?? 0);
  return none > 0 ? [...known, { key: '未注明', label: '未注明', value: none, drill: null }] : known;
}

/** Training rows of one worker summed: plain hours and degree count, for the year and the period. */
export function foldTraining(
  rows: ReadonlyArray<{
    workerId: string;
    degree: boolean;
    inYear: boolean;
    inPeriod: boolean;
    count: number;
    hours: number;
  }>,
): Map<string, { yearHours: number; yearDegrees: number; periodHours: number; periodDegrees: number }> {
  const out = new Map<
    string,
    { yearHours: number; yearDegrees: number; periodHours: number; periodDegrees: number }
  >();
  for (const r of rows) {
    const w = out.get(r.workerId) ?? { yearHours: 0, yearDegrees: 0, periodHours: 0, periodDegrees: 0 };
    if (r.inYear) {
      if (r.degree) w.yearDegrees += r.count;
      else w.yearHours += r.hours;
    }
    if (r.inPeriod) {
      if (r.degree) w.periodDegrees += r.count;
      else w.periodHours += r.hours;
    }
    out.set(r.workerId, w);
  }
  return out;
}
