import { toGeoJsonPoint, type GeoJsonPoint } from '../geo';
import type { AdminUnitKind, RoomKind, ServiceArea, Specialty } from '../domain/station';
import type { SeedAdminUnit, SeedStation } from './districts';

/**
 * How a station is stored in the `stations` collection (`_id` = station id).
 * `location` is GeoJSON (longitude first) so that the database can answer
 * geo queries (`_.geoNear`); `locationApproximate` says whether it is an
 * unsurveyed seed value.
 */
export interface StationDoc {
  _id: string;
  unitId: string;
  unitKind: Exclude<AdminUnitKind, 'zone'>;
  unitName: string;
  officialName: string;
  /** Order within its kind's group (streets first, then townships). */
  order: number;
  /** Development zone an administrator attached the station to, if any. */
  zoneId: string | null;
  address: string | null;
  hours: string | null;
  phone: string | null;
  specialty: Specialty | null;
  serviceAreas: ServiceArea[];
  rooms: RoomKind[];
  location: GeoJsonPoint | null;
  locationApproximate: boolean;
  needsAdminReview: boolean;
  /** Seed version that created the document (null when an administrator created it). */
  seedVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** How an administrative unit is stored in `admin_units` (`_id` = unit id). */
export interface AdminUnitDoc {
  _id: string;
  kind: AdminUnitKind;
  name: string;
  order: number;
  seedVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The stored form of a seed station, created at `now`. */
export const stationDocFromSeed = (s: SeedStation, seedVersion: number, now: Date): StationDoc => ({
  _id: s.id,
  unitId: s.unitId,
  unitKind: s.unitKind,
  unitName: s.unitName,
  officialName: s.officialName,
  order: s.order,
  zoneId: null,
  address: s.address,
  hours: s.hours,
  phone: s.phone,
  specialty: s.specialty,
  serviceAreas: [...s.serviceAreas],
  rooms: [...s.rooms],
  location: s.location ? toGeoJsonPoint(s.location) : null,
  locationApproximate: s.location?.approximate ?? false,
  needsAdminReview: s.needsAdminReview,
  seedVersion,
  createdAt: now,
  updatedAt: now,
});

/** The stored form of a seed administrative unit, created at `now`. */
export const adminUnitDocFromSeed = (u: SeedAdminUnit, seedVersion: number, now: Date): AdminUnitDoc => ({
  _id: u.id,
  kind: u.kind,
  name: u.name,
  order: u.order,
  seedVersion,
  createdAt: now,
  updatedAt: now,
});
