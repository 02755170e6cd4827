import type { Relationship, ServiceArea, SlotDto } from '@sgz/shared';
import { newRequestId } from '../../../utils/request-format';
import { readStorage, removeSafe, userKey, writeSafe } from '../../../utils/user-scope';

/**
 * The request form's draft, kept in Taro storage per user while the resident
 * types, so nothing is lost when the app is closed, and holding the
 * client-generated request id: every retry of the same form session sends the
 * same id, so the function creates one request however often it is tapped.
 */
export interface RequestDraft {
  requestId: string;
  stationId: string | null;
  /** A service item id, `other` for 其他需求, or null before choosing. */
  choice: string | null;
  area: ServiceArea | null;
  description: string;
  phone: string;
  slot: SlotDto | null;
  forWhom: 'self' | 'family';
  relationship: Relationship | null;
  name: string;
  consent: boolean;
}

const DRAFT_KEY = 'sgz.requestDraft';
const STATION_KEY = 'sgz.myStation';
const LAST_KEY = 'sgz.lastRequest';

/** Choice value of 其他需求. */
export const OTHER = 'other';

/** An empty draft with a fresh request id. */
export const emptyDraft = (stationId: string | null): RequestDraft => ({
  requestId: newRequestId(),
  stationId,
  choice: null,
  area: null,
  description: '',
  phone: '',
  slot: null,
  forWhom: 'self',
  relationship: null,
  name: '',
  consent: false,
});

/** The saved draft of the current user, or null. */
export function loadDraft(): RequestDraft | null {
  const v = readStorage(userKey(DRAFT_KEY));
  if (!v || typeof v !== 'object') return null;
  const d = v as Partial<RequestDraft>;
  if (typeof d.requestId !== 'string' || !d.requestId) return null;
  return { ...emptyDraft(null), ...d } as RequestDraft;
}

/** Saves the draft (on every change). */
export const saveDraft = (draft: RequestDraft): void => writeSafe(userKey(DRAFT_KEY), draft);

/** Drops the draft after a successful submit. */
export const clearDraft = (): void => removeSafe(userKey(DRAFT_KEY));

/** The resident's own station (remembered after choosing or submitting), or null. */
export function loadMyStation(): string | null {
  const v = readStorage(userKey(STATION_KEY));
  return typeof v === 'string' && v ? v : null;
}

/** Remembers the resident's own station. */
export const saveMyStation = (stationId: string): void => writeSafe(userKey(STATION_KEY), stationId);

/**
 * What a new form starts from after a request was sent: its station, item (or
 * 其他需求 and area), for whom, and the contact phone (whoAmI only has the profile's
 * phone masked, so the last request's contact is the one the phone knows). The
 * need, the slot and the family member's consent are asked again every time.
 */
export type LastRequest = Pick<
  RequestDraft,
  'stationId' | 'choice' | 'area' | 'phone' | 'forWhom' | 'relationship' | 'name'
>;

/** Remembers the request just sent as the start of the next one. */
export const saveLastRequest = (d: RequestDraft): void => {
  const last: LastRequest = {
    stationId: d.stationId,
    choice: d.choice,
    area: d.area,
    phone: d.phone,
    forWhom: d.forWhom,
    relationship: d.forWhom === 'family' ? d.relationship : null,
    name: d.forWhom === 'family' ? d.name : '',
  };
  writeSafe(userKey(LAST_KEY), last);
};

/** A new draft for `stationId` that starts from the last request sent (the item only at its station). */
export function draftFromLast(stationId: string | null): RequestDraft {
  const fresh = emptyDraft(stationId);
  const v = readStorage(userKey(LAST_KEY));
  if (!v || typeof v !== 'object') return fresh;
  const last = v as Partial<LastRequest>;
  const text = (x: unknown): string => (typeof x === 'string' ? x : '');
  const sameStation = !!stationId && last.stationId === stationId;
  const family = last.forWhom === 'family';
  return {
    ...fresh,
    ...(sameStation && typeof last.choice === 'string'
      ? { choice: last.choice, area: last.area ?? null }
      : {}),
    phone: text(last.phone),
    forWhom: family ? 'family' : 'self',
    relationship: family ? (last.relationship ?? null) : null,
    name: family ? text(last.name) : '',
  };
}
