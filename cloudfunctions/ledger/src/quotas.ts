import { beijingDay } from '../../../shared/src/calendar';
import { quotasForStation, type StationQuotas, type WorkerHours } from '../../../shared/src/domain/quota';
import { combineHours } from '../../../shared/src/domain/training';
import type { DB } from '../../_lib/db';
import { loadQuotaPolicy } from '../../_lib/quota-policy';
import * as repo from './repo';

/**
 * One station's four quotas for a Beijing year, judged at `at` with the
 * shared engine (shared/src/domain/quota.ts) on the database's own counts:
 * completed cases (one aggregate, referral closures apart, the policy says
 * whether they count), confirmed supervision hours (one aggregate), qualified
 * staff (one count), each current worker's confirmed 学时 (the staff list and
 * one aggregate). Used by the 汇总 sheet and by the monthly reminders.
 *
 * Counts stop at `at` (cases approved, sessions held, trainings ended by
 * then), so a past month is judged on what was done by its end. The
 * qualified count is today's (accounts keep no history of certificates).
 */
export interface StationQuotaRead {
  quotas: StationQuotas;
  /** The station's active staff as read (the 资质台账 reuses it). */
  staff: repo.RawDoc[];
  /** Each staff member's confirmed 学时 of the year. */
  hoursByWorker: Map<string, number>;
  /** Whether referral closures count (the policy in force for the year). */
  referralClosuresCount: boolean;
  /** Database calls made (the policy, staff, four counts). */
  calls: number;
}

const nameOf = (d: repo.RawDoc): string => (typeof d.name === 'string' && d.name ? d.name : '（未填写姓名）');

/** Reads the counts and judges them. */
export async function stationQuotas(
  db: DB,
  stationId: string,
  year: number,
  at: Date,
): Promise<StationQuotaRead> {
  const lastDay = beijingDay(at);
  const [{ policy }, staff, cases, supervisionHours, qualifiedWorkers] = await Promise.all([
    loadQuotaPolicy(db, year),
    repo.stationStaff(db, stationId),
    repo.completedCases(db, stationId, year, at),
    repo.confirmedSupervisionHours(db, stationId, year, lastDay),
    repo.countQualified(db, stationId),
  ]);
  const rows = await repo.confirmedTrainingByWorker(
    db,
    staff.map((s) => s._id),
    year,
    lastDay,
  );
  const hoursByWorker = new Map<string, number>();
  for (const s of staff) {
    const mine = rows.filter((r) => r.workerId === s._id);
    hoursByWorker.set(
      s._id,
      combineHours(
        mine.filter((r) => !r.degree).reduce((n, r) => n + r.hours, 0),
        mine.filter((r) => r.degree).reduce((n, r) => n + r.count, 0),
      ),
    );
  }
  const trainingHours: WorkerHours[] = staff.map((s) => ({
    workerId: s._id,
    name: nameOf(s),
    hours: hoursByWorker.get(s._id) ?? 0,
  }));
  const quotas = quotasForStation({
    counts: {
      completedCases: cases.completed,
      referralClosures: cases.referral,
      supervisionHours,
      qualifiedWorkers,
      trainingHours,
    },
    targets: policy.targets,
    referralClosuresCount: policy.referralClosuresCount,
    year,
    now: at,
  });
  return { quotas, staff, hoursByWorker, referralClosuresCount: policy.referralClosuresCount, calls: 6 };
}
