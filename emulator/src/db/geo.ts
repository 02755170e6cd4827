/**
 * Geo operators mingo lacks, hand-written on a sphere (haversine):
 * `$nearSphere`, `$geoWithin` (Polygon/MultiPolygon, `$centerSphere`),
 * `$geoIntersects` (planar in lng/lat) and the `$geoNear` aggregation stage.
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

// ---------------------------------------------------------------- $geoIntersects

/** One simple shape: a point, a polyline, or a polygon (outer ring first, then holes). */
export type Shape =
  | { kind: 'point'; p: LngLat }
  | { kind: 'line'; pts: LngLat[] }
  | { kind: 'polygon'; rings: LngLat[][] };

function parseLine(v: unknown, what: string): LngLat[] {
  if (!Array.isArray(v) || v.length < 2 || !v.every(isLngLat)) {
    throw invalidParam(`${what} needs at least 2 [lng, lat] positions`);
  }
  return v.map((q: LngLat): LngLat => [q[0], q[1]]);
}

/**
 * A GeoJSON geometry as a list of simple shapes (Multi* geometries give several); throws INVALID_PARAM for
 * anything else. `what` names the operand in the message.
 */
export function parseShapes(g: unknown, what: string): Shape[] {
  if (!isPlainObject(g) || typeof g.type !== 'string')
    throw invalidParam(`${what} must be a GeoJSON geometry`);
  const c = g.coordinates;
  const list = (f: (x: unknown) => Shape): Shape[] => {
    if (!Array.isArray(c) || c.length === 0)
      throw invalidParam(`${what}.coordinates must be a non-empty array`);
    return c.map(f);
  };
  switch (g.type) {
    case 'Point':
      return [{ kind: 'point', p: requirePoint(g, what) }];
    case 'LineString':
      return [{ kind: 'line', pts: parseLine(c, `${what} LineString`) }];
    case 'Polygon':
      return [{ kind: 'polygon', rings: parseRings(c, `${what} Polygon.coordinates`) }];
    case 'MultiPoint':
      return list((x) => ({ kind: 'point', p: requirePoint(x, `${what} MultiPoint position`) }));
    case 'MultiLineString':
      return list((x) => ({ kind: 'line', pts: parseLine(x, `${what} MultiLineString`) }));
    case 'MultiPolygon':
      return list((x) => ({ kind: 'polygon', rings: parseRings(x, `${what} MultiPolygon.coordinates`) }));
    default:
      throw invalidParam(`${what}: unsupported geometry type ${JSON.stringify(g.type)}`);
  }
}

/** The shapes of a stored value (GeoJSON geometry or legacy [lng, lat]); null if it is not a valid geometry. */
export function shapesOf(v: unknown): Shape[] | null {
  const p = pointOf(v);
  if (p) return [{ kind: 'point', p }];
  if (!isPlainObject(v) || typeof v.type !== 'string') return null;
  try {
    return parseShapes(v, 'stored geometry');
  } catch {
    return null;
  }
}

/** Twice the signed area of (a, b, c): > 0 counter-clockwise, < 0 clockwise, 0 collinear. */
const cross = (a: LngLat, b: LngLat, c: LngLat): number =>
  (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);

/** c lies within the bounding box of segment ab (used once the three are known to be collinear). */
const withinBox = (a: LngLat, b: LngLat, c: LngLat): boolean =>
  Math.min(a[0], b[0]) <= c[0] &&
  c[0] <= Math.max(a[0], b[0]) &&
  Math.min(a[1], b[1]) <= c[1] &&
  c[1] <= Math.max(a[1], b[1]);

function onSegment(p: LngLat, a: LngLat, b: LngLat): boolean {
  return cross(a, b, p) === 0 && withinBox(a, b, p);
}

/** Closed segments ab and cd share at least one point (touching and collinear overlap count). */
function segmentsIntersect(a: LngLat, b: LngLat, c: LngLat, d: LngLat): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && withinBox(c, d, a)) ||
    (d2 === 0 && withinBox(c, d, b)) ||
    (d3 === 0 && withinBox(a, b, c)) ||
    (d4 === 0 && withinBox(a, b, d))
  );
}

/** The segments of a ring or polyline. */
function* segments(pts: LngLat[]): Generator<[LngLat, LngLat]> {
  for (let i = 1; i < pts.length; i++) yield [pts[i - 1], pts[i]];
}

function onRing(p: LngLat, ring: LngLat[]): boolean {
  for (const [a, b] of segments(ring)) if (onSegment(p, a, b)) return true;
  return false;
}

/** The point is in the polygon's area or on its boundary (a polygon's boundary, holes' included, belongs to it). */
function inPolygon(p: LngLat, rings: LngLat[][]): boolean {
  const [outer, ...holes] = rings;
  if (rings.some((r) => onRing(p, r))) return true;
  return inRing(p, outer) && !holes.some((h) => inRing(p, h));
}

/** Every edge of a polygon, holes included. */
function polygonEdges(rings: LngLat[][]): [LngLat, LngLat][] {
  return rings.flatMap((r) => [...segments(r)]);
}

function linesCross(a: [LngLat, LngLat][], b: [LngLat, LngLat][]): boolean {
  return a.some(([p, q]) => b.some(([r, s]) => segmentsIntersect(p, q, r, s)));
}

/** Two simple shapes share at least one point. Planar in lng/lat, like `$geoWithin` here. */
export function shapesIntersect(a: Shape, b: Shape): boolean {
  if (a.kind === 'point') {
    if (b.kind === 'point') return a.p[0] === b.p[0] && a.p[1] === b.p[1];
    if (b.kind === 'line') return [...segments(b.pts)].some(([p, q]) => onSegment(a.p, p, q));
    return inPolygon(a.p, b.rings);
  }
  if (b.kind === 'point') return shapesIntersect(b, a);
  if (a.kind === 'line') {
    const edges = [...segments(a.pts)];
    if (b.kind === 'line') return linesCross(edges, [...segments(b.pts)]);
    // A line meets a polygon if it crosses its boundary or lies in its area (then its first point is inside).
    return linesCross(edges, polygonEdges(b.rings)) || inPolygon(a.pts[0], b.rings);
  }
  if (b.kind === 'line') return shapesIntersect(b, a);
  // Two polygons: crossing boundaries, or one lies inside the other (then any of its vertices is inside).
  return (
    linesCross(polygonEdges(a.rings), polygonEdges(b.rings)) ||
    inPolygon(a.rings[0][0], b.rings) ||
    inPolygon(b.rings[0][0], a.rings)
  );
}

/** A compiled `$geoIntersects` test on a stored value. */
export type IntersectsTest = (stored: unknown) => boolean;

/**
 * Compiles `$geoIntersects: {$geometry}` (Point, LineString, Polygon and their Multi* forms, as the SDK's
 * `_.geoIntersects({geometry})` sends them) against stored Point/LineString/Polygon/Multi* values. Boundaries
 * count as intersecting. Edges are straight in lng/lat (MongoDB uses geodesics; equal for city-sized shapes).
 */
export function parseGeoIntersects(v: unknown): IntersectsTest {
  if (!isPlainObject(v) || v.$geometry === undefined) throw invalidParam('$geoIntersects needs $geometry');
  const query = parseShapes(v.$geometry, '$geoIntersects.$geometry');
  return (stored) => {
    const shapes = shapesOf(stored);
    return shapes !== null && shapes.some((s) => query.some((q) => shapesIntersect(s, q)));
  };
}
