import { stationsContract } from '../../../shared/src/contracts/stations';
import { createHandler } from '../../_lib/handler';
import { getStation } from './actions/get-station';
import { listStations } from './actions/list-stations';
import { nearestStations } from './actions/nearest-stations';
import { updateStationProfile } from './actions/update-station-profile';

/** The `stations` cloud function: the public station directory, and its public details edited by the station head or the district (see README.md). */
export const main = createHandler(stationsContract, {
  listStations,
  nearestStations,
  getStation,
  updateStationProfile,
});
