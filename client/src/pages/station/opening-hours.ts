import { WEEKDAY_LABELS, type OpeningHours, type OpeningPeriod } from '@sgz/shared';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const periodsText = (periods: readonly OpeningPeriod[] | undefined): string =>
  (periods ?? []).map((p) => `${p.start}–${p.end}`).join('、');

/** A run of days: 周一 / 周一、周二 / 周一至周五. */
const daysText = (from: number, to: number): string => {
  const a = WEEKDAY_LABELS[DAYS[from]!];
  const b = WEEKDAY_LABELS[DAYS[to]!];
  if (from === to) return a;
  return to === from + 1 ? `${a}、${b}` : `${a}至${b}`;
};

/**
 * The station's weekly opening hours (the ones bookings follow, Beijing time)
 * as one line for residents: consecutive days with the same periods are
 * joined, e.g. 周一至周五 09:00–12:00、14:00–17:00；周六 09:00–11:30.
 * Null when every day is closed.
 */
export function formatOpeningHours(hours: OpeningHours): string | null {
  const parts: string[] = [];
  let i = 0;
  while (i < DAYS.length) {
    const text = periodsText(hours[DAYS[i]!]);
    if (!text) {
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < DAYS.length && periodsText(hours[DAYS[j + 1]!]) === text) j += 1;
    parts.push(`${daysText(i, j)} ${text}`);
    i = j + 1;
  }
  return parts.length > 0 ? parts.join('；') : null;
}
