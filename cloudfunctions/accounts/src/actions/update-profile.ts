import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { auditOk } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { toWhoAmI } from '../dto';
import { updateUser } from '../repo';
import { requirePrivacyAccepted } from './common';

/** Sets the caller's name and/or phone; refused until the current privacy notice is accepted. */
export const updateProfile = defineAction({
  contract: accountsContract.actions.updateProfile,
  async handle(input, ctx) {
    const account = await requirePrivacyAccepted(ctx);
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      updatedAt: ctx.now,
    };
    await updateUser(ctx.db, account._id, patch);
    await auditOk(ctx, ctx.access, account._id);
    return toWhoAmI({ ...account, ...patch }, ctx.access);
  },
});
