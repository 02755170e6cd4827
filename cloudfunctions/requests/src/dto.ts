import type { RequestDto, ServiceItemDto, StatusChangeDto } from '../../../shared/src/contracts/requests';
import {
  canCancel,
  canRate,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  staffActionsFrom,
  type ActorKind,
  type RequestStatus,
} from '../../../shared/src/domain/request';
import { parseSlotId } from '../../../shared/src/domain/slot';
import type { ServiceArea } from '../../../shared/src/domain/station';
import { maskName, maskPhone, maskPiiInText } from '../../../shared/src/masking';
import type { RawDoc } from './repo';

/**
 * Stored documents → DTOs. Stored values are not trusted blindly: a field of
 * the wrong type becomes a safe default rather than leaking into the answer.
 * The raw OPENID of the owner is never copied into any DTO.
 */

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown, fallback = 0): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;

/** A stored date (Date, ISO string or epoch ms) as a Date, or null. */
export function dateOf(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' || typeof v === 'number') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}
const iso = (v: unknown): string => dateOf(v)?.toISOString() ?? '';
const isoOrNull = (v: unknown): string | null => dateOf(v)?.toISOString() ?? null;

/**
 * When the service starts, for the cancellation cut-off: the booked slot's
 * start, or else the time the station scheduled (null: not fixed yet).
 */
export const serviceStartOf = (d: Record<string, unknown>): Date | null =>
  dateOf(d.slotStartsAt) ?? dateOf(d.scheduledAt);

/** A stored status, or `submitted` when unreadable (never throws on a bad document). */
export const statusOf = (v: unknown): RequestStatus =>
  (REQUEST_STATUSES as readonly string[]).includes(v as string) ? (v as RequestStatus) : 'submitted';

/** A service item document as listed. */
export function toServiceItemDto(d: RawDoc): ServiceItemDto {
  return {
    id: String(d._id),
    stationId: str(d.stationId),
    title: str(d.title),
    area: str(d.area) as ServiceArea,
    description: str(d.description),
    bookable: d.bookable === true,
    durationMinutes: num(d.durationMinutes, 60),
    capacityPerSlot: num(d.capacityPerSlot, 1),
    active: d.active !== false,
    demo: d.demo === true,
    order: num(d.order),
  };
}

/**
 * Free text (description, rating comment, cancel / rejection reasons) may
 * itself hold a phone or ID number ("请打 138 1234 5678"). Only the author's
 * own detail shows it as typed; every list and every other viewer's detail
 * (staff, supervisor, district) gets it through the one masking function of
 * `shared/`. The station still has the contact phone field in full.
 */
const textFor = (view: RequestView): ((t: string) => string) =>
  view === 'owner-detail' ? (t) => t : maskPiiInText;

/** How much of a request the viewer may see. */
export type RequestView =
  /** The resident who made it, in a list (my requests): phone and numbers in the text masked. */
  | 'owner'
  /** The resident who made it, one request (detail, the answer to create / cancel / rate): full phone, text as typed. */
  | 'owner-detail'
  /** Staff of its station, detail: full phone and name, who did what; numbers in the text masked. */
  | 'station-detail'
  /** Staff of its station, list: phone masked, name full. */
  | 'station-list'
  /** Supervisor / district: phone and name masked. */
  | 'oversight';

const ACTORS: readonly ActorKind[] = ['resident', 'staff', 'system'];

function historyOf(v: unknown, withWho: boolean, text: (s: string) => string): StatusChangeDto[] {
  if (!Array.isArray(v)) return [];
  return v.map((raw) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const status = statusOf(e.status);
    const actor = (ACTORS as readonly unknown[]).includes(e.actor) ? (e.actor as ActorKind) : 'system';
    const out: StatusChangeDto = { status, statusLabel: REQUEST_STATUS_LABELS[status], at: iso(e.at), actor };
    if (withWho) out.byUserId = strOrNull(e.byUserId);
    if (typeof e.reason === 'string') out.reason = text(e.reason);
    return out;
  });
}

