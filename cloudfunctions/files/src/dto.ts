import type {
  FileView,
  HouseholdDto,
  MyFileDto,
  PersonConsentDto,
  PersonDetail,
  PersonListItem,
  PersonRequestDto,
} from '../../../shared/src/contracts/files';
import { ROLE_LABELS, isRole } from '../../../shared/src/auth/roles';
import { CONSENT_LABELS } from '../../../shared/src/domain/account';
import { HOUSEHOLD_RELATIONSHIPS, type HouseholdRelationship } from '../../../shared/src/domain/household';
import {
  LIVING_SITUATIONS,
  PERSON_SOURCES,
  PERSON_STATUSES,
  SEXES,
  TARGET_CATEGORIES,
  ageOf,
  allowedConsents,
  consentStatusOf,
  visibleCategories,
  type Birth,
  type LivingSituation,
  type PersonConsentEvent,
  type PersonSource,
  type PersonStatus,
  type Sex,
  type TargetCategory,
} from '../../../shared/src/domain/person';
import {
  REQUEST_STATUSES,
  REQUEST_STATUS_LABELS,
  type RequestStatus,
} from '../../../shared/src/domain/request';
import { RISK_TIERS, daysOverdue, dueBucketOf, type RiskTier } from '../../../shared/src/domain/risk';
import type { ServiceArea } from '../../../shared/src/domain/station';
import { maskIdNumber, maskName, maskPhone, maskPiiInText } from '../../../shared/src/masking';
import type { RawDoc } from './repo';

/**
 * Stored documents → DTOs. Stored values are not trusted blindly (a field of
 * the wrong type becomes a safe default). Masking is decided here by the
 * view: every list item is masked for everyone; one file in the `station`
 * view is whole, in the `oversight` view masked like a list.
 */

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown, fallback = 0): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;
const oneOf = <T extends string>(values: readonly T[], v: unknown, fallback: T): T =>
  (values as readonly unknown[]).includes(v) ? (v as T) : fallback;
const oneOfOrNull = <T extends string>(values: readonly T[], v: unknown): T | null =>
  (values as readonly unknown[]).includes(v) ? (v as T) : null;
const dateOf = (v: unknown): Date | null => {
  const d = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};
const iso = (v: unknown): string => dateOf(v)?.toISOString() ?? '';

/** The stored categories (unknown values dropped). */
export const categoriesOf = (d: RawDoc): TargetCategory[] =>
  Array.isArray(d.categories)
    ? d.categories.filter((c): c is TargetCategory => (TARGET_CATEGORIES as readonly unknown[]).includes(c))
    : [];
/** The stored risk tier (一般 when unreadable). */
export const riskOf = (d: RawDoc): RiskTier => oneOf(RISK_TIERS, d.risk, '一般');
/** The stored status (在册 when unreadable). */
export const statusOf = (d: RawDoc): PersonStatus => oneOf(PERSON_STATUSES, d.status, '在册');
/** Birth as stored. */
export const birthOf = (d: RawDoc): Birth => ({
  birthDate: strOrNull(d.birthDate),
  birthYear: typeof d.birthYear === 'number' ? d.birthYear : null,
});
/** The stored revision. */
export const revOf = (d: RawDoc): number => num(d.rev, 1);

/** One file as a list item (masked for everyone) on Beijing day `today`. */
export function toListItem(d: RawDoc, today: string): PersonListItem {
  const due = strOrNull(d.nextDueDay);
  return {
    id: d._id,
    stationId: str(d.stationId),
    nameMasked: maskName(str(d.name)) ?? '',
    sex: oneOfOrNull(SEXES, d.sex),
    age: ageOf(birthOf(d), today),
    phoneMasked: maskPhone(strOrNull(d.phone)),
    idNumberMasked: maskIdNumber(strOrNull(d.idNumber)),
    community: strOrNull(d.community),
    categories: categoriesOf(d),
    risk: riskOf(d),
    status: statusOf(d),
    livingSituation: oneOf(LIVING_SITUATIONS, d.livingSituation, '其他') as LivingSituation,
    assignedWorkerId: strOrNull(d.assignedWorkerId),
    lastVisitDay: strOrNull(d.lastVisitDay),
    nextDueDay: due,
    due: dueBucketOf(due, today),
    daysOverdue: daysOverdue(due, today),
    linked: strOrNull(d.linkedUserId) !== null,
  };
}

/** A consent event as `view` shows it. */
export function toConsentDto(e: PersonConsentEvent, view: FileView | 'own'): PersonConsentDto {
  const whole = view !== 'oversight';
  return {
    id: e._id,
    kind: e.kind,
    categories: [...e.categories],
    labels: e.categories.map((c) => CONSENT_LABELS[c]),
    givenBy: e.givenBy,
    guardian: e.guardian
      ? {
          name: whole ? e.guardian.name : (maskName(e.guardian.name) ?? ''),
          relationship: e.guardian.relationship,
        }
      : null,
    day: e.day,
    method: e.method,
    fileId: view === 'station' ? e.fileId : null,
    witnessName: whole ? e.witnessName : maskName(e.witnessName),
    recordedAt: e.recordedAt.toISOString(),
  };
}

