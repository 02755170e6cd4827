import { getCloud } from '../../_lib/db';

/**
 * Timer events (config.json `triggers`): `{ Type: 'Timer', TriggerName, Time,
 * Message }` with no OPENID. A mini-program user can send any event, even
 * one shaped like this, but never without an OPENID (WeChat sets it), so an
 * event counts as a timer's only when both hold. Anything else goes to the
 * contract's pipeline (which answers an unknown action).
 */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** The scheduled instant (`YYYY-MM-DDTHH:mm:ssZ`). */
  Time: string;
}

/** True for a timer firing (no WeChat user behind it). */
export function isTimerEvent(event: unknown): event is TimerEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  if (e.Type !== 'Timer' || typeof e.TriggerName !== 'string') return false;
  const wx = getCloud().getWXContext() as { OPENID?: unknown };
  return typeof wx.OPENID !== 'string' || wx.OPENID === '';
}

/** The firing's instant (its `Time`), or `fallback` when absent or malformed. */
export function firedAt(event: TimerEvent, fallback: Date): Date {
  const t = typeof event.Time === 'string' ? Date.parse(event.Time) : NaN;
  return Number.isNaN(t) ? fallback : new Date(t);
}
