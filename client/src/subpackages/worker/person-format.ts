import type { DueBucket, RiskTier } from '@sgz/shared';

/** Weekday names, Sunday first (getUTCDay). */
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Weekday of a `YYYY-MM-DD` label (zone-free: the label is read as a calendar day). */
export function weekdayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()]!;
}

/** `11月27日` of a `YYYY-MM-DD` label. */
export function monthDay(day: string): string {
  const [, m, d] = day.split('-').map(Number);
  return `${m}月${d}日`;
}

/**
 * When a visit is due, in words: 逾期 3 天, 今天, a weekday within 本周 (周四),
 * a date later on, 未排期 without a due day. Uses the server's bucket and day
 * count (computed for the Beijing day of the call), never the phone's clock.
 */
export function dueWords(p: {
  due: DueBucket | null;
  daysOverdue: number;
  nextDueDay: string | null;
}): string {
  if (p.due === 'overdue') return `逾期 ${p.daysOverdue} 天`;
  if (p.due === 'today') return '今天';
  if (!p.nextDueDay) return '未排期';
  if (p.due === 'week') return weekdayOf(p.nextDueDay);
  return monthDay(p.nextDueDay);
}

/** A symbol per risk tier so it is never told by colour alone. */
const RISK_SYMBOLS: Record<RiskTier, string> = { 高风险: '▲', 重点: '◆', 一般: '○' };
/** CSS modifier per tier (colour). */
const RISK_CLASSES: Record<RiskTier, string> = { 高风险: 'high', 重点: 'focus', 一般: 'normal' };

/** `▲ 高风险` and its colour class. */
export const riskText = (r: RiskTier): string => `${RISK_SYMBOLS[r]} ${r}`;
/** `pf-risk pf-risk--high`. */
export const riskClass = (r: RiskTier): string => `pf-risk pf-risk--${RISK_CLASSES[r]}`;
