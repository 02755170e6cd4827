import { remindersContract } from '../../../shared/src/contracts/reminders';
import { getCloud, getDb } from '../../_lib/db';
import { createHandler } from '../../_lib/handler';
import { firedAt, isTimerEvent } from '../../ledger/src/timer';
import { runReminders } from './run';

/**
 * The `reminders` cloud function: the monthly quota reminder to station heads
 * (issue 13 part 6; see README.md). Timer only (`monthly`, `0 0 9 1 * * *`:
 * 09:00 Beijing on the 1st). Its contract has no action, so any other event —
 * including a timer-shaped one sent by a mini-program user, who always has an
 * OPENID — gets the pipeline's unknown-action answer without reading anything.
 */
const api = createHandler(remindersContract, {});

export const main = async (event: unknown, context?: Parameters<typeof api>[1]) => {
  if (isTimerEvent(event))
    return { ok: true, data: await runReminders(getCloud(), getDb(), firedAt(event, new Date())) };
  return api(event, context);
};
