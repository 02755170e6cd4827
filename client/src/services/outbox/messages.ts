/**
 * What the outbox says to the worker (Simplified Chinese, saying what to do).
 * Pages show these; the texts live here so every feature says the same.
 */
import { DAY_MS, type OutboxSnapshot } from './outbox';
import type { StorageUsage } from './storage-api';

/** Shown where records are written (and on 我的): unsent records exist only on this phone. */
export const DELETE_WARNING =
  '未同步的记录只保存在这台手机上：删除小程序（或清除微信数据）会同时删除它们。删除前请先连网，等“待同步”变为 0。';

/** The home's badge: 待同步 N. */
export const pendingLabel = (pending: number): string => `待同步 ${pending}`;

/** True when something has waited for the server for more than 24 h. */
export const isOverdue = (snapshot: Pick<OutboxSnapshot, 'oldestPendingSince'>, now: number): boolean =>
  snapshot.oldestPendingSince !== null && now - snapshot.oldestPendingSince > DAY_MS;

export const OVERDUE_WARNING = '有记录超过 24 小时还没同步，请连上网络后点“立即同步”。';

/** The storage warning, or null while there is room. */
export function usageWarning(usage: StorageUsage): string | null {
  const percent = Math.round((usage.usedBytes / usage.budgetBytes) * 100);
  if (usage.level === 'full')
    return `手机上的待同步记录已占用微信存储的 ${percent}%，新记录暂时存不下。请马上连网同步。`;
  if (usage.level === 'warn') return `手机上的待同步记录已占用微信存储的 ${percent}%，请尽快连网同步。`;
  return null;
}

/** The most urgent warning for the home, or null. */
export function outboxWarning(snapshot: OutboxSnapshot, now: number): string | null {
  return usageWarning(snapshot.usage) ?? (isOverdue(snapshot, now) ? OVERDUE_WARNING : null);
}
