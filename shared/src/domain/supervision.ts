import { beijingDay, beijingYear } from '../calendar';

/**
 * Professional supervision (专业督导, issue 12), as pure data and rules.
 *
 * Standard: MZ/T 166-2021 《社会工作督导指南》. The notice (区民政局, 2022) asks
 * each station for at least 30 hours of supervision a year. A session is
 * recorded by the supervisor and confirmed (or disputed, with a reason) by
 * the head of EACH station it lists; only confirmed stations count.
 *
 * Counting rule (docs/decisions.md): a session's hours count ONCE for each
 * station present, never multiplied by the number of people. A group session
 * of 2 h with three stations gives each of the three stations 2 h. The
 * database holds one `supervision_confirmations` row per (session, station)
 * carrying the session's hours, its Beijing year and the station's status, so
 * a station's year is one sum over those rows.
 */

/** Who the supervisor is: internal to an operator, external (外聘), the district team. */
export const SUPERVISOR_KINDS = ['internal', 'external', 'district'] as const;
/** One of {@link SUPERVISOR_KINDS}. */
export type SupervisorKind = (typeof SUPERVISOR_KINDS)[number];
/** Chinese labels of {@link SUPERVISOR_KINDS}. */
export const SUPERVISOR_KIND_LABELS: Record<SupervisorKind, string> = {
  internal: '机构内部督导',
  external: '外聘督导',
  district: '区级督导团队',
};

/** Forms of a session (个别 one to one, 团体 group, 现场 on site, 线上 online). */
export const SUPERVISION_FORMS = ['个别', '团体', '现场', '线上'] as const;
/** One of {@link SUPERVISION_FORMS}. */
export type SupervisionForm = (typeof SUPERVISION_FORMS)[number];

/** A station's answer to a session that lists it. */
export const CONFIRMATION_STATUSES = ['pending', 'confirmed', 'disputed'] as const;
/** One of {@link CONFIRMATION_STATUSES}. */
export type ConfirmationStatus = (typeof CONFIRMATION_STATUSES)[number];
/** Chinese labels of {@link CONFIRMATION_STATUSES}. */
export const CONFIRMATION_LABELS: Record<ConfirmationStatus, string> = {
  pending: '待确认',
  confirmed: '已确认',
  disputed: '有异议',
};

/** Sizes of a session record (one call's JSON stays small). */
export const SUPERVISION_LIMITS = {
  stations: 10,
  workers: 30,
  topics: 10,
  cases: 20,
  actionItems: 10,
  /** Longest session, clock time. */
  maxHours: 12,
  shortChars: 100,
  longChars: 1000,
  reasonChars: 200,
  maxVersion: 100_000,
} as const;

// ----------------------------------------------------------- assignments

/** A supervisor's assignment to a station for a period of Beijing days (`to` inclusive; null: open). */
export interface SupervisorAssignment {
  id: string;
  supervisorId: string;
  stationId: string;
  kind: SupervisorKind;
  /** First day, `YYYY-MM-DD` (Beijing). */
  from: string;
  /** Last day (inclusive), or null while open. */
  to: string | null;
}

/** True when `a` is active on Beijing day `day` (`from ≤ day ≤ to`). Days compare as strings. */
export const isAssignmentActive = (a: Pick<SupervisorAssignment, 'from' | 'to'>, day: string): boolean =>
  a.from <= day && (a.to === null || day <= a.to);

/** The stations of the assignments active on `day`, deduplicated, sorted. */
export const activeStationIds = (
  assignments: ReadonlyArray<Pick<SupervisorAssignment, 'stationId' | 'from' | 'to'>>,
  day: string,
): string[] =>
  [...new Set(assignments.filter((a) => isAssignmentActive(a, day)).map((a) => a.stationId))].sort();

// ------------------------------------------------------------------ hours

/** True when `hours` is positive and a whole number of half hours (0.5, 1, 1.5, …). */
export const isHalfHourSteps = (hours: number): boolean =>
  Number.isFinite(hours) && hours > 0 && Number.isInteger(hours * 2);

