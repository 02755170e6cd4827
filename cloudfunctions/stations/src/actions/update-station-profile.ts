import { stationsContract } from '../../../../shared/src/contracts/stations';
import type { UpdateStationProfileOutput } from '../../../../shared/src/contracts/stations';
import { AppError } from '../../../../shared/src/errors';
import { assertStationScope, auditOk } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import * as repo from '../repo';
import { STATION_NOT_FOUND, stationDetail } from './get-station';

/**
 * `updateStationProfile` (the station's head, or the district for any
 * station): the public details residents see on the station page — address,
 * phone, 一站一品. The whole card is saved each time; null takes a detail off
 * the page. The review mark (信息待社工站完善) goes once address and phone are
 * both published. Answers the detail as residents now see it.
 */
export const updateStationProfile = defineAction({
  contract: stationsContract.actions.updateStationProfile,
  async handle(input, ctx): Promise<UpdateStationProfileOutput> {
    // A head reaches only their own station (missing and not-yours: the same denial).
    await assertStationScope(ctx, ctx.access, input.stationId);
    const doc = await repo.getStation(ctx.db, input.stationId);
    if (!doc) throw new AppError('not-found', STATION_NOT_FOUND);
    const { address, phone, specialty } = input;
    const patch: repo.StationProfilePatch = {
      address,
      phone,
      specialty,
      needsAdminReview: !(address && phone),
      updatedAt: ctx.now,
      profileUpdatedBy: ctx.access.caller?.userId ?? null,
    };
    // 一站一品 is also a field of the district's station record (the district
    // function): a change here moves that record's version and shows in its history.
    const before = typeof doc.specialty === 'string' ? doc.specialty : null;
    const version = (typeof doc.recordVersion === 'number' ? doc.recordVersion : 0) + 1;
    if (before !== specialty) {
      patch.recordVersion = version;
      patch.recordUpdatedAt = ctx.now;
      patch.recordUpdatedBy = patch.profileUpdatedBy;
    }
    await repo.updateStationProfile(ctx.db, input.stationId, patch);
    if (before !== specialty)
      await repo.insertRecordHistory(ctx.db, `${input.stationId}-v${version}`, {
        stationId: input.stationId,
        version,
        at: ctx.now,
        byUserId: patch.profileUpdatedBy,
        byRole: ctx.access.role,
        changes: [{ field: 'specialty', before, after: specialty }],
      });
    await auditOk(ctx, ctx.access, input.stationId);
    return stationDetail(ctx.db, { ...doc, ...patch });
  },
});
