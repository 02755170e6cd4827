import { createHandler } from '../../_lib/handler';
import { cancelRequest, createRequest, getRequest, listMyRequests, rateRequest } from './actions/resident';
import { listServiceItems, upsertServiceItem } from './actions/service-items';
import { listSlots, updateOpeningHours } from './actions/slots';
import { listStationRequests, transitionRequest } from './actions/station';

// One deployable function, three permission namespaces: the permission table
// (shared/src/auth/permissions.ts) names the catalogue and slot actions
// `serviceItems.*` and `slots.*`, and createHandler derives the key from the
// name it is given, so each namespace gets its own handler and `main` routes
// by action. An unknown action falls through to the requests handler, which
// answers invalid-argument.
const requestsMain = createHandler('requests', {
  createRequest,
  listMyRequests,
  getRequest,
  cancelRequest,
  listStationRequests,
  transitionRequest,
  rateRequest,
});
const serviceItemsMain = createHandler('serviceItems', { listServiceItems, upsertServiceItem });
const slotsMain = createHandler('slots', { listSlots, updateOpeningHours });

const ROUTES: Record<string, typeof requestsMain> = {
  listServiceItems: serviceItemsMain,
  upsertServiceItem: serviceItemsMain,
  listSlots: slotsMain,
  updateOpeningHours: slotsMain,
};

/** The `requests` cloud function: service items, slots and residents' requests (see README.md). */
export const main: typeof requestsMain = (event, context) => {
  const action =
    typeof event === 'object' && event !== null ? (event as { action?: unknown }).action : undefined;
  const route =
    typeof action === 'string' && Object.prototype.hasOwnProperty.call(ROUTES, action)
      ? ROUTES[action]
      : requestsMain;
  return route(event, context);
};
