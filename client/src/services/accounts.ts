import type { accountsContract } from '@sgz/shared';
import { service } from './service';

/**
 * The `accounts` function, derived from its contract: whoAmI, acceptPrivacyNotice,
 * updateProfile, redeemInvite, listMyConsents, withdrawConsent, … (one method per
 * action of `accountsContract`; inputs and outputs as declared there).
 */
export const accounts = service<typeof accountsContract>('accounts');
export const {
  whoAmI,
  acceptPrivacyNotice,
  updateProfile,
  redeemInvite,
  listMyConsents,
  withdrawConsent,
  listStaff,
} = accounts;
