import { COLLECTIONS } from '../../../shared/src/collections';
import type { DB } from '../../_lib/db';
import * as store from '../../_lib/store';

/**
 * The only file of the stations function that touches the database. Stations
 * and admin units are written by the seed; a station's public details
 * (address, phone, 一站一品) also by {@link updateStationProfile}.
 */

/** A stored document as it comes back: fields are checked by dto.ts, not trusted. */
export type RawDoc = store.Doc;

/** Fields a list item needs (the rest of a station can grow without slowing lists). */
const SUMMARY_FIELDS = ['officialName', 'unitName', 'unitKind', 'specialty'] as const;

/** Escapes every regular-expression metacharacter, so a search for `.*` looks for a dot and a star. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** The `where` of the list: everything, or official names containing `query` (case-insensitive). */
const listFilter = (db: DB, query: string | undefined): Record<string, unknown> =>
  query ? { officialName: db.RegExp({ regexp: escapeRegExp(query), options: 'i' }) } : {};

/**
 * One page of stations in display order: streets (街道) before townships (镇),
 * each in seed order; `total` counts every match with count() in the database.
 */
export async function listStations(
  db: DB,
  opts: { query?: string; offset: number; limit: number },
): Promise<{ docs: RawDoc[]; total: number }> {
  const where = listFilter(db, opts.query);
  // 'street' < 'township' in string order, which is the display order
  // 街道 then 镇; `order` then keeps the notice's order inside each group.
  // `_id` last makes the order total, so pages never overlap. A small fixed
  // list (21 stations) sorted by three keys: offset paging (store.findMany).
  const [docs, total] = await Promise.all([
    store.findMany(db, COLLECTIONS.stations, where, {
      orderBy: [
        ['unitKind', 'asc'],
        ['order', 'asc'],
        ['_id', 'asc'],
      ],
      offset: opts.offset,
      limit: opts.limit,
      fields: SUMMARY_FIELDS,
    }),
    store.count(db, COLLECTIONS.stations, where),
  ]);
  return { docs, total };
}

/**
 * Stations nearest to a point, nearest first, computed by the database
 * (`_.geoNear` = `$nearSphere` on the GeoJSON `location`; a geo index on
 * `stations.location` is needed on real CloudBase). Stations without a
 * location never match.
 */
export async function nearestStations(
  db: DB,
  opts: { latitude: number; longitude: number; limit: number; maxDistanceMeters: number },
): Promise<RawDoc[]> {
  const _ = db.command;
  const where = {
    location: _.geoNear({
      geometry: new db.Geo.Point(opts.longitude, opts.latitude),
      maxDistance: opts.maxDistanceMeters,
    }),
  };
  return store.findMany(db, COLLECTIONS.stations, where, {
    limit: opts.limit,
    fields: [...SUMMARY_FIELDS, 'location', 'locationApproximate'],
  });
}

/** One station by id, or null when there is none. */
export async function getStation(db: DB, id: string): Promise<RawDoc | null> {
  return store.getById(db, COLLECTIONS.stations, id);
}

/** An administrative unit's name by id (for a station's development zone), or null. */
export async function getAdminUnitName(db: DB, id: string): Promise<string | null> {
  const name = (await store.getById(db, COLLECTIONS.adminUnits, id, ['name']))?.name;
  return typeof name === 'string' ? name : null;
}

/** The public details a station head or the district edits (null: not published). */
export interface StationProfilePatch {
  address: string | null;
  phone: string | null;
  specialty: string | null;
  needsAdminReview: boolean;
  updatedAt: Date;
  /** users._id of who saved it last. */
  profileUpdatedBy: string | null;
  /** Set when 一站一品 changed: the district's station record moves to this version (its history says so). */
  recordVersion?: number;
  recordUpdatedAt?: Date;
  recordUpdatedBy?: string | null;
}

/** Writes a station's public details; false when there is no such station. */
export const updateStationProfile = (db: DB, id: string, patch: StationProfilePatch): Promise<boolean> =>
  store.updateById(db, COLLECTIONS.stations, id, { ...patch });

/**
 * One entry of a station record's history (`station_record_history`, kept by
 * the district function), written when this card changes 一站一品, which is a
 * field of that record: `_id` `<stationId>-v<version>`.
 */
export const insertRecordHistory = (
  db: DB,
  id: string,
  data: Record<string, unknown>,
): Promise<store.InsertOutcome> => store.insertWithId(db, COLLECTIONS.stationRecordHistory, id, data);
