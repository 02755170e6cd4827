import type { RequestsInputs, RequestsOutputs, Result } from '@sgz/shared';
import { callFunction } from './call';

type Out<A extends keyof RequestsOutputs> = Promise<Result<RequestsOutputs[A]>>;

/** A station's service items, its opening hours and booking horizon. */
export const listServiceItems = (input: RequestsInputs['listServiceItems']): Out<'listServiceItems'> =>
  callFunction('requests', 'listServiceItems', input);

/** Next slots of a bookable item that still have a place. */
export const listSlots = (input: RequestsInputs['listSlots']): Out<'listSlots'> =>
  callFunction('requests', 'listSlots', input);

/** Submits a request; idempotent by `input.requestId` (a retry answers the same request). */
export const createRequest = (input: RequestsInputs['createRequest']): Out<'createRequest'> =>
  callFunction('requests', 'createRequest', input);

/** The caller's own requests, newest first, with their timelines. */
export const listMyRequests = (input: RequestsInputs['listMyRequests'] = {}): Out<'listMyRequests'> =>
  callFunction('requests', 'listMyRequests', input);

/** One request (own, or of the caller's station for staff). */
export const getRequest = (requestId: string): Out<'getRequest'> =>
  callFunction('requests', 'getRequest', { requestId });

/** The resident cancels their own request (until the slot starts). */
export const cancelRequest = (input: RequestsInputs['cancelRequest']): Out<'cancelRequest'> =>
  callFunction('requests', 'cancelRequest', input);

/** 1–5 stars and an optional comment, once, after completion. */
export const rateRequest = (input: RequestsInputs['rateRequest']): Out<'rateRequest'> =>
  callFunction('requests', 'rateRequest', input);

/** A station's incoming requests (its staff). */
export const listStationRequests = (
  input: RequestsInputs['listStationRequests'],
): Out<'listStationRequests'> => callFunction('requests', 'listStationRequests', input);

/** Station staff move a request on: accept / schedule / start / complete / reject (with reason). */
export const transitionRequest = (input: RequestsInputs['transitionRequest']): Out<'transitionRequest'> =>
  callFunction('requests', 'transitionRequest', input);

/** Station head: create (no id) or edit a service item. */
export const upsertServiceItem = (input: RequestsInputs['upsertServiceItem']): Out<'upsertServiceItem'> =>
  callFunction('requests', 'upsertServiceItem', input);

/** Station head: weekly opening hours. */
export const updateOpeningHours = (input: RequestsInputs['updateOpeningHours']): Out<'updateOpeningHours'> =>
  callFunction('requests', 'updateOpeningHours', input);
