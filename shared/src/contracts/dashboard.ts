import type { CaseListFilter } from '../domain/case';
import type { TargetCategory } from '../domain/person';
import type { QuotaKey, QuotaStatus } from '../domain/quota';
import type { QuotaTargets } from '../domain/quota-policy';
import type { RequestStatus } from '../domain/request';
import type { ServiceArea } from '../domain/station';
import type { StationStatus } from '../domain/district';
import type { ConfirmationStatus } from '../domain/supervision';
import * as S from '../schemas/dashboard';
import { action, defineContract, type InputsOf, type OutputsOf } from './define';

/**
 * Contract of the `dashboard` cloud function (issue 13): the station head's
 * year (and month) on one screen — the four annual quotas judged by the quota
 * engine (shared/src/domain/quota.ts) under the policy in force, per worker
 * figures, and the station's activity.
 *
 * Every figure is counted by the database (count() / aggregate(), one grouped
 * aggregate per collection, folded in the function) and one load makes at
 * most 8 database round trips (`meta.roundTrips` says how many it made).
 *
 * Every figure carries `drill`: the list action (and its input) that opens
 * the records behind it, so the client drills down with the existing lists.
 * A figure with no list to open has `drill: null`.
 *
 * Scope: station_head (station), supervisor (assigned), district_admin (all,
 * read-only). A social worker has no dashboard (their own counters are in
 * supervision.getTrainingSummary and their lists).
 *
 * Errors: `invalid-argument` with a Chinese message and `details.field` (bad
 * year / month / station id); `permission-denied` 您没有权限进行此操作 for a
 * station outside the caller's reach, and the same for a station that does
 * not exist.
 */

/**
 * The list that opens the records behind a figure: the function, the action
 * and the input to call it with (cursor / limit left to the client).
 * `kind` names the records for the client's routing.
 */
export type DrillDown =
  | {
      kind: 'visits';
      fn: 'visits';
      action: 'listVisits';
      input: {
        stationId: string;
        /** Beijing year of the visit's day. */
        year?: number;
        /** `YYYY-MM` (Beijing). */
        month?: string;
        category?: TargetCategory;
        workerId?: string;
        /** Visits with a need recorded in this service area. */
        area?: ServiceArea;
      };
    }
  | {
      kind: 'cases';
      fn: 'cases';
      action: 'listStationCases';
      input: {
        stationId: string;
        /** `closed`: closed cases; an open stage; absent: all. */
        filter?: CaseListFilter;
        /** Only cases with this worker on the team. */
        workerId?: string;
        /** Only closed cases counted in this Beijing year (the quota year). */
        completedYear?: number;
        /** Open cases only (every open stage). */
        openOnly?: boolean;
        /** Leave out referral closures (the quota's drill when the policy does not count them). */
        excludeReferrals?: boolean;
      };
    }
  | {
      kind: 'requests';
      fn: 'requests';
      action: 'listStationRequests';
      input: { stationId: string; status?: RequestStatus; year?: number; rated?: boolean };
    }
  | {
      kind: 'supervision';
      fn: 'supervision';
      action: 'listStationSessions';
      input: { stationId: string; year?: number; status?: ConfirmationStatus };
    }
  | {
      kind: 'training';
      fn: 'supervision';
      action: 'listTraining';
      input: { workerId: string; year?: number };
    }
  | {
      kind: 'qualified';
      fn: 'supervision';
      action: 'listQualifiedStaff';
      input: { stationId: string };
    };

/** One figure: a key, its Chinese label, the value and the records behind it. */
export interface DashboardFigure {
  /** Stable key (a month `YYYY-MM`, a category, a status, an area, …). */
  key: string;
  /** As shown on the screen (Chinese). */
  label: string;
  value: number;
  drill: DrillDown | null;
}

/** One quota as the dashboard shows it (the engine's QuotaResult, labelled). */
export interface DashboardQuota {
  quota: QuotaKey;
  /** 结案个案 / 督导时数 / 继续教育学时 / 持证社工. */
  label: string;
  /** 个 / 小时 / 学时 / 人. */
  unit: string;
  /** For 学时: the number of workers who have done the target; otherwise the count or sum. */
  done: number;
  /** For 学时: the number of workers (each must reach `perWorkerTarget`). */
  target: number;
  expectedByNow: number;
  elapsedShare: number;
  status: QuotaStatus;
  forecast: number;
  forecastMonth: number | null;
  /** One line of Chinese (the engine's reason). */
  reason: string;
  drill: DrillDown | null;
}

/** A worker behind pace on 学时. */
export interface BehindWorker {
  workerId: string;
  name: string;
  status: QuotaStatus;
  done: number;
  expectedByNow: number;
}

/** One worker of the station (social workers and the head). */
export interface DashboardWorker {
  workerId: string;
  name: string;
  role: 'social_worker' | 'station_head';
  /** Visits with the worker on them, in the year. */
  visitsYear: DashboardFigure;
  /** …in the month asked for (null when no month was asked). */
  visitsMonth: DashboardFigure | null;
  /** Cases with the worker on the team, open now. */
  openCases: DashboardFigure;
  /** Cases with the worker on the team, closed and counted in the year (completedYear). */
  closedCases: DashboardFigure;
  /** Confirmed 学时 in the Beijing year (a degree counts once as 90). */
  trainingYear: DashboardFigure;
  /** Confirmed 学时 in the worker's current registration period (null: no period, see `trainingPeriodNote`). */
  trainingPeriod: { from: string; to: string; hours: number; quota: number } | null;
  trainingPeriodNote: string | null;
  /** The engine's judgement of this worker's 学时 for the year. */
  trainingStatus: QuotaStatus;
  trainingReason: string;
  /** Whether the worker holds a qualification that counts (isQualified). */
  qualified: boolean;
  /** Behind-pace flags in Chinese (empty: on pace), e.g. 学时落后进度. */
  flags: string[];
}

