import { accountsContract } from '../../../shared/src/contracts/accounts';
import { createHandler } from '../../_lib/handler';
import { acceptPrivacyNotice } from './actions/accept-privacy-notice';
import { createInvite } from './actions/create-invite';
import { deactivateStaff } from './actions/deactivate-staff';
import { listAuditLog } from './actions/list-audit-log';
import { listInvites } from './actions/list-invites';
import { listMyConsents } from './actions/list-my-consents';
import { listStaff } from './actions/list-staff';
import { recordConsent } from './actions/record-consent';
import { redeemInvite } from './actions/redeem-invite';
import { revokeInvite } from './actions/revoke-invite';
import { updateProfile } from './actions/update-profile';
import { updateQualification } from './actions/update-qualification';
import { whoAmI } from './actions/who-am-i';
import { withdrawConsent } from './actions/withdraw-consent';

/** The accounts function: profile, consent, staff onboarding and management, audit log (see README.md). */
export const main = createHandler(accountsContract, {
  whoAmI,
  acceptPrivacyNotice,
  updateProfile,
  createInvite,
  revokeInvite,
  listInvites,
  redeemInvite,
  listStaff,
  deactivateStaff,
  updateQualification,
  recordConsent,
  listMyConsents,
  withdrawConsent,
  listAuditLog,
});
