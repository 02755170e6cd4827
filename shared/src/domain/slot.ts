import { beijingDay, formatBeijing, startOfBeijingDay } from '../calendar';

/**
 * Bookable time slots (预约时段) of a station's service item, in Beijing time.
 *
 * A slot is identified by (item, Beijing day, start time) and named
 * deterministically (`<itemId>~<YYYYMMDD>~<HHmm>`), so the function can create
 * its counter document on first booking without a read-then-write, and a
 * slot id sent by the phone can be checked against the item it claims to be of.
 *
 * Pure: `now` is always a parameter; every "which day" decision goes through
 * calendar.ts (the process time zone is never consulted).
 */

/** A time of day in Beijing, `HH:mm` (24 h). */
export type ClockTime = string;

/** One opening period of a day, `[start, end)` in Beijing time. */
export interface OpeningPeriod {
  start: ClockTime;
  end: ClockTime;
}

/**
 * Opening hours per ISO weekday (1 = Monday … 7 = Sunday); a missing or empty
 * day is closed.
 */
export type OpeningHours = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, OpeningPeriod[]>>;

/** Slot rules a station (or the district) configures. */
export interface SlotConfig {
  /** How many Beijing days ahead a resident may book (today + N); default 14. */
  maxDaysAhead: number;
  openingHours: OpeningHours;
}

const WORKDAY: OpeningPeriod[] = [
  { start: '09:00', end: '12:00' },
  { start: '14:00', end: '17:00' },
];

/** Default opening hours until a station sets its own: 周一至周五 9:00–12:00, 14:00–17:00. */
export const DEFAULT_OPENING_HOURS: OpeningHours = {
  1: WORKDAY,
  2: WORKDAY,
  3: WORKDAY,
  4: WORKDAY,
  5: WORKDAY,
};

/** Default booking horizon in days (issue 5: configurable, default 14). */
export const DEFAULT_MAX_DAYS_AHEAD = 14;

/** Default slot rules. */
export const DEFAULT_SLOT_CONFIG: SlotConfig = {
  maxDaysAhead: DEFAULT_MAX_DAYS_AHEAD,
  openingHours: DEFAULT_OPENING_HOURS,
};

/** What a slot needs to know about its service item. */
export interface SlotItem {
  id: string;
  durationMinutes: number;
}

/** A slot of one item: Beijing day and start time, with its instants. */
export interface SlotRef {
  id: string;
  itemId: string;
  /** Beijing day `YYYY-MM-DD`. */
  day: string;
  /** Beijing start time `HH:mm`. */
  start: ClockTime;
  startsAt: Date;
  endsAt: Date;
}

/** Why a slot cannot be booked. */
export type SlotProblem = 'malformed' | 'other-item' | 'past' | 'too-far' | 'closed';

