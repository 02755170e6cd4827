import { COLLECTIONS } from '../../../shared/src/collections';
import type { DB } from '../../_lib/db';
import * as store from '../../_lib/store';

/**
 * The reminders' own writes: `reminder_runs`, one document per (month,
 * station), `_id` = `<YYYY-MM>:<stationId>`. Claimed (inserted) before the
 * station is judged and told, so a trigger fired again the same month finds
 * it and sends nothing. Reads of stations, heads and counts are the ledger's
 * repo (cloudfunctions/ledger/src/repo.ts).
 */

/** The run record id of a station's month. */
export const runId = (month: string, stationId: string): string => `${month}:${stationId}`;

/** Claims a station's month; false when it was claimed before (this month's run already did it). */
export async function claim(db: DB, month: string, stationId: string, now: Date): Promise<boolean> {
  const r = await store.insertWithId(
    db,
    COLLECTIONS.reminderRuns,
    runId(month, stationId),
    { month, stationId, status: 'claimed', claimedAt: now },
    () => true,
  );
  return r.status === 'inserted';
}

/** Records what was done for the station. */
export const finish = (
  db: DB,
  month: string,
  stationId: string,
  patch: Record<string, unknown>,
): Promise<boolean> => store.updateById(db, COLLECTIONS.reminderRuns, runId(month, stationId), patch);
