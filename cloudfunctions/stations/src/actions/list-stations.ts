import { stationsContract } from '../../../../shared/src/contracts/stations';
import type { ListStationsOutput } from '../../../../shared/src/contracts/stations';
import { DEFAULT_STATIONS_PAGE } from '../../../../shared/src/schemas/stations';
import { defineAction } from '../../../_lib/context';
import { groupStations, toSummary } from '../dto';
import * as repo from '../repo';

/** `listStations`: stations grouped 街道 then 镇, optionally filtered by name, one page at a time. */
export const listStations = defineAction({
  contract: stationsContract.actions.listStations,
  async handle(input, ctx): Promise<ListStationsOutput> {
    const offset = input.offset ?? 0;
    const limit = input.limit ?? DEFAULT_STATIONS_PAGE;
    // An all-blank search (trimmed to '') means "no filter", not "match nothing".
    const query = input.query ? input.query : undefined;
    const { docs, total } = await repo.listStations(ctx.db, { query, offset, limit });
    const items = docs.map(toSummary);
    const end = offset + items.length;
    return { groups: groupStations(items), total, nextOffset: items.length > 0 && end < total ? end : null };
  },
});
