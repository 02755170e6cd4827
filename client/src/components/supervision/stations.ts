import type { Result } from '@sgz/shared';
import { useCallback, useMemo } from 'react';
import { useLoad } from '../../hooks/use-load';
import { listAllStations } from '../../services/stations';
import { readStorage, writeSafe } from '../../utils/user-scope';

/** The names as last loaded on this phone (public data: one device-wide key), for pages opened without signal. */
const NAMES_KEY = 'supervision.stationNames';

type Names = Record<string, string>;

/** The names kept on this phone (empty when none). */
function keptNames(): Names {
  const kept = readStorage(NAMES_KEY);
  const out: Names = {};
  if (kept && typeof kept === 'object')
    for (const [id, name] of Object.entries(kept)) if (typeof name === 'string') out[id] = name;
  return out;
}

/** Every station's name, kept on the phone for the next time without signal. */
async function loadNames(): Promise<Result<Names>> {
  const res = await listAllStations();
  if (!res.ok) return res;
  const names: Names = {};
  for (const g of res.data.groups) for (const s of g.items) names[s.id] = `${s.unitName}社工站`;
  writeSafe(NAMES_KEY, names);
  return { ok: true, data: names };
}

let shared: Promise<Result<Names>> | null = null;

/**
 * Station names by id (`塘沽街社工站`), from the public station list (or as kept on the
 * phone while it loads or without signal). A nicety: a name not known reads as the id.
 */
export function useStationNames(): (id: string) => string {
  const loader = useCallback(() => {
    // One list per app run for every section that names stations; a failure asks again next time.
    if (!shared) shared = loadNames().then((r) => ((shared = r.ok ? shared : null), r));
    return shared;
  }, []);
  const res = useLoad(loader);
  const names = useMemo(() => res.data ?? keptNames(), [res.data]);
  return useCallback((id: string) => names[id] ?? id, [names]);
}
