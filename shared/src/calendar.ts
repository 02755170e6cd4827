import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

// The district lives in Asia/Shanghai while cloud functions run in UTC: every
// "which day / month / year" decision goes through this file, never through
// Date#getFullYear() and friends, which follow the process's TZ.
dayjs.extend(utc);
dayjs.extend(timezone);

/** The district's time zone (no DST since 1991, but we let the tz database say so). */
export const DISTRICT_TZ = 'Asia/Shanghai';

/** A half-open range of instants `[start, end)`. */
export interface InstantRange {
  start: Date;
  end: Date;
}

const inBeijing = (now: Date) => dayjs(now).tz(DISTRICT_TZ);

/** The Beijing calendar day of `now` as `YYYY-MM-DD`. */
export const beijingDay = (now: Date): string => inBeijing(now).format('YYYY-MM-DD');

/** The Beijing calendar year of `now` (e.g. 2026). */
export const beijingYear = (now: Date): number => inBeijing(now).year();

/** The Beijing calendar month of `now`, 1–12. */
export const beijingMonth = (now: Date): number => inBeijing(now).month() + 1;

/** The instant Beijing's day containing `now` began (00:00 Beijing = 16:00 UTC the day before). */
export const startOfBeijingDay = (now: Date): Date => inBeijing(now).startOf('day').toDate();

/** `now` formatted in Beijing time with a dayjs pattern (default `YYYY-MM-DD HH:mm`). */
export const formatBeijing = (now: Date, pattern = 'YYYY-MM-DD HH:mm'): string =>
  inBeijing(now).format(pattern);

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Guards year/month arguments: a bad one would otherwise give an Invalid Date silently. */
const checkYearMonth = (year: number, month = 1): void => {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new RangeError(`bad year ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`bad month ${month}`);
};

/** The Beijing calendar year `year` as UTC instants `[start, end)`. */
export const beijingYearRange = (year: number): InstantRange => {
  checkYearMonth(year);
  const start = dayjs.tz(`${year}-01-01 00:00:00`, DISTRICT_TZ);
  return { start: start.toDate(), end: start.add(1, 'year').toDate() };
};

/** The Beijing calendar month (`month` 1–12) as UTC instants `[start, end)`. */
export const beijingMonthRange = (year: number, month: number): InstantRange => {
  checkYearMonth(year, month);
  const start = dayjs.tz(`${year}-${pad2(month)}-01 00:00:00`, DISTRICT_TZ);
  return { start: start.toDate(), end: start.add(1, 'month').toDate() };
};

/**
 * Share of the Beijing year `year` gone by at `now`, between 0 and 1 (pro-rata
 * pace for annual quotas: a quota of 30 is "on pace" at 15 half-way through).
 * Defaults to the year `now` is in; before the year 0, after it 1.
 */
export const yearElapsedShare = (now: Date, year: number = beijingYear(now)): number => {
  const { start, end } = beijingYearRange(year);
  const share = (now.getTime() - start.getTime()) / (end.getTime() - start.getTime());
  return Math.min(1, Math.max(0, share));
};

/** The pro-rata target at `now` for an annual `quota` (e.g. 30 学时 → 15 at mid-year), not rounded. */
export const proRataTarget = (quota: number, now: Date, year?: number): number =>
  quota * yearElapsedShare(now, year);
