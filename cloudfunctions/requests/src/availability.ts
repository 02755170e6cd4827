import type { SlotDto } from '../../../shared/src/contracts/requests';
import { formatBeijing } from '../../../shared/src/calendar';
import { upcomingSlots, type SlotConfig, type SlotItem } from '../../../shared/src/domain/slot';
import type { DB } from '../../_lib/db';
import * as repo from './repo';

/** Most candidate slots looked at per listing (14 days of 15-minute slots is ~350; bounded reads). */
const MAX_CANDIDATES = 400;
/** Candidates read per round trip. */
const CHUNK = 50;

/**
 * The next slots of `item` from `now` under the station's `config` (or Beijing `fromDay`) that still have
 * a free place, at most `limit`. Free = capacity − booked of the counter
 * document (no document yet = nobody booked). Slots where `ownerId` already
 * holds a place are left out: one place per resident per slot, so offering
 * them would only lead to a refusal.
 */
export async function freeSlots(
  db: DB,
  item: SlotItem & { capacityPerSlot: number },
  now: Date,
  limit: number,
  config: SlotConfig,
  fromDay?: string,
  ownerId?: string | null,
): Promise<SlotDto[]> {
  const candidates = upcomingSlots(item, now, MAX_CANDIDATES, config, fromDay);
  const out: SlotDto[] = [];
  for (let i = 0; i < candidates.length && out.length < limit; i += CHUNK) {
    const chunk = candidates.slice(i, i + CHUNK);
    const docs = await repo.getSlotDocs(
      db,
      chunk.map((s) => s.id),
    );
    for (const s of chunk) {
      const doc = docs.get(s.id);
      const booked = Number(doc?.booked ?? 0);
      const free = item.capacityPerSlot - (Number.isFinite(booked) ? booked : 0);
      if (free <= 0) continue;
      if (ownerId && Array.isArray(doc?.owners) && doc.owners.includes(ownerId)) continue;
      out.push({
        id: s.id,
        itemId: s.itemId,
        day: s.day,
        start: s.start,
        end: formatBeijing(s.endsAt, 'HH:mm'),
        startsAt: s.startsAt.toISOString(),
        capacity: item.capacityPerSlot,
        free,
      });
      if (out.length >= limit) break;
    }
  }
  return out;
}
