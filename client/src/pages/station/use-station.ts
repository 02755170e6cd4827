import type { StationDetail, WireError } from '@sgz/shared';
import { useCallback, useEffect, useState } from 'react';
import { getStation } from '../../services/stations';

/** What the station page shows. */
export type StationState =
  | { status: 'loading' }
  | { status: 'not-found' }
  | { status: 'error'; error: WireError }
  | { status: 'ready'; station: StationDetail };

/** Loads one station; `not-found` covers a missing or malformed id as well. */
export function useStation(id: string | undefined) {
  const [state, setState] = useState<StationState>({ status: 'loading' });
  const [reloadToken, setReloadToken] = useState(0);

  useEffect(() => {
    if (!id) {
      setState({ status: 'not-found' });
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    void getStation(id).then((res) => {
      if (!live) return;
      if (res.ok) setState({ status: 'ready', station: res.data });
      else if (res.error.code === 'not-found' || res.error.code === 'invalid-argument')
        setState({ status: 'not-found' });
      else setState({ status: 'error', error: res.error });
    });
    return () => {
      live = false;
    };
  }, [id, reloadToken]);

  const retry = useCallback(() => setReloadToken((n) => n + 1), []);
  return { state, retry };
}
