import { COLLECTIONS } from '../../shared/src/collections';
import { defaultQuotaPolicy, lastDayOfYear, type QuotaPolicy } from '../../shared/src/domain/quota-policy';
import { parseStoredQuotaPolicy } from '../../shared/src/schemas/quota-policy';
import type { DB } from './db';
import { findOne, subPipeline } from './store';

/** Where the policy in force came from. */
export type QuotaPolicySource =
  /** A stored policy (its `_id` is given). */
  | 'stored'
  /** No stored policy applies to the year: the notice's defaults. */
  | 'default'
  /** The stored policy that applies is malformed: the defaults, and the problem is logged. */
  | 'invalid-stored';

/** The policy in force for a year, and where it came from. */
export interface LoadedQuotaPolicy {
  policy: QuotaPolicy;
  source: QuotaPolicySource;
  /** `_id` of the stored document that applies (also when it was malformed). */
  id: string | null;
}

/**
 * The quota policy in force for the Beijing year `year` (issue 13): the
 * stored document of `quota_policies` with the latest `effectiveFrom` on or
 * before 31 December of `year` (so a policy decided during the year judges
 * that whole year, and a year without its own policy keeps the last one), or
 * the notice's defaults when there is none. One indexed read (`effectiveFrom`).
 *
 * A malformed stored document never stops a dashboard or a reminder: the
 * defaults apply, `source` says `invalid-stored`, and one JSON line is logged
 * for the operator (no personal data in a policy).
 */
export async function loadQuotaPolicy(db: DB, year: number): Promise<LoadedQuotaPolicy> {
  defaultQuotaPolicy(year); // checks `year`
  const _ = db.command;
  const doc = await findOne(
    db,
    COLLECTIONS.quotaPolicies,
    { effectiveFrom: _.lte(lastDayOfYear(year)) },
    { orderBy: [['effectiveFrom', 'desc']] },
  );
  return quotaPolicyFromDoc(doc, year);
}

/**
 * The `$lookup` stage (uncorrelated pipeline) that brings the policy in force
 * for `year` into another aggregate as `as` (an array of 0 or 1 document): the
 * same query as {@link loadQuotaPolicy}, for a caller that must stay within a
 * round-trip budget (the dashboard). Read the result with {@link quotaPolicyFromDoc}.
 */
export function quotaPolicyLookup(db: DB, year: number, as: string): Record<string, unknown> {
  defaultQuotaPolicy(year); // checks `year`
  const _ = db.command;
  return {
    from: COLLECTIONS.quotaPolicies,
    pipeline: subPipeline(db)
      .match({ effectiveFrom: _.lte(lastDayOfYear(year)) })
      .sort({ effectiveFrom: -1 })
      .limit(1)
      .done(),
    as,
  };
}

/**
 * The policy in force for `year` given the stored document that applies (or
 * null): THE rule of {@link loadQuotaPolicy} (defaults when none, defaults and
 * a log line when malformed).
 */
export function quotaPolicyFromDoc(
  doc: Record<string, unknown> | null | undefined,
  year: number,
): LoadedQuotaPolicy {
  const fallback = defaultQuotaPolicy(year);
  if (!doc) return { policy: fallback, source: 'default', id: null };
  const id = typeof doc._id === 'string' || typeof doc._id === 'number' ? String(doc._id) : null;
  const policy = parseStoredQuotaPolicy(doc);
  if (!policy) {
    console.error(
      JSON.stringify({ level: 'error', event: 'quota-policy-invalid', id, year, using: 'defaults' }),
    );
    return { policy: fallback, source: 'invalid-stored', id };
  }
  return { policy, source: 'stored', id };
}
