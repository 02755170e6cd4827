import {
  dashboardContract,
  type DashboardFigure,
  type DashboardQuota,
  type DashboardWorker,
  type DrillDown,
  type StationDashboard,
} from '../../../../shared/src/contracts/dashboard';
import { beijingDay } from '../../../../shared/src/calendar';
import { isQualified } from '../../../../shared/src/domain/account';
import type { TargetCategory } from '../../../../shared/src/domain/person';
import {
  QUOTA_KINDS,
  elapsedShare,
  quotasForStation,
  type QuotaKey,
  type QuotaResult,
} from '../../../../shared/src/domain/quota';
import type { RequestStatus } from '../../../../shared/src/domain/request';
import { isCalendarDay } from '../../../../shared/src/domain/slot';
import type { ServiceArea } from '../../../../shared/src/domain/station';
import {
  combineHours,
  currentRegistrationPeriod,
  registrationPeriodNote,
} from '../../../../shared/src/domain/training';
import { assertStationScope, deny, toAccount } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { roundTrips } from '../../../_lib/db';
import { quotaPolicyFromDoc } from '../../../_lib/quota-policy';
import {
  areaFigures,
  categoryFigures,
  foldCases,
  foldRequests,
  foldTraining,
  foldVisits,
  monthKey,
} from '../fold';
import * as repo from '../repo';

/**
 * `getStationDashboard`: one station's year (and month): the four quotas
 * judged by the quota engine under the policy in force, per worker figures,
 * activity; every figure with the list call that opens its records. Six
 * database calls here (repo.ts), all grouped in the database.
 */
