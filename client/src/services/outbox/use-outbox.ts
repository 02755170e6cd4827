import { useDidShow } from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { isOverdue, outboxWarning } from './messages';
import type { Outbox, OutboxSnapshot } from './outbox';

export interface OutboxView extends OutboxSnapshot {
  /** Something has waited over 24 h. */
  overdue: boolean;
  /** The warning to show (storage nearly full, or overdue), or null. */
  warning: string | null;
}

/**
 * The outbox's counts for a page (待同步 N, per-item status, warnings), updated
 * as items move. By default the page's show flushes the outbox (a page show is
 * one of the moments the outbox tries to send).
 */
export function useOutbox(outbox: Outbox, options: { flushOnShow?: boolean } = {}): OutboxView {
  const snapshot = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot, outbox.getSnapshot);
  const flushOnShow = options.flushOnShow ?? true;
  useDidShow(() => {
    if (flushOnShow) void outbox.flush('show');
  });
  const now = outbox.now();
  return { ...snapshot, overdue: isOverdue(snapshot, now), warning: outboxWarning(snapshot, now) };
}
