import type { StationId, UserId } from '../ids';
import {
  CONSENT_LABELS,
  GUARDIAN_CONSENT_AGE,
  SENSITIVE_CATEGORIES,
  ageOn,
  type SensitiveCategory,
} from './account';
import { nextDueDay, type RiskTier, type VisitIntervals } from './risk';
import { toIdNumber18 } from './id-number';

/**
 * Service-user files (一人一档): a person the station looks after, whether or
 * not they use WeChat. Pure data and rules, shared by the `files` function
 * (one person at a time) and the `roster` function (Excel import), so both
 * write the same document for the same input ({@link buildPersonDoc}).
 *
 * Sensitive personal data (PIPL art. 28: health, disability, financial
 * hardship) is kept only with a consent given at the door and recorded by the
 * worker ({@link PersonConsentEvent}); which target category needs which
 * consent is {@link CATEGORY_CONSENTS} (written down in docs/decisions.md).
 */

/** Id of a person's file (`_id` in `persons`): made on the phone (client id) or by the import. */
export type PersonId = string & { readonly __person: true };
/** Id of a household (`_id` in `households`). */
export type HouseholdId = string & { readonly __household: true };

/** Target categories (服务对象类别) of fieldwork.md; several may apply. */
export const TARGET_CATEGORIES = [
  '低保',
  '特困',
  '低收入',
  '残疾/重残',
  '独居',
  '空巢',
  '留守老人',
  '失能',
  '高龄',
  '计生特殊',
  '留守儿童',
  '困境儿童',
  '事实无人抚养儿童',
  '孤儿',
  '其他',
] as const;
/** One of {@link TARGET_CATEGORIES}. */
export type TargetCategory = (typeof TARGET_CATEGORIES)[number];

/**
 * ASCII key per category, for the per-category 0/1 flags stored on a person
 * (`catFlags.<key>`) so that the district's counts by category are ONE
 * aggregate that sums flags (an array field cannot be summed per element
 * without `$unwind`).
 */
export const CATEGORY_KEYS: Record<TargetCategory, string> = {
  低保: 'dibao',
  特困: 'tekun',
  低收入: 'dishouru',
  '残疾/重残': 'canji',
  独居: 'duju',
  空巢: 'kongchao',
  留守老人: 'liushouLaoren',
  失能: 'shineng',
  高龄: 'gaoling',
  计生特殊: 'jisheng',
  留守儿童: 'liushouErtong',
  困境儿童: 'kunjingErtong',
  事实无人抚养儿童: 'wurenFuyang',
  孤儿: 'guer',
  其他: 'qita',
};

/**
 * Which separate consent a category needs before it may be stored (all of
 * the listed ones). Categories not listed reveal no health, disability or
 * financial situation and are kept on the station's ordinary basis (public
 * duty, the privacy notice). See docs/decisions.md "Service-user files".
 */
export const CATEGORY_CONSENTS: Partial<Record<TargetCategory, readonly SensitiveCategory[]>> = {
  低保: ['financial_hardship'],
  特困: ['financial_hardship'],
  低收入: ['financial_hardship'],
  困境儿童: ['financial_hardship'],
  '残疾/重残': ['disability'],
  失能: ['disability'],
};
/** The free-text health notes (健康状况) need this consent. */
export const HEALTH_NOTES_CONSENT: SensitiveCategory = 'health';

/** Living situation (居住情况). */
export const LIVING_SITUATIONS = ['独居', '与配偶', '与子女', '机构', '其他'] as const;
/** One of {@link LIVING_SITUATIONS}. */
export type LivingSituation = (typeof LIVING_SITUATIONS)[number];

/** Status of a file: 在册 (served), 迁出 (moved away), 去世 (deceased), 结案 (closed). Only 在册 is visited. */
export const PERSON_STATUSES = ['在册', '迁出', '去世', '结案'] as const;
/** One of {@link PERSON_STATUSES}. */
export type PersonStatus = (typeof PERSON_STATUSES)[number];
/** The status whose files are visited and counted as served. */
export const ACTIVE_STATUS: PersonStatus = '在册';

