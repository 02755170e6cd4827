import type { Access } from '../../../shared/src/auth/scope';

/**
 * Which view of a record a caller gets, decided here and nowhere else:
 * - `own`: the person the record is about / who made it (everything they typed);
 * - `station`: staff of the record's station (names in full, free text masked in lists);
 * - `oversight`: supervisors of assigned stations and the district (masked).
 * Actions map it to their DTO's variants; a new feature adds no rule of its own.
 */
export type View = 'own' | 'station' | 'oversight';

/** The view `access` gets of a record of station `stationId` owned by `ownerId`. */
export function viewOf(access: Access, record: { stationId?: string | null; ownerId?: string | null }): View {
  const caller = access.caller;
  if (!caller) return 'oversight';
  if (access.scope === 'own') return record.ownerId === caller.userId ? 'own' : 'oversight';
  if (access.scope === 'station' && caller.stationId !== null && caller.stationId === record.stationId)
    return 'station';
  return 'oversight';
}
