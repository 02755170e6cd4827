import type { StationDetail } from '@sgz/shared';
import { useCallback } from 'react';
import { useLoad } from '../../hooks/use-load';
import { getStation } from '../../services/stations';

/** Loads one station; a missing id answers `not-found` without asking. */
export function useStation(id: string | undefined) {
  const loader = useCallback(
    () =>
      id
        ? getStation({ id })
        : Promise.resolve({
            ok: false as const,
            error: { code: 'not-found' as const, message: '没有找到这个社工站' },
          }),
    [id],
  );
  return useLoad<StationDetail>(loader);
}
