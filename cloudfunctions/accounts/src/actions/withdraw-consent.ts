import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { auditOk, loadInScope } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { toConsentItem } from '../dto';
import { getConsent, updateUser, withdrawConsent as withdraw, withdrawPrivacyConsents } from '../repo';

/**
 * Withdraws one of the caller's consents: from now on nothing more of that
 * category is processed about that person (hasConsent is false). Withdrawing
 * the privacy notice also clears its acceptance, so no new personal data is
 * stored until it is accepted again. Records stay, marked withdrawn.
 */
export const withdrawConsent = defineAction({
  contract: accountsContract.actions.withdrawConsent,
  async handle(input, ctx) {
    const consent = await loadInScope(ctx, ctx.access, input.consentId, async (id) => {
      const c = await getConsent(ctx.db, id);
      return c ? { ...c, ownerId: c.giverId } : null;
    });
    if (consent.withdrawnAt) return toConsentItem(consent);
    await withdraw(ctx.db, consent._id, ctx.now);
    if (consent.category === 'privacy_notice') {
      await updateUser(ctx.db, consent.giverId, { privacyNotice: null, updatedAt: ctx.now });
      await withdrawPrivacyConsents(ctx.db, consent.giverId, ctx.now);
    }
    await auditOk(ctx, ctx.access, consent._id);
    return toConsentItem({ ...consent, withdrawnAt: ctx.now });
  },
});
