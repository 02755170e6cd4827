import { distanceMeters } from '../../../shared/src/geo';
import {
  ROOM_KINDS,
  SERVICE_AREAS,
  SPECIALTIES,
  type RoomKind,
  type ServiceArea,
  type Specialty,
  type StationDetail,
  type StationSummary,
} from '../../../shared/src/domain/station';
import type { StationGroup } from '../../../shared/src/contracts/stations';
import { asId, type AdminUnitId, type StationId } from '../../../shared/src/ids';
import type { LatLng } from '../../../shared/src/geo';
import type { RawDoc } from './repo';

/**
 * Stored documents → the small DTOs of the contract. Documents are edited by
 * administrators over the years, so every field is checked: a missing or
 * odd value becomes null/empty instead of leaking through or crashing.
 */

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | null =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : null;
const listOf = <T extends string>(list: readonly T[], v: unknown): T[] =>
  Array.isArray(v) ? v.filter((x): x is T => oneOf(list, x) !== null) : [];

/**
 * A stored location → latitude/longitude, or null when absent or malformed.
 * wx-server-sdk hands GeoJSON back as its own `Point` objects (with
 * `latitude`/`longitude` and a `toJSON()` giving GeoJSON), so both shapes
 * are read.
 */
export const pointOf = (v: unknown): LatLng | null => {
  if (typeof v !== 'object' || v === null) return null;
  const { latitude, longitude } = v as { latitude?: unknown; longitude?: unknown };
  if (typeof latitude === 'number' && typeof longitude === 'number') return validPoint(latitude, longitude);
  const c = (v as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(c) || c.length !== 2) return null;
  const [lng, lat] = c as unknown[];
  return typeof lng === 'number' && typeof lat === 'number' ? validPoint(lat, lng) : null;
};

const validPoint = (latitude: number, longitude: number): LatLng | null =>
  Number.isFinite(latitude) &&
  Number.isFinite(longitude) &&
  Math.abs(latitude) <= 90 &&
  Math.abs(longitude) <= 180
    ? { latitude, longitude }
    : null;

/** A station document as a list item. */
export const toSummary = (d: RawDoc): StationSummary => ({
  id: asId<StationId>(String(d._id)),
  officialName: str(d.officialName) ?? '',
  unitName: str(d.unitName) ?? '',
  unitKind: d.unitKind === 'township' ? 'township' : 'street',
  specialty: oneOf<Specialty>(SPECIALTIES, d.specialty),
});

/** A station document as the detail view; `zone` is resolved by the caller. */
export const toDetail = (d: RawDoc, zone: StationDetail['zone']): StationDetail => {
  const point = pointOf(d.location);
  return {
    ...toSummary(d),
    unitId: asId<AdminUnitId>(str(d.unitId) ?? ''),
    zone,
    address: str(d.address),
    hours: str(d.hours),
    phone: str(d.phone),
    serviceAreas: listOf<ServiceArea>(SERVICE_AREAS, d.serviceAreas),
    rooms: listOf<RoomKind>(ROOM_KINDS, d.rooms),
    location: point ? { ...point, approximate: d.locationApproximate !== false } : null,
    needsAdminReview: d.needsAdminReview !== false,
  };
};

const GROUP_LABELS = { street: '街道', township: '镇' } as const;

/** Splits one page (already in display order) into its 街道 and 镇 groups, omitting empty ones. */
export const groupStations = (items: StationSummary[]): StationGroup[] =>
  (['street', 'township'] as const)
    .map((kind) => ({ kind, label: GROUP_LABELS[kind], items: items.filter((s) => s.unitKind === kind) }))
    .filter((g) => g.items.length > 0);

/** Rounded great-circle distance from `from` to a document's location (null when it has none). */
export const distanceTo = (from: LatLng, d: RawDoc): number | null => {
  const point = pointOf(d.location);
  return point ? Math.round(distanceMeters(from, point)) : null;
};
