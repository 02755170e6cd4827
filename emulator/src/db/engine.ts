/**
 * Query, update and aggregation evaluation with mingo, in a private operator
 * context (no global registration, so other mingo users in the process are not
 * affected), plus what mingo lacks: geo operators and a boundary-correct $bucket.
 */
import { Aggregator } from 'mingo/aggregator';
import {
  computeValue,
  Context,
  type ExpressionOperator,
  initOptions,
  type Options,
  type PipelineOperator,
  ProcessingMode,
  type QueryOperator,
} from 'mingo/core';
import { Lazy, type Iterator } from 'mingo/lazy';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as expressionOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as projectionOps from 'mingo/operators/projection';
import * as queryOps from 'mingo/operators/query';
import * as updateOps from 'mingo/operators/update';
import * as windowOps from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { AnyObject } from 'mingo/types';
import { createUpdater } from 'mingo/updater';
import { compare, isNil, resolve, setValue } from 'mingo/util';
import { type Doc, isPlainObject } from './ejson';
import { DbError, invalidParam, requestFailed } from './errors';
import { MAX_PATH_SEGMENTS } from '../json-depth';
import {
  haversine,
  type LngLat,
  parseGeoIntersects,
  parseGeoWithin,
  parseNearSphere,
  pointOf,
  requirePoint,
} from './geo';

/** `$nearSphere`: a filter on [min, max] distance; the ordering is applied by {@link nearSortOf}. */
const $nearSphere: QueryOperator = (selector, value) => {
  const spec = parseNearSphere(value);
  return (obj) => {
    const p = pointOf(resolve(obj, selector));
    if (!p) return false;
    const d = haversine(spec.center, p);
    return d >= spec.minDistance && d <= spec.maxDistance;
  };
};

/** `$geoWithin`: Polygon/MultiPolygon or `$centerSphere`. */
const $geoWithin: QueryOperator = (selector, value) => {
  const test = parseGeoWithin(value);
  return (obj) => {
    const p = pointOf(resolve(obj, selector));
    return p !== null && test(p);
  };
};

/** `$geoIntersects`: the stored geometry shares a point with `$geometry`. */
const $geoIntersects: QueryOperator = (selector, value) => {
  const test = parseGeoIntersects(value);
  return (obj) => test(resolve(obj, selector));
};

/**
 * `$week` written here because mingo's is wrong (2016-01-02 gives 53, 2019-05-14 gives 20). MongoDB and
 * CloudBase count like strftime `%U`: weeks start on Sunday, the first Sunday of the year starts week 1 and
 * the days before it are week 0. From mingo's own `$dayOfYear` (1-366) and `$dayOfWeek` (1 = Sunday), which
 * also handle `{date, timezone}`.
 */
const $week: ExpressionOperator = (obj, expr, options) => {
  const dayOfYear = expressionOps.$dayOfYear(obj, expr, options) as number;
  const dayOfWeek = expressionOps.$dayOfWeek(obj, expr, options) as number;
  return Math.floor((dayOfYear - dayOfWeek + 7) / 7);
};

/**
 * `$project` wrapper: mingo treats `{_id: 0, fullName: {$concat: …}}` (an `_id` exclusion with only computed
 * fields) as an exclusion projection and returns every other field too. MongoDB/CloudBase return only the
 * computed fields. Such a spec runs as the projection without `_id`, then `{_id: 0}`.
 */
const $project: PipelineOperator = (collection, expr, options) => {
  if (isPlainObject(expr) && (expr._id === 0 || expr._id === false)) {
    const rest = Object.fromEntries(Object.entries(expr).filter(([k]) => k !== '_id'));
    const includesOrComputes = Object.values(rest).some((v) => v !== 0 && v !== false);
    if (includesOrComputes) {
      return pipelineOps.$project(pipelineOps.$project(collection, rest, options), { _id: 0 }, options);
    }
  }
  return pipelineOps.$project(collection, expr, options);
};

/**
 * `$bucket` written here because mingo puts a value equal to an inner boundary
 * in the lower bucket; MongoDB's buckets are [lower, upper). Empty buckets are
 * omitted and `_id` comes first, as in MongoDB.
 */