/** A request document as `view` may see it at `now`. */
export function toRequestDto(d: RawDoc, view: RequestView, now: Date): RequestDto {
  const status = statusOf(d.status);
  const text = textFor(view);
  const slotStartsAt = dateOf(d.slotStartsAt);
  const startsAt = serviceStartOf(d);
  const ratingRaw = d.rating as Record<string, unknown> | null | undefined;
  const rating =
    ratingRaw && typeof ratingRaw === 'object'
      ? {
          stars: num(ratingRaw.stars),
          comment: typeof ratingRaw.comment === 'string' ? text(ratingRaw.comment) : null,
          at: iso(ratingRaw.at),
        }
      : null;
  const benRaw = d.beneficiary as Record<string, unknown> | null | undefined;
  const owner = view === 'owner' || view === 'owner-detail';
  const fullName = owner || view === 'station-detail' || view === 'station-list';
  const beneficiary =
    benRaw && typeof benRaw === 'object'
      ? {
          relationship: str(benRaw.relationship) as NonNullable<RequestDto['beneficiary']>['relationship'],
          name: fullName ? str(benRaw.name) : (maskName(str(benRaw.name)) ?? ''),
          consentAt: iso(benRaw.consentAt),
          consentVersion: strOrNull(benRaw.consentVersion),
        }
      : null;
  const slotId = strOrNull(d.slotId);
  const parsed = slotId ? parseSlotId(slotId) : null;
  const phone = str(d.contactPhone);
  const subject = {
    status,
    slotStartsAt: startsAt,
    rating: rating ? { ...rating, at: new Date(rating.at) } : null,
  };
  const dto: RequestDto = {
    id: String(d._id),
    stationId: str(d.stationId),
    itemId: strOrNull(d.itemId),
    itemTitle: strOrNull(d.itemTitle),
    area: str(d.area) as ServiceArea,
    description: text(str(d.description)),
    contactPhone: view === 'station-detail' || view === 'owner-detail' ? phone : (maskPhone(phone) ?? ''),
    forWhom: d.forWhom === 'family' ? 'family' : 'self',
    beneficiary,
    slot:
      slotId && parsed && slotStartsAt
        ? { id: slotId, day: parsed.day, start: parsed.start, startsAt: slotStartsAt.toISOString() }
        : null,
    scheduledAt: isoOrNull(d.scheduledAt),
    status,
    statusLabel: REQUEST_STATUS_LABELS[status],
    history: historyOf(d.history, !owner, text),
    rating,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
    canCancel: owner && canCancel(subject, now),
    canRate: owner && canRate(subject),
  };
  if (view === 'station-detail' || view === 'station-list') dto.staffActions = staffActionsFrom(status);
  return dto;
}

/** What the station's detail adds, read beside the request (see station-detail.ts); raw values, checked here. */
export interface StationDetailExtras {
  /** `users.name` of the requester (the profile's 姓名). */
  requesterName: unknown;
  /** `withdrawnAt` of the request's family consent (`c-rq-<requestId>`), null when in force or absent. */
  familyConsentWithdrawnAt: unknown;
}

/**
 * The station's detail of one request (worker / head of its station): the
 * `station-detail` view plus who asked (提出人, from their profile) and whether
 * the family member's consent has been withdrawn. Never used for lists or
 * oversight, so those stay without the name.
 */
export function toStationDetailDto(d: RawDoc, now: Date, extras: StationDetailExtras): RequestDto {
  const dto = toRequestDto(d, 'station-detail', now);
  const name = typeof extras.requesterName === 'string' ? extras.requesterName.trim() : '';
  return {
    ...dto,
    requesterName: name || null,
    familyConsentWithdrawn: dto.forWhom === 'family' && dateOf(extras.familyConsentWithdrawnAt) !== null,
  };
}
