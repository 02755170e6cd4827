import type { StationDetail, StationSummary } from '../domain/station';
import * as S from '../schemas/stations';
import { action, defineContract, type InputsOf, type OutputsOf } from './define';

/**
 * Contract of the `stations` cloud function: action → input → output.
 * Inputs are validated by the zod schemas in `../schemas/stations.ts`;
 * outputs are plain DTOs.
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

/** updateStationProfile output: the station's detail as residents now see it. */
export type UpdateStationProfileOutput = StationDetail;

/** The `stations` function: the public station directory (see ./define.ts), and its public details edited by the station head or the district. */
export const stationsContract = defineContract('stations', {
  listStations: action<ListStationsOutput>()({
    input: S.listStationsInput,
    permission: 'stations.listStations',
  }),
  nearestStations: action<NearestStationsOutput>()({
    input: S.nearestStationsInput,
    permission: 'stations.nearestStations',
  }),
  getStation: action<GetStationOutput>()({ input: S.getStationInput, permission: 'stations.getStation' }),
  updateStationProfile: action<UpdateStationProfileOutput>()({
    input: S.updateStationProfileInput,
    permission: 'stations.updateStationProfile',
  }),
});

/** Action names of the stations function. */
export type StationsAction = keyof typeof stationsContract.actions;
/** Input type per action (as the caller sends it). */
export type StationsInputs = InputsOf<typeof stationsContract>;
/** Output type per action. */
export type StationsOutputs = OutputsOf<typeof stationsContract>;
