import type { Result, WireError } from '@sgz/shared';
import type { ConsentItem, WhoAmIOutput } from '@sgz/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import * as accounts from '../../services/accounts';
import { setCurrentUser } from '../../utils/user-scope';

/** The account part of 我的. */
export type MeState =
  | { status: 'loading' }
  | { status: 'error'; error: WireError }
  | { status: 'ready'; me: WhoAmIOutput };

/** The consents list (loaded once the account is known). */
export type ConsentsState =
  | { status: 'loading' }
  | { status: 'error'; error: WireError }
  | { status: 'ready'; items: ConsentItem[] };

/** Outcome of an action the user started, shown next to its form. */
export type Feedback = { kind: 'ok' | 'error'; message: string } | null;

/** State and actions of 我的: account, privacy notice, profile, invite code, consents. */
export function useMine() {
  const [me, setMe] = useState<MeState>({ status: 'loading' });
  const [consents, setConsents] = useState<ConsentsState>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const loadConsents = useCallback(async () => {
    setConsents({ status: 'loading' });
    const res = await accounts.listMyConsents();
    if (!live.current) return;
    setConsents(res.ok ? { status: 'ready', items: res.data.items } : { status: 'error', error: res.error });
  }, []);

  const load = useCallback(async () => {
    setMe((m) => (m.status === 'ready' ? m : { status: 'loading' }));
    const res = await accounts.whoAmI();
    if (!live.current) return;
    setMe(res.ok ? { status: 'ready', me: res.data } : { status: 'error', error: res.error });
    // Per-user settings (关怀模式, own station, draft) follow the signed-in user.
    if (res.ok) setCurrentUser(res.data.userId);
    if (res.ok) void loadConsents();
  }, [loadConsents]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs an action that answers the new account; returns its feedback. */
  const run = useCallback(
    async (action: () => Promise<Result<WhoAmIOutput>>, okMessage: string): Promise<Feedback> => {
      setBusy(true);
      const res = await action();
      if (!live.current) return null;
      setBusy(false);
      if (!res.ok) return { kind: 'error', message: res.error.message };
      setMe({ status: 'ready', me: res.data });
      void loadConsents();
      return { kind: 'ok', message: okMessage };
    },
    [loadConsents],
  );

  const acceptPrivacy = useCallback(
    (version: string) => run(() => accounts.acceptPrivacyNotice(version), '已同意隐私政策'),
    [run],
  );
  const saveProfile = useCallback(
    (input: { name?: string; phone?: string }) => run(() => accounts.updateProfile(input), '已保存'),
    [run],
  );
  const redeem = useCallback((code: string) => run(() => accounts.redeemInvite(code), '邀请码已生效'), [run]);

  const withdraw = useCallback(
    async (consentId: string): Promise<Feedback> => {
      setBusy(true);
      const res = await accounts.withdrawConsent(consentId);
      if (!live.current) return null;
      setBusy(false);
      if (!res.ok) return { kind: 'error', message: res.error.message };
      await load();
      return { kind: 'ok', message: '已撤回' };
    },
    [load],
  );

  return {
    me,
    consents,
    busy,
    reload: load,
    reloadConsents: loadConsents,
    acceptPrivacy,
    saveProfile,
    redeem,
    withdraw,
  };
}
