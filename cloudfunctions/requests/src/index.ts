import { requestsContract } from '../../../shared/src/contracts/requests';
import { createHandler } from '../../_lib/handler';
import { cancelRequest, createRequest, getRequest, listMyRequests, rateRequest } from './actions/resident';
import { listServiceItems, upsertServiceItem } from './actions/service-items';
import { listSlots, updateOpeningHours } from './actions/slots';
import { countStationRequests, listStationRequests, transitionRequest } from './actions/station';

/**
 * The `requests` cloud function: service items, slots and residents' requests
 * (see README.md). Each action is authorized with the permission row its
 * contract entry names (`serviceItems.*`, `slots.*`, `requests.*`).
 */
export const main = createHandler(requestsContract, {
  listServiceItems,
  upsertServiceItem,
  listSlots,
  updateOpeningHours,
  createRequest,
  listMyRequests,
  getRequest,
  cancelRequest,
  listStationRequests,
  countStationRequests,
  transitionRequest,
  rateRequest,
});
