import type { Result, WhoAmIOutput } from '@sgz/shared';
import { useCallback } from 'react';
import { whoAmI } from '../services/accounts';
import { currentUserId, setCurrentUser } from '../utils/user-scope';
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

/** The signed-in account: the answer of this app run, or a fresh `whoAmI` (errors are not kept). */
export function loadMe(): Promise<Result<WhoAmIOutput>> {
  if (cached && cached.userId === currentUserId()) return cached.answer;
  const entry: NonNullable<typeof cached> = {
    userId: currentUserId(),
    answer: whoAmI().then((res) => {
      if (cached !== entry) return res;
      if (!res.ok) {
        cached = null;
        return res;
      }
      setCurrentUser(res.data.userId); // may change the current user: the entry follows
      entry.userId = res.data.userId;
      return res;
    }),
  };
  cached = entry;
  return entry.answer;
}

/** Keeps an account answer another call gave (whoAmI on 我的, redeemInvite, updateProfile…). */
export function rememberMe(me: WhoAmIOutput): void {
  setCurrentUser(me.userId);
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
