import { beijingDay, beijingMonth, beijingYear, startOfBeijingDay } from '../calendar';
import type { QuotaStatus, StationQuotas } from './quota';
import { QUOTA_KINDS, worstStatus } from './quota';

/**
 * The monthly quota reminder (issue 13 part 6): which month a firing reports
 * on, which quotas fell behind pace, and the words of the subscribe message.
 * Pure; the `reminders` function counts, judges and sends.
 */

/** Statuses a head is told about. */
export const BEHIND_STATUSES: readonly QuotaStatus[] = ['落后', '有风险'];

/**
 * What a firing at `firedAt` reports on: the Beijing month that has just
 * ended (the trigger runs on the 1st), judged at its last instant; December
 * at the first instant after it, so the run of 1 January reports how the
 * previous year ended (全年未完成), with the year's counts.
 */
export function reminderMonth(firedAt: Date): { month: string; year: number; at: Date; label: string } {
  const dayStart = startOfBeijingDay(firedAt);
  const last = new Date(dayStart.getTime() - 1);
  const year = beijingYear(last);
  const m = beijingMonth(last);
  const month = `${year}-${String(m).padStart(2, '0')}`;
  return { month, year, at: m === 12 ? dayStart : last, label: `${year}年${m}月` };
}

/** One quota behind pace. */
export interface BehindQuota {
  label: string;
  status: QuotaStatus;
  reason: string;
}

/** The quotas of a station behind pace (落后 / 有风险), in the engine's order; empty: all on pace. */
export function behindQuotas(q: StationQuotas): BehindQuota[] {
  const out: BehindQuota[] = [];
  for (const r of [q.completedCases, q.supervisionHours, q.trainingHours, q.qualifiedWorkers]) {
    if (!BEHIND_STATUSES.includes(r.status)) continue;
    out.push({ label: QUOTA_KINDS[r.quota].label, status: r.status, reason: r.reason });
  }
  return out;
}

/** WeChat limits: thing ≤ 20 characters, phrase ≤ 5. */
export const clipText = (s: string, n: number): string => {
  const chars = Array.from(s);
  return chars.length <= n ? s : chars.slice(0, n - 1).join('') + '…';
};

/**
 * The message data (template: thing1 提醒事项, thing2 落后指标, phrase3 进度状态,
 * date4 统计截至, thing5 温馨提示), within WeChat's lengths.
 */
export function reminderData(
  label: string,
  behind: readonly BehindQuota[],
  at: Date,
): Record<string, { value: string }> {
  const worst = worstStatus(behind.map((b) => b.status));
  return {
    thing1: { value: clipText(`${label}指标进度提醒`, 20) },
    thing2: { value: clipText(behind.map((b) => b.label).join('、'), 20) },
    phrase3: { value: clipText(worst, 5) },
    date4: { value: beijingDay(at) },
    thing5: { value: clipText(behind[0]?.reason ?? '请进入小程序查看详情', 20) },
  };
}
