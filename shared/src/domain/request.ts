import type { RequestId, ServiceItemId, StationId, UserId } from '../ids';
import { actionsFrom, defineTransitions, transition } from './lifecycle';
import type { ServiceArea } from './station';

/**
 * A resident's request for a service (求助) and its lifecycle:
 *
 *   submitted → accepted → scheduled → in_service → completed
 *   submitted | accepted | scheduled → rejected (station, with a reason)
 *   submitted | accepted | scheduled → cancelled (resident, until the slot starts)
 *
 * Pure: `now` is a parameter. The function persists a transition with a
 * conditional update on the `from` status, so two racing transitions cannot
 * both apply.
 */

/** Every status a request can be in. */
export const REQUEST_STATUSES = [
  'submitted',
  'accepted',
  'scheduled',
  'in_service',
  'completed',
  'rejected',
  'cancelled',
] as const;
/** One of {@link REQUEST_STATUSES}. */
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Chinese label per status, as residents see it on the timeline. */
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  scheduled: '已安排',
  in_service: '服务中',
  completed: '已完成',
  rejected: '未受理',
  cancelled: '已取消',
};

/** Statuses after which nothing changes any more (except a rating on `completed`). */
export const FINAL_STATUSES: readonly RequestStatus[] = ['completed', 'rejected', 'cancelled'];

/** Statuses in which a request holds its slot place (cancel and reject free it). */
export const PLACE_HOLDING_STATUSES: readonly RequestStatus[] = [
  'submitted',
  'accepted',
  'scheduled',
  'in_service',
  'completed',
];

/** What station staff can do to a request. */
export const STAFF_ACTIONS = ['accept', 'schedule', 'start', 'complete', 'reject'] as const;
/** One of {@link STAFF_ACTIONS}. */
export type StaffAction = (typeof STAFF_ACTIONS)[number];
/** Every transition: the staff actions plus the resident's cancel. */
export type TransitionAction = StaffAction | 'cancel';

/** Chinese label per action (buttons on the station side). */
export const ACTION_LABELS: Record<TransitionAction, string> = {
  accept: '受理',
  schedule: '安排服务',
  start: '开始服务',
  complete: '完成服务',
  reject: '不予受理',
  cancel: '取消求助',
};

/** The transition table: action → (from statuses, to status), in the shared lifecycle form (./lifecycle.ts). */
export const TRANSITIONS = defineTransitions<TransitionAction, RequestStatus>({
  accept: { from: ['submitted'], to: 'accepted' },
  schedule: { from: ['accepted'], to: 'scheduled' },
  start: { from: ['scheduled'], to: 'in_service' },
  complete: { from: ['in_service'], to: 'completed' },
  reject: { from: ['submitted', 'accepted', 'scheduled'], to: 'rejected' },
  cancel: { from: ['submitted', 'accepted', 'scheduled'], to: 'cancelled' },
});

/** Who may be said to have made a change: the resident, station staff, or the system. */
export type ActorKind = 'resident' | 'staff' | 'system';

/** One entry of a request's timeline. */
export interface StatusChange {
  status: RequestStatus;
  at: Date;
  actor: ActorKind;
  /** users._id of who made the change (never the raw OPENID); null for the system. */
  byUserId: UserId | null;
  /** The station's reason for a rejection, or the resident's optional reason for a cancellation. */
  reason?: string;
}

/** Relationship of the person served to the resident asking on their behalf. */
export const RELATIONSHIPS = [
  '父母',
  '配偶',
  '子女',
  '祖父母/外祖父母',
  '兄弟姐妹',
  '其他亲属',
  '邻居朋友',
] as const;
/** One of {@link RELATIONSHIPS}. */
export type Relationship = (typeof RELATIONSHIPS)[number];

/**
 * How the form shows each {@link RELATIONSHIPS} value after "被服务人是我的：" (the
 * stored values stay: 父母 alone read either way, "my parent" or "I am the parent").
 */
export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  父母: '父亲或母亲',
  配偶: '配偶',
  子女: '子女',
  '祖父母/外祖父母': '祖父母或外祖父母',
  兄弟姐妹: '兄弟姐妹',
  其他亲属: '其他亲属',
  邻居朋友: '邻居或朋友',
};

/**
 * The consent a resident confirms when asking for a family member, shown word
 * for word on the form. The server records {@link FAMILY_CONSENT_VERSION} with
 * the beneficiary (the phone does not send the text). Changing a word means a
 * new version.
 */
export const FAMILY_CONSENT_TEXT =
  '我确认已征得被服务人同意，由我代为向社工站求助，并同意社工站记录其姓名和本次求助信息，仅用于提供服务。';
