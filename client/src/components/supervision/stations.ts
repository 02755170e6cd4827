import { useCallback, useMemo } from 'react';
import { useLoad } from '../../hooks/use-load';
import { listAllStations } from '../../services/stations';
import { readStorage, writeSafe } from '../../utils/user-scope';

/** The names as last loaded on this phone (public data: one device-wide key), for pages opened without signal. */
const NAMES_KEY = 'supervision.stationNames';

let shared: ReturnType<typeof listAllStations> | null = null;

/**
 * Station names by id (`塘沽街社工站`), from the public station list. A nicety: while
 * they load, or when they fail, `name(id)` answers the id itself.
 */
export function useStationNames(): (id: string) => string {
  const loader = useCallback(() => {
    // One list per page open for every section that names stations; a failure asks again next time.
    if (!shared) shared = listAllStations().then((r) => ((shared = r.ok ? shared : null), r));
    return shared;
  }, []);
  const res = useLoad(loader);
  const names = useMemo(() => {
    const m = new Map<string, string>();
    if (!res.data) {
      const kept = readStorage(NAMES_KEY);
      if (kept && typeof kept === 'object')
        for (const [id, name] of Object.entries(kept)) if (typeof name === 'string') m.set(id, name);
      return m;
    }
    for (const g of res.data.groups) for (const s of g.items) m.set(s.id, `${s.unitName}社工站`);
    writeSafe(NAMES_KEY, Object.fromEntries(m));
    return m;
  }, [res.data]);
  return useCallback((id: string) => names.get(id) ?? id, [names]);
}
