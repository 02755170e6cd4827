import { addDays, beijingDay, formatBeijing } from '@sgz/shared';

/** Whole hours a proposed service time may start at (Beijing): 09:00 to 17:00. */
const FIRST_HOUR = 9;
const LAST_HOUR = 17;

const clock = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/**
 * The service time 安排服务 proposes (Beijing day and time): the next whole hour after
 * `now` within 09:00–17:00, else 09:00 of the next day. Always later than `now`, so the
 * server (which refuses a time not after now) accepts it as proposed.
 */
export function nextScheduleTime(now: Date): { day: string; time: string } {
  const today = beijingDay(now);
  const next = Number(formatBeijing(now, 'H')) + 1;
  if (next < FIRST_HOUR) return { day: today, time: clock(FIRST_HOUR) };
  if (next > LAST_HOUR) return { day: addDays(today, 1), time: clock(FIRST_HOUR) };
  return { day: today, time: clock(next) };
}
