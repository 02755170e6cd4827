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
