import {
  supervisionContract,
  type QualifiedStaffOutput,
  type StationStanding,
} from '../../../../shared/src/contracts/supervision';
import { beijingYear, proRataTarget } from '../../../../shared/src/calendar';
import { toAccount } from '../../../_lib/authz';
import { CERTIFICATE_KINDS } from '../../../../shared/src/domain/account';
import { qualificationReason } from '../../../../shared/src/domain/qualified';
import { combineHours } from '../../../../shared/src/domain/training';
import { assertStationScope } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { loadQuotaPolicy } from '../../../_lib/quota-policy';
import * as repo from '../repo';

/**
 * `listQualifiedStaff`: the station's active workers and head, whether each
 * counts as qualified by isQualified() and why; flagged below the minimum of
 * this Beijing year's stored quota policy (2 by default).
 */
export const listQualifiedStaff = defineAction({
  contract: supervisionContract.actions.listQualifiedStaff,
  async handle(input, ctx): Promise<QualifiedStaffOutput> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const [staff, { policy }] = await Promise.all([
      repo.stationStaff(ctx.db, input.stationId),
      loadQuotaPolicy(ctx.db, beijingYear(ctx.now)),
    ]);
    const minimum = policy.targets.qualifiedWorkers;
    const items = staff.map((raw) => {
      const a = toAccount({ openid: '', ...raw });
      const { qualified, reason } = qualificationReason(a);
      return {
        userId: a._id as string,
        name: a.name,
        role: a.role as 'social_worker' | 'station_head',
        qualified,
        reason,
        certificateKind: a.qualification?.kind ?? null,
      };
    });
    const qualifiedCount = items.filter((i) => i.qualified).length;
    return {
      stationId: input.stationId,
      items,
      qualifiedCount,
      minimum,
      belowMinimum: qualifiedCount < minimum,
    };
  },
});

/**
 * `getStationSummary`: the station's year (default: this Beijing year):
 * confirmed supervision hours against the year's quota policy (30 by default;
 * one aggregate over the station's
 * confirmation rows), the pro-rata pace, the qualified count (a database
 * count), the confirmed 学时 of each current worker (one aggregate, whatever
 * station each record was made at) and what waits for the head.
 */
export const getStationSummary = defineAction({
  contract: supervisionContract.actions.getStationSummary,
  async handle(input, ctx): Promise<{ summary: StationStanding }> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const year = input.year ?? beijingYear(ctx.now);
    const staff = await repo.stationStaff(ctx.db, input.stationId);
    const workerIds = staff.map((s) => s._id);
    const [byStatus, qualified, training, pendingTraining, pendingSessions, { policy }] = await Promise.all([
      repo.stationHoursByStatus(ctx.db, input.stationId, year),
      repo.countQualified(ctx.db, input.stationId, CERTIFICATE_KINDS),
      repo.confirmedYearByWorker(ctx.db, workerIds, year),
      repo.countPendingTraining(ctx.db, input.stationId),
      repo.countPendingConfirmations(ctx.db, input.stationId),
      loadQuotaPolicy(ctx.db, year),
    ]);
    const { supervisionHours: hoursTarget, trainingHoursPerWorker, qualifiedWorkers } = policy.targets;
    const confirmedHours = byStatus.get('confirmed')?.hours ?? 0;
    return {
      summary: {
        stationId: input.stationId,
        year,
        supervision: {
          confirmedHours,
          pendingHours: byStatus.get('pending')?.hours ?? 0,
          disputedCount: byStatus.get('disputed')?.count ?? 0,
          quota: hoursTarget,
          paceTarget: Math.round(proRataTarget(hoursTarget, ctx.now, year) * 10) / 10,
          met: confirmedHours >= hoursTarget,
        },
        qualified: {
          count: qualified,
          minimum: qualifiedWorkers,
          belowMinimum: qualified < qualifiedWorkers,
        },
        training: staff.map((s) => {
          const mine = training.filter((t) => t.workerId === s._id);
          const hours = combineHours(
            mine.filter((t) => !t.degree).reduce((n, t) => n + t.hours, 0),
            mine.filter((t) => t.degree).reduce((n, t) => n + t.count, 0),
          );
          return {
            workerId: s._id,
            name: typeof s.name === 'string' ? s.name : null,
            hours,
            quota: trainingHoursPerWorker,
            met: hours >= trainingHoursPerWorker,
          };
        }),
        pendingTrainingCount: pendingTraining,
        pendingSessionCount: pendingSessions,
      },
    };
  },
});