export const $bucket: PipelineOperator = (collection, expr, options) => {
  if (!isPlainObject(expr)) throw invalidParam('$bucket needs an object');
  const bounds = expr.boundaries;
  if (!Array.isArray(bounds) || bounds.length < 2)
    throw invalidParam('$bucket must specify at least two boundaries');
  for (let i = 1; i < bounds.length; i++) {
    if (typeof bounds[i] !== typeof bounds[i - 1] || compare(bounds[i], bounds[i - 1]) <= 0) {
      throw invalidParam('$bucket boundaries must be of the same type and in ascending order');
    }
  }
  const hasDefault = expr.default !== undefined;
  const output = (expr.output ?? { count: { $sum: 1 } }) as AnyObject;
  const lower = bounds[0] as unknown;
  const upper = bounds[bounds.length - 1] as unknown;
  const groups: AnyObject[][] = bounds.slice(0, -1).map(() => []);
  const defaultGroup: AnyObject[] = [];
  collection.each((item) => {
    const obj = item as AnyObject;
    const key = computeValue(obj, expr.groupBy, null, options);
    if (isNil(key) || compare(key, lower) < 0 || compare(key, upper) >= 0) {
      if (!hasDefault)
        throw requestFailed('$bucket: a value is outside the boundaries and no default is given');
      defaultGroup.push(obj);
      return;
    }
    // Largest i with bounds[i] <= key: a value on an inner boundary opens the upper bucket.
    let i = bounds.length - 2;
    while (i > 0 && compare(bounds[i], key) > 0) i--;
    groups[i].push(obj);
  });
  const out: AnyObject[] = [];
  groups.forEach((g, i) => {
    if (g.length)
      out.push({ _id: bounds[i] as unknown, ...(computeValue(g, output, null, options) as AnyObject) });
  });
  if (defaultGroup.length) {
    out.push({
      _id: expr.default as unknown,
      ...(computeValue(defaultGroup, output, null, options) as AnyObject),
    });
  }
  return Lazy(out);
};

/**
 * `$geoNear` stage: near (GeoJSON Point or pair), distanceField, maxDistance,
 * minDistance (metres), query, key, distanceMultiplier, includeLocs. Always
 * spherical; output sorted by distance. Without `key`, the first top-level
 * field holding a point is used.
 */
export const $geoNear: PipelineOperator = (collection, expr, options) => {
  if (!isPlainObject(expr)) throw invalidParam('$geoNear needs an object');
  const near = requirePoint(expr.near, '$geoNear.near');
  if (typeof expr.distanceField !== 'string' || !expr.distanceField) {
    throw invalidParam('$geoNear.distanceField is required');
  }
  const distanceField = expr.distanceField;
  const max = typeof expr.maxDistance === 'number' ? expr.maxDistance : Infinity;
  const min = typeof expr.minDistance === 'number' ? expr.minDistance : 0;
  const mult = typeof expr.distanceMultiplier === 'number' ? expr.distanceMultiplier : 1;
  const key = typeof expr.key === 'string' ? expr.key : null;
  const includeLocs = typeof expr.includeLocs === 'string' ? expr.includeLocs : null;
  const q = isPlainObject(expr.query) ? new Query(expr.query, options) : null;
  const hits: { d: number; doc: AnyObject }[] = [];
  collection.each((item) => {
    const doc = item as AnyObject;
    if (q && !q.test(doc)) return;
    let loc: unknown;
    let p: LngLat | null = null;
    if (key) {
      loc = resolve(doc, key);
      p = pointOf(loc);
    } else {
      for (const v of Object.values(doc)) {
        p = pointOf(v);
        if (p) {
          loc = v;
          break;
        }
      }
    }
    if (!p) return;
    const d = haversine(near, p);
    if (d < min || d > max) return;
    const out = { ...doc };
    setValue(out, distanceField, d * mult);
    if (includeLocs) setValue(out, includeLocs, loc);
    hits.push({ d, doc: out });
  });
  hits.sort((a, b) => a.d - b.d);
  return Lazy(hits.map((h) => h.doc));
};

function buildContext(): Context {
  return Context.init()
    .addQueryOps({ ...queryOps, $nearSphere, $geoWithin, $geoIntersects } as Record<string, QueryOperator>)
    .addProjectionOps({ ...projectionOps })
    .addExpressionOps({ ...expressionOps, $week } as Record<string, ExpressionOperator>)
    .addAccumulatorOps({ ...accumulatorOps })
    .addWindowOps({ ...windowOps })
    .addPipelineOps({ ...pipelineOps, $bucket, $geoNear, $project } as Record<string, PipelineOperator>);
}

const context = buildContext();

/** Resolves a collection name to its documents for `$lookup`/`$unionWith`. */
export type CollectionLoader = (name: string) => Doc[];

/** mingo options for this emulator; `loader` serves `$lookup`. */
export function engineOptions(loader?: CollectionLoader): Options {
  return initOptions({
    context,
    useGlobalContext: false,
    useStrictMode: true,
    scriptEnabled: false,
    processingMode: ProcessingMode.CLONE_OFF,
    idKey: '_id',
    collectionResolver: loader ? (name: string) => loader(name) as AnyObject[] : undefined,
  });
}

const baseOptions = engineOptions();

/** Wraps mingo's plain Errors as DATABASE_REQUEST_FAILED; keeps DbErrors. */
export function asDbError(e: unknown, what: string): DbError {
  if (e instanceof DbError) return e;
  return requestFailed(`${what}: ${e instanceof Error ? e.message : String(e)}`);
}

/** A compiled query predicate. */
export type Matcher = (doc: Doc) => boolean;

