import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { AppError } from '../../../../shared/src/errors';
import { PRIVACY_NOTICE_VERSION, hasAcceptedPrivacyNotice } from '../../../../shared/src/domain/account';
import { auditOk } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { toWhoAmI } from '../dto';
import { insertConsent, newConsentId, updateUser } from '../repo';
import { ensureCallerAccount } from './common';

/** Accepts the privacy notice (the current version only); records it on the profile and as a consent record. */
export const acceptPrivacyNotice = defineAction({
  contract: accountsContract.actions.acceptPrivacyNotice,
  async handle(input, ctx) {
    if (input.version !== PRIVACY_NOTICE_VERSION) {
      throw new AppError('failed-precondition', '隐私政策已更新，请重新阅读最新版本后再同意');
    }
    const account = await ensureCallerAccount(ctx);
    if (hasAcceptedPrivacyNotice(account)) return toWhoAmI(account, ctx.access);
    const privacyNotice = { version: PRIVACY_NOTICE_VERSION, acceptedAt: ctx.now };
    await updateUser(ctx.db, account._id, { privacyNotice, updatedAt: ctx.now });
    const consentId = newConsentId();
    await insertConsent(ctx.db, {
      _id: consentId,
      giverId: account._id,
      category: 'privacy_notice',
      version: PRIVACY_NOTICE_VERSION,
      scope: '使用滨海新区社工站小程序的各项服务',
      subjectId: 'self',
      subjectName: null,
      relationship: null,
      subjectBirthDate: null,
      capacity: 'self',
      givenAt: ctx.now,
      withdrawnAt: null,
    });
    await auditOk(ctx, ctx.access, account._id);
    return toWhoAmI({ ...account, privacyNotice }, ctx.access);
  },
});
