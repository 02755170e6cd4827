import { defineContract } from './define';

/**
 * Contract of the `reminders` cloud function: no callable action. It runs
 * only on its timer (`monthly`, 09:00 Beijing on the 1st: the quota reminder
 * to station heads, issue 13 part 6); any call from the mini-program goes
 * through the pipeline and is answered `invalid-argument` (unknown action).
 */
export const remindersContract = defineContract('reminders', {});
