/**
 * Field names that JavaScript resolves on Object.prototype (`__proto__`, `constructor`, `toString`, …) are
 * ordinary field names to the real database. Inside the emulator they are escaped with a leading U+0001, so
 * that neither this module nor mingo ever looks one up on, or writes one through, a prototype:
 *
 * - every object key of a decoded request value (EJSON) and of a stored document is escaped, per dotted
 *   segment (`a.__proto__.x` → `a.\u0001__proto__.x`), so update paths, query paths, projections and order keys
 *   name own properties only;
 * - field references inside expressions (`'$a.__proto__'`, `'$$var.x'`) are escaped by context
 *   ({@link escapeRefs}, {@link escapeQueryRefs}, {@link escapeStage}): a `$`-string in a query is a literal;
 * - documents are unescaped on the way out (the wire and SQLite hold the true names), with own data properties
 *   even for `__proto__`.
 *
 * A key that itself starts with U+0001 is escaped too (one more U+0001), so the mapping is reversible.
 */

/** True for a plain object (same test as ejson.ts's; repeated here to keep this module free of imports). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Prefix of an escaped name. */
export const KEY_ESCAPE = '\u0001';
/** How KEY_ESCAPE appears in JSON text (JSON.stringify escapes control characters). */
const ESCAPE_IN_JSON = '\\u0001';

/** Own property names of Object.prototype, plus `prototype`: a plain lookup of any of these finds something. */
const RESERVED = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'toLocaleString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** Stored text that may hold a name to escape (checked before the slower key pass on every read). */
const MAY_NEED_ESCAPE =
  /__proto__|constructor|prototype|hasOwnProperty|isPrototypeOf|propertyIsEnumerable|toString|toLocaleString|valueOf|__[a-z]+etter__|\\u0001/;

function escapeSegment(s: string): string {
  return RESERVED.has(s) || s.charCodeAt(0) === 1 ? KEY_ESCAPE + s : s;
}

function unescapeSegment(s: string): string {
  return s.charCodeAt(0) === 1 ? s.slice(1) : s;
}

/** Escapes each dotted segment of a key or path. */
export function escapePath(p: string): string {
  if (p.indexOf('.') < 0) return escapeSegment(p);
  const parts = p.split('.');
  let changed = false;
  for (let i = 0; i < parts.length; i++) {
    const e = escapeSegment(parts[i]);
    if (e !== parts[i]) {
      parts[i] = e;
      changed = true;
    }
  }
  return changed ? parts.join('.') : p;
}

/** Inverse of {@link escapePath}. */
export function unescapePath(p: string): string {
  if (p.indexOf(KEY_ESCAPE) < 0) return p;
  return p.split('.').map(unescapeSegment).join('.');
}

/** Sets `o[k] = v` as an own data property, also for `k === '__proto__'` (where `=` would set the prototype). */
export function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  } else o[k] = v;
}

/**
 * Renames every object key with `fn`, at any depth. Arrays and unchanged objects are updated in place; an object
 * with a renamed key is rebuilt in the same key order. Meant for freshly parsed values.
 */
function rekey(v: unknown, fn: (k: string) => string): unknown {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = rekey(v[i], fn);
    return v;
  }
  if (!isPlainObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.every((k) => fn(k) === k)) {
    for (const k of keys) setOwn(v, k, rekey(v[k], fn));
    return v;
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) setOwn(out, fn(k), rekey(v[k], fn));
  return out;
}

/** Escapes the keys of a document just parsed from storage (cheap when no reserved name occurs in the text). */
export function escapeStoredKeys<T>(v: T, text: string): T {
  return MAY_NEED_ESCAPE.test(text) ? (rekey(v, escapePath) as T) : v;
}

/** Unescapes the keys in JSON text produced from an escaped document (a no-op unless the text holds U+0001). */
export function unescapeJsonText(text: string): string {
  if (!text.includes(ESCAPE_IN_JSON)) return text;
  return JSON.stringify(rekey(JSON.parse(text) as unknown, unescapePath));
}

/** `'$a.b'` → `'$' + escapePath('a.b')`; `'$$v.a'` → `'$$' + escapePath('v.a')` (variable names are keys too). */
export function escapeRef(s: string): string {
  if (s.startsWith('$$')) return `$$${escapePath(s.slice(2))}`;
  if (s.startsWith('$')) return `$${escapePath(s.slice(1))}`;
  return s;
}

/**
 * Escapes the field references of an aggregation expression (any `$`-string), in place. `$literal` values are
 * left alone; the literal names of `$getField`/`$setField`/`$unsetField` and the variable of `$map`/`$filter`
 * (`as`) are escaped like keys.
 */
