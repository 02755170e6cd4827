import type { Result, StationGroup, stationsContract } from '@sgz/shared';
import { service } from './service';

/** The `stations` function, derived from its contract: listStations, nearestStations, getStation, updateStationProfile. */
export const stations = service<typeof stationsContract>('stations');
export const { listStations, nearestStations, getStation, updateStationProfile } = stations;

/** Page size asked of listStations; the district has 21 stations, so one page is the norm. */
const PAGE_SIZE = 50;
/** Upper bound on pages fetched for one list, so a server bug cannot loop the phone forever. */
const MAX_PAGES = 10;

/** Adds one page's groups into `into`, keeping the server's group order. */
function mergeGroups(into: StationGroup[], page: StationGroup[]): StationGroup[] {
  const out = into.map((g) => ({ ...g, items: [...g.items] }));
  for (const group of page) {
    const existing = out.find((g) => g.kind === group.kind);
    if (existing) existing.items.push(...group.items);
    else out.push({ ...group, items: [...group.items] });
  }
  return out;
}

/**
 * Every station matching `query` (all of them when empty), following `nextOffset`
 * page by page. Fails as a whole if any page fails, so the list is never silently partial.
 */
export async function listAllStations(
  query?: string,
): Promise<Result<{ groups: StationGroup[]; total: number }>> {
  let groups: StationGroup[] = [];
  let offset: number | null = 0;
  let total = 0;
  for (let page = 0; page < MAX_PAGES && offset !== null; page += 1) {
    const res = await listStations({ ...(query ? { query } : {}), offset, limit: PAGE_SIZE });
    if (!res.ok) return res;
    groups = mergeGroups(groups, res.data.groups);
    total = res.data.total;
    offset = res.data.nextOffset;
  }
  return { ok: true, data: { groups, total } };
}