/** Sex as written in files and ID numbers. */
export const SEXES = ['男', '女'] as const;
/** One of {@link SEXES}. */
export type Sex = (typeof SEXES)[number];

/** How a file came to be. */
export const PERSON_SOURCES = ['manual', 'request', 'roster'] as const;
/** One of {@link PERSON_SOURCES}. */
export type PersonSource = (typeof PERSON_SOURCES)[number];

/** Longest free notes / health notes, characters. */
export const MAX_NOTES_CHARS = 1000;

// ------------------------------------------------------------------ consent

/** Who gave a consent at the door: the person, or their guardian (监护人). */
export const CONSENT_GIVERS = ['self', 'guardian'] as const;
/** One of {@link CONSENT_GIVERS}. */
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];
/** How: a signed paper form (photographed into cloud storage) or verbally before a witness. */
export const CONSENT_METHODS = ['paper', 'verbal'] as const;
/** One of {@link CONSENT_METHODS}. */
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
/** Chinese labels. */
export const CONSENT_GIVER_LABELS: Record<ConsentGiver, string> = { self: '本人', guardian: '监护人' };
/** Chinese labels. */
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  paper: '书面同意书（已拍照）',
  verbal: '口头同意（有见证人）',
};

/**
 * One document of `person_consents`: a consent given, or withdrawn, at the
 * door. Append-only: a withdrawal is a new event, nothing is overwritten, so
 * the file keeps who agreed to what, when and how.
 */
export interface PersonConsentEvent {
  _id: string;
  personId: string;
  stationId: string;
  kind: 'give' | 'withdraw';
  categories: SensitiveCategory[];
  /**
   * Text version per category at recording time (CONSENT_VERSIONS), kept as
   * evidence of what was agreed to. A consent given stays valid when the text
   * changes later (the lists read the stored fields, so a version rule on read
   * would hide a field in one screen and show it in another); only new
   * consents are recorded against the new text.
   */
  versions: Partial<Record<SensitiveCategory, string>>;
  givenBy: ConsentGiver;
  /** The guardian, when `givenBy` is `guardian`. */
  guardian: { name: string; relationship: string } | null;
  /** Beijing day it was given / withdrawn. */
  day: string;
  method: ConsentMethod;
  /** Cloud storage fileID of the photographed form (`paper`). */
  fileId: string | null;
  /** Name of the witness (`verbal`). */
  witnessName: string | null;
  recordedBy: string;
  recordedAt: Date;
}

/** What the file may keep for one sensitive category, from the consent events. */
export interface ConsentStatus {
  category: SensitiveCategory;
  label: string;
  /** True when a valid consent stands (given, current text, right giver, not withdrawn since). */
  allowed: boolean;
  /** The event that decides it (the last give or withdraw for this category), if any. */
  lastEventId: string | null;
  lastKind: 'give' | 'withdraw' | null;
  lastDay: string | null;
  /** Why a standing give does not count: a child's own consent (a guardian must give it). */
  problem: 'guardian-required' | null;
}

/** A birth as known: the full date or only the year. */
export interface Birth {
  birthDate: string | null;
  birthYear: number | null;
}

/**
 * True when the person is, or may be, under 14 on `today` (PIPL art. 31: a
 * guardian consents). Only a birth year known: the youngest age the year
 * allows counts, so a child is never taken for 14 too early.
 */
export function isUnderGuardianAge(birth: Birth, today: string): boolean {
  if (birth.birthDate) return ageOn(birth.birthDate, today) < GUARDIAN_CONSENT_AGE;
  if (birth.birthYear !== null) return Number(today.slice(0, 4)) - birth.birthYear - 1 < GUARDIAN_CONSENT_AGE;
  return false;
}

/** Age in whole years on `today` (the lower bound when only the year is known), null when unknown. */
export function ageOf(birth: Birth, today: string): number | null {
  if (birth.birthDate) return ageOn(birth.birthDate, today);
  if (birth.birthYear !== null) return Math.max(0, Number(today.slice(0, 4)) - birth.birthYear - 1);
  return null;
}

