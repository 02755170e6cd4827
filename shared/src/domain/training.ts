import type { CertificateKind, Qualification } from './account';
import { isHalfHourSteps } from './supervision';

/**
 * Training records (学时, continuing education; issue 12), as pure data and
 * rules.
 *
 * 《社会工作者继续教育办法》 (民发〔2009〕123号) art. 7: per 3-year registration
 * period at least 72 h for 助理社会工作师 and 90 h for 社会工作师 / 高级社会工作师;
 * certified training counts at its actual hours; a completed degree (学历)
 * counts once as 90 h. The notice's 30 学时 per worker per year is a local
 * annual floor (90 ÷ 3) that applies to every worker, the holders of the
 * Tianjin 社会工作员 certificate included (they have no art. 7 period).
 *
 * Rules we chose (docs/decisions.md):
 * - A record counts in the Beijing year of its END day (training that spans
 *   New Year counts when it is completed) and in the registration period
 *   containing that day.
 * - 学时 follow the WORKER, not the station: a worker who changes station keeps
 *   every hour; the record keeps the station the worker was at when it was
 *   recorded (that head confirms it, that station's ledger lists it).
 * - Only confirmed records count.
 * - A 学历 record counts as 90 h (whatever hours it states), and only ONE such
 *   record counts per year and per registration period.
 */

/** The notice's five kinds of training. */
export const TRAINING_KINDS = ['岗前', '督导培训', '继续教育', '实务', '政策法规'] as const;
/** One of {@link TRAINING_KINDS}. */
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** How it was taken: in person, online, or a degree course (学历教育). */
export const TRAINING_FORMS = ['面授', '线上', '学历'] as const;
/** One of {@link TRAINING_FORMS}. */
export type TrainingForm = (typeof TRAINING_FORMS)[number];

/** A record's state: waiting for the head, confirmed, or returned with a reason. */
export const TRAINING_STATUSES = ['pending', 'confirmed', 'returned'] as const;
/** One of {@link TRAINING_STATUSES}. */
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];
/** Chinese labels of {@link TRAINING_STATUSES}. */
export const TRAINING_STATUS_LABELS: Record<TrainingStatus, string> = {
  pending: '待站长确认',
  confirmed: '已确认',
  returned: '已退回',
};

/** Hours a completed degree counts for (art. 7), once. */
export const DEGREE_HOURS = 90;
/** Length of a registration period, years. */
export const REGISTRATION_PERIOD_YEARS = 3;
/** A registration period ending within this many days is flagged. */
export const PERIOD_END_WARNING_DAYS = 90;

/** Sizes of a training record. */
export const TRAINING_LIMITS = {
  /** Largest hours of one record. */
  maxHours: 500,
  shortChars: 100,
  reasonChars: 200,
  maxVersion: 100_000,
} as const;

/** The art. 7 hours per registration period for a certificate kind (null: no period quota). */
export const periodQuotaOf = (kind: CertificateKind): number | null =>
  kind === '助理社会工作师' ? 72 : kind === '社会工作师' || kind === '高级社会工作师' ? 90 : null;

/** True when `hours` is a valid amount of 学时: positive half-hour steps up to the maximum. */
export const isValidTrainingHours = (hours: number): boolean =>
  isHalfHourSteps(hours) && hours <= TRAINING_LIMITS.maxHours;