export function escapeRefs(v: unknown): unknown {
  if (typeof v === 'string') return escapeRef(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = escapeRefs(v[i]);
    return v;
  }
  if (!isPlainObject(v)) return v;
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (k === '$literal') continue;
    if ((k === '$getField' || k === '$unsetField' || k === '$setField') && typeof x === 'string') {
      v[k] = escapePath(x);
      continue;
    }
    if ((k === '$getField' || k === '$unsetField' || k === '$setField') && isPlainObject(x)) {
      if (typeof x.field === 'string' && !x.field.startsWith('$')) x.field = escapePath(x.field);
      for (const f of Object.keys(x)) if (f !== 'field') x[f] = escapeRefs(x[f]);
      continue;
    }
    if ((k === '$map' || k === '$filter') && isPlainObject(x) && typeof x.as === 'string') {
      x.as = escapePath(x.as);
    }
    setOwn(v, k, escapeRefs(x));
  }
  return v;
}

/** A query: `$`-strings are literals except inside `$expr`, where they are field references. In place. */
export function escapeQueryRefs(q: unknown): unknown {
  if (Array.isArray(q)) {
    for (let i = 0; i < q.length; i++) q[i] = escapeQueryRefs(q[i]);
    return q;
  }
  if (!isPlainObject(q)) return q;
  for (const k of Object.keys(q)) setOwn(q, k, k === '$expr' ? escapeRefs(q[k]) : escapeQueryRefs(q[k]));
  return q;
}

const pathIfString = (v: unknown): unknown => (typeof v === 'string' ? escapePath(v) : v);

/** Escapes the references of one decoded aggregation stage (`{$stage: value}`), in place. */
export function escapeStage(stage: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(stage)) {
    const v = stage[key];
    const o = isPlainObject(v) ? v : null;
    switch (key) {
      case '$match':
        stage[key] = escapeQueryRefs(v);
        break;
      case '$sort':
      case '$limit':
      case '$skip':
      case '$sample':
        break;
      case '$count':
        stage[key] = pathIfString(v);
        break;
      case '$unset':
        stage[key] = Array.isArray(v) ? v.map(pathIfString) : pathIfString(v);
        break;
      case '$unwind':
        if (typeof v === 'string') stage[key] = escapeRef(v);
        else if (o) {
          if (typeof o.path === 'string') o.path = escapeRef(o.path);
          o.includeArrayIndex = pathIfString(o.includeArrayIndex);
        }
        break;
      case '$geoNear':
        if (o) {
          for (const f of ['distanceField', 'key', 'includeLocs']) if (f in o) o[f] = pathIfString(o[f]);
          if (o.query !== undefined) o.query = escapeQueryRefs(o.query);
        }
        break;
      case '$lookup':
        if (o) {
          for (const f of ['localField', 'foreignField', 'as']) if (f in o) o[f] = pathIfString(o[f]);
          if (o.let !== undefined) o.let = escapeRefs(o.let);
          if (Array.isArray(o.pipeline)) escapePipeline(o.pipeline);
        }
        break;
      case '$graphLookup':
        if (o) {
          for (const f of ['connectFromField', 'connectToField', 'as', 'depthField'])
            if (f in o) o[f] = pathIfString(o[f]);
          if (o.startWith !== undefined) o.startWith = escapeRefs(o.startWith);
          if (o.restrictSearchWithMatch !== undefined)
            o.restrictSearchWithMatch = escapeQueryRefs(o.restrictSearchWithMatch);
        }
        break;
      case '$unionWith':
        if (o && Array.isArray(o.pipeline)) escapePipeline(o.pipeline);
        break;
      case '$facet':
        if (o) for (const f of Object.keys(o)) if (Array.isArray(o[f])) escapePipeline(o[f] as unknown[]);
        break;
      default:
        // $project, $addFields/$set, $group, $bucket(Auto), $replaceRoot/$replaceWith, $sortByCount, $redact, …
        stage[key] = escapeRefs(v);
    }
  }
  return stage;
}

/** An update document: the target paths of `$rename` are field names too (its keys are escaped already). In place. */
export function escapeUpdateRefs(data: Record<string, unknown>): Record<string, unknown> {
  const r = data.$rename;
  if (isPlainObject(r)) for (const k of Object.keys(r)) r[k] = pathIfString(r[k]);
  return data;
}

/** Escapes every stage of a (sub-)pipeline, in place. */
export function escapePipeline(stages: unknown[]): void {
  for (const s of stages) if (isPlainObject(s)) escapeStage(s);
}
