import type { requestsContract } from '@sgz/shared';
import { service } from './service';

/**
 * The `requests` function, derived from its contract (`requestsContract`): service
 * items, opening hours, slots, a resident's requests and the station's queue.
 * `createRequest` is idempotent by `input.requestId` (a retry answers the same request).
 */
export const requests = service<typeof requestsContract>('requests');
export const {
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
} = requests;
