import { stationsContract } from '../../../shared/src/contracts/stations';
import { createHandler } from '../../_lib/handler';
import { getStation } from './actions/get-station';
import { listStations } from './actions/list-stations';
import { nearestStations } from './actions/nearest-stations';

/** The `stations` cloud function: public station directory (see README.md). */
export const main = createHandler(stationsContract, { listStations, nearestStations, getStation });
