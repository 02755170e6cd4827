import type { DB } from '../../_lib/db';
import { dateOf } from './dto';
import * as repo from './repo';

/**
 * Places held for requests that were never saved.
 *
 * createRequest takes the place first (the holder is the request id) and
 * saves the request second. A function that dies between the two writes
 * (timeout, crash, redeploy) leaves a holder with no request: the place
 * would stay taken for good unless the same id is retried. So when a slot
 * is full, createRequest calls {@link reclaimOrphanPlaces}: a holder older
 * than {@link ORPHAN_GRACE_MS} whose id has no request gets a tombstone in
 * `requests` under that id (an insert: it either wins the id for good or
 * finds the real request that won it), and only a tombstoned holder's place
 * is given back (the usual conditional release, so at most once). A late
 * retry of that id then finds the tombstone and is told to submit again; it
 * can never save a request without a place.
 */

/**
 * How old a holder must be before it counts as orphaned: well past the
 * function's 20 s timeout (config.json), after which the call that took the
 * place cannot be alive to save its request.
 */
export const ORPHAN_GRACE_MS = 2 * 60_000;

/**
 * Holders that took their place before `now - graceMs` (pure). A holder with
 * no recorded time was taken before times were kept, so it is old.
 */
export function staleHolders(
  holders: readonly string[],
  heldAt: Readonly<Record<string, unknown>>,
  now: Date,
  graceMs = ORPHAN_GRACE_MS,
): string[] {
  const cutoff = now.getTime() - graceMs;
  return holders.filter((h) => {
    const at = dateOf(heldAt[h]);
    return at === null || at.getTime() < cutoff;
  });
}

/** Frees the places of slot `slotId` held by requests that were never saved; returns how many it freed. */
export async function reclaimOrphanPlaces(db: DB, slotId: string, now: Date): Promise<number> {
  const slot = await repo.getSlotHolders(db, slotId);
  if (!slot) return 0;
  const stale = staleHolders(slot.holders, slot.heldAt, now);
  if (stale.length === 0) return 0;
  const existing = await repo.existingRequestIds(db, stale);
  let freed = 0;
  for (const id of stale) {
    const known = existing.get(id);
    if (known === false) continue; // a real request: its place is its own
    // No document: claim the id with a tombstone first. known === true: an
    // earlier reclaim claimed it and stopped before releasing.
    const claimed =
      known === true ||
      (await repo.claimAbandonedId(db, id, {
        status: 'abandoned',
        ownerId: null,
        stationId: null,
        abandonedSlotId: slotId,
        createdAt: now,
        updatedAt: now,
      }));
    const owner = typeof slot.heldBy[id] === 'string' ? (slot.heldBy[id] as string) : null;
    if (claimed && (await repo.releasePlace(db, slotId, id, owner))) freed += 1;
  }
  return freed;
}
