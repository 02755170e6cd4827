import { requestsContract } from '../../../../shared/src/contracts/requests';
import { randomBytes } from 'crypto';
import type { ListServiceItemsOutput, ServiceItemDto } from '../../../../shared/src/contracts/requests';
import { serviceItemIdOf } from '../../../../shared/src/domain/service-item';
import { AppError } from '../../../../shared/src/errors';
import { assertStationScope, auditOk, deny } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { slotConfigFor } from '../config';
import { toServiceItemDto } from '../dto';
import * as repo from '../repo';

/** Shown for an unknown station id. */
export const STATION_NOT_FOUND = '没有找到该社工站，请返回重新选择';

/**
 * `listServiceItems` (public): a station's active, reviewed items; its head (and the
 * district) may add `includeInactive` for every item, inactive and unreviewed demo ones too.
 */
export const listServiceItems = defineAction({
  contract: requestsContract.actions.listServiceItems,
  async handle(input, ctx): Promise<ListServiceItemsOutput> {
    const station = await repo.getStation(ctx.db, input.stationId);
    if (!station) throw new AppError('not-found', STATION_NOT_FOUND);
    const caller = ctx.access.caller;
    const mayEdit =
      !!caller &&
      (caller.role === 'district_admin' ||
        (caller.role === 'station_head' && caller.stationId === input.stationId));
    const [docs, config] = await Promise.all([
      repo.listServiceItems(ctx.db, input.stationId, !!input.includeInactive && mayEdit),
      slotConfigFor(ctx.db, input.stationId),
    ]);
    return {
      items: docs.map(toServiceItemDto),
      openingHours: config.openingHours,
      maxDaysAhead: config.maxDaysAhead,
    };
  },
});

/** `upsertServiceItem` (station head of that station, or the district): create (no id) or edit an item. */
export const upsertServiceItem = defineAction({
  contract: requestsContract.actions.upsertServiceItem,
  async handle(input, ctx): Promise<{ item: ServiceItemDto }> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const station = await repo.getStation(ctx.db, input.stationId);
    if (!station) throw new AppError('not-found', STATION_NOT_FOUND);
    let id: string;
    let order = input.order;
    if (input.id) {
      const existing = await repo.getServiceItem(ctx.db, input.id);
      // An item of another station is answered like a missing one (no probing).
      if (!existing || existing.stationId !== input.stationId) {
        return deny(ctx, ctx.access.action, ctx.access.role, ctx.access.caller?.stationId ?? null, input.id);
      }
      id = input.id;
      order ??= typeof existing.order === 'number' ? existing.order : 0;
    } else {
      id = serviceItemIdOf(input.stationId, randomBytes(4).toString('hex'));
      order ??= 100;
    }
    const data = {
      stationId: input.stationId,
      title: input.title,
      area: input.area,
      description: input.description,
      bookable: input.bookable,
      durationMinutes: input.durationMinutes,
      capacityPerSlot: input.capacityPerSlot,
      active: input.active ?? true,
      // Edited by the head: no longer demo content.
      demo: false,
      order,
      updatedAt: ctx.now,
      updatedBy: ctx.access.caller?.userId ?? null,
    };
    await repo.putServiceItem(ctx.db, id, data);
    await auditOk(ctx, ctx.access, id);
    return { item: toServiceItemDto({ _id: id, ...data }) };
  },
});
