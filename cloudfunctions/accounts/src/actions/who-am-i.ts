import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { defineAction } from '../../../_lib/handler';
import { toWhoAmI } from '../dto';
import { ensureCallerAccount } from './common';

/** Who the caller is: role, station, profile, consent status. Creates the resident profile on first call. */
export const whoAmI = defineAction({
  contract: accountsContract.actions.whoAmI,
  async handle(_input, ctx) {
    const account = await ensureCallerAccount(ctx);
    return toWhoAmI(account, ctx.access);
  },
});
