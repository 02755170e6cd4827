import { requestsContract } from '../../../../shared/src/contracts/requests';
import type { ListSlotsOutput, UpdateOpeningHoursOutput } from '../../../../shared/src/contracts/requests';
import { isCalendarDay } from '../../../../shared/src/domain/slot';
import { AppError } from '../../../../shared/src/errors';
import { DEFAULT_SLOTS_LISTED } from '../../../../shared/src/schemas/requests';
import { assertStationScope, auditOk } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { freeSlots } from '../availability';
import { slotConfigFor } from '../config';
import { toServiceItemDto } from '../dto';
import * as repo from '../repo';

/** Shown when the item is unknown, of another station, off the list, or takes no booking. */
export const ITEM_NOT_BOOKABLE = '该服务项目不存在、已下架或无需预约，请重新选择';

/** `listSlots` (public): the next slots of an item that still have a place. */
export const listSlots = defineAction({
  contract: requestsContract.actions.listSlots,
  async handle(input, ctx): Promise<ListSlotsOutput> {
    if (input.fromDay && !isCalendarDay(input.fromDay)) {
      throw new AppError('invalid-argument', '日期格式不对，请重新选择日期', { field: 'fromDay' });
    }
    const doc = await repo.getServiceItem(ctx.db, input.itemId);
    const item = doc ? toServiceItemDto(doc) : null;
    if (!item || item.stationId !== input.stationId || !item.active || !item.bookable) {
      throw new AppError('not-found', ITEM_NOT_BOOKABLE);
    }
    const config = await slotConfigFor(ctx.db, input.stationId);
    const slots = await freeSlots(
      ctx.db,
      item,
      ctx.now,
      input.limit ?? DEFAULT_SLOTS_LISTED,
      config,
      input.fromDay,
      // Signed in: leave out the slots where the caller already holds a place.
      ctx.access.caller?.userId ?? null,
    );
    return { slots };
  },
});

/**
 * `updateOpeningHours` (station head of that station, or the district): the
 * station's weekly opening hours, Beijing time. Existing bookings stay; new
 * bookings and listings follow the new hours at once.
 */
export const updateOpeningHours = defineAction({
  contract: requestsContract.actions.updateOpeningHours,
  async handle(input, ctx): Promise<UpdateOpeningHoursOutput> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const station = await repo.getStation(ctx.db, input.stationId);
    if (!station) throw new AppError('not-found', '没有找到该社工站，请返回重新选择');
    const openingHours = Object.fromEntries(
      Object.entries(input.openingHours).filter(([, periods]) => periods && periods.length > 0),
    );
    await repo.putOpeningHours(ctx.db, input.stationId, {
      openingHours,
      updatedAt: ctx.now,
      updatedBy: ctx.access.caller?.userId ?? null,
    });
    await auditOk(ctx, ctx.access, input.stationId);
    return { stationId: input.stationId, openingHours };
  },
});
