import { listStationsInput, type NearStation, type StationGroup, type WireError } from '@sgz/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { listAllStations, nearestStations } from '../../services/stations';
import { getCurrentLocation, type LocationFailure } from '../../utils/location';

/** Wait after the last keystroke before searching. */
export const SEARCH_DEBOUNCE_MS = 300;
/** How many stations "离我最近" lists. */
const NEAREST_LIMIT = 5;

/** Messages for a failed "离我最近"; the grouped list stays on screen in every case. */
export const LOCATION_MESSAGES: Record<LocationFailure, string> = {
  denied: '无法获取您的位置，您可以在列表中按街镇查找，或在设置中允许定位',
  unavailable: '暂时无法获取您的位置，您可以在列表中按街镇查找，或稍后再试',
};

/** The grouped list (all stations, or those matching the search). */
export type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: WireError }
  | { status: 'ready'; groups: StationGroup[]; total: number; query: string };

/** The "离我最近" panel. */
export type NearestState =
  | { status: 'idle' }
  | { status: 'locating' }
  | { status: 'ready'; items: NearStation[] }
  | { status: 'location-failed'; reason: LocationFailure }
  | { status: 'error'; error: WireError };

/** State and actions of the station finder (home page). */
export function useStationFinder() {
  const [query, setQuery] = useState('');
  const debouncedQuery = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS);
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [searching, setSearching] = useState(false);
  const [nearest, setNearest] = useState<NearestState>({ status: 'idle' });
  const [reloadToken, setReloadToken] = useState(0);
  // Only the latest request may update the list (answers can arrive out of order).
  const latest = useRef(0);

  // Instant feedback from the same schema the function applies (too long, control characters…).
  const queryCheck = listStationsInput.safeParse({ query });
  const queryError = queryCheck.success ? null : (queryCheck.error.issues[0]?.message ?? null);

  useEffect(() => {
    const seq = ++latest.current;
    if (!listStationsInput.safeParse({ query: debouncedQuery }).success) {
      setSearching(false);
      return;
    }
    setSearching(true);
    void listAllStations(debouncedQuery || undefined).then((res) => {
      if (seq !== latest.current) return;
      setSearching(false);
      setList(
        res.ok
          ? { status: 'ready', ...res.data, query: debouncedQuery }
          : { status: 'error', error: res.error },
      );
    });
  }, [debouncedQuery, reloadToken]);

  const retry = useCallback(() => {
    setList({ status: 'loading' });
    setReloadToken((n) => n + 1);
  }, []);

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
    queryError,
    clearSearch,
    list,
    searching,
    retry,
    nearest,
    findNearest,
    closeNearest,
  };
}