/** The policy the quotas were judged with. */
export interface DashboardPolicy {
  /** `stored`: a quota_policies document; `default`: the notice's figures; `invalid-stored`: defaults, the stored one is malformed. */
  source: 'stored' | 'default' | 'invalid-stored';
  id: string | null;
  effectiveFrom: string;
  targets: QuotaTargets;
  referralClosuresCount: boolean;
}

/** getStationDashboard output. */
export interface StationDashboard {
  stationId: string;
  stationName: string;
  year: number;
  /** The month asked for (1–12), or null. */
  month: number | null;
  /** Beijing day the figures are as of (today, or 31 December of a past year). */
  asOf: string;
  /** Beijing day the station opened, when known (a station opened during the year is paced from it). */
  openedDay: string | null;
  policy: DashboardPolicy;
  /** The worst of the four quotas. */
  status: QuotaStatus;
  quotas: {
    completedCases: DashboardQuota;
    supervisionHours: DashboardQuota;
    /** Per worker: `done` = workers at the target, `target` = workers; see `behind`. */
    trainingHours: DashboardQuota & { perWorkerTarget: number; behind: BehindWorker[] };
    qualifiedWorkers: DashboardQuota;
  };
  workers: DashboardWorker[];
  activity: {
    /** 12 entries, January first (`key` = `YYYY-MM`). */
    visitsByMonth: DashboardFigure[];
    /** Year total of visits. */
    visitsTotal: DashboardFigure;
    /** Per target category in the year (categories with at least one visit, largest first). */
    visitsByCategory: DashboardFigure[];
    /** Per target category in the month asked for (null when no month). */
    monthVisitsByCategory: DashboardFigure[] | null;
    /** Requests made in the year, per status (every status, in lifecycle order). */
    requestsByStatus: DashboardFigure[];
    /** Average stars of the year's rated requests (null when none), and how many. */
    rating: { average: number | null; count: number; drill: DrillDown | null };
    /**
     * Visit time (start to end, hours, one decimal) by the service area of the
     * needs recorded on the visit; a visit with needs in two areas counts in
     * both; `未注明` for visits with none.
     */
    serviceHoursByArea: DashboardFigure[];
  };
  meta: {
    /** Database calls this load made (the pipeline's included): at most 8. */
    roundTrips: number;
  };
}

/** One quota of one station in the district overview (the same engine and policy as the dashboard; no drill, no names). */
export interface OverviewQuota {
  quota: QuotaKey;
  label: string;
  unit: string;
  /** For 学时: workers at the target; otherwise the count or sum (as on the station's dashboard). */
  done: number;
  /** For 学时: the number of workers. */
  target: number;
  status: QuotaStatus;
  forecast: number;
  forecastMonth: number | null;
  reason: string;
}

/** One station's row of the district overview: counts only, never a person. */
export interface OverviewStation {
  stationId: string;
  /** 滨海新区XX街道社会工作服务站 */
  stationName: string;
  /** 塘沽街道, 新城镇, … */
  unitName: string;
  /** `zone`: a station an administrator attached to a development zone's own unit; `other`: unknown kind. */
  unitKind: 'street' | 'township' | 'zone' | 'other';
  /** Place in the notice's order. */
  order: number;
  /** The responsible development zone an administrator attached, or null. */
  zone: { id: string; name: string } | null;
  /** The bureau's record (`record.status` on the station document; absent: 筹建). */
  status: StationStatus;
  statusLabel: string;
  openedDay: string | null;
  /** Active social workers and the head. */
  staff: number;
  /** Of whom qualified (isQualified). */
  qualifiedStaff: number;
  /** The worst of the four quotas. */
  overall: QuotaStatus;
  quotas: Record<QuotaKey, OverviewQuota>;
}

/**
 * A group of stations as the notice groups them: the streets, then the
 * townships (always present); 开发区 / 其他 only when a station is of that kind.
 */
export interface OverviewGroup {
  kind: 'street' | 'township' | 'zone' | 'other';
  /** 街道 / 镇 / 开发区 / 其他 */
  label: string;
  stations: OverviewStation[];
}

/** getDistrictOverview output. */
export interface DistrictOverview {
  year: number;
  asOf: string;
  policy: DashboardPolicy;
  groups: OverviewGroup[];
  /** Stations per overall quota status, and staff totals. */
  totals: {
    stations: number;
    staff: number;
    qualifiedStaff: number;
    byStatus: Record<QuotaStatus, number>;
    byStationStatus: Record<StationStatus, number>;
  };
  meta: { roundTrips: number };
}

/** The actions. */
export const dashboardContract = defineContract('dashboard', {
  getStationDashboard: action<StationDashboard>()({
    input: S.getStationDashboardInput,
    permission: 'dashboard.getStationDashboard',
  }),
  getDistrictOverview: action<DistrictOverview>()({
    input: S.getDistrictOverviewInput,
    permission: 'dashboard.getDistrictOverview',
  }),
});

/** Action names of the dashboard function. */
export type DashboardAction = keyof typeof dashboardContract.actions;
/** Input type per action (as the caller sends it). */
export type DashboardInputs = InputsOf<typeof dashboardContract>;
/** Output type per action. */
export type DashboardOutputs = OutputsOf<typeof dashboardContract>;
