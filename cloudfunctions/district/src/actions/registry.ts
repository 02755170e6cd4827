import { beijingDay } from '../../../../shared/src/calendar';
import {
  districtContract,
  type QualificationRegistryOutput,
  type RegistryItemDto,
} from '../../../../shared/src/contracts/district';
import { CERTIFICATE_KINDS } from '../../../../shared/src/domain/account';
import { QUALIFIED_STAFF_MINIMUM, qualificationReason } from '../../../../shared/src/domain/qualified';
import { currentRegistrationPeriod } from '../../../../shared/src/domain/training';
import { mask } from '../../../../shared/src/masking';
import { toAccount } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import * as repo from '../repo';

/**
 * `listQualificationRegistry` (the district): every station's social workers
 * and head, the certificate each holds (number masked as the staff list masks
 * it), whether each counts (qualificationReason, the rule of supervision's
 * qualified staff), the current registration period by the training
 * summary's rule (currentRegistrationPeriod: ending within 90 days flagged),
 * and per station the qualified count made by the database, flagged below 2.
 */
export const listQualificationRegistry = defineAction({
  contract: districtContract.actions.listQualificationRegistry,
  async handle(input, ctx): Promise<QualificationRegistryOutput> {
    const today = beijingDay(ctx.now);
    const [stations, staff, counts] = await Promise.all([
      repo.allStations(ctx.db),
      repo.staff(ctx.db, input.stationId),
      repo.qualifiedPerStation(ctx.db, CERTIFICATE_KINDS, input.stationId),
    ]);
    const items: RegistryItemDto[] = staff.map((raw) => {
      const a = toAccount({ openid: '', ...raw });
      const { qualified, reason } = qualificationReason(a);
      const q = a.qualification;
      const period = currentRegistrationPeriod(q, today);
      return {
        userId: raw._id,
        name: a.name,
        stationId: typeof raw.stationId === 'string' ? raw.stationId : '',
        role: a.role === 'station_head' ? 'station_head' : 'social_worker',
        qualified,
        reason,
        certificateKind: q?.kind ?? null,
        numberMasked: q ? mask('certificate', q.number) : null,
        registrationStatus: q?.registrationStatus ?? null,
        registeredOn: q?.registeredOn ?? null,
        period: period
          ? { from: period.from, to: period.to, daysLeft: period.daysLeft, endingSoon: period.endingSoon }
          : null,
      };
    });
    const lines = stations
      .filter((s) => !input.stationId || s._id === input.stationId)
      .map((s) => {
        const qualifiedCount = counts.get(s._id) ?? 0;
        return {
          stationId: s._id,
          officialName: typeof s.officialName === 'string' ? s.officialName : '',
          unitName: typeof s.unitName === 'string' ? s.unitName : '',
          qualifiedCount,
          belowMinimum: qualifiedCount < QUALIFIED_STAFF_MINIMUM,
        };
      });
    return {
      items,
      stations: lines,
      minimum: QUALIFIED_STAFF_MINIMUM,
      belowMinimumCount: lines.filter((l) => l.belowMinimum).length,
      endingSoonCount: items.filter((i) => i.period?.endingSoon).length,
    };
  },
});
