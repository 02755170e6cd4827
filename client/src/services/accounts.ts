import type { Result } from '@sgz/shared';
import type { AccountsInputs, AccountsOutputs } from '@sgz/shared';
import { callFunction } from './call';

type Out<A extends keyof AccountsOutputs> = Promise<Result<AccountsOutputs[A]>>;

/** Who the caller is (role, station, profile, privacy acceptance); creates the resident record on first use. */
export const whoAmI = (): Out<'whoAmI'> => callFunction('accounts', 'whoAmI', {});

/** Accepts the privacy notice `version` the user was shown. */
export const acceptPrivacyNotice = (version: string): Out<'acceptPrivacyNotice'> =>
  callFunction('accounts', 'acceptPrivacyNotice', { version });

/** Saves name and/or phone (the function refuses until the privacy notice is accepted). */
export const updateProfile = (input: AccountsInputs['updateProfile']): Out<'updateProfile'> =>
  callFunction('accounts', 'updateProfile', input);

/** Redeems a staff invite code: binds the caller to the invited role and station. */
export const redeemInvite = (code: string): Out<'redeemInvite'> =>
  callFunction('accounts', 'redeemInvite', { code });

/** The caller's consent records (withdrawn ones too, so the history is visible). */
export const listMyConsents = (): Out<'listMyConsents'> =>
  callFunction('accounts', 'listMyConsents', { includeWithdrawn: true });

/** Withdraws one consent. */
export const withdrawConsent = (consentId: string): Out<'withdrawConsent'> =>
  callFunction('accounts', 'withdrawConsent', { consentId });
