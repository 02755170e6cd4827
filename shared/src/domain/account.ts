import type { StationId, UserId } from '../ids';
import type { Role } from '../auth/roles';
import { beijingDay } from '../calendar';
import { FAMILY_CONSENT_VERSION } from './request';

/**
 * Accounts, staff qualifications and consent (PIPL), as pure data and rules.
 * Dates that are instants are `Date`; calendar days are `YYYY-MM-DD` strings
 * in Beijing time.
 */

/** Certificate kinds that make a professional social worker (全国社会工作者职业资格 or 天津市社会工作员证书). */
export const CERTIFICATE_KINDS = [
  '助理社会工作师',
  '社会工作师',
  '高级社会工作师',
  '天津市社会工作员证书',
] as const;
/** One of {@link CERTIFICATE_KINDS}. */
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** Registration (注册登记) status of a certificate in Tianjin. */
export const REGISTRATION_STATUSES = ['registered', 'pending', 'lapsed', 'none'] as const;
/** One of {@link REGISTRATION_STATUSES}. */
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
/** Chinese labels of {@link REGISTRATION_STATUSES}. */
export const REGISTRATION_LABELS: Record<RegistrationStatus, string> = {
  registered: '已注册登记',
  pending: '登记办理中',
  lapsed: '登记已失效',
  none: '未登记',
};

/** A staff member's qualification, kept on the staff record. */
export interface Qualification {
  kind: CertificateKind;
  /** Certificate number as printed (not an ID number). */
  number: string;
  registrationStatus: RegistrationStatus;
  /** Day of registration, `YYYY-MM-DD` (Beijing), when registered. */
  registeredOn: string | null;
}

/** The privacy notice a user accepted (version and time). */
export interface PrivacyAcceptance {
  version: string;
  acceptedAt: Date;
}

/** One document of `users`: a WeChat user's profile and, for staff, role and station. */
export interface Account {
  _id: UserId;
  openid: string;
  /** Stored role; the effective role of an inactive account is `resident`. */
  role: Role;
  stationId: StationId | null;
  stationIds: StationId[];
  /** False once a staff account is deactivated; its records stay. */
  active: boolean;
  name: string | null;
  phone: string | null;
  privacyNotice: PrivacyAcceptance | null;
  qualification: Qualification | null;
  invitedBy: UserId | null;
  createdAt: Date;
  updatedAt: Date;
  deactivatedAt: Date | null;
}

/** The current privacy notice version; a new version must be accepted again. */
export const PRIVACY_NOTICE_VERSION = '2026-11-27';

/**
 * The privacy notice of {@link PRIVACY_NOTICE_VERSION}, paragraph by paragraph,
 * shown word for word wherever it is accepted (我的, the request form). A
 * summary for residents; the bureau's full notice replaces it. Changing a word
 * means a new version.
 */
export const PRIVACY_NOTICE_TEXT: readonly string[] = [
  '滨海新区社工站小程序由区民政局及各街镇社工站使用，用于为您提供社会工作服务。',
  '· 我们只在您同意后保存您填写的姓名和手机号，以及您提交的求助内容和联系电话，用于社工与您联系、为您提供服务。',
  '· 健康状况、残疾情况、经济困难状况等敏感信息，会在第一次记录时另行征得您的同意；不满 14 周岁的儿童需由监护人同意。',
  '· 您可以随时在“我的”页面查看和撤回您的授权。',
  '· 不同意也可以查找社工站、查看社工站信息。',
];

/** Message when an action that stores personal data is called before the current notice is accepted. */
export const PRIVACY_NOTICE_REQUIRED_MESSAGE = '提交前请先阅读并同意《隐私政策》';

/** Fields to create an account from (whoAmI on first call, demo seed, invite). */
export interface NewAccountInput {
  _id: UserId;
  openid: string;
  role?: Role;
  stationId?: StationId | null;
  stationIds?: StationId[];
  name?: string | null;
}

/** A fresh account document (resident unless told otherwise). */
export function newAccount(input: NewAccountInput, now: Date): Account {
  return {
    _id: input._id,
    openid: input.openid,
    role: input.role ?? 'resident',
    stationId: input.stationId ?? null,
    stationIds: input.stationIds ?? [],
    active: true,
    name: input.name ?? null,
    phone: null,
    privacyNotice: null,
    qualification: null,
    invitedBy: null,
    createdAt: now,
    updatedAt: now,
    deactivatedAt: null,
  };
}

/** What {@link demoAccount} needs of a demo user (shape of `DemoUser` in seed/demo-users.ts). */
export interface DemoAccountInput {
  openid: string;
  label: string;
  role: Role;
  stationId?: StationId;
  stationIds?: StationId[];
}

/**
 * The `users` document of a demo user, for the emulator's seed only: `_id`
 * `u-demo-<openid>`, the label as name; staff have accepted the privacy
 * notice (so their pages work at once), residents have not (so the first-use
 * flow shows). authorize() finds accounts by OPENID, so the id form is free.
 */
export function demoAccount(demo: DemoAccountInput, now: Date): Account {
  const account = newAccount(
    {
      _id: `u-demo-${demo.openid}` as UserId,
      openid: demo.openid,
      role: demo.role,
      stationId:
        demo.role === 'social_worker' || demo.role === 'station_head' ? (demo.stationId ?? null) : null,
      stationIds: demo.role === 'supervisor' ? (demo.stationIds ?? []) : [],
      name: demo.label,
    },
    now,
  );
  return demo.role === 'resident'
    ? account
    : { ...account, privacyNotice: { version: PRIVACY_NOTICE_VERSION, acceptedAt: now } };
}

