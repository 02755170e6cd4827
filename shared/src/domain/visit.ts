import { CONSENT_LABELS, type SensitiveCategory } from './account';
import { CATEGORY_CONSENTS, HEALTH_NOTES_CONSENT, type TargetCategory } from './person';

/**
 * The home-visit record (走访记录, issue 10; fields from /work/shared/fieldwork.md,
 * after 民政部等10部门《关于开展特殊困难老年人探访关爱服务的指导意见》 2022): pure rules
 * shared by the `visits` function and the phone's form. The record is made on
 * the phone (its id, its versions) and sent through the outbox.
 */

/** Visit type (走访类型). */
export const VISIT_TYPES = ['常规探访', '需求评估', '入户核查', '回访', '政策宣传', '紧急'] as const;
/** One of {@link VISIT_TYPES}. */
export type VisitType = (typeof VISIT_TYPES)[number];

/** Visit mode (走访方式): in person, by phone, by video. */
export const VISIT_MODES = ['上门', '电话', '视频'] as const;
/** One of {@link VISIT_MODES}. */
export type VisitMode = (typeof VISIT_MODES)[number];

/** Who else was present besides the station's workers. */
export const OTHER_PRESENT_ROLES = ['村居干部', '民政', '志愿者', '其他'] as const;
/** One of {@link OTHER_PRESENT_ROLES}. */
export type OtherPresentRole = (typeof OTHER_PRESENT_ROLES)[number];

/** Areas of the findings (发现情况), each free text. */
export const FINDING_AREAS = ['health', 'mental', 'safety', 'hygiene', 'living'] as const;
/** One of {@link FINDING_AREAS}. */
export type FindingArea = (typeof FINDING_AREAS)[number];
/** Chinese labels of {@link FINDING_AREAS}. */
export const FINDING_LABELS: Record<FindingArea, string> = {
  health: '健康',
  mental: '精神',
  safety: '安全（燃气、用电、水暖）',
  hygiene: '卫生',
  living: '居住环境',
};

/** Limits of one record: they keep a call's JSON well under 100 KB (see the schema). */
export const VISIT_LIMITS = {
  persons: 10,
  workers: 10,
  others: 10,
  needs: 10,
  services: 10,
  followUps: 10,
  photos: 9,
  findingChars: 1000,
  noteChars: 300,
  shortChars: 200,
  /** Longest visit (start to end). */
  maxHours: 24,
  maxVersion: 100_000,
} as const;

/** The folder the phone uploads a visit's files to (outbox `attachmentCloudPath`). */
export const visitUploadDir = (visitId: string): string => `outbox/visit/${visitId}/`;

/** The cloud path inside a fileID (`cloud://<env>.<bucket>/<path>`), or null. */
export function cloudPathOfFileId(fileId: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  return m && m[1] ? m[1] : null;
}

/**
 * True when `fileId` is a file of visit `visitId`: `outbox/visit/<id>/<n>[.<ext>]`.
 * The function hands out temp URLs with the environment's rights, so a
 * fileId elsewhere (another visit, a consent form, a roster) is refused.
 */
export function isVisitFile(fileId: string, visitId: string): boolean {
  const path = cloudPathOfFileId(fileId);
  if (!path || !path.startsWith(visitUploadDir(visitId))) return false;
  return /^\d{1,2}(\.[A-Za-z0-9]{1,5})?$/.test(path.slice(visitUploadDir(visitId).length));
}

// ------------------------------------------------------------ versions

/** What the server does with a sent version (the outbox contract, client/README.md). */
export type SubmitDecision = 'insert' | 'duplicate' | 'update' | 'conflict';

/**
 * The sync rule: nothing stored → insert; the same version with the same
 * content → duplicate; a stored version ≥ `baseVersion ?? 0` and below the
 * sent one → update (the phone's own earlier send); anything else (a stale
 * version, other content under the same version, a record changed
 * elsewhere) → conflict: both kept, never overwritten.
 */
export function decideSubmit(
  stored: { version: number; fp: string } | null,
  sent: { version: number; baseVersion: number | null; fp: string },
): SubmitDecision {
  if (!stored) return 'insert';
  if (stored.version === sent.version && stored.fp === sent.fp) return 'duplicate';
  if (stored.version >= (sent.baseVersion ?? 0) && stored.version < sent.version) return 'update';
  return 'conflict';
}

/** JSON with object keys sorted and undefined dropped: "the same content" is the same string. */
export function canonicalJson(value: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object' && !(v instanceof Date)
        ? Object.fromEntries(
            Object.keys(v as Record<string, unknown>)
              .sort()
              .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(canon(value));
}

// ------------------------------------------------------------- consent

/** A field of a visit left out for want of consent, and why (the answer says it; not an error). */
export interface WithheldField {
  /** `findings.health` or `categories.<category>`. */
  field: string;
  consent: SensitiveCategory;
  /** The persons seen whose valid consent is missing. */
  personIds: string[];
  /** Chinese: what was left out, why, what to do. */
  reason: string;
}

/** What a visit may keep. */
export interface ConsentFilter<T> {
  kept: T;
  withheld: WithheldField[];
}

const reasonOf = (what: string, consent: SensitiveCategory, count: number): string =>
  `“${what}”属于${CONSENT_LABELS[consent]}等敏感个人信息，${count > 1 ? `有 ${count} 位走访对象` : '走访对象'}` +
  `没有有效的同意，本次未保存这一项（走访记录已保存）。请先在档案中“登记同意”后再补充`;

/**
 * Keeps the sensitive parts of a visit only when EVERY person seen holds a
 * valid consent for them (a visit's findings are not split per person):
 * health findings need `health`; a target category needs what
 * CATEGORY_CONSENTS says (the files domain's mapping). The rest is kept;
 * what is left out is listed with the reason.
 */
export function filterVisitForConsent<
  T extends { findings: Partial<Record<FindingArea, string | null>>; categories: TargetCategory[] },
>(visit: T, allowedByPerson: ReadonlyMap<string, ReadonlySet<SensitiveCategory>>): ConsentFilter<T> {
  const lacking = (consent: SensitiveCategory): string[] =>
    [...allowedByPerson.entries()].filter(([, set]) => !set.has(consent)).map(([id]) => id);
  const withheld: WithheldField[] = [];
  let findings = visit.findings;
  if (visit.findings.health) {
    const missing = lacking(HEALTH_NOTES_CONSENT);
    if (missing.length > 0) {
      findings = { ...visit.findings, health: null };
      withheld.push({
        field: 'findings.health',
        consent: HEALTH_NOTES_CONSENT,
        personIds: missing,
        reason: reasonOf(`${FINDING_LABELS.health}情况`, HEALTH_NOTES_CONSENT, missing.length),
      });
    }
  }
  const categories: TargetCategory[] = [];
  for (const c of visit.categories) {
    const needs = CATEGORY_CONSENTS[c] ?? [];
    const gap = needs.find((s) => lacking(s).length > 0);
    if (gap === undefined) {
      categories.push(c);
      continue;
    }
    const missing = lacking(gap);
    withheld.push({
      field: `categories.${c}`,
      consent: gap,
      personIds: missing,
      reason: reasonOf(c, gap, missing.length),
    });
  }
  return { kept: { ...visit, findings, categories }, withheld };
}
