import type { CaseQuotaPolicy } from '../../../shared/src/domain/case-quota';
import type { DB } from '../../_lib/db';
import { loadQuotaPolicy } from '../../_lib/quota-policy';

/**
 * The case quota's rule for a Beijing year: whether referral closures count,
 * from THE stored quota policy (`quota_policies` via `_lib` loadQuotaPolicy;
 * the notice's default when none is stored). One indexed read.
 */
export async function caseQuotaPolicy(db: DB, year: number): Promise<CaseQuotaPolicy> {
  const { policy } = await loadQuotaPolicy(db, year);
  return { referralCounts: policy.referralClosuresCount };
}