/** True when `account` accepted privacy notice `version` (default: the current one). */
export function hasAcceptedPrivacyNotice(
  account: Pick<Account, 'privacyNotice'> | null,
  version: string = PRIVACY_NOTICE_VERSION,
): boolean {
  return !!account?.privacyNotice && account.privacyNotice.version === version;
}

/**
 * True when `staff` counts towards "at least 2 qualified professional social
 * workers per station": an active social worker or station head holding one of
 * the certificate kinds, with a number, registered (注册登记) in Tianjin.
 */
export function isQualified(staff: Pick<Account, 'role' | 'active' | 'qualification'>): boolean {
  if (!staff.active) return false;
  if (staff.role !== 'social_worker' && staff.role !== 'station_head') return false;
  const q = staff.qualification;
  if (!q) return false;
  return (
    (CERTIFICATE_KINDS as readonly string[]).includes(q.kind) &&
    q.number.trim().length > 0 &&
    q.registrationStatus === 'registered'
  );
}

// ---------------------------------------------------------------- consent

/** Sensitive categories (敏感个人信息) that need separate consent when first recorded about a person. */
export const SENSITIVE_CATEGORIES = ['health', 'disability', 'financial_hardship'] as const;
/** One of {@link SENSITIVE_CATEGORIES}. */
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];
/**
 * What a consent record is about: the privacy notice, one sensitive category, or
 * `family_request` (代家人求助): the family member's agreement a resident confirms
 * when asking for them (FAMILY_CONSENT_TEXT), recorded by the requests function
 * with each such request, so 我的授权 lists it and it can be withdrawn there.
 */
export const CONSENT_CATEGORIES = ['privacy_notice', ...SENSITIVE_CATEGORIES, 'family_request'] as const;
/** One of {@link CONSENT_CATEGORIES}. */
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];
/** Chinese labels of {@link CONSENT_CATEGORIES}. */
export const CONSENT_LABELS: Record<ConsentCategory, string> = {
  privacy_notice: '隐私政策',
  health: '健康状况',
  disability: '残疾情况',
  financial_hardship: '经济困难状况（低保、特困等）',
  family_request: '代家人求助',
};
/** Current text version per category; a consent to an older version no longer counts. */
export const CONSENT_VERSIONS: Record<ConsentCategory, string> = {
  privacy_notice: PRIVACY_NOTICE_VERSION,
  health: '2026-11-01',
  disability: '2026-11-01',
  financial_hardship: '2026-11-01',
  family_request: FAMILY_CONSENT_VERSION,
};

/** In which capacity the giver consented. */
export const CONSENT_CAPACITIES = ['self', 'guardian', 'family_member'] as const;
/** One of {@link CONSENT_CAPACITIES}: the person themself, a guardian (监护人) of a child, or a relative relaying an adult's consent. */
export type ConsentCapacity = (typeof CONSENT_CAPACITIES)[number];

/** Age under which a guardian's consent is required (PIPL art. 31). */
export const GUARDIAN_CONSENT_AGE = 14;

/** The person a consent is about: `self` (the giver), or another person by a client-generated id. */
export interface ConsentSubject {
  /** `self`, or a stable id of the family member (e.g. `p-…`), chosen by the client. */
  subjectId: string;
  /** Birth day `YYYY-MM-DD`, when known (decides whether a guardian must consent). */
  birthDate?: string | null;
}

/** One document of `consents`. Never deleted: withdrawal sets `withdrawnAt`. */
export interface ConsentRecord {
  _id: string;
  /** Who gave it (UserId of the caller). */
  giverId: UserId;
  category: ConsentCategory;
  /** Version of the consent text accepted. */
  version: string;
  /** What it covers, in words shown to the giver (e.g. 本人求助服务中记录健康状况). */
  scope: string;
  subjectId: string;
  /** Name of the person when not `self` (shown only to the giver). */
  subjectName: string | null;
  relationship: string | null;
  subjectBirthDate: string | null;
  capacity: ConsentCapacity;
  givenAt: Date;
  withdrawnAt: Date | null;
}

/** Whole years between birth day and `today` (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

/**
 * True when a valid consent allows processing `category` about `subject` at
 * `now` (age is counted on the Beijing day of `now`): a record for that category and person, of
 * the current text version, given no later than today, not withdrawn; for a
 * child under 14, given by a guardian.
 */
export function hasConsent(
  consents: readonly ConsentRecord[],
  category: ConsentCategory,
  subject: ConsentSubject,
  now: Date,
): boolean {
  const birth = subject.birthDate ?? null;
  const minor = birth !== null && ageOn(birth, beijingDay(now)) < GUARDIAN_CONSENT_AGE;
  return consents.some(
    (c) =>
      c.category === category &&
      c.subjectId === subject.subjectId &&
      c.version === CONSENT_VERSIONS[category] &&
      c.withdrawnAt === null &&
      c.givenAt.getTime() <= now.getTime() &&
      (!minor || c.capacity === 'guardian') &&
      (subject.subjectId !== 'self' || c.capacity === 'self'),
  );
}
