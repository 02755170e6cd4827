import type { ActorKind, Relationship, RequestStatus, StaffAction } from '../domain/request';
import type { OpeningHours } from '../domain/slot';
import type { ServiceArea } from '../domain/station';
import * as S from '../schemas/requests';
import { action, defineContract, type InputsOf, type OutputsOf } from './define';

/**
 * Contract of the `requests` cloud function: action → input → output → error
 * codes. Inputs are the zod schemas of `../schemas/requests.ts`; outputs are
 * plain JSON DTOs (dates as ISO 8601 strings, Beijing days as `YYYY-MM-DD`).
 *
 * Errors (besides `invalid-argument` for bad input and `permission-denied`):
 * - createRequest: `resource-exhausted` 名额已满, with `details.nextSlots: SlotDto[]`;
 *   `invalid-argument` for a slot in the past / too far / closed / of another item,
 *   and for text refused by the content check (`details.field`);
 *   `already-exists` when the request id belongs to another resident;
 *   `not-found` for an unknown station or item.
 * - cancelRequest / transitionRequest: `failed-precondition` for an invalid transition.
 * - rateRequest: `failed-precondition` before completion or when already rated.
 * - getRequest / cancelRequest / rateRequest / transitionRequest of a request the
 *   caller may not see, and of a missing one: `permission-denied` 您没有权限进行此操作
 *   (the same answer for both, so ids cannot be probed); only the district
 *   (scope `all`) gets `not-found` for a missing one.
 */

/** A service item as listed. */
export interface ServiceItemDto {
  id: string;
  stationId: string;
  title: string;
  area: ServiceArea;
  description: string;
  bookable: boolean;
  durationMinutes: number;
  capacityPerSlot: number;
  active: boolean;
  /** Demo seed content a station head should review. */
  demo: boolean;
  order: number;
}

/** listServiceItems output, with the station's opening hours (Beijing time; default until the head sets them). */
export interface ListServiceItemsOutput {
  items: ServiceItemDto[];
  openingHours: OpeningHours;
  /** Booking horizon in days (today + N). */
  maxDaysAhead: number;
}

/** A bookable slot with its free places. */
export interface SlotDto {
  id: string;
  itemId: string;
  /** Beijing day `YYYY-MM-DD`. */
  day: string;
  /** Beijing start and end `HH:mm`. */
  start: string;
  end: string;
  startsAt: string;
  capacity: number;
  free: number;
}

/** listSlots output: the next slots that still have a place. */
export interface ListSlotsOutput {
  slots: SlotDto[];
}

/** updateOpeningHours output. */
export interface UpdateOpeningHoursOutput {
  stationId: string;
  openingHours: OpeningHours;
}

/** One timeline entry. Residents see who as a kind (本人 / 社工站); staff also see the user id. */
export interface StatusChangeDto {
  status: RequestStatus;
  statusLabel: string;
  at: string;
  actor: ActorKind;
  /** users._id of the staff member or resident; only in staff views. */
  byUserId?: string | null;
  reason?: string;
}

/** A request as its resident sees it (also the base of the staff view). */
export interface RequestDto {
  id: string;
  stationId: string;
  itemId: string | null;
  itemTitle: string | null;
  area: ServiceArea;
  description: string;
  /** Masked in lists (138****1234); full in the resident's own detail and the station's detail. */
  contactPhone: string;
  forWhom: 'self' | 'family';
  /** `consentVersion`: the FAMILY_CONSENT_VERSION the resident confirmed (null for requests made before it was recorded). */
  beneficiary: {
    relationship: Relationship;
    name: string;
    consentAt: string;
    consentVersion: string | null;
  } | null;
  slot: { id: string; day: string; start: string; startsAt: string } | null;
  scheduledAt: string | null;
  status: RequestStatus;
  statusLabel: string;
  history: StatusChangeDto[];
  rating: { stars: number; comment: string | null; at: string } | null;
  createdAt: string;
  updatedAt: string;
  canCancel: boolean;
  canRate: boolean;
  /** Staff views only: the actions possible now. */
  staffActions?: StaffAction[];
  /**
   * The station's detail of one request only (worker / head of its station;
   * never in lists, never for supervisors or the district): the name the
   * requester gave in their profile (姓名; 提出人 of a request for a family
   * member), null when they gave none.
   */
  requesterName?: string | null;
  /**
   * The station's detail of one request only: true when the family member's
   * consent of this request (代家人求助, consent `c-rq-<requestId>`) has been
   * withdrawn in 我的授权; staff check with the resident before going on.
   */
  familyConsentWithdrawn?: boolean;
}

/** createRequest output (the same request for every retry with the same id). */
export interface CreateRequestOutput {
  request: RequestDto;
  /** False when this call found the request already made by an earlier call with the same id. */
  created: boolean;
}

/** A page of requests; pass `nextCursor` back as `cursor` for the next page (null: last page). */
export interface RequestPage {
  items: RequestDto[];
  nextCursor: string | null;
}

/** countStationRequests output: the badge of the staff's entry to the queue on 我的. */
export interface CountStationRequestsOutput {
  stationId: string;
  /** New requests nobody at the station has handled yet (status submitted, 待处理). */
  submitted: number;
}

/**
 * The `requests` function: one entry per action (see ./define.ts). The
 * catalogue and slot actions are authorized with their own permission rows
 * (`serviceItems.*`, `slots.*`) though the same function serves them.
 */
export const requestsContract = defineContract('requests', {
  listServiceItems: action<ListServiceItemsOutput>()({
    input: S.listServiceItemsInput,
    permission: 'serviceItems.listServiceItems',
  }),
  upsertServiceItem: action<{ item: ServiceItemDto }>()({
    input: S.upsertServiceItemInput,
    permission: 'serviceItems.upsertServiceItem',
  }),
  listSlots: action<ListSlotsOutput>()({ input: S.listSlotsInput, permission: 'slots.listSlots' }),
  updateOpeningHours: action<UpdateOpeningHoursOutput>()({
    input: S.updateOpeningHoursInput,
    permission: 'slots.updateOpeningHours',
  }),
  createRequest: action<CreateRequestOutput>()({
    input: S.createRequestInput,
    permission: 'requests.createRequest',
  }),
  listMyRequests: action<RequestPage>()({
    input: S.listMyRequestsInput,
    permission: 'requests.listMyRequests',
  }),
  getRequest: action<{ request: RequestDto }>()({
    input: S.getRequestInput,
    permission: 'requests.getRequest',
    audit: 'personal-read',
    auditTarget: 'requestId',
  }),
  cancelRequest: action<{ request: RequestDto }>()({
    input: S.cancelRequestInput,
    permission: 'requests.cancelRequest',
  }),
  listStationRequests: action<RequestPage>()({
    input: S.listStationRequestsInput,
    permission: 'requests.listStationRequests',
    audit: 'personal-read',
    auditTarget: 'stationId',
  }),
  countStationRequests: action<CountStationRequestsOutput>()({
    input: S.countStationRequestsInput,
    permission: 'requests.countStationRequests',
  }),
  transitionRequest: action<{ request: RequestDto }>()({
    input: S.transitionRequestInput,
    permission: 'requests.transitionRequest',
  }),
  rateRequest: action<{ request: RequestDto }>()({
    input: S.rateRequestInput,
    permission: 'requests.rateRequest',
  }),
});

/** Action names of the requests function. */
export type RequestsAction = keyof typeof requestsContract.actions;
/** Input type per action (as the caller sends it). */
export type RequestsInputs = InputsOf<typeof requestsContract>;
/** Output type per action. */
export type RequestsOutputs = OutputsOf<typeof requestsContract>;
