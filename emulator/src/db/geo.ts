/**
 * Geo operators mingo lacks, hand-written on a sphere (haversine):
 * `$nearSphere`, `$geoWithin` (Polygon/MultiPolygon, `$centerSphere`) and the
 * `$geoNear` aggregation stage.
 */
import { invalidParam, requestFailed } from './errors';
import { isPlainObject } from './ejson';

/** Earth radius in metres used for every distance (MongoDB's 6378.1 km). */
export const EARTH_RADIUS_M = 6_378_100;

/** [longitude, latitude] in degrees. */
export type LngLat = [number, number];

const toRad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two [lng, lat] points. */
export function haversine(a: LngLat, b: LngLat): number {
  const dLat = toRad(b[1] - a[1]);
  const dLng = toRad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a[1])) * Math.cos(toRad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function isLngLat(v: unknown): v is LngLat {
  return (
    Array.isArray(v) &&
    v.length >= 2 &&
    typeof v[0] === 'number' &&
    typeof v[1] === 'number' &&
    Number.isFinite(v[0]) &&
    Number.isFinite(v[1])
  );
}

/** Reads a point from a stored value: GeoJSON Point or a legacy [lng, lat] pair; null if it is neither. */
export function pointOf(v: unknown): LngLat | null {
  if (isLngLat(v)) return [v[0], v[1]];
  if (isPlainObject(v) && v.type === 'Point' && isLngLat(v.coordinates))
    return [v.coordinates[0], v.coordinates[1]];
  return null;
}

/** Reads a query operand point (GeoJSON Point or pair); throws INVALID_PARAM otherwise. */
export function requirePoint(v: unknown, what: string): LngLat {
  const p = pointOf(v);
  if (!p) throw invalidParam(`${what} must be a GeoJSON Point or [lng, lat]`);
  return p;
}

/** Parsed `$nearSphere` operand. */
export interface NearSpec {
  center: LngLat;
  maxDistance: number;
  minDistance: number;
}

/** Parses `{$geometry, $maxDistance?, $minDistance?}` (distances in metres). */
export function parseNearSphere(v: unknown): NearSpec {
  if (!isPlainObject(v)) throw invalidParam('$nearSphere needs {$geometry, $maxDistance?, $minDistance?}');
  const center = requirePoint(v.$geometry ?? v, '$nearSphere.$geometry');
  const max = v.$maxDistance ?? Infinity;
  const min = v.$minDistance ?? 0;
  if (typeof max !== 'number' || typeof min !== 'number' || max < 0 || min < 0) {
    throw invalidParam('$nearSphere $maxDistance/$minDistance must be non-negative numbers (metres)');
  }
  return { center, maxDistance: max, minDistance: min };
}

/** Ray casting on the lng/lat plane; edges are straight in degrees (MongoDB uses geodesic edges; equal for small polygons). */
function inRing(p: LngLat, ring: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function parseRings(v: unknown, what: string): LngLat[][] {
  if (!Array.isArray(v) || v.length === 0) throw invalidParam(`${what} must be an array of rings`);
  return v.map((ring: unknown) => {
    if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isLngLat)) {
      throw invalidParam(`${what}: each ring needs at least 4 [lng, lat] positions`);
    }
    return ring.map((q: LngLat): LngLat => [q[0], q[1]]);
  });
}

/** A compiled `$geoWithin` test. */
export type WithinTest = (p: LngLat) => boolean;

/** Compiles `$geoWithin` with `$geometry` (Polygon, MultiPolygon) or `$centerSphere: [[lng,lat], radians]`. */
export function parseGeoWithin(v: unknown): WithinTest {
  if (!isPlainObject(v)) throw invalidParam('$geoWithin needs $geometry or $centerSphere');
  if (v.$centerSphere !== undefined) {
    const cs = v.$centerSphere;
    if (!Array.isArray(cs) || cs.length !== 2 || typeof cs[1] !== 'number') {
      throw invalidParam('$centerSphere must be [[lng, lat], radiusInRadians]');
    }
    const center = requirePoint(cs[0], '$centerSphere center');
    const radiusM = cs[1] * EARTH_RADIUS_M;
    return (p) => haversine(center, p) <= radiusM;
  }
  const g = v.$geometry;
  if (isPlainObject(g) && g.type === 'Polygon') {
    const [outer, ...holes] = parseRings(g.coordinates, 'Polygon.coordinates');
    return (p) => inRing(p, outer) && !holes.some((h) => inRing(p, h));
  }
  if (isPlainObject(g) && g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates)) throw invalidParam('MultiPolygon.coordinates must be an array');
    const polys = g.coordinates.map((c: unknown) => parseRings(c, 'MultiPolygon.coordinates'));
    return (p) => polys.some(([outer, ...holes]) => inRing(p, outer) && !holes.some((h) => inRing(p, h)));
  }
  throw requestFailed('$geoWithin supports $geometry Polygon/MultiPolygon and $centerSphere only');
}
