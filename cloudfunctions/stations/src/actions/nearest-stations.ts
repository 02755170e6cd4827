import { stationsContract } from '../../../../shared/src/contracts/stations';
import type { NearStation, NearestStationsOutput } from '../../../../shared/src/contracts/stations';
import { DEFAULT_NEAREST, DEFAULT_NEAREST_KM } from '../../../../shared/src/schemas/stations';
import { defineAction } from '../../../_lib/context';
import { distanceTo, toSummary } from '../dto';
import * as repo from '../repo';

/** `nearestStations`: the stations nearest a point, nearest first, each with its distance in metres. */
export const nearestStations = defineAction({
  contract: stationsContract.actions.nearestStations,
  async handle(input, ctx): Promise<NearestStationsOutput> {
    const { latitude, longitude } = input;
    const docs = await repo.nearestStations(ctx.db, {
      latitude,
      longitude,
      limit: input.limit ?? DEFAULT_NEAREST,
      maxDistanceMeters: (input.maxDistanceKm ?? DEFAULT_NEAREST_KM) * 1000,
    });
    // The database orders and filters by distance; the figure shown is
    // recomputed from the returned coordinates with the same spherical model.
    const items: NearStation[] = [];
    for (const d of docs) {
      const distanceMeters = distanceTo({ latitude, longitude }, d);
      if (distanceMeters !== null) items.push({ ...toSummary(d), distanceMeters });
    }
    return { items };
  },
});