/** Chinese message per slot problem (what to do next); the horizon comes from the config. */
export function slotProblemMessage(
  problem: SlotProblem,
  maxDaysAhead: number = DEFAULT_MAX_DAYS_AHEAD,
): string {
  switch (problem) {
    case 'malformed':
      return '预约时段格式不对，请重新选择时段';
    case 'other-item':
      return '所选时段不属于该社工站的这个服务项目，请重新选择时段';
    case 'past':
      return '该时段已经开始或已过去，请选择其他时段';
    case 'too-far':
      return `只能预约今天起 ${maxDaysAhead} 天内的时段，请选择更近的日期`;
    case 'closed':
      return '该时段不在社工站服务时间内，请选择其他时段';
  }
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MS_PER_MINUTE = 60_000;

/** Minutes since midnight of `HH:mm`, or null when malformed. */
export function minutesOf(time: string): number | null {
  const m = TIME_RE.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

const clock = (minutes: number): ClockTime =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** True when `day` is a real calendar date `YYYY-MM-DD`. */
export function isCalendarDay(day: string): boolean {
  const m = DAY_RE.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** Calendar arithmetic on `YYYY-MM-DD` strings (zone-free: a date label plus n days). */
export function addDays(day: string, n: number): string {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`bad day ${day}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n));
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => Date.parse(`${s}T00:00:00Z`);
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/**
 * The instant Beijing day `day` begins. Noon UTC of the date label always
 * falls inside that Beijing day (UTC+8), and calendar.ts finds its start.
 */
export function beijingDayStart(day: string): Date {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`bad day ${day}`);
  return startOfBeijingDay(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)));
}

/** ISO weekday (1 = Monday … 7 = Sunday) of Beijing day `day`. */
export function isoWeekday(day: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const d = Number(formatBeijing(beijingDayStart(day), 'd')); // 0 = Sunday
  return (d === 0 ? 7 : d) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** The deterministic id of a slot: `<itemId>~<YYYYMMDD>~<HHmm>`. */
export const slotIdOf = (itemId: string, day: string, start: ClockTime): string =>
  `${itemId}~${day.replace(/-/g, '')}~${start.replace(':', '')}`;

/** Parses a slot id into item, day and start; null when malformed (not a real date or time). */
export function parseSlotId(id: string): { itemId: string; day: string; start: ClockTime } | null {
  const m = /^([A-Za-z0-9_-]{1,64})~(\d{4})(\d{2})(\d{2})~(\d{2})(\d{2})$/.exec(id);
  if (!m) return null;
  const day = `${m[2]}-${m[3]}-${m[4]}`;
  const start = `${m[5]}:${m[6]}`;
  if (!isCalendarDay(day) || minutesOf(start) === null) return null;
  return { itemId: m[1], day, start };
}

/** Builds the slot of `item` on Beijing `day` at `start` (no rule checked). */
export function slotOf(item: SlotItem, day: string, start: ClockTime): SlotRef {
  const minutes = minutesOf(start);
  if (minutes === null) throw new RangeError(`bad time ${start}`);
  const startsAt = new Date(beijingDayStart(day).getTime() + minutes * MS_PER_MINUTE);
  return {
    id: slotIdOf(item.id, day, start),
    itemId: item.id,
    day,
    start,
    startsAt,
    endsAt: new Date(startsAt.getTime() + item.durationMinutes * MS_PER_MINUTE),
  };
}

/**
 * Start times of `item` on Beijing `day`: each opening period cut into
 * back-to-back slots of the item's duration that end within the period.
 */
export function slotStartsOn(day: string, item: SlotItem, hours: OpeningHours): ClockTime[] {
  const periods = hours[isoWeekday(day)] ?? [];
  const starts: ClockTime[] = [];
  if (!(item.durationMinutes > 0)) return starts;
  for (const p of periods) {
    const from = minutesOf(p.start);
    const to = minutesOf(p.end);
    if (from === null || to === null) continue;
    for (let t = from; t + item.durationMinutes <= to; t += item.durationMinutes) starts.push(clock(t));
  }
  return starts;
}

/** Today's Beijing day and the last bookable day at `now`. */
export function bookingWindow(now: Date, config: SlotConfig): { today: string; lastDay: string } {
  const today = beijingDay(now);
  return { today, lastDay: addDays(today, config.maxDaysAhead) };
}

/**
 * Checks that a resident may book slot `slotId` of `item` at `now`: a real
 * slot of this item, not started yet, within today + maxDaysAhead (Beijing
 * days), and one of the item's slots inside the opening hours.
 */
export function checkBookableSlot(
  slotId: string,
  item: SlotItem,
  now: Date,
  config: SlotConfig = DEFAULT_SLOT_CONFIG,
): { ok: true; slot: SlotRef } | { ok: false; problem: SlotProblem } {
  const parsed = parseSlotId(slotId);
  if (!parsed) return { ok: false, problem: 'malformed' };
  if (parsed.itemId !== item.id) return { ok: false, problem: 'other-item' };
  const slot = slotOf(item, parsed.day, parsed.start);
  if (slot.startsAt.getTime() <= now.getTime()) return { ok: false, problem: 'past' };
  const { lastDay } = bookingWindow(now, config);
  if (daysBetween(lastDay, parsed.day) > 0) return { ok: false, problem: 'too-far' };
  if (!slotStartsOn(parsed.day, item, config.openingHours).includes(parsed.start)) {
    return { ok: false, problem: 'closed' };
  }
  return { ok: true, slot };
}

/**
 * The bookable slots of `item` from `now` on, in order, at most `limit`
 * (not yet started, within the window, inside opening hours). Capacity is
 * the caller's business: it filters these by the counters in the database.
 * `fromDay` (Beijing) skips earlier days.
 */
export function upcomingSlots(
  item: SlotItem,
  now: Date,
  limit: number,
  config: SlotConfig = DEFAULT_SLOT_CONFIG,
  fromDay?: string,
): SlotRef[] {
  const { today, lastDay } = bookingWindow(now, config);
  const out: SlotRef[] = [];
  let day = fromDay && daysBetween(today, fromDay) > 0 ? fromDay : today;
  while (daysBetween(day, lastDay) >= 0 && out.length < limit) {
    for (const start of slotStartsOn(day, item, config.openingHours)) {
      const slot = slotOf(item, day, start);
      if (slot.startsAt.getTime() > now.getTime()) out.push(slot);
      if (out.length >= limit) break;
    }
    day = addDays(day, 1);
  }
  return out;
}

/** The name of each ISO weekday (1 = Monday … 7 = Sunday), the same on every screen and message: 周日, never 星期日 / 周天. */
export const WEEKDAY_LABELS = {
  1: '周一',
  2: '周二',
  3: '周三',
  4: '周四',
  5: '周五',
  6: '周六',
  7: '周日',
} as const satisfies Record<1 | 2 | 3 | 4 | 5 | 6 | 7, string>;

/** Bounds of opening hours a station may set: a day between 06:00 and 22:00, at most 4 periods. */
export const OPENING_BOUNDS = { earliest: '06:00', latest: '22:00', maxPeriodsPerDay: 4 } as const;

/**
 * Why a set of opening hours is refused (Chinese, what to fix), or null when
 * valid: well-formed times, start before end, within 06:00–22:00, periods in
 * order and not overlapping, at most 4 a day.
 */
export function openingHoursProblem(hours: OpeningHours): string | null {
  const earliest = minutesOf(OPENING_BOUNDS.earliest) as number;
  const latest = minutesOf(OPENING_BOUNDS.latest) as number;
  for (const [day, periods] of Object.entries(hours)) {
    if (!periods) continue;
    if (periods.length > OPENING_BOUNDS.maxPeriodsPerDay)
      return `每天最多设置 ${OPENING_BOUNDS.maxPeriodsPerDay} 个服务时段`;
    let previousEnd = -1;
    for (const p of periods) {
      const from = minutesOf(p.start);
      const to = minutesOf(p.end);
      if (from === null || to === null) return '服务时间格式不对，请按“09:00”的格式填写';
      if (from >= to)
        return `${WEEKDAY_LABELS[Number(day) as keyof typeof WEEKDAY_LABELS] ?? ''}的服务时段开始时间需早于结束时间`;
      if (from < earliest || to > latest)
        return `服务时间需在 ${OPENING_BOUNDS.earliest} 到 ${OPENING_BOUNDS.latest} 之间`;
      if (from < previousEnd) return '同一天的服务时段请按时间先后填写，且不要重叠';
      previousEnd = to;
    }
  }
  return null;
}
