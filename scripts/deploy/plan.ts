/**
 * The deploy plan (issue 16): what `npm run deploy` would create, update and
 * set in a CloudBase environment, DERIVED from the code so that a new
 * function, collection or index appears without editing this file:
 * - collections: `COLLECTIONS` of shared/src/collections.ts;
 * - indexes: emulator/indexes.json (the list the emulator uses), one
 *   single-field ascending index per entry, named `idx_<field>`; plus the
 *   compound, unique and geo indexes only real CloudBase uses
 *   (database/indexes.json, gathered from the functions' READMEs);
 * - security rules: database/security-rules.json, one rule per collection;
 * - functions: every folder of cloudfunctions/ with src/index.ts (the same
 *   rule as the build), its config.json (timeout, memory, timer triggers,
 *   openapi permissions) and the NAMES of its environment variables from
 *   shared/src/config/settings.ts. Values come from the operator's
 *   environment at deploy time; the plan only says whether each one is set.
 *
 * `readPlanInputs` reads the files; `buildPlan` is pure (unit-tested);
 * `formatPlan` prints it without any secret value.
 */
import fs from 'fs';
import path from 'path';
import { COLLECTIONS } from '../../shared/src/collections';
import { EMULATOR_ENV_PREFIX, functionSettings, type Setting } from '../../shared/src/config/settings';
import { MIN_SETUP_TOKEN_CHARS } from '../../cloudfunctions/setup/src/operator';
import { functionNames } from '../build-functions';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Runtime matching the bundle target (scripts/build-functions.ts: node16), unless config.json names one. */
export const DEFAULT_RUNTIME = 'Nodejs16.13';
/** CloudBase's default memory for a function when config.json names none. */
export const DEFAULT_MEMORY_MB = 256;
/** Memory sizes SCF accepts for an event function (MB). */
const MEMORY_SIZES = [64, 128, 256, 512, 1024, 2048, 3072];

/** A function's config.json as WeChat DevTools and CloudBase read it. */
export interface FunctionConfigFile {
  timeout?: number;
  memorySize?: number;
  runtime?: string;
  triggers?: Array<{ name?: unknown; type?: unknown; config?: unknown }>;
  permissions?: { openapi?: string[] };
  [key: string]: unknown;
}

/** What the plan is built from (read from the repository by {@link readPlanInputs}). */
export interface PlanInputs {
  /** Collection names of the code (COLLECTIONS values). */
  collections: string[];
  /** collection → indexed fields (emulator/indexes.json). */
  indexes: Record<string, string[]>;
  /** collection → compound / unique / geo indexes for real CloudBase (database/indexes.json). */
  productionIndexes: Record<string, Array<{ keys: string[]; unique?: boolean }>>;
  /** collection → rule (database/security-rules.json). */
  rules: Record<string, unknown>;
  /** function name → its config.json (parsed) and whether its built bundle exists. */
  functions: Record<string, { config: FunctionConfigFile; bundleExists: boolean }>;
}

/** Direction of an index key as CloudBase takes it: ascending, descending, geo. */
export type IndexDirection = '1' | '-1' | '2dsphere';
export interface IndexPlan {
  name: string;
  keys: Array<{ field: string; direction: IndexDirection }>;
  unique: boolean;
  /** emulator/indexes.json or database/indexes.json. */
  source: 'emulator' | 'production';
}
export interface CollectionPlan {
  name: string;
  indexes: IndexPlan[];
  rule: unknown;
}
export interface TriggerPlan {
  name: string;
  type: 'timer';
  /** The 7-field cron of CloudBase (second minute hour day month weekday year), as config.json has it. */
  config: string;
}
export interface EnvVarPlan {
  name: string;
  required: boolean;
  secret: boolean;
  /** True when the operator's environment has a value (the value itself is never in the plan). */
  present: boolean;
}
export interface FunctionPlan {
  name: string;
  /** Folder uploaded (relative to the repository root). */
  dir: string;
  runtime: string;
  timeout: number;
  memorySize: number;
  triggers: TriggerPlan[];
  openapi: string[];
  env: EnvVarPlan[];
  bundleExists: boolean;
}
export interface DeployPlan {
  envId: string;
  collections: CollectionPlan[];
  functions: FunctionPlan[];
  /** Required settings missing from the operator's environment: a real deploy stops before sending anything. */
  missing: string[];
  /** Inconsistencies in the code itself (a rule for an unknown collection, a bad config.json …): always fatal. */
  problems: string[];
  /** The call made last: the setup function seeds and migrates. */
  setup: { function: 'setup'; action: 'runSetup' } | null;
}

/** The index name of a field (CloudBase index names: letters, digits, `_`). */
export const indexName = (field: string): string => `idx_${field.replace(/[^A-Za-z0-9_]/g, '_')}`;

const DIRECTIONS: Record<string, IndexDirection> = { asc: '1', desc: '-1', '2dsphere': '2dsphere' };
const DIRECTION_WORDS: Record<IndexDirection, string> = { '1': 'asc', '-1': 'desc', '2dsphere': '2dsphere' };

