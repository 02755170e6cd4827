import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { requireCaller } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { toConsentItem } from '../dto';
import { listConsents } from '../repo';

/** The consents the caller gave (in force; with `includeWithdrawn`, also withdrawn ones). */
export const listMyConsents = defineAction({
  contract: accountsContract.actions.listMyConsents,
  async handle(input, ctx) {
    const caller = requireCaller(ctx.access);
    const items = await listConsents(ctx.db, caller.userId, input.includeWithdrawn ?? false);
    return { items: items.map(toConsentItem) };
  },
});
