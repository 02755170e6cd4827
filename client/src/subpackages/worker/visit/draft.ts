import {
  FINDING_AREAS,
  type FindingArea,
  type OtherPresentRole,
  type RiskTier,
  type ServiceArea,
  type TargetCategory,
  type VisitMode,
  type VisitType,
} from '@sgz/shared';
// The schema module alone, inside the worker subpackage (zod stays out of the main package).
import { visitPayloadField } from '@sgz/shared/schemas/visits';
import type { OutboxItem } from '../../../services/outbox';
import type { VisitRecord } from '../../../services/visits';
import { readStorage, userKey, writeSafe } from '../../../utils/user-scope';
import { issuesToErrors, type Errors } from '../form-kit';

/**
 * The visit form's state (走访记录) and how it maps to the outbox payload
 * (`VisitRecord`, services/visits.ts) and back. The form keeps what the worker
 * typed as typed (empty strings, lines not filled yet); `recordOf` trims and
 * drops the empty parts, `draftOf` restores a saved item.
 */

/** A location as wx.getLocation answers it, with its accuracy in metres. */
export interface Point {
  lat: number;
  lng: number;
  accuracy: number;
}

export interface FollowUpDraft {
  action: string;
  ownerId: string;
  dueDay: string;
  referral: string;
  openCase: boolean;
}

export interface VisitDraft {
  stationId: string;
  householdId: string | null;
  personIds: string[];
  workerIds: string[];
  othersPresent: { role: OtherPresentRole; name: string }[];
  type: VisitType;
  mode: VisitMode;
  categories: TargetCategory[];
  startAt: string;
  /** Null until 结束走访 (or the submit) sets it. */
  endAt: string | null;
  address: string;
  findings: Record<FindingArea, string>;
  needs: { area: ServiceArea; note: string }[];
  services: string[];
  risk: RiskTier | null;
  followUps: FollowUpDraft[];
  start: Point | null;
  end: Point | null;
  /** 未定位原因; null: the field is not shown (no refusal yet). */
  refused: string | null;
  /** Kept local paths of the photos, in order. */
  photos: string[];
  /** Kept local path of the signature, or null. */
  signature: string | null;
  noSignatureReason: string;
}

const emptyFindings = (): Record<FindingArea, string> =>
  Object.fromEntries(FINDING_AREAS.map((a) => [a, ''])) as Record<FindingArea, string>;

/** A new form: the caller present, 上门, started now. */
export function emptyVisitDraft(o: { stationId: string; meId: string; startAt: string }): VisitDraft {
  return {
    stationId: o.stationId,
    householdId: null,
    personIds: [],
    workerIds: [o.meId],
    othersPresent: [],
    type: '常规探访',
    mode: '上门',
    categories: [],
    startAt: o.startAt,
    endAt: null,
    address: '',
    findings: emptyFindings(),
    needs: [],
    services: [],
    risk: null,
    followUps: [],
    start: null,
    end: null,
    refused: null,
    photos: [],
    signature: null,
    noSignatureReason: '',
  };
}

const text = (s: string): string | null => {
  const t = s.trim();
  return t === '' ? null : t;
};

/**
 * The outbox payload of the form. A draft not ended yet keeps `endAt: ''`
 * (restored as "not ended"); drafts are never sent, the submit sets the end.
 */
export function recordOf(d: VisitDraft): VisitRecord {
  const findings: Partial<Record<FindingArea, string>> = {};
  for (const a of FINDING_AREAS) {
    const t = text(d.findings[a]);
    if (t) findings[a] = t;
  }
  const hasLocation = d.start !== null || d.end !== null || d.refused !== null;
  return {
    stationId: d.stationId,
    householdId: d.householdId,
    personIds: d.personIds,
    workerIds: d.workerIds,
    othersPresent: d.othersPresent.map((o) => ({ role: o.role, name: text(o.name) })),
    type: d.type,
    mode: d.mode,
    categories: d.categories,
    startAt: d.startAt,
    endAt: d.endAt ?? '',
    address: text(d.address),
    findings,
    needs: d.needs.map((n) => ({ area: n.area, note: text(n.note) })),
    services: d.services.map((s) => s.trim()).filter((s) => s !== ''),
    risk: d.risk,
    followUps: d.followUps.map((f) => ({
      action: f.action.trim(),
      ownerId: f.ownerId,
      dueDay: f.dueDay.trim(),
      referral: text(f.referral),
      openCase: f.openCase,
    })),
    location: hasLocation
      ? { start: d.start, end: d.end, refused: d.refused === null ? null : text(d.refused) }
      : null,
    confirmation: { noSignatureReason: d.signature ? null : text(d.noSignatureReason) },
    signatureIndex: d.signature ? d.photos.length : null,
  };
}