const eventOrder = (a: PersonConsentEvent, b: PersonConsentEvent): number =>
  a.day < b.day ? -1 : a.day > b.day ? 1 : a.recordedAt.getTime() - b.recordedAt.getTime();

/**
 * Which sensitive categories the file may keep on `today`: per category, the
 * latest event (by day given, then by time recorded) decides. A give counts,
 * for a person under 14, only when a guardian gave it. A withdrawal ends it
 * from its day on.
 */
export function consentStatusOf(
  events: readonly PersonConsentEvent[],
  birth: Birth,
  today: string,
): Record<SensitiveCategory, ConsentStatus> {
  const minor = isUnderGuardianAge(birth, today);
  const sorted = [...events].filter((e) => e.day <= today).sort(eventOrder);
  const out = {} as Record<SensitiveCategory, ConsentStatus>;
  for (const category of SENSITIVE_CATEGORIES) {
    const last = [...sorted].reverse().find((e) => e.categories.includes(category)) ?? null;
    const problem: ConsentStatus['problem'] =
      last?.kind === 'give' && minor && last.givenBy !== 'guardian' ? 'guardian-required' : null;
    out[category] = {
      category,
      label: CONSENT_LABELS[category],
      allowed: last?.kind === 'give' && problem === null,
      lastEventId: last?._id ?? null,
      lastKind: last?.kind ?? null,
      lastDay: last?.day ?? null,
      problem,
    };
  }
  return out;
}

/** The sensitive categories allowed now, as a set. */
export const allowedConsents = (status: Record<SensitiveCategory, ConsentStatus>): Set<SensitiveCategory> =>
  new Set(SENSITIVE_CATEGORIES.filter((c) => status[c].allowed));

/** The consents that `categories` and health notes need (each once, in SENSITIVE_CATEGORIES order). */
export function consentsNeeded(
  categories: readonly TargetCategory[],
  hasHealthNotes: boolean,
): SensitiveCategory[] {
  const need = new Set<SensitiveCategory>();
  for (const c of categories) for (const s of CATEGORY_CONSENTS[c] ?? []) need.add(s);
  if (hasHealthNotes) need.add(HEALTH_NOTES_CONSENT);
  return SENSITIVE_CATEGORIES.filter((c) => need.has(c));
}

/** What a write would store without the consent it needs. */
export interface ConsentGap {
  /** Missing consents. */
  missing: SensitiveCategory[];
  /** Target categories refused for want of them. */
  categories: TargetCategory[];
  /** Health notes refused. */
  healthNotes: boolean;
}

/** The fields of a write that lack consent (empty `missing`: the write may go ahead). */
export function consentGap(
  categories: readonly TargetCategory[],
  hasHealthNotes: boolean,
  allowed: ReadonlySet<SensitiveCategory>,
): ConsentGap {
  const missing = consentsNeeded(categories, hasHealthNotes).filter((c) => !allowed.has(c));
  const lacking = new Set(missing);
  return {
    missing,
    categories: categories.filter((c) => (CATEGORY_CONSENTS[c] ?? []).some((s) => lacking.has(s))),
    healthNotes: hasHealthNotes && lacking.has(HEALTH_NOTES_CONSENT),
  };
}

/**
 * The refusal message of a write that lacks consent: which fields, which
 * consent, why, and what to do. Nothing of the write is stored.
 */
export function consentGapMessage(gap: ConsentGap): string {
  const fields = [...gap.categories.map((c) => `“${c}”`), ...(gap.healthNotes ? ['“健康状况”'] : [])].join(
    '、',
  );
  const kinds = gap.missing.map((c) => CONSENT_LABELS[c]).join('、');
  return (
    `${fields}属于${kinds}等敏感个人信息，需要先登记本人同意（不满${GUARDIAN_CONSENT_AGE}周岁由监护人同意），` +
    `本次没有保存。请先在档案中“登记同意”，或去掉这些内容后再保存`
  );
}

