import { accountsContract } from '../../../../shared/src/contracts/accounts';
import { AppError } from '../../../../shared/src/errors';
import { asId, type StationId } from '../../../../shared/src/ids';
import { INVITE_DEFAULT_DAYS } from '../../../../shared/src/schemas/accounts';
import { assertStationScope, auditOk, deny, requireCaller } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { toInviteItem } from '../dto';
import { countStations, insertInvite } from '../repo';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates a one-time invite code. District admin: a head, worker or
 * supervisor to any station(s). Station head: a worker to their own station.
 */
export const createInvite = defineAction({
  contract: accountsContract.actions.createInvite,
  async handle(input, ctx) {
    const caller = requireCaller(ctx.access);
    const stations =
      input.staffRole === 'supervisor' ? [...new Set(input.stationIds ?? [])] : [input.stationId as string];
    // A station head may only invite social workers, and only to their station.
    if (ctx.access.role === 'station_head' && input.staffRole !== 'social_worker') {
      await deny(ctx, ctx.access.action, ctx.access.role, caller.stationId, stations[0] ?? null);
    }
    for (const s of stations) await assertStationScope(ctx, ctx.access, s);
    if ((await countStations(ctx.db, stations)) !== stations.length) {
      throw new AppError('invalid-argument', '所选社工站不存在，请重新选择', { field: 'stationId' });
    }
    const invite = await insertInvite(ctx.db, {
      role: input.staffRole,
      stationId: input.staffRole === 'supervisor' ? null : asId<StationId>(stations[0] as string),
      stationIds: input.staffRole === 'supervisor' ? stations.map((s) => asId<StationId>(s)) : [],
      status: 'open',
      createdBy: caller.userId,
      createdAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + (input.validDays ?? INVITE_DEFAULT_DAYS) * DAY_MS),
      usedBy: null,
      usedAt: null,
      revokedAt: null,
    });
    await auditOk(ctx, ctx.access, invite._id);
    return toInviteItem(invite, ctx.now);
  },
});
