import type { ListSlotsOutput } from '../../../../shared/src/contracts/requests';
import { isCalendarDay } from '../../../../shared/src/domain/slot';
import { AppError } from '../../../../shared/src/errors';
import { DEFAULT_SLOTS_LISTED, listSlotsInput } from '../../../../shared/src/schemas/requests';
import { defineAction } from '../../../_lib/context';
import { freeSlots } from '../availability';
import { toServiceItemDto } from '../dto';
import * as repo from '../repo';

/** Shown when the item is unknown, of another station, off the list, or takes no booking. */
export const ITEM_NOT_BOOKABLE = '该服务项目不存在、已下架或无需预约，请重新选择';

/** `listSlots` (public): the next slots of an item that still have a place. */
export const listSlots = defineAction({
  schema: listSlotsInput,
  async handle(input, ctx): Promise<ListSlotsOutput> {
    if (input.fromDay && !isCalendarDay(input.fromDay)) {
      throw new AppError('invalid-argument', '日期格式不对，请重新选择日期', { field: 'fromDay' });
    }
    const doc = await repo.getServiceItem(ctx.db, input.itemId);
    const item = doc ? toServiceItemDto(doc) : null;
    if (!item || item.stationId !== input.stationId || !item.active || !item.bookable) {
      throw new AppError('not-found', ITEM_NOT_BOOKABLE);
    }
    const slots = await freeSlots(ctx.db, item, ctx.now, input.limit ?? DEFAULT_SLOTS_LISTED, input.fromDay);
    return { slots };
  },
});
