import { getCloud, getDb } from '../../_lib/db';
import { firedAt, isTimerEvent } from '../../ledger/src/timer';
import { runReminders } from './run';

/**
 * The `reminders` cloud function: the monthly quota reminder to station heads
 * (issue 13 part 6; see README.md). Timer only (`monthly`, `0 0 9 1 * * *`:
 * 09:00 Beijing on the 1st); it has no callable action, so any other event —
 * including a timer-shaped one sent by a mini-program user, who always has an
 * OPENID — is refused without reading anything.
 */
export const main = async (event: unknown) => {
  if (!isTimerEvent(event)) {
    return { ok: false, error: { code: 'invalid-argument', message: '不支持的操作，请更新小程序后再试' } };
  }
  return { ok: true, data: await runReminders(getCloud(), getDb(), firedAt(event, new Date())) };
};