export const getStationDashboard = defineAction({
  contract: dashboardContract.actions.getStationDashboard,
  async handle(input, ctx): Promise<StationDashboard> {
    const { stationId, year } = input;
    await assertStationScope(ctx, ctx.access, stationId);
    const month = input.month ?? null;
    const today = beijingDay(ctx.now);
    const lastDay = `${year}-12-31`;
    const asOf = today > lastDay ? lastDay : today;

    const loaded = await repo.stationWithStaffAndPolicy(ctx.db, stationId, year);
    if (!loaded) {
      return deny(ctx, ctx.access.action, ctx.access.role, ctx.access.caller?.stationId ?? null, stationId);
    }
    const { station, policyDoc } = loaded;
    const staff = loaded.staff.map((raw) => toAccount({ openid: '', ...raw }));
    const loadedPolicy = quotaPolicyFromDoc(policyDoc, year);
    const { policy } = loadedPolicy;
    const periods = staff.map((a) => {
      const period = currentRegistrationPeriod(a.qualification, asOf);
      return {
        workerId: String(a._id),
        period,
        note: registrationPeriodNote(a.qualification, period, policy.targets.trainingHoursPerWorker),
      };
    });
    const staffIds = staff.map((a) => String(a._id));

    const [visitRows, caseRows, requestRows, trainingRows, supervisionRows] = await Promise.all([
      repo.visitTagCounts(ctx.db, stationId, year),
      repo.caseTagCounts(ctx.db, stationId, year),
      repo.requestCounts(ctx.db, stationId, year),
      repo.trainingSums(
        ctx.db,
        staffIds,
        year,
        periods.flatMap((p) =>
          p.period ? [{ workerId: p.workerId, from: p.period.from, to: p.period.to }] : [],
        ),
      ),
      repo.supervisionByStatus(ctx.db, stationId, year),
    ]);

    const openedDay =
      typeof station.openedOn === 'string' && isCalendarDay(station.openedOn) ? station.openedOn : null;
    const visits = foldVisits(visitRows);
    const cases = foldCases(caseRows, year);
    const training = foldTraining(trainingRows);
    const confirmedHours = supervisionRows
      .filter((r) => r.status === 'confirmed')
      .reduce((n, r) => n + r.hours, 0);
    const hoursOf = (id: string) => {
      const t = training.get(id);
      return {
        year: t ? combineHours(t.yearHours, t.yearDegrees) : 0,
        period: t ? combineHours(t.periodHours, t.periodDegrees) : 0,
      };
    };
    const nameOf = (a: (typeof staff)[number]) => a.name ?? '（未填写姓名）';

    const judged = quotasForStation({
      counts: {
        completedCases: cases.completed,
        referralClosures: cases.referralClosures,
        supervisionHours: confirmedHours,
        qualifiedWorkers: staff.filter((a) => isQualified(a)).length,
        trainingHours: staff.map((a) => ({
          workerId: String(a._id),
          name: nameOf(a),
          hours: hoursOf(String(a._id)).year,
        })),
      },
      targets: policy.targets,
      referralClosuresCount: policy.referralClosuresCount,
      year,
      openedDay,
      now: ctx.now,
    });

    // ---- drill-downs (the existing list actions and their inputs)
    const visitsDrill = (
      f: Omit<Extract<DrillDown, { kind: 'visits' }>['input'], 'stationId'>,
    ): DrillDown => ({
      kind: 'visits',
      fn: 'visits',
      action: 'listVisits',
      input: { stationId, ...f },
    });
    const casesDrill = (f: Omit<Extract<DrillDown, { kind: 'cases' }>['input'], 'stationId'>): DrillDown => ({
      kind: 'cases',
      fn: 'cases',
      action: 'listStationCases',
      input: { stationId, ...f },
    });
    const requestsDrill = (status: string | null, rated?: boolean): DrillDown => ({
      kind: 'requests',
      fn: 'requests',
      action: 'listStationRequests',
      input: {
        stationId,
        year,
        ...(status ? { status: status as RequestStatus } : {}),
        ...(rated ? { rated: true } : {}),
      },
    });
    const fig = (key: string, label: string, value: number, drill: DrillDown | null): DashboardFigure => ({
      key,
      label,
      value,
      drill,
    });

    const quota = (
      key: Exclude<QuotaKey, 'trainingHours'>,
      r: QuotaResult,
      drill: DrillDown | null,
    ): DashboardQuota => ({
      quota: key,
      label: QUOTA_KINDS[key].label,
      unit: QUOTA_KINDS[key].unit,
      done: r.done,
      target: r.target,
      expectedByNow: r.expectedByNow,
      elapsedShare: r.elapsedShare,
      status: r.status,
      forecast: r.forecast,
      forecastMonth: r.forecastMonth,
      reason: r.reason,
      drill,
    });
    const th = judged.trainingHours;
    const share = elapsedShare(year, ctx.now, openedDay);
    const trainingQuota = {
      quota: 'trainingHours' as const,
      label: QUOTA_KINDS.trainingHours.label,
      unit: '人',
      done: th.workers.filter((w) => w.status === '已完成').length,
      target: th.workers.length,
      expectedByNow: th.target * share,
      elapsedShare: share,
      status: th.status,
      forecast: th.workers.filter((w) => w.forecast >= w.target).length,
      forecastMonth: null,
      reason: th.reason,
      drill: null,
      perWorkerTarget: th.target,
      behind: th.behind,
    };

    const mk = month ? monthKey(year, month) : null;
    const workers: DashboardWorker[] = staff.map((a, i) => {
      const id = String(a._id);
      const w = th.workers[i];
      const p = periods[i];
      const h = hoursOf(id);
      const flags: string[] = [];
      if (w?.status === '落后') flags.push('学时落后进度');
      if (w?.status === '有风险') flags.push('学时有风险');
      if (p?.period?.endingSoon && h.period < p.period.quota) flags.push('注册周期即将结束，学时不足');
      return {
        workerId: id,
        name: nameOf(a),
        role: a.role === 'station_head' ? 'station_head' : 'social_worker',
        visitsYear: fig(
          'visitsYear',
          '本年走访',
          visits.byWorker.get(id) ?? 0,
          visitsDrill({ year, workerId: id }),
        ),
        visitsMonth: mk
          ? fig(
              'visitsMonth',
              `${month} 月走访`,
              visits.byMonthWorker.get(`${mk}|${id}`) ?? 0,
              visitsDrill({ month: mk, workerId: id }),
            )
          : null,
        openCases: fig(
          'openCases',
          '在办个案',
          cases.openByWorker.get(id) ?? 0,
          casesDrill({ workerId: id, openOnly: true }),
        ),
        closedCases: fig(
          'closedCases',
          '本年结案',
          cases.closedByWorker.get(id) ?? 0,
          casesDrill({ workerId: id, filter: 'closed', completedYear: year }),
        ),
        trainingYear: fig('trainingYear', '本年学时', h.year, {
          kind: 'training',
          fn: 'supervision',
          action: 'listTraining',
          input: { workerId: id, year },
        }),
        trainingPeriod: p?.period
          ? { from: p.period.from, to: p.period.to, hours: h.period, quota: p.period.quota }
          : null,
        trainingPeriodNote: p?.note ?? null,
        trainingStatus: w?.status ?? '按进度',
        trainingReason: w?.reason ?? '',
        qualified: isQualified(a),
        flags,
      };
    });

    const requests = foldRequests(requestRows, requestsDrill);
    return {
      stationId,
      stationName: typeof station.officialName === 'string' ? station.officialName : stationId,
      year,
      month,
      asOf,
      openedDay,
      policy: {
        source: loadedPolicy.source,
        id: loadedPolicy.id,
        effectiveFrom: policy.effectiveFrom,
        targets: policy.targets,
        referralClosuresCount: policy.referralClosuresCount,
      },
      status: judged.status,
      quotas: {
        completedCases: quota(
          'completedCases',
          judged.completedCases,
          casesDrill({
            filter: 'closed',
            completedYear: year,
            ...(policy.referralClosuresCount ? {} : { excludeReferrals: true }),
          }),
        ),
        supervisionHours: quota('supervisionHours', judged.supervisionHours, {
          kind: 'supervision',
          fn: 'supervision',
          action: 'listStationSessions',
          input: { stationId, year, status: 'confirmed' },
        }),
        trainingHours: trainingQuota,
        qualifiedWorkers: quota('qualifiedWorkers', judged.qualifiedWorkers, {
          kind: 'qualified',
          fn: 'supervision',
          action: 'listQualifiedStaff',
          input: { stationId },
        }),
      },
      workers,
      activity: {
        visitsByMonth: Array.from({ length: 12 }, (_, i) => {
          const k = monthKey(year, i + 1);
          return fig(k, `${i + 1}月`, visits.byMonth.get(k) ?? 0, visitsDrill({ month: k }));
        }),
        visitsTotal: fig('total', '全年走访', visits.total, visitsDrill({ year })),
        visitsByCategory: categoryFigures(
          (c) => visits.byCategory.get(c) ?? 0,
          (c) => visitsDrill({ year, category: c as TargetCategory }),
        ),
        monthVisitsByCategory: mk
          ? categoryFigures(
              (c) => visits.byMonthCategory.get(`${mk}|${c}`) ?? 0,
              (c) => visitsDrill({ month: mk, category: c as TargetCategory }),
            )
          : null,
        requestsByStatus: requests.byStatus,
        rating: requests.rating,
        serviceHoursByArea: areaFigures(visits.hoursByArea, (a) =>
          visitsDrill({ year, area: a as ServiceArea }),
        ),
      },
      meta: { roundTrips: roundTrips() },
    };
  },
});
