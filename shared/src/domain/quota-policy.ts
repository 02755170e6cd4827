import type { RiskTier } from './risk';

/**
 * The quota policy: the annual figures a station is judged on, whether
 * referral closures count as completed cases, and the visit interval per risk
 * tier. The figures are policy (the district may change them per year), so
 * they live in the `quota_policies` collection; these are the defaults when
 * no policy is stored.
 *
 * Defaults from the notice (滨海新区 2022, seeds/notice-binhai-social-work-stations-2022.txt):
 * "每个社工站每年至少完成2个社会工作专业服务案例，对在本辖区内开展的社会服务项目进行不少于30小时专业督导",
 * "确保每人每年接受不少于30学时的社会工作继续教育"; at least 2 qualified
 * social workers on staff per station (domain.md, "Annual quotas").
 *
 * Visit intervals: 高风险 weekly, 重点 monthly, 一般 quarterly (see risk.ts for
 * the source); risk.ts reads its defaults from here, never a copy.
 */

/** The four annual targets. */
export interface QuotaTargets {
  /** Professional service cases completed (结案) per station per year. */
  completedCases: number;
  /** Hours of professional supervision (专业督导) per station per year. */
  supervisionHours: number;
  /** Continuing-education class hours (学时) per social worker per year. */
  trainingHoursPerWorker: number;
  /** Qualified professional social workers on the station's staff. */
  qualifiedWorkers: number;
}

/** Days between visits per risk tier (the shape risk.ts uses). */
export type PolicyVisitIntervals = Readonly<Record<RiskTier, number>>;

/** One quota policy as stored (one document of `quota_policies`). */
export interface QuotaPolicy {
  /** Beijing day from which this policy is in force (`YYYY-MM-DD`). */
  effectiveFrom: string;
  targets: QuotaTargets;
  /** Whether a case closed by referral (转介结案) counts as a completed case (default false). */
  referralClosuresCount: boolean;
  visitIntervals: PolicyVisitIntervals;
}

/** The notice's targets. */
export const DEFAULT_QUOTA_TARGETS: Readonly<QuotaTargets> = Object.freeze({
  completedCases: 2,
  supervisionHours: 30,
  trainingHoursPerWorker: 30,
  qualifiedWorkers: 2,
});

/** Default visit intervals: weekly, monthly, quarterly (高风险, 重点, 一般). */
export const DEFAULT_POLICY_VISIT_INTERVALS: PolicyVisitIntervals = Object.freeze({
  高风险: 7,
  重点: 30,
  一般: 90,
});

/** Largest target accepted (a sanity bound for the editor and stored documents). */
export const MAX_QUOTA_TARGET = 10_000;

/** The default policy for `year` (in force from 1 January of that year). */
export function defaultQuotaPolicy(year: number): QuotaPolicy {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new RangeError(`bad year ${year}`);
  return {
    effectiveFrom: `${year}-01-01`,
    targets: { ...DEFAULT_QUOTA_TARGETS },
    referralClosuresCount: false,
    visitIntervals: { ...DEFAULT_POLICY_VISIT_INTERVALS },
  };
}

/**
 * The last day of `year` as a label: the policy in force for an annual
 * quota of `year` is the stored one with the latest `effectiveFrom` on or
 * before it (a policy decided in March applies to that whole year's
 * evaluation; a year without its own policy keeps the previous one).
 */
export const lastDayOfYear = (year: number): string => `${year}-12-31`;

/**
 * Picks the policy in force for `year` among `policies` (any order): the one
 * with the latest `effectiveFrom` ≤ 31 December of `year`; null when none.
 */
export function policyForYear<P extends { effectiveFrom: string }>(
  policies: readonly P[],
  year: number,
): P | null {
  const last = lastDayOfYear(year);
  let best: P | null = null;
  for (const p of policies) {
    if (p.effectiveFrom > last) continue;
    if (!best || p.effectiveFrom > best.effectiveFrom) best = p;
  }
  return best;
}
