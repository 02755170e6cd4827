import type { Result, WhoAmIOutput } from '@sgz/shared';
import { useCallback, useState } from 'react';
import { useLoad } from '../../hooks/use-load';
import { rememberMe } from '../../hooks/use-staff-station';
import * as accounts from '../../services/accounts';

/** Outcome of an action the user started, shown next to its form. */
export type Feedback = { kind: 'ok' | 'error'; message: string } | null;

/**
 * Asks who is signed in, every time 我的 loads (an invite redeemed elsewhere, the H5
 * dev login): the answer also becomes the app's (per-user settings, the staff station).
 */
const loadFreshMe = async (): Promise<Result<WhoAmIOutput>> => {
  const res = await accounts.whoAmI();
  if (res.ok) rememberMe(res.data);
  return res;
};

/** State and actions of 我的: account, privacy notice, profile, invite code, consents. */
export function useMine() {
  const me = useLoad(loadFreshMe);
  const { setData, reload } = me;
  const [busy, setBusy] = useState(false);

  /** Runs an action that answers the new account; returns its feedback. */
  const run = useCallback(
    async (action: () => Promise<Result<WhoAmIOutput>>, okMessage: string): Promise<Feedback> => {
      setBusy(true);
      const res = await action();
      setBusy(false);
      if (!res.ok) return { kind: 'error', message: res.error.message };
      rememberMe(res.data);
      setData(res.data);
      return { kind: 'ok', message: okMessage };
    },
    [setData],
  );

  const acceptPrivacy = useCallback(
    (version: string) => run(() => accounts.acceptPrivacyNotice({ version }), '已同意隐私政策'),
    [run],
  );
  const saveProfile = useCallback(
    (input: { name?: string; phone?: string }) => run(() => accounts.updateProfile(input), '已保存'),
    [run],
  );
  const redeem = useCallback(
    (code: string) => run(() => accounts.redeemInvite({ code }), '邀请码已生效'),
    [run],
  );

  const withdraw = useCallback(
    async (consentId: string): Promise<Feedback> => {
      setBusy(true);
      const res = await accounts.withdrawConsent({ consentId });
      setBusy(false);
      if (!res.ok) return { kind: 'error', message: res.error.message };
      await reload();
      return { kind: 'ok', message: '已撤回' };
    },
    [reload],
  );

  return { me, busy, acceptPrivacy, saveProfile, redeem, withdraw };
}
