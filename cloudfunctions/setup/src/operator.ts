import { createHash, timingSafeEqual } from 'crypto';

/**
 * The deploy operator's way in (issue 16). `npm run deploy` invokes `setup`
 * through the CloudBase management API, where there is no WeChat user: no
 * OPENID, so the permission table (district_admin only) cannot admit it.
 * Instead the event carries `setupToken`, compared in constant time with the
 * environment's secret SGZ_SETUP_TOKEN (set by the same deploy, from the
 * operator's shell). A call WITH an OPENID never takes this path: a phone
 * cannot use the token, whatever it sends. Without a configured token (the
 * emulator by default) the operator path is closed.
 */

/** Shortest token accepted as configured (a random secret of 32+ characters). */
export const MIN_SETUP_TOKEN_CHARS = 32;
/** The event key of the operator's token. */
export const SETUP_TOKEN_KEY = 'setupToken';

/** Why an operator token is refused, or null when it matches. */
export type TokenVerdict = 'ok' | 'not-configured' | 'mismatch';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Compares `given` with `configured` in constant time (both hashed first, so
 * neither the length nor a prefix leaks through timing).
 */
export function checkSetupToken(given: unknown, configured: string | undefined): TokenVerdict {
  const want = (configured ?? '').trim();
  if (want.length < MIN_SETUP_TOKEN_CHARS) return 'not-configured';
  if (typeof given !== 'string' || given.length > 1000) return 'mismatch';
  return timingSafeEqual(digest(given), digest(want)) ? 'ok' : 'mismatch';
}
