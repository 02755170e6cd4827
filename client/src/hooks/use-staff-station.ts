import type { Result, WhoAmIOutput } from '@sgz/shared';
import { useCallback } from 'react';
import { whoAmI } from '../services/accounts';
import { isTransportError } from '../services/call';
import { currentUserId, readStorage, removeSafe, setCurrentUser, writeSafe } from '../utils/user-scope';
import { useLoad } from './use-load';

/**
 * Who is signed in (`whoAmI`), asked once per app run and shared: the app asks on
 * launch, and the staff pages (the worker queue, the head's editors) read the station
 * from the same answer instead of asking again. A change of user (`setCurrentUser`,
 * utils/user-scope.ts) makes the answer stale; 我的 asks afresh each time it is shown
 * and hands its answer here ({@link rememberMe}), so an invite redeemed there (a new
 * station) is what the staff pages see next.
 */
let cached: { userId: string | null; answer: Promise<Result<WhoAmIOutput>> } | null = null;

/**
 * The last account answer, kept on the phone: a worker who reopens a half-filled
 * visit in a basement (a new app run, no signal) still gets their station and the
 * form. Used only when whoAmI could not reach the server (never over a refusal),
 * and only for the user last signed in on this phone; it is not kept as this
 * run's answer, so the server is asked again once the network is back.
 */
export const LAST_ME_STORAGE_KEY = 'sgz.lastMe';

function lastMeOnPhone(): WhoAmIOutput | null {
  const v = readStorage(LAST_ME_STORAGE_KEY) as Partial<WhoAmIOutput> | '';
  if (!v || typeof v !== 'object' || typeof v.userId !== 'string') return null;
  const user = currentUserId();
  return user !== null && v.userId === user ? (v as WhoAmIOutput) : null;
}

/** The signed-in account: the answer of this app run, or a fresh `whoAmI` (errors are not kept). */
export function loadMe(): Promise<Result<WhoAmIOutput>> {
  if (cached && cached.userId === currentUserId()) return cached.answer;
  const entry: NonNullable<typeof cached> = {
    userId: currentUserId(),
    answer: whoAmI().then((res) => {
      if (cached !== entry) return res;
      if (!res.ok) {
        cached = null;
        const last = isTransportError(res) ? lastMeOnPhone() : null;
        return last ? { ok: true, data: last } : res;
      }
      setCurrentUser(res.data.userId); // may change the current user: the entry follows
      entry.userId = res.data.userId;
      keepOnPhone(res.data);
      return res;
    }),
  };
  cached = entry;
  return entry.answer;
}

function keepOnPhone(me: WhoAmIOutput): void {
  if (me.userId) writeSafe(LAST_ME_STORAGE_KEY, me);
  else removeSafe(LAST_ME_STORAGE_KEY);
}

/** Keeps an account answer another call gave (whoAmI on 我的, redeemInvite, updateProfile…). */
export function rememberMe(me: WhoAmIOutput): void {
  setCurrentUser(me.userId);
  keepOnPhone(me);
  cached = { userId: me.userId, answer: Promise.resolve({ ok: true, data: me }) };
}

/** Forgets the answer (tests: each starts with nobody signed in). */
export function resetMeForTests(): void {
  cached = null;
}

/** What a staff page says when the account has no station bound (`empty`). */
export const NO_STATION = {
  symbol: '?',
  title: '您的账号还没有绑定社工站',
  description: '请向站长索取邀请码，在“我的”中使用',
};

/** The station of the signed-in staff member (`null`: none bound yet). */
const loadStaffStation = async (): Promise<Result<string | null>> => {
  const me = await loadMe();
  return me.ok ? { ok: true, data: me.data.stationId } : me;
};

/**
 * The signed-in staff member's station, as a {@link useLoad} state: `ready` with the
 * station id, `empty` when the account has no station bound (show 您的账号还没有绑定社工站),
 * `error` with 重试.
 */
export function useStaffStation() {
  const loader = useCallback(loadStaffStation, []);
  return useLoad(loader, { isEmpty: (stationId) => stationId === null });
}