/** The name of a (compound) index: `idx_<f1>_<f2>…` (+ `_desc` / `_geo` per key, `_unique`). */
export function compoundIndexName(keys: IndexPlan['keys'], unique: boolean): string {
  const parts = keys.map(
    (k) =>
      k.field.replace(/[^A-Za-z0-9_]/g, '_') +
      (k.direction === '-1' ? '_desc' : k.direction === '2dsphere' ? '_geo' : ''),
  );
  return `idx_${parts.join('_')}${unique ? '_unique' : ''}`;
}

/** Parses `field`, `field:asc`, `field:desc`, `field:2dsphere`; null when malformed. */
export function parseIndexKey(spec: string): { field: string; direction: IndexDirection } | null {
  const m = /^([A-Za-z_][A-Za-z0-9_.]*)(?::(asc|desc|2dsphere))?$/.exec(spec);
  return m ? { field: m[1]!, direction: DIRECTIONS[m[2] ?? 'asc']! } : null;
}

/** Text of an index's keys, e.g. `stationId asc, createdAt desc`. */
export const keysText = (i: IndexPlan): string =>
  i.keys.map((k) => `${k.field} ${DIRECTION_WORDS[k.direction]}`).join(', ') + (i.unique ? ', unique' : '');

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** Reads the plan's sources from the repository at `root`. */
export function readPlanInputs(root: string = ROOT): PlanInputs {
  const fnDir = path.join(root, 'cloudfunctions');
  const functions: PlanInputs['functions'] = {};
  for (const name of functionNames(fnDir)) {
    const configFile = path.join(fnDir, name, 'config.json');
    functions[name] = {
      config: fs.existsSync(configFile) ? (readJson(configFile) as FunctionConfigFile) : {},
      bundleExists: fs.existsSync(path.join(fnDir, name, 'index.js')),
    };
  }
  return {
    collections: Object.values(COLLECTIONS),
    indexes: readJson(path.join(root, 'emulator', 'indexes.json')) as Record<string, string[]>,
    productionIndexes: readJson(
      path.join(root, 'database', 'indexes.json'),
    ) as PlanInputs['productionIndexes'],
    rules: readJson(path.join(root, 'database', 'security-rules.json')) as Record<string, unknown>,
    functions,
  };
}

/** The problem with an environment id, or null (CloudBase ids: lowercase letters, digits, `-`). */
export function envIdProblem(envId: string): string | null {
  if (!/^[a-z][a-z0-9-]{2,48}[a-z0-9]$/.test(envId)) {
    return `--env ${JSON.stringify(envId)}: expected a CloudBase environment id such as prod-1a2b3c4d`;
  }
  if (envId.startsWith(EMULATOR_ENV_PREFIX)) return `--env ${envId}: that is the local emulator's id`;
  return null;
}

const CRON_7 = /^\S+( \S+){6}$/;

function functionPlan(
  name: string,
  input: PlanInputs['functions'][string],
  env: Record<string, string | undefined>,
  problems: string[],
): FunctionPlan {
  const c = input.config;
  const where = `cloudfunctions/${name}/config.json`;
  const timeout = c.timeout ?? 3;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 900) {
    problems.push(`${where}: timeout ${String(c.timeout)} is not 1–900 seconds`);
  }
  const memorySize = c.memorySize ?? DEFAULT_MEMORY_MB;
  if (!MEMORY_SIZES.includes(memorySize)) {
    problems.push(`${where}: memorySize ${String(c.memorySize)} is not one of ${MEMORY_SIZES.join(', ')}`);
  }
  const triggers: TriggerPlan[] = [];
  for (const t of c.triggers ?? []) {
    if (typeof t.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(t.name) || t.type !== 'timer') {
      problems.push(`${where}: trigger ${JSON.stringify(t)} needs a name and type "timer"`);
    } else if (typeof t.config !== 'string' || !CRON_7.test(t.config.trim())) {
      problems.push(
        `${where}: trigger ${t.name}: config ${JSON.stringify(t.config)} is not a 7-field cron (second minute hour day month weekday year)`,
      );
    } else triggers.push({ name: t.name, type: 'timer', config: t.config.trim() });
  }
  const vars = functionSettings(name).map(
    (s: Setting): EnvVarPlan => ({
      name: s.name,
      required: s.required,
      secret: s.secret,
      present: (env[s.name] ?? '').trim() !== '',
    }),
  );
  return {
    name,
    dir: `cloudfunctions/${name}`,
    runtime: typeof c.runtime === 'string' ? c.runtime : DEFAULT_RUNTIME,
    timeout,
    memorySize,
    triggers,
    openapi: [...(c.permissions?.openapi ?? [])],
    env: vars,
    bundleExists: input.bundleExists,
  };
}

