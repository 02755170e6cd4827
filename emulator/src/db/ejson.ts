/**
 * EJSON in and out. The SDK sends canonical EJSON (bson 4, relaxed:false) and
 * reads `list` items as EJSON strings. Storage keeps relaxed EJSON, which
 * json_extract() can read for indexed fields.
 */
import { BSONRegExp, EJSON } from 'bson';
import { invalidParam } from './errors';
import { jsonDepthExceeds, tooDeepMessage } from '../json-depth';
import { escapePath, escapeStoredKeys, setOwn, unescapeJsonText } from './keys';

/** A decoded document: plain object with JS values (number, string, Date, RegExp, arrays...). */
export type Doc = Record<string, unknown>;

/** True for a plain object (not an array, Date, RegExp or bson class instance). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** JS RegExp flags that can be carried over from a BSON regex's options. */
const JS_REGEX_FLAGS = new Set(['i', 'm', 's', 'u']);

/** Converts a BSONRegExp to a JS RegExp (mingo only understands RegExp); unknown flags like `x` are dropped. */
export function toJsRegExp(r: BSONRegExp): RegExp {
  const flags = [...new Set(r.options.split(''))].filter((f) => JS_REGEX_FLAGS.has(f)).join('');
  try {
    return new RegExp(r.pattern, flags);
  } catch (e) {
    throw invalidParam(`invalid regular expression /${r.pattern}/: ${(e as Error).message}`);
  }
}

/**
 * Walks a decoded value and applies the server-side fix-ups: `$tcb_server_date`
 * becomes `new Date(now + offset)` and BSONRegExp becomes RegExp, at any depth
 * (insert data, `$set` values, query operands, stage values). Object keys are
 * escaped (keys.ts) unless `escapeKeys` is false; a `__proto__` key stays an own
 * data property either way.
 */
export function fixUp(value: unknown, now: number, escapeKeys = true): unknown {
  if (Array.isArray(value)) return value.map((v) => fixUp(v, now, escapeKeys));
  if (value instanceof BSONRegExp) return toJsRegExp(value);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = value.$tcb_server_date;
    const offset = isPlainObject(spec) ? spec.offset : undefined;
    if (offset !== undefined && (typeof offset !== 'number' || !Number.isFinite(offset))) {
      throw invalidParam('$tcb_server_date.offset must be a finite number');
    }
    return new Date(now + (offset ?? 0));
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) setOwn(out, escapeKeys ? escapePath(k) : k, fixUp(value[k], now, escapeKeys));
  return out;
}

const INT_RE = /^-?\d+$/;
const DOUBLE_RE = /^(-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|-?Infinity|NaN)$/;

/** Rejects EJSON type wrappers whose payload bson would misread instead of refusing. */
function checkWrappers(v: unknown): void {
  if (Array.isArray(v)) {
    v.forEach(checkWrappers);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const k = keys[0];
    const p = o[k];
    const bad = (): never => {
      throw new Error(`malformed ${k}: ${JSON.stringify(p)}`);
    };
    if (k === '$numberInt' && (typeof p !== 'string' || !INT_RE.test(p) || Math.abs(Number(p)) > 2 ** 31))
      bad();
    if (k === '$numberDouble' && (typeof p !== 'string' || !DOUBLE_RE.test(p))) bad();
    if (k === '$date') {
      const inner = typeof p === 'object' && p !== null ? (p as Record<string, unknown>).$numberLong : p;
      if (typeof inner === 'string' && INT_RE.test(inner)) return;
      if (typeof inner === 'number' && Number.isFinite(inner)) return;
      if (typeof inner !== 'string' || Number.isNaN(Date.parse(inner))) bad();
      return;
    }
  }
  for (const k of keys) checkWrappers(o[k]);
}

/** Parses one EJSON string from a request (relaxed numbers) and applies the fix-ups; throws INVALID_PARAM on broken input. */
export function decodeEjson(text: unknown, now: number, what: string): unknown {
  if (typeof text !== 'string') throw invalidParam(`${what} must be an EJSON string`);
  // Checked on the raw text: every step below (JSON.parse reviver, bson, fix-ups, mingo) recurses.
  if (jsonDepthExceeds(text)) throw invalidParam(tooDeepMessage(what));
  let parsed: unknown;
  try {
    // bson accepts some malformed wrappers silently ({"$numberInt":"1.5x"} → 1): check them first.
    checkWrappers(JSON.parse(text) as unknown);
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (e) {
    throw invalidParam(`${what} is not valid EJSON: ${(e as Error).message}`);
  }
  return fixUp(parsed, now);
}

/** Like decodeEjson but the result must be a plain object. */
export function decodeObject(text: unknown, now: number, what: string): Doc {
  const v = decodeEjson(text, now, what);
  if (!isPlainObject(v)) throw invalidParam(`${what} must be an EJSON object`);
  return v;
}

/** Canonical EJSON text, the form `list` items take on the wire. */
export function toWire(doc: unknown): string {
  return unescapeJsonText(EJSON.stringify(doc, { relaxed: false }));
}

/** Storage text: relaxed EJSON (plain JSON numbers and strings, so json_extract works on indexed fields). */
export function toStored(doc: Doc): string {
  // bson serialises RegExp values itself (as $regularExpression). SQLite holds the true (unescaped) names.
  return unescapeJsonText(EJSON.stringify(doc, { relaxed: true }));
}

/**
 * Parses storage text back into a document: JSON.parse, then an in-place pass
 * that turns the relaxed-EJSON wrappers back into values. `$date` and
 * `$regularExpression` (the common ones) are converted here, which is about
 * three times faster than bson's EJSON.parse; rarer wrappers go through bson.
 */
export function fromStored(text: string): Doc {
  const v = JSON.parse(text) as Doc;
  return escapeStoredKeys(text.includes('"$') ? (revive(v) as Doc) : v, text);
}

function revive(v: unknown): unknown {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = revive(v[i]);
    return v;
  }
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length >= 1 && keys[0].startsWith('$')) {
    if (keys.length === 1 && keys[0] === '$date') {
      const d = o.$date;
      if (typeof d === 'string') return new Date(d);
      if (d !== null && typeof d === 'object')
        return new Date(Number((d as Record<string, unknown>).$numberLong));
    }
    if (keys.length === 1 && keys[0] === '$regularExpression') {
      const r = o.$regularExpression as { pattern: string; options: string };
      return toJsRegExp(new BSONRegExp(r.pattern, r.options));
    }
    // Keys are escaped afterwards, once, by fromStored.
    return fixUp(EJSON.deserialize(o, { relaxed: true }), 0, false);
  }
  for (const k of keys) setOwn(o, k, revive(o[k]));
  return o;
}

/**
 * Deep copy of a document (plain objects, arrays, Dates, RegExps; other
 * values shared). Not structuredClone: under jest that global comes from
 * another realm and its objects fail mingo's plain-object checks.
 */
export function cloneDoc<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneDoc) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as T;
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) setOwn(out, k, cloneDoc(v[k]));
  return out as T;
}
