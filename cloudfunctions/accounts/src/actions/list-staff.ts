import { AppError } from '../../../../shared/src/errors';
import { DEFAULT_PAGE, listStaffInput } from '../../../../shared/src/schemas/accounts';
import { isStationRole } from '../../../../shared/src/auth/roles';
import { assertStationScope } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { nextOffset, toStaffItem } from '../dto';
import { listStationStaff } from '../repo';

/** Staff of a station (default: the caller's own). Phones masked; names unmasked only to that station's staff. */
export const listStaff = defineAction({
  schema: listStaffInput,
  async handle(input, ctx) {
    const caller = ctx.access.caller;
    const stationId = input.stationId ?? caller?.stationId ?? null;
    if (!stationId) throw new AppError('invalid-argument', '请选择社工站', { field: 'stationId' });
    await assertStationScope(ctx, ctx.access, stationId);
    const ownStation = !!caller && isStationRole(caller.role) && caller.stationId === stationId;
    const offset = input.offset ?? 0;
    const { items, total } = await listStationStaff(ctx.db, stationId, offset, input.limit ?? DEFAULT_PAGE);
    return {
      items: items.map((a) => toStaffItem(a, ownStation)),
      total,
      nextOffset: nextOffset(offset, items.length, total),
    };
  },
});