// --------------------------------------------------------------- calendar days

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `day` shifted by whole years and days (pure calendar arithmetic on `YYYY-MM-DD`, TZ-free). */
export function shiftDay(day: string, years: number, days = 0): string {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`bad day ${day}`);
  // Date.UTC rolls 29 February into 1 March in a common year.
  const d = new Date(Date.UTC(Number(m[1]) + years, Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysFromTo(a: string, b: string): number {
  const t = (s: string) => {
    const m = DAY_RE.exec(s);
    if (!m) throw new RangeError(`bad day ${s}`);
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  };
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** The Beijing year a record counts in: the year of its end day. */
export const trainingYear = (endDay: string): number => Number(endDay.slice(0, 4));

// ---------------------------------------------------------- registration period

/** A registration period of Beijing days, both ends inclusive. */
export interface RegistrationPeriod {
  from: string;
  to: string;
  /** 1 for the first period after registration, 2 for the next, … */
  index: number;
  quota: number;
  /** Days left including today (0 when it ends today). */
  daysLeft: number;
  /** The period ends within {@link PERIOD_END_WARNING_DAYS} days. */
  endingSoon: boolean;
}

/**
 * The registration period containing `today` for a qualification: 3-year
 * periods counted from `registeredOn` (注册登记 day). Null when the kind has no
 * art. 7 quota (天津市社会工作员证书), the certificate is not registered, or
 * `today` is before the registration.
 */
export function currentRegistrationPeriod(
  q: Pick<Qualification, 'kind' | 'registrationStatus' | 'registeredOn'> | null,
  today: string,
): RegistrationPeriod | null {
  if (!q || q.registrationStatus !== 'registered' || !q.registeredOn) return null;
  const quota = periodQuotaOf(q.kind);
  if (quota === null || today < q.registeredOn) return null;
  const years = Number(today.slice(0, 4)) - Number(q.registeredOn.slice(0, 4));
  let k = Math.max(0, Math.floor(years / REGISTRATION_PERIOD_YEARS) - 1);
  while (shiftDay(q.registeredOn, (k + 1) * REGISTRATION_PERIOD_YEARS) <= today) k += 1;
  const from = shiftDay(q.registeredOn, k * REGISTRATION_PERIOD_YEARS);
  const to = shiftDay(q.registeredOn, (k + 1) * REGISTRATION_PERIOD_YEARS, -1);
  const daysLeft = daysFromTo(today, to);
  return { from, to, index: k + 1, quota, daysLeft, endingSoon: daysLeft <= PERIOD_END_WARNING_DAYS };
}

// ------------------------------------------------------------------ counting

/** What counting needs of a record. */
export interface CountedRecord {
  workerId: string;
  status: TrainingStatus;
  form: TrainingForm;
  hours: number;
  endDay: string;
}

/** Hours that count among `records` (already filtered to one worker and span): degrees once as 90. */
function countHours(records: readonly CountedRecord[]): number {
  const confirmed = records.filter((r) => r.status === 'confirmed');
  const plain = confirmed.filter((r) => r.form !== '学历').reduce((s, r) => s + r.hours, 0);
  const degree = confirmed.some((r) => r.form === '学历') ? DEGREE_HOURS : 0;
  return plain + degree;
}

/**
 * The counted 学时 of `workerId` in Beijing `year` (by end day), whatever
 * station each record was made at. The pure statement of the database sums.
 */
export const workerYearHours = (records: readonly CountedRecord[], workerId: string, year: number): number =>
  countHours(records.filter((r) => r.workerId === workerId && trainingYear(r.endDay) === year));

/** The counted 学时 of `workerId` within `[from, to]` (by end day). */
export const workerPeriodHours = (
  records: readonly CountedRecord[],
  workerId: string,
  from: string,
  to: string,
): number => countHours(records.filter((r) => r.workerId === workerId && r.endDay >= from && r.endDay <= to));

/** Combines database sums into counted hours: plain hours + 90 once when any degree is confirmed. */
export const combineHours = (plainHours: number, degreeCount: number): number =>
  plainHours + (degreeCount > 0 ? DEGREE_HOURS : 0);

/** Checks a record's days and hours against `today` (Beijing): a problem or null. */
export function checkTrainingDays(
  r: { startDay: string; endDay: string; hours: number },
  today: string,
): { field: string; message: string } | null {
  if (!isValidTrainingHours(r.hours))
    return {
      field: 'hours',
      message: `学时请按半小时填写，大于 0 且不超过 ${TRAINING_LIMITS.maxHours}，例如 1.5`,
    };
  if (r.endDay < r.startDay) return { field: 'endDay', message: '结束日期不能早于开始日期，请检查' };
  if (r.endDay > today) return { field: 'endDay', message: '培训还没有结束，请在结束后再记录' };
  return null;
}

/** The folder the phone uploads a training record's certificate photo to (outbox attachment path). */
export const trainingUploadDir = (recordId: string): string => `outbox/training/${recordId}/`;

/**
 * True when `fileId` is a file of training record `recordId`:
 * `cloud://<env>/outbox/training/<id>/<n>[.<ext>]` (a fileId elsewhere is refused).
 */
export function isTrainingFile(fileId: string, recordId: string): boolean {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  const path = m?.[1];
  const dir = trainingUploadDir(recordId);
  if (!path || !path.startsWith(dir)) return false;
  return /^\d{1,2}(\.[A-Za-z0-9]{1,5})?$/.test(path.slice(dir.length));
}

/**
 * Why a worker has no current registration period (shown instead of the
 * period's 学时), or null when `period` exists.
 */
export function registrationPeriodNote(
  q: Pick<Qualification, 'kind' | 'registrationStatus' | 'registeredOn'> | null,
  period: RegistrationPeriod | null,
  /** The year's 学时 target per worker (the quota policy in force). */
  yearTarget: number,
): string | null {
  if (period) return null;
  if (!q) return '未填写职业资格证书，无法计算注册周期';
  if (q.kind === '天津市社会工作员证书')
    return `天津市社会工作员证书不设三年注册周期学时要求，按每年 ${yearTarget} 学时计算`;
  if (q.registrationStatus !== 'registered' || !q.registeredOn)
    return '证书未注册登记或未填写登记日期，无法计算注册周期';
  return '注册登记日期晚于今天，无法计算注册周期';
}
