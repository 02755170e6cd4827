import { stationsContract } from '../../../../shared/src/contracts/stations';
import type { GetStationOutput } from '../../../../shared/src/contracts/stations';
import { AppError } from '../../../../shared/src/errors';
import { asId, type AdminUnitId } from '../../../../shared/src/ids';
import type { DB } from '../../../_lib/db';
import { defineAction } from '../../../_lib/context';
import { toDetail } from '../dto';
import * as repo from '../repo';

/** Shown when the id is well formed but names no station (deleted, or a stale link). */
export const STATION_NOT_FOUND = '没有找到该社工站，请返回列表重新选择';

/** `getStation`: one station's public detail. */
export const getStation = defineAction({
  contract: stationsContract.actions.getStation,
  async handle(input, ctx): Promise<GetStationOutput> {
    const doc = await repo.getStation(ctx.db, input.id);
    if (!doc) throw new AppError('not-found', STATION_NOT_FOUND);
    return stationDetail(ctx.db, doc);
  },
});

/** A station document as its public detail, with its development zone's name resolved. */
export async function stationDetail(db: DB, doc: repo.RawDoc): Promise<GetStationOutput> {
  const zoneId = typeof doc.zoneId === 'string' && doc.zoneId ? doc.zoneId : null;
  const zoneName = zoneId ? await repo.getAdminUnitName(db, zoneId) : null;
  return toDetail(doc, zoneId && zoneName ? { id: asId<AdminUnitId>(zoneId), name: zoneName } : null);
}