/** Compiles a decoded query object; an empty query matches everything. */
export function compileQuery(query: Doc): Matcher {
  if (Object.keys(query).length === 0) return () => true;
  try {
    const q = new Query(query, baseOptions);
    return (doc) => q.test(doc);
  } catch (e) {
    throw asDbError(e, 'invalid query');
  }
}

/** A `$nearSphere` on a field: results are ordered by distance from `center`. */
export interface NearSort {
  field: string;
  center: LngLat;
}

/** Finds a `$nearSphere` condition at the top level (or in a top-level `$and`), which orders the results. */
export function nearSortOf(query: Doc): NearSort | null {
  for (const [k, v] of Object.entries(query)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) {
        const r = isPlainObject(sub) ? nearSortOf(sub) : null;
        if (r) return r;
      }
    } else if (!k.startsWith('$') && isPlainObject(v) && v.$nearSphere !== undefined) {
      return { field: k, center: parseNearSphere(v.$nearSphere).center };
    }
  }
  return null;
}

/** Sorts documents by distance from the `$nearSphere` centre (stable). */
export function sortByNear(docs: Doc[], near: NearSort): Doc[] {
  const dist = (d: Doc): number => {
    const p = pointOf(resolve(d, near.field));
    return p ? haversine(near.center, p) : Infinity;
  };
  return docs
    .map((d) => ({ d, k: dist(d) }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.d);
}

/** Applies order, skip, limit and projection to matched documents (mingo pipeline stages). */
export function shape(
  docs: Doc[],
  opts: { order?: Doc | null; offset?: number; limit?: number; projection?: Doc | null },
): Doc[] {
  const pipeline: AnyObject[] = [];
  if (opts.order && Object.keys(opts.order).length) pipeline.push({ $sort: opts.order });
  if (opts.offset) pipeline.push({ $skip: opts.offset });
  if (opts.limit !== undefined) pipeline.push({ $limit: opts.limit });
  if (opts.projection && Object.keys(opts.projection).length) pipeline.push({ $project: opts.projection });
  if (!pipeline.length) return docs;
  try {
    return new Aggregator(pipeline, baseOptions).run(docs as AnyObject[]) as Doc[];
  } catch (e) {
    throw asDbError(e, 'invalid order/projection');
  }
}

const updater = createUpdater({ cloneMode: 'deep', queryOptions: baseOptions });
const UPDATE_OPERATOR_NAMES = new Set(Object.keys(updateOps));

/** True when `data` is an operator document (`{$set: …, $inc: …}`). */
export function isOperatorDoc(data: Doc): boolean {
  const keys = Object.keys(data);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/** Validates an update document before anything is written: only known operators with object arguments. */
export function checkUpdate(data: Doc): void {
  const keys = Object.keys(data);
  if (keys.length === 0) throw invalidParam('update data is empty');
  if (keys.some((k) => k.startsWith('$')) && !keys.every((k) => k.startsWith('$'))) {
    throw invalidParam('update data mixes operators and plain fields');
  }
  for (const k of keys) {
    if (!UPDATE_OPERATOR_NAMES.has(k))
      throw new DbError('DATABASE_REQUEST_FAILED', `unknown update operator ${k}`);
    const args = data[k];
    if (!isPlainObject(args)) throw invalidParam(`${k} needs an object of fields`);
    if (Object.keys(args).some((f) => f === '_id' || f.startsWith('_id.'))) {
      throw invalidParam(`${k} cannot modify _id`);
    }
    for (const [f, v] of Object.entries(args)) {
      checkPath(f, k);
      if (k === '$rename' && typeof v === 'string') checkPath(v, k);
    }
  }
}

/** An update path may not build nesting deeper than the JSON limit (the SDK flattens nested objects into dotted paths). */
function checkPath(path: string, op: string): void {
  if (path.split('.').length > MAX_PATH_SEGMENTS) {
    throw invalidParam(`${op} path ${path.slice(0, 40)}… is nested deeper than ${MAX_PATH_SEGMENTS} levels`);
  }
}

/**
 * Applies an operator document to `doc` in place; returns true if anything
 * changed. Plain-field documents (merge) are treated as `$set`.
 */
export function applyUpdate(doc: Doc, data: Doc): boolean {
  const ops = isOperatorDoc(data) ? data : { $set: data };
  let changed = false;
  for (const [op, args] of Object.entries(ops)) {
    try {
      const paths = updater(doc as AnyObject, { [op]: args } as Parameters<typeof updater>[1]);
      if (paths.length) changed = true;
    } catch (e) {
      throw asDbError(e, `update ${op} failed`);
    }
  }
  return changed;
}

/** Runs an aggregation pipeline over a document source (array or lazy iterator). */
export function aggregate(source: Doc[] | Iterator, pipeline: AnyObject[], loader: CollectionLoader): Doc[] {
  try {
    const agg = new Aggregator(pipeline, engineOptions(loader));
    return agg.run(source as AnyObject[]) as Doc[];
  } catch (e) {
    throw asDbError(e, 'aggregate failed');
  }
}
