import { parseVisitIntervals, type VisitIntervals } from '../../../shared/src/domain/risk';
import type { DB } from '../../_lib/db';

/**
 * Configuration of the files function, from its environment (set in the
 * CloudBase console; locally the emulator's functionEnv). Read per call.
 */
export const ENV = {
  /** Days between visits for 高风险,重点,一般 (default "7,30,90"). */
  visitIntervals: 'SGZ_VISIT_INTERVALS',
} as const;

/**
 * The visit interval per risk tier in force at `now`: THE one place the pace
 * is read. Today from env `SGZ_VISIT_INTERVALS`; a later issue moves it into
 * a per-year quota policy in the database, which is why it is async and
 * takes the database and the time already — no caller changes then.
 */
export async function visitIntervals(
  _db: DB,
  _now: Date,
  env: NodeJS.ProcessEnv = process.env,
): Promise<VisitIntervals> {
  return parseVisitIntervals(env[ENV.visitIntervals]);
}
