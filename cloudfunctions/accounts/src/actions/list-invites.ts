import { DEFAULT_PAGE, listInvitesInput } from '../../../../shared/src/schemas/accounts';
import { assertStationScope } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { nextOffset, toInviteItem } from '../dto';
import { listInvites as list } from '../repo';

/** Invites of a station (station head: their own, the default), or of all (district admin). */
export const listInvites = defineAction({
  schema: listInvitesInput,
  async handle(input, ctx) {
    const stationId =
      input.stationId ??
      (ctx.access.scope === 'all' ? undefined : (ctx.access.caller?.stationId ?? undefined));
    if (ctx.access.scope !== 'all') await assertStationScope(ctx, ctx.access, stationId ?? null);
    const offset = input.offset ?? 0;
    const { items, total } = await list(
      ctx.db,
      { stationId, status: input.status },
      ctx.now,
      offset,
      input.limit ?? DEFAULT_PAGE,
    );
    return {
      items: items.map((i) => toInviteItem(i, ctx.now)),
      total,
      nextOffset: nextOffset(offset, items.length, total),
    };
  },
});
