import { COLLECTIONS } from '../../../shared/src/collections';
import { run, type DB } from '../../_lib/db';

/**
 * The only file of the stations function that touches the database. Reads
 * only: stations and admin units are written by the seed and (later) by an
 * administrator's function.
 */

/** A stored document as it comes back: fields are checked by dto.ts, not trusted. */
export type RawDoc = Record<string, unknown> & { _id?: unknown };

/** Fields a list item needs (the rest of a station can grow without slowing lists). */
const SUMMARY_FIELDS = {
  _id: true,
  officialName: true,
  unitName: true,
  unitKind: true,
  specialty: true,
} as const;

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
  const coll = db.collection(COLLECTIONS.stations);
  // 'street' < 'township' in string order, which is the display order
  // 街道 then 镇; `order` then keeps the notice's order inside each group.
  // `_id` last makes the order total, so pages never overlap.
  let q = coll.where(where).orderBy('unitKind', 'asc').orderBy('order', 'asc').orderBy('_id', 'asc');
  if (opts.offset > 0) q = q.skip(opts.offset);
  const [page, count] = await Promise.all([
    run(q.limit(opts.limit).field(SUMMARY_FIELDS).get()),
    run(coll.where(where).count()),
  ]);
  return { docs: page.data as RawDoc[], total: count.total };
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
  const res = await run(
    db
      .collection(COLLECTIONS.stations)
      .where({
        location: _.geoNear({
          geometry: new db.Geo.Point(opts.longitude, opts.latitude),
          maxDistance: opts.maxDistanceMeters,
        }),
      })
      .limit(opts.limit)
      .field({ ...SUMMARY_FIELDS, location: true, locationApproximate: true })
      .get(),
  );
  return res.data as RawDoc[];
}

/** One station by id, or null when there is none. */
export async function getStation(db: DB, id: string): Promise<RawDoc | null> {
  // The SDK is initialised with throwOnNotFound:false (see _lib/db.ts), so a
  // missing document resolves to {data: null} instead of throwing.
  const res = await run(db.collection(COLLECTIONS.stations).doc(id).get());
  return (res.data as RawDoc | null) ?? null;
}

/** An administrative unit's name by id (for a station's development zone), or null. */
export async function getAdminUnitName(db: DB, id: string): Promise<string | null> {
  const res = await run(db.collection(COLLECTIONS.adminUnits).doc(id).field({ name: true }).get());
  const name = (res.data as RawDoc | null)?.name;
  return typeof name === 'string' ? name : null;
}
