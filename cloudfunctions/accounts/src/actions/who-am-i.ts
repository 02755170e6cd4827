import { whoAmIInput } from '../../../../shared/src/schemas/accounts';
import { defineAction } from '../../../_lib/handler';
import { toWhoAmI } from '../dto';
import { ensureCallerAccount } from './common';

/** Who the caller is: role, station, profile, consent status. Creates the resident profile on first call. */
export const whoAmI = defineAction({
  schema: whoAmIInput,
  async handle(_input, ctx) {
    const account = await ensureCallerAccount(ctx);
    return toWhoAmI(account, ctx.access);
  },
});
