import type { StationDetail, StationSummary } from '../domain/station';

/**
 * Contract of the `stations` cloud function: action → input → output.
 * Inputs are validated by the zod schemas in `../schemas/stations.ts` (the
 * `*Input` types below are inferred from them); outputs are plain DTOs.
 */

/** A group of the station list: all streets (街道) or all townships (镇). */
export interface StationGroup {
  kind: 'street' | 'township';
  /** 街道 or 镇 */
  label: string;
  items: StationSummary[];
}

/** listStations output: one page, grouped; `nextOffset` null on the last page. */
export interface ListStationsOutput {
  groups: StationGroup[];
  total: number;
  nextOffset: number | null;
}

/** nearestStations output item. */
export interface NearStation extends StationSummary {
  /** Great-circle distance from the given point, in metres (rounded). */
  distanceMeters: number;
}
/** nearestStations output. */
export interface NearestStationsOutput {
  items: NearStation[];
}

/** getStation output. */
export type GetStationOutput = StationDetail;

/** Action names of the stations function. */
export type StationsAction = 'listStations' | 'nearestStations' | 'getStation';

/** Output type per action (used by the client's typed `call`). */
export interface StationsOutputs {
  listStations: ListStationsOutput;
  nearestStations: NearestStationsOutput;
  getStation: GetStationOutput;
}

/** Input shapes (kept in sync with schemas/stations.ts by a type test). */
export interface StationsInputs {
  listStations: { query?: string; offset?: number; limit?: number };
  nearestStations: { latitude: number; longitude: number; limit?: number; maxDistanceKm?: number };
  /** `id` is a StationId as listed; typed `string` because it arrives from outside. */
  getStation: { id: string };
}
