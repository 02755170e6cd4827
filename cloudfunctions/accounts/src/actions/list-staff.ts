import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { AppError } from '../../../../shared/src/errors';
import { DEFAULT_PAGE } from '../../../../shared/src/schemas/accounts';
import { assertStationScope, viewOf } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { toStaffItem } from '../dto';
import { listStationStaff } from '../repo';

/** Staff of a station (default: the caller's own). Phones masked; names unmasked only to that station's staff. */
export const listStaff = defineAction({
  contract: accountsContract.actions.listStaff,
  async handle(input, ctx) {
    const caller = ctx.access.caller;
    const stationId = input.stationId ?? caller?.stationId ?? null;
    if (!stationId) throw new AppError('invalid-argument', '请选择社工站', { field: 'stationId' });
    await assertStationScope(ctx, ctx.access, stationId);
    // Names in full only in the station's own view (authz/view.ts decides it).
    const ownStation = viewOf(ctx.access, { stationId }) === 'station';
    const { items, total, nextCursor } = await listStationStaff(
      ctx.db,
      stationId,
      input.cursor,
      input.limit ?? DEFAULT_PAGE,
    );
    return { items: items.map((a) => toStaffItem(a, ownStation)), total, nextCursor };
  },
});