/** A household as `view` shows it, with its members (masked names). */
export function toHouseholdDto(h: RawDoc, view: FileView, members: RawDoc[]): HouseholdDto {
  const c = h.contact as Record<string, unknown> | null | undefined;
  const whole = view === 'station';
  const relOf = new Map<string, HouseholdRelationship | null>();
  if (Array.isArray(h.members))
    for (const m of h.members as unknown[]) {
      const r = (m ?? {}) as Record<string, unknown>;
      relOf.set(str(r.personId), oneOfOrNull(HOUSEHOLD_RELATIONSHIPS, r.relationship));
    }
  return {
    id: h._id,
    stationId: str(h.stationId),
    community: str(h.community),
    address: whole ? str(h.address) : '***',
    contact:
      c && typeof c === 'object'
        ? {
            name: whole ? str(c.name) : (maskName(str(c.name)) ?? ''),
            phone: whole ? str(c.phone) : (maskPhone(str(c.phone)) ?? ''),
            relationship: strOrNull(c.relationship),
          }
        : null,
    members: members.map((m) => ({
      personId: m._id,
      nameMasked: maskName(str(m.name)) ?? '',
      relationship: relOf.get(m._id) ?? oneOfOrNull(HOUSEHOLD_RELATIONSHIPS, m.relationship),
    })),
    rev: num(h.rev, 1),
    updatedAt: iso(h.updatedAt),
  };
}

/** A request attached to a file. */
export function toPersonRequestDto(r: RawDoc): PersonRequestDto {
  const status = oneOf(REQUEST_STATUSES, r.status, 'submitted') as RequestStatus;
  return {
    id: r._id,
    status,
    statusLabel: REQUEST_STATUS_LABELS[status],
    itemTitle: strOrNull(r.itemTitle),
    area: str(r.area) as ServiceArea,
    createdAt: iso(r.createdAt),
  };
}

/** What a whole file is shown with. */
export interface DetailParts {
  today: string;
  household: RawDoc | null;
  members: RawDoc[];
  consents: PersonConsentEvent[];
  requests: RawDoc[];
}

/**
 * One file as `view` shows it on `today`. The categories and health notes
 * are filtered by the consent state (defence in depth: a withdrawal also
 * deletes them, see actions/consent.ts); the oversight view is masked like
 * a list and never gets health notes or the form photo.
 */
export function toPersonDetail(d: RawDoc, view: FileView, p: DetailParts): PersonDetail {
  const birth = birthOf(d);
  const keep = consentStatusOf(p.consents, birth, p.today);
  const allowed = allowedConsents(keep);
  const whole = view === 'station';
  const name = str(d.name);
  const phone = strOrNull(d.phone);
  const idNumber = strOrNull(d.idNumber);
  const notes = strOrNull(d.notes);
  const due = strOrNull(d.nextDueDay);
  return {
    id: d._id,
    stationId: str(d.stationId),
    view,
    name: whole ? name : (maskName(name) ?? ''),
    sex: oneOfOrNull(SEXES, d.sex) as Sex | null,
    birthDate: whole ? birth.birthDate : null,
    birthYear: birth.birthYear,
    age: ageOf(birth, p.today),
    phone: whole ? phone : maskPhone(phone),
    idNumber: whole ? idNumber : maskIdNumber(idNumber),
    householdId: strOrNull(d.householdId),
    relationship: oneOfOrNull(HOUSEHOLD_RELATIONSHIPS, d.relationship),
    community: strOrNull(d.community),
    household: p.household ? toHouseholdDto(p.household, view, p.members) : null,
    categories: visibleCategories(categoriesOf(d), allowed),
    livingSituation: oneOf(LIVING_SITUATIONS, d.livingSituation, '其他') as LivingSituation,
    status: statusOf(d),
    risk: riskOf(d),
    assignedWorkerId: strOrNull(d.assignedWorkerId),
    notes: notes === null ? null : whole ? notes : maskPiiInText(notes),
    healthNotes: whole && allowed.has('health') ? strOrNull(d.healthNotes) : null,
    linkedUserId: whole ? strOrNull(d.linkedUserId) : null,
    lastVisitDay: strOrNull(d.lastVisitDay),
    nextDueDay: due,
    due: dueBucketOf(due, p.today),
    daysOverdue: daysOverdue(due, p.today),
    keep,
    consents: p.consents.map((e) => toConsentDto(e, view)),
    requests: p.requests.map(toPersonRequestDto),
    source: oneOf(PERSON_SOURCES, d.source, 'manual') as PersonSource,
    rev: revOf(d),
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

/** The person's own summary (getMyFile): their name as typed, no ID number, phone or notes. */
export function toMyFile(
  d: RawDoc,
  p: { today: string; stationName: string | null; consents: PersonConsentEvent[]; openings: RawDoc[] },
): MyFileDto {
  const keep = consentStatusOf(p.consents, birthOf(d), p.today);
  return {
    id: d._id,
    stationId: str(d.stationId),
    stationName: p.stationName,
    name: str(d.name),
    community: strOrNull(d.community),
    status: statusOf(d),
    categories: visibleCategories(categoriesOf(d), allowedConsents(keep)),
    lastVisitDay: strOrNull(d.lastVisitDay),
    nextDueDay: strOrNull(d.nextDueDay),
    keep,
    consents: p.consents.map((e) => toConsentDto(e, 'own')),
    openedBy: p.openings.map((a) => {
      const role = isRole(a.role) ? a.role : null;
      return { role, roleLabel: role ? ROLE_LABELS[role] : '工作人员', at: iso(a.at) };
    }),
  };
}