/** The categories the file may show on `today` (those needing a consent not held are hidden). */
export function visibleCategories(
  categories: readonly TargetCategory[],
  allowed: ReadonlySet<SensitiveCategory>,
): TargetCategory[] {
  return categories.filter((c) => (CATEGORY_CONSENTS[c] ?? []).every((s) => allowed.has(s)));
}

/** 0/1 per category key (see {@link CATEGORY_KEYS}). */
export function categoryFlags(categories: readonly TargetCategory[]): Record<string, 0 | 1> {
  const set = new Set(categories);
  return Object.fromEntries(TARGET_CATEGORIES.map((c) => [CATEGORY_KEYS[c], set.has(c) ? 1 : 0]));
}

// ------------------------------------------------------------------ person

/** The fields a person is created from (a form, a request, a roster row). Validated before. */
export interface NewPerson {
  stationId: StationId | string;
  householdId: string | null;
  /** Relationship to the household's head (户主, 配偶, …). */
  relationship: string | null;
  /** 社区/村 (from the household, or the station's list). */
  community: string | null;
  name: string;
  sex: Sex | null;
  birthDate: string | null;
  birthYear: number | null;
  phone: string | null;
  idNumber: string | null;
  categories: TargetCategory[];
  livingSituation: LivingSituation;
  status: PersonStatus;
  risk: RiskTier;
  assignedWorkerId: UserId | string | null;
  notes: string | null;
  healthNotes: string | null;
  linkedUserId: UserId | string | null;
  lastVisitDay: string | null;
  source: PersonSource;
}

/**
 * The `persons` document for `p` (without `_id`), opened on Beijing day
 * `openedDay`: derived fields (birth year from the date, the 18-digit ID,
 * category flags, the next due day) computed here once for every writer.
 */
export function buildPersonDoc(
  p: NewPerson,
  meta: { now: Date; openedDay: string; by: string; intervals: VisitIntervals },
): Record<string, unknown> {
  const birthYear = p.birthDate ? Number(p.birthDate.slice(0, 4)) : p.birthYear;
  return {
    stationId: p.stationId,
    householdId: p.householdId,
    relationship: p.relationship,
    community: p.community,
    name: p.name,
    sex: p.sex,
    birthDate: p.birthDate,
    birthYear,
    phone: p.phone,
    idNumber: p.idNumber ? (toIdNumber18(p.idNumber) ?? p.idNumber) : null,
    categories: [...p.categories],
    catFlags: categoryFlags(p.categories),
    livingSituation: p.livingSituation,
    status: p.status,
    risk: p.risk,
    assignedWorkerId: p.assignedWorkerId,
    notes: p.notes,
    healthNotes: p.healthNotes,
    linkedUserId: p.linkedUserId,
    openedDay: meta.openedDay,
    lastVisitDay: p.lastVisitDay,
    nextDueDay: nextDueDay(
      {
        risk: p.risk,
        active: p.status === ACTIVE_STATUS,
        lastVisitDay: p.lastVisitDay,
        openedDay: meta.openedDay,
      },
      meta.intervals,
    ),
    source: p.source,
    rev: 1,
    createdAt: meta.now,
    createdBy: meta.by,
    updatedAt: meta.now,
    updatedBy: meta.by,
  };
}

/**
 * The key that tells two files of one station apart for duplicates (a second
 * import of a roster, a person entered twice): the 18-digit ID number when
 * known, else the name with the birth date (or year).
 */
export function personDedupKey(p: Pick<NewPerson, 'name' | 'idNumber' | 'birthDate' | 'birthYear'>): string {
  const id = p.idNumber ? toIdNumber18(p.idNumber) : null;
  if (id) return `id:${id}`;
  return `nb:${p.name.trim()}|${p.birthDate ?? p.birthYear ?? ''}`;
}

/** Labels of a target category's consent need, for the form ("需登记：残疾情况"). */
export const consentLabelsOf = (c: TargetCategory): string[] =>
  (CATEGORY_CONSENTS[c] ?? []).map((s) => CONSENT_LABELS[s]);
