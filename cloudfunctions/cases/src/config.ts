import { DEFAULT_CASE_QUOTA_POLICY, type CaseQuotaPolicy } from '../../../shared/src/domain/case-quota';
import type { DB } from '../../_lib/db';

/**
 * Configuration of the cases function, from its environment (set in the
 * CloudBase console; locally the emulator's functionEnv). Read per call.
 */
export const ENV = {
  /** `true` when a referral closure (转介) counts towards the annual quota (district policy; default false). */
  referralCounts: 'SGZ_CASE_REFERRAL_COUNTS',
} as const;

/**
 * The district's quota policy in force at `now`: THE one place it is read.
 * Today from the environment; a later issue (quotas, 13) may move it into the
 * database per year, which is why it is async and takes the database and the
 * time already.
 */
export async function quotaPolicy(
  _db: DB,
  _now: Date,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CaseQuotaPolicy> {
  const raw = (env[ENV.referralCounts] ?? '').trim().toLowerCase();
  return raw === 'true' || raw === '1' ? { referralCounts: true } : DEFAULT_CASE_QUOTA_POLICY;
}
