import { beijingYear } from '../calendar';
import type { CaseStatus, ClosureType } from './case';

/**
 * The annual quota "at least 2 professional service cases completed a year"
 * (issue 11): a case counts as completed in the Beijing calendar year in
 * which its closure was APPROVED, provided it has a complete evaluation and a
 * closure record. A referral closure (转介) counts only when the district's
 * policy says so (default: no). A reopened case does not count (its earlier
 * approval is void) until its closure is approved again, then in the year of
 * that approval.
 *
 * Two forms of the same rule:
 * - {@link completedYearOf} / {@link countCompleted}: pure, on case facts;
 * - the database form: the function stores {@link storedCompletedYear} on the
 *   case as `completedYear` (the year ignoring the referral policy, null when
 *   it does not count) and `referralClosure`; a count is then
 *   `count({ ...completedCasesWhere(year, policy), stationId })`, so that a
 *   change of policy applies to every year at once.
 */

/** The district's setting. */
export interface CaseQuotaPolicy {
  /** Whether a closure of type 转介 counts as completed (default false). */
  referralCounts: boolean;
}

/**
 * The rule when no policy is at hand (the notice's default, as in
 * quota-policy.ts defaultQuotaPolicy). The functions read the policy of the
 * year from the stored quota policy (`_lib` loadQuotaPolicy); the target
 * itself (2 a year by default) is in the stored policy's `targets`.
 */
export const DEFAULT_CASE_QUOTA_POLICY: CaseQuotaPolicy = { referralCounts: false };

/** The facts of a case the rule needs. */
export interface QuotaSubject {
  status: CaseStatus;
  /** When the closure was approved (null when never, or cleared by a reopen). */
  closureApprovedAt: Date | null;
  hasEvaluation: boolean;
  hasClosureRecord: boolean;
  closureType: ClosureType | null;
}

/** The Beijing year the case counts in regardless of the referral policy (the stored `completedYear`), or null. */
export function storedCompletedYear(c: QuotaSubject): number | null {
  if (c.status !== 'closed' || !c.closureApprovedAt) return null;
  if (!c.hasEvaluation || !c.hasClosureRecord) return null;
  return beijingYear(c.closureApprovedAt);
}

/** The Beijing year the case counts as completed in, or null when it does not count. */
export function completedYearOf(
  c: QuotaSubject,
  policy: CaseQuotaPolicy = DEFAULT_CASE_QUOTA_POLICY,
): number | null {
  if (c.closureType === '转介' && !policy.referralCounts) return null;
  return storedCompletedYear(c);
}

/** How many of `cases` count as completed in Beijing year `year`. */
export const countCompleted = (
  cases: readonly QuotaSubject[],
  year: number,
  policy: CaseQuotaPolicy = DEFAULT_CASE_QUOTA_POLICY,
): number => cases.filter((c) => completedYearOf(c, policy) === year).length;

/**
 * The database condition of "completed in `year`" on the stored fields
 * (`completedYear`, `referralClosure`): add the station to it and `count()`.
 */
export const completedCasesWhere = (
  year: number,
  policy: CaseQuotaPolicy = DEFAULT_CASE_QUOTA_POLICY,
): { completedYear: number; referralClosure?: false } =>
  policy.referralCounts ? { completedYear: year } : { completedYear: year, referralClosure: false };
