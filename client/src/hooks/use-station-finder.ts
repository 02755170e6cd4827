import type { NearStation, Result, StationGroup, WireError } from '@sgz/shared';
import { useCallback, useRef, useState } from 'react';
import { useDebouncedValue } from './use-debounced-value';
import { useLoad } from './use-load';
import { listAllStations, nearestStations } from '../services/stations';
import { getCurrentLocation, type LocationFailure } from '../utils/location';

/** Wait after the last keystroke before searching. */
export const SEARCH_DEBOUNCE_MS = 300;
/**
 * Longest search text the box takes (the stations function's `MAX_STATION_QUERY_CHARS`,
 * written out: importing it would bring the schemas, and zod, into the main package).
 */
export const SEARCH_MAX_CHARS = 30;
/** How many stations "离我最近" lists. */
const NEAREST_LIMIT = 5;

/** Messages for a failed "离我最近"; the grouped list stays on screen in every case. */
export const LOCATION_MESSAGES: Record<LocationFailure, string> = {
  denied: '无法获取您的位置，您可以在列表中按街镇查找，或在设置中允许定位',
  unavailable: '暂时无法获取您的位置，您可以在列表中按街镇查找，或稍后再试',
};

/** The grouped list as shown: all stations, or those matching `query`. */
export interface StationList {
  groups: StationGroup[];
  total: number;
  query: string;
}

/** What the list shows, and why the last search text was refused (shown by the search box). */
export interface FinderData {
  list: StationList;
  refused: string | null;
}

/** The "离我最近" panel. */
export type NearestState =
  | { status: 'idle' }
  | { status: 'locating' }
  | { status: 'ready'; items: NearStation[] }
  | { status: 'location-failed'; reason: LocationFailure }
  | { status: 'error'; error: WireError };

/**
 * State and actions of the station finder (home page, and the request form's 选择社工站). The search text is checked by the
 * stations function (its schema, not a copy here): when it refuses one, its message shows
 * by the search box and the list shown before stays.
 */
export function useStationFinder() {
  const [query, setQuery] = useState('');
  const debouncedQuery = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS);
  const [nearest, setNearest] = useState<NearestState>({ status: 'idle' });
  const lastList = useRef<StationList | null>(null);

  const loader = useCallback(async (): Promise<Result<FinderData>> => {
    const res = await listAllStations(debouncedQuery || undefined);
    if (res.ok) {
      const list = { ...res.data, query: debouncedQuery };
      lastList.current = list;
      return { ok: true, data: { list, refused: null } };
    }
    if (res.error.code === 'invalid-argument' && lastList.current)
      return { ok: true, data: { list: lastList.current, refused: res.error.message } };
    return res;
  }, [debouncedQuery]);
  const list = useLoad(loader, { isEmpty: (d) => d.list.total === 0, keepWhileChanging: true });

  const clearSearch = useCallback(() => setQuery(''), []);

  const findNearest = useCallback(async () => {
    setNearest({ status: 'locating' });
    const location = await getCurrentLocation();
    if (!location.ok) {
      setNearest({ status: 'location-failed', reason: location.reason });
      return;
    }
    const res = await nearestStations({ ...location.coords, limit: NEAREST_LIMIT });
    setNearest(res.ok ? { status: 'ready', items: res.data.items } : { status: 'error', error: res.error });
  }, []);

  const closeNearest = useCallback(() => setNearest({ status: 'idle' }), []);

  return {
    query,
    setQuery,
    /** The function's reason for refusing the text typed (not while the next search is on its way). */
    queryError: list.refreshing ? null : (list.data?.refused ?? null),
    clearSearch,
    list,
    searching: list.refreshing,
    nearest,
    findNearest,
    closeNearest,
  };
}
