import type { PublicStoryDto, StationDetail } from '@sgz/shared';
import { useCallback } from 'react';
import { useLoad } from '../../hooks/use-load';
import { listStationStories } from '../../services/district';
import { listServiceItems } from '../../services/requests';
import { getStation } from '../../services/stations';
import { formatOpeningHours } from './opening-hours';

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

/**
 * The station's opening hours as residents read them (the hours bookings follow, which the
 * head sets on 服务时间（可预约时段）), from the public catalogue call; null while loading,
 * when it fails, or when every day is closed (the page then shows the station's own text).
 */
export function useOpeningHoursText(stationId: string): string | null {
  const loader = useCallback(() => listServiceItems({ stationId }), [stationId]);
  const catalogue = useLoad(loader);
  return catalogue.data ? formatOpeningHours(catalogue.data.openingHours) : null;
}

/**
 * The station's published good-practice stories (案例故事 / 优秀社工, approved by
 * the district); empty while loading, when none, or when the call fails: the
 * section is extra, so it never stands in the way of the station's details.
 */
export function useStationStories(stationId: string): PublicStoryDto[] {
  const loader = useCallback(() => listStationStories({ stationId }), [stationId]);
  const stories = useLoad(loader);
  return stories.data?.items ?? [];
}
