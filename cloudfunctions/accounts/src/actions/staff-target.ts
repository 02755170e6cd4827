import type { Account } from '../../../../shared/src/domain/account';
import type { TargetRef } from '../../../../shared/src/auth/scope';

/** A user as a scope target: its station (workers, heads) and itself as owner. */
export const staffTarget = (a: Account): Account & TargetRef => ({
  ...a,
  stationId: a.role === 'social_worker' || a.role === 'station_head' ? a.stationId : null,
  ownerId: a._id,
});
