import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { DEFAULT_PAGE } from '../../../../shared/src/schemas/accounts';
import { assertStationScope } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { toInviteItem } from '../dto';
import { listInvites as list } from '../repo';

/** Invites of a station (station head: their own, the default), or of all (district admin). */
export const listInvites = defineAction({
  contract: accountsContract.actions.listInvites,
  async handle(input, ctx) {
    const stationId =
      input.stationId ??
      (ctx.access.scope === 'all' ? undefined : (ctx.access.caller?.stationId ?? undefined));
    if (ctx.access.scope !== 'all') await assertStationScope(ctx, ctx.access, stationId ?? null);
    const { items, total, nextCursor } = await list(
      ctx.db,
      { stationId, status: input.status },
      ctx.now,
      input.cursor,
      input.limit ?? DEFAULT_PAGE,
    );
    return {
      items: items.map((i) => toInviteItem(i, ctx.now)),
      total,
      nextCursor,
    };
  },
});