/** Version of {@link FAMILY_CONSENT_TEXT}. */
export const FAMILY_CONSENT_VERSION = '2026-11-27';

/** The person served when a resident asks for a family member (家人代办), with the consent recorded. */
export interface Beneficiary {
  relationship: Relationship;
  name: string;
  /** The resident confirmed the person agreed to be helped and to have their data recorded. */
  consentGiven: true;
  consentAt: Date;
  /** {@link FAMILY_CONSENT_VERSION} of the text the resident confirmed. */
  consentVersion: string;
}

/** A request as stored (the `requests` collection; `_id` is the client-generated id). */
export interface ServiceRequest {
  id: RequestId;
  stationId: StationId;
  /** Null for 其他需求. */
  itemId: ServiceItemId | null;
  itemTitle: string | null;
  area: ServiceArea;
  description: string;
  contactPhone: string;
  forWhom: 'self' | 'family';
  beneficiary: Beneficiary | null;
  /** Null for items that take no booking. */
  slotId: string | null;
  slotStartsAt: Date | null;
  /** Set by `schedule` when the station fixes a time (or the slot's start). */
  scheduledAt: Date | null;
  status: RequestStatus;
  history: StatusChange[];
  ownerId: UserId;
  rating: { stars: number; comment: string | null; at: Date } | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Why a transition is refused. */
export type TransitionProblem = 'invalid-transition' | 'slot-started' | 'reason-required';

/** Chinese messages per refused transition. */
export const TRANSITION_PROBLEM_MESSAGES: Record<TransitionProblem, string> = {
  'invalid-transition': '该求助当前的状态下不能进行这个操作，请刷新后查看最新状态',
  'slot-started': '预约的服务时段已经开始，不能再取消；如有变化请直接联系社工站',
  'reason-required': '请填写不予受理的原因，方便居民了解情况',
};

/** What a transition needs to know about the request. */
export type TransitionSubject = Pick<ServiceRequest, 'status' | 'slotStartsAt'>;

/**
 * Decides a transition: the new status, or why not. A cancellation is
 * allowed only before the booked slot starts (no slot: until service starts);
 * a rejection needs a reason. Staff steps are NOT tied to the slot time: a
 * worker may start or complete before the booked slot by arrangement
 * (docs/decisions.md); the history keeps when each step really happened.
 */
export function decideTransition(
  request: TransitionSubject,
  action: TransitionAction,
  now: Date,
  reason?: string | null,
): { ok: true; from: RequestStatus; to: RequestStatus } | { ok: false; problem: TransitionProblem } {
  const moved = transition(TRANSITIONS, request.status, action);
  if (!moved.ok) return moved;
  if (action === 'cancel' && request.slotStartsAt && request.slotStartsAt.getTime() <= now.getTime()) {
    return { ok: false, problem: 'slot-started' };
  }
  if (action === 'reject' && !(reason && reason.trim())) return { ok: false, problem: 'reason-required' };
  return moved;
}

/** True when moving from `from` to `to` gives the slot place back (cancel, reject). */
export const freesPlace = (from: RequestStatus, to: RequestStatus): boolean =>
  PLACE_HOLDING_STATUSES.includes(from) && !PLACE_HOLDING_STATUSES.includes(to);

/** The staff actions possible from `status` (for buttons). */
export const staffActionsFrom = (status: RequestStatus): StaffAction[] =>
  actionsFrom(TRANSITIONS, status, STAFF_ACTIONS);

/** True when the resident may still cancel at `now`. */
export const canCancel = (request: TransitionSubject, now: Date): boolean =>
  decideTransition(request, 'cancel', now).ok;

/** Rating bounds (1–5 stars). */
export const RATING = { min: 1, max: 5 } as const;

/** Why a rating is refused. */
export type RatingProblem = 'not-completed' | 'already-rated';

/** Chinese messages per refused rating. */
export const RATING_PROBLEM_MESSAGES: Record<RatingProblem, string> = {
  'not-completed': '服务完成后才能评价，请在服务完成后再来',
  'already-rated': '您已经评价过这次服务了，感谢您的反馈',
};

/** Decides whether a request may be rated now (once, after completion). */
export function decideRating(request: Pick<ServiceRequest, 'status' | 'rating'>): RatingProblem | null {
  if (request.status !== 'completed') return 'not-completed';
  if (request.rating) return 'already-rated';
  return null;
}

/** True when the resident may rate the request. */
export const canRate = (request: Pick<ServiceRequest, 'status' | 'rating'>): boolean =>
  decideRating(request) === null;