/** The attachments of the form: the photos in order, then the signature. */
export const attachmentsOf = (d: VisitDraft): string[] => [
  ...d.photos,
  ...(d.signature ? [d.signature] : []),
];

/** The form of a saved outbox item (reopened with `?id`). */
export function draftOf(item: OutboxItem<VisitRecord>): VisitDraft {
  const r = item.payload;
  const paths = item.attachments.map((a) => a.localPath);
  const sigAt = r.signatureIndex;
  const findings = emptyFindings();
  for (const a of FINDING_AREAS) findings[a] = r.findings?.[a] ?? '';
  return {
    stationId: r.stationId,
    householdId: r.householdId ?? null,
    personIds: [...r.personIds],
    workerIds: [...r.workerIds],
    othersPresent: (r.othersPresent ?? []).map((o) => ({ role: o.role, name: o.name ?? '' })),
    type: r.type,
    mode: r.mode,
    categories: [...(r.categories ?? [])],
    startAt: r.startAt,
    endAt: r.endAt === '' ? null : r.endAt,
    address: r.address ?? '',
    findings,
    needs: (r.needs ?? []).map((n) => ({ area: n.area, note: n.note ?? '' })),
    services: [...(r.services ?? [])],
    risk: r.risk ?? null,
    followUps: (r.followUps ?? []).map((f) => ({
      action: f.action,
      ownerId: f.ownerId,
      dueDay: f.dueDay,
      referral: f.referral ?? '',
      openCase: f.openCase ?? false,
    })),
    start: r.location?.start ?? null,
    end: r.location?.end ?? null,
    refused: r.location && r.location.refused !== undefined ? r.location.refused : null,
    photos: paths.filter((_, i) => i !== sigAt),
    signature: sigAt === null ? null : (paths[sigAt] ?? null),
    noSignatureReason: r.confirmation.noSignatureReason ?? '',
  };
}

/** The form field an issue path names. */
export function fieldOfVisitPath(path: readonly (string | number)[]): string | null {
  const [head, sub] = path;
  switch (head) {
    case undefined:
      return null;
    case 'personIds':
      return 'persons';
    case 'workerIds':
      return 'workers';
    case 'othersPresent':
      return 'others';
    case 'startAt':
    case 'endAt':
      return 'time';
    case 'findings':
      return typeof sub === 'string' ? `findings.${sub}` : 'findings';
    case 'photoFileIds':
      return 'photos';
    default:
      return String(head);
  }
}

export const NO_CONFIRMATION = '请让服务对象签字确认，或填写未签字的原因（二选一）';
export const NO_LOCATION = '上门走访请记录定位，或填写未定位的原因';

/**
 * Checks a record about to be submitted with the function's own schema: the
 * photos and signature stand in as file ids of this record (they are uploaded
 * later, by the outbox). Answers the first message per form field (empty: valid).
 */
export function validateVisit(record: VisitRecord, visitId: string, photoCount: number): Errors {
  const { signatureIndex, confirmation, ...rest } = record;
  const file = (n: number) => `cloud://local.sgz/outbox/visit/${visitId}/${n}.jpg`;
  const wire = {
    ...rest,
    photoFileIds: Array.from({ length: photoCount }, (_, i) => file(i)),
    confirmation:
      signatureIndex !== null
        ? { signatureFileId: file(signatureIndex), noSignatureReason: null }
        : { signatureFileId: null, noSignatureReason: confirmation.noSignatureReason },
  };
  const res = visitPayloadField.safeParse(wire);
  const errors: Errors = res.success ? {} : issuesToErrors(res.error.issues, fieldOfVisitPath);
  // The schema's whole-record rules run only once every field parses: say them at once too.
  if (!errors.confirmation && signatureIndex === null && !confirmation.noSignatureReason)
    errors.confirmation = NO_CONFIRMATION;
  const loc = record.location;
  if (!errors.location && record.mode === '上门' && !loc?.start && !loc?.end && !loc?.refused)
    errors.location = NO_LOCATION;
  return errors;
}

// ------------------------------------------------------------ names seen

const NAMES_KEY = 'visit.personNames';
const MAX_NAMES = 300;

/**
 * Masked names (`张*`) of the persons chosen on this phone, so a form reopened
 * offline still shows who was seen. The outbox payload carries ids only (the
 * server's schema is strict); full names are not kept in plain storage.
 */
export function loadPersonNames(): Record<string, string> {
  const v = readStorage(userKey(NAMES_KEY));
  return v && typeof v === 'object' ? (v as Record<string, string>) : {};
}

export function rememberPersonName(id: string, maskedName: string): void {
  const all = { ...loadPersonNames(), [id]: maskedName };
  const keys = Object.keys(all);
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_NAMES))) delete all[k];
  writeSafe(userKey(NAMES_KEY), all);
}