/** Clock hours between two instants (may be fractional). */
export const clockHours = (startAt: Date, endAt: Date): number =>
  (endAt.getTime() - startAt.getTime()) / 3600_000;

/** The Beijing year a session counts in: the year of its start, in Beijing (never the process TZ). */
export const sessionYear = (startAt: Date): number => beijingYear(startAt);

/** A problem with a session's times or hours: the field and the Chinese message. */
export interface TimesProblem {
  field: string;
  message: string;
}

/** Tolerance for a phone clock a little ahead of the server. */
export const CLOCK_SKEW_MS = 15 * 60_000;

/**
 * Checks a session's times against each other and against `now` (the
 * pipeline's clock): end after start, at most {@link SUPERVISION_LIMITS.maxHours},
 * hours in half-hour steps and not more than the clock span, not in the
 * future (Beijing day of the start not after today, end not after now).
 */
export function checkSessionTimes(
  s: { startAt: Date; endAt: Date; hours: number },
  now: Date,
): TimesProblem | null {
  if (!isHalfHourSteps(s.hours)) return { field: 'hours', message: '督导时长请按半小时填写，例如 1.5 小时' };
  if (s.endAt.getTime() <= s.startAt.getTime())
    return { field: 'endAt', message: '结束时间必须晚于开始时间，请检查' };
  const span = clockHours(s.startAt, s.endAt);
  if (span > SUPERVISION_LIMITS.maxHours)
    return {
      field: 'endAt',
      message: `一次督导不能超过 ${SUPERVISION_LIMITS.maxHours} 小时，请检查开始和结束时间`,
    };
  if (s.hours > span) return { field: 'hours', message: '督导时长不能超过开始到结束的时间，请检查' };
  if (beijingDay(s.startAt) > beijingDay(now))
    return { field: 'startAt', message: '督导日期不能晚于今天，请检查' };
  if (s.endAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    return { field: 'endAt', message: '结束时间晚于现在，请在督导结束后再记录' };
  return null;
}

// ----------------------------------------------------------- confirmation

/** One (session, station) row: what a station's count sums. */
export interface ConfirmationRow {
  sessionId: string;
  stationId: string;
  supervisorId: string;
  /** The session's hours (the same on every row of the session). */
  hours: number;
  /** Beijing year of the session. */
  year: number;
  /** Beijing day of the session. */
  day: string;
  status: ConfirmationStatus;
}

/** The id of the confirmation row of `sessionId` at `stationId` (client ids have no `_`). */
export const confirmationId = (sessionId: string, stationId: string): string => `${sessionId}_${stationId}`;

/** The rows a new session creates: one per station present, each pending, each with the session's hours. */
export function confirmationRows(s: {
  id: string;
  supervisorId: string;
  stationIds: readonly string[];
  hours: number;
  startAt: Date;
}): ConfirmationRow[] {
  return [...new Set(s.stationIds)].map((stationId) => ({
    sessionId: s.id,
    stationId,
    supervisorId: s.supervisorId,
    hours: s.hours,
    year: sessionYear(s.startAt),
    day: beijingDay(s.startAt),
    status: 'pending',
  }));
}

/**
 * The supervision hours of `stationId` in `year`: the sum of its CONFIRMED
 * rows (the pure statement of the database sum the function runs).
 */
export const stationSupervisionHours = (
  rows: ReadonlyArray<Pick<ConfirmationRow, 'stationId' | 'year' | 'status' | 'hours'>>,
  stationId: string,
  year: number,
): number =>
  rows
    .filter((r) => r.stationId === stationId && r.year === year && r.status === 'confirmed')
    .reduce((sum, r) => sum + r.hours, 0);

/** Where a station stands against the yearly supervision quota. */
export interface QuotaStanding {
  hours: number;
  quota: number;
  /** Hours still missing (0 once met). */
  missing: number;
  met: boolean;
}

/** {@link QuotaStanding} of `hours` against `quota`. */
export const quotaStanding = (hours: number, quota: number): QuotaStanding => ({
  hours,
  quota,
  missing: Math.max(0, quota - hours),
  met: hours >= quota,
});
