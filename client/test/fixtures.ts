import {
  SEED_STATIONS,
  type NearStation,
  type SeedStation,
  type StationDetail,
  type StationGroup,
  type StationSummary,
} from '@sgz/shared';

/** A seed station as the list shows it. */
export const toSummary = (s: SeedStation): StationSummary => ({
  id: s.id,
  officialName: s.officialName,
  unitName: s.unitName,
  unitKind: s.unitKind,
  specialty: s.specialty,
});

/** The seed grouped like listStations answers, optionally filtered by name. */
export function seedGroups(query = ''): { groups: StationGroup[]; total: number } {
  const matching = SEED_STATIONS.filter((s) => s.officialName.includes(query) || s.unitName.includes(query));
  const groups: StationGroup[] = [
    { kind: 'street', label: '街道', items: matching.filter((s) => s.unitKind === 'street').map(toSummary) },
    {
      kind: 'township',
      label: '镇',
      items: matching.filter((s) => s.unitKind === 'township').map(toSummary),
    },
  ].filter((g) => g.items.length > 0) as StationGroup[];
  return { groups, total: matching.length };
}

/** A station detail with every optional field empty (as the seed leaves them). */
export function emptyDetail(): StationDetail {
  const s = SEED_STATIONS[0]!;
  return {
    ...toSummary(s),
    specialty: null,
    unitId: s.unitId,
    zone: null,
    address: null,
    hours: null,
    phone: null,
    serviceAreas: [],
    rooms: [],
    location: null,
    needsAdminReview: true,
  };
}

/** Made-up distances, nearest first. */
export const NEAR_DISTANCES = [850, 1230, 5000, 12_480, 30_000];

/** The first `n` (≤ 5) seed stations with {@link NEAR_DISTANCES}. */
export const nearStations = (n: number): NearStation[] =>
  SEED_STATIONS.slice(0, n).map((s, i) => ({ ...toSummary(s), distanceMeters: NEAR_DISTANCES[i]! }));