/** Builds the plan (pure): `env` is the operator's environment, read only for presence. */
export function buildPlan(
  envId: string,
  inputs: PlanInputs,
  env: Record<string, string | undefined>,
): DeployPlan {
  const problems: string[] = [];
  const envProblem = envIdProblem(envId);
  if (envProblem) problems.push(envProblem);
  const known = new Set(inputs.collections);
  for (const c of Object.keys(inputs.indexes)) {
    if (!known.has(c))
      problems.push(`emulator/indexes.json: ${c} is not a collection of shared/src/collections.ts`);
  }
  for (const c of Object.keys(inputs.rules)) {
    if (!known.has(c))
      problems.push(`database/security-rules.json: ${c} is not a collection of shared/src/collections.ts`);
  }
  for (const c of Object.keys(inputs.productionIndexes)) {
    if (!known.has(c))
      problems.push(`database/indexes.json: ${c} is not a collection of shared/src/collections.ts`);
  }
  const collections = [...inputs.collections].sort().map((name): CollectionPlan => {
    if (!(name in inputs.rules)) problems.push(`database/security-rules.json has no rule for ${name}`);
    const byName = new Map<string, IndexPlan>();
    for (const field of inputs.indexes[name] ?? []) {
      byName.set(indexName(field), {
        name: indexName(field),
        keys: [{ field, direction: '1' }],
        unique: false,
        source: 'emulator',
      });
    }
    for (const spec of inputs.productionIndexes[name] ?? []) {
      const keys = (Array.isArray(spec.keys) ? spec.keys : []).map((k) => parseIndexKey(String(k)));
      if (keys.length === 0 || keys.some((k) => k === null)) {
        problems.push(`database/indexes.json: ${name}: bad index ${JSON.stringify(spec)}`);
        continue;
      }
      const valid = keys as IndexPlan['keys'];
      const unique = spec.unique === true;
      // A unique index replaces the emulator's plain one on the same single field.
      if (unique && valid.length === 1) byName.delete(indexName(valid[0]!.field));
      const iname = compoundIndexName(valid, unique);
      if (!byName.has(iname)) byName.set(iname, { name: iname, keys: valid, unique, source: 'production' });
    }
    return { name, indexes: [...byName.values()], rule: inputs.rules[name] ?? null };
  });
  const functions = Object.keys(inputs.functions)
    .sort()
    .map((name) => functionPlan(name, inputs.functions[name]!, env, problems));
  const missing = [
    ...new Set(functions.flatMap((f) => f.env.filter((v) => v.required && !v.present).map((v) => v.name))),
  ].sort();
  // The setup function keeps the operator's path closed for a short token
  // (cloudfunctions/setup/src/operator.ts): the invoke at the end would fail.
  const token = (env.SGZ_SETUP_TOKEN ?? '').trim();
  if (token !== '' && token.length < MIN_SETUP_TOKEN_CHARS && functions.some((f) => f.name === 'setup')) {
    missing.push(`SGZ_SETUP_TOKEN (at least ${MIN_SETUP_TOKEN_CHARS} characters)`);
  }
  return {
    envId,
    collections,
    functions,
    missing,
    problems,
    setup: functions.some((f) => f.name === 'setup') ? { function: 'setup', action: 'runSetup' } : null,
  };
}

/** The plan as text for the operator (no secret value; only whether each variable is set). */
export function formatPlan(plan: DeployPlan): string {
  const out: string[] = [`Deploy plan for CloudBase environment ${plan.envId}`, ''];
  out.push(
    `Collections (${plan.collections.length}): create if missing, add missing indexes, apply the security rule`,
  );
  for (const c of plan.collections) {
    out.push(`  collection ${c.name}  rule ${JSON.stringify(c.rule)}`);
    for (const i of c.indexes) out.push(`    index ${c.name}.${i.name} (${keysText(i)})`);
  }
  out.push('', `Functions (${plan.functions.length}): create if missing, else update code and configuration`);
  for (const f of plan.functions) {
    out.push(
      `  function ${f.name}  ${f.runtime}, timeout ${f.timeout} s, memory ${f.memorySize} MB${
        f.openapi.length ? `, openapi ${f.openapi.join(' ')}` : ''
      }${f.bundleExists ? '' : '  (index.js not built yet: built before upload)'}`,
    );
    for (const t of f.triggers) out.push(`    trigger ${t.name} timer "${t.config}"`);
    for (const v of f.env) {
      const state = v.present
        ? v.secret
          ? 'set (secret)'
          : 'set'
        : v.required
          ? 'MISSING (required)'
          : 'unset (default)';
      out.push(`    env ${v.name}: ${state}`);
    }
  }
  out.push('');
  out.push(
    plan.setup
      ? 'Then: invoke setup.runSetup (seed the units and stations, run migrations) with SGZ_SETUP_TOKEN'
      : 'No setup function: nothing seeded',
  );
  if (plan.missing.length)
    out.push('', `Missing required settings (a real deploy stops here): ${plan.missing.join(', ')}`);
  if (plan.problems.length)
    out.push('', 'Problems in the code (fix before deploying):', ...plan.problems.map((p) => `  - ${p}`));
  return out.join('\n');
}
