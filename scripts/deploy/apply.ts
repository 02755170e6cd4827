/**
 * Applies a deploy plan (scripts/deploy/plan.ts) through
 * `@cloudbase/manager-node`, idempotently: collections and indexes are
 * created only when missing, a security rule is written only when it
 * differs, a function is created when missing and otherwise gets its code and
 * configuration updated; last, the setup function seeds and migrates.
 *
 * The manager is passed in ({@link Manager}: the few calls used), so the
 * logic is unit-tested with a fake and never needs the network in tests.
 */
import type { DeployPlan, FunctionPlan } from './plan';

/** The part of `@cloudbase/manager-node`'s CloudBase used here (5.6.5). */
export interface Manager {
  database: {
    createCollectionIfNotExists(name: string): Promise<{ IsCreated: boolean }>;
    describeCollection(name: string): Promise<{ Indexes?: Array<{ Name: string }> }>;
    updateCollection(
      name: string,
      info: {
        CreateIndexes: Array<{
          IndexName: string;
          MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean };
        }>;
      },
    ): Promise<unknown>;
  };
  permission: {
    describeResourcePermission(o: { resourceType: 'collection'; resources: string[] }): Promise<{
      PermissionList?: Array<{ Resource?: string; Permission?: string; SecurityRule?: string }>;
    }>;
    modifyResourcePermission(o: {
      resourceType: 'collection';
      resource: string;
      permission: 'CUSTOM';
      securityRule: string;
    }): Promise<unknown>;
  };
  functions: {
    listAllFunctions(o: { envId: string }): Promise<Array<Record<string, string>>>;
    createFunction(p: {
      func: CloudFunctionSpec;
      functionRootPath: string;
      force: boolean;
    }): Promise<unknown>;
    updateFunctionCode(p: { func: CloudFunctionSpec; functionRootPath: string }): Promise<unknown>;
    updateFunctionConfig(func: CloudFunctionSpec): Promise<unknown>;
    waitFunctionActive?(name: string): Promise<void>;
    invokeFunction(
      name: string,
      params: Record<string, unknown>,
    ): Promise<{ RetMsg?: string; ErrMsg?: string }>;
  };
}

/** A function as manager-node's createFunction / updateFunctionConfig take it. */
export interface CloudFunctionSpec {
  name: string;
  runtime: string;
  handler: 'index.main';
  timeout: number;
  memorySize: number;
  installDependency: true;
  envVariables: Record<string, string>;
  triggers: Array<{ name: string; type: 'timer'; config: string }>;
  ignore: string[];
}

/** Files of a function folder that are not uploaded (sources are bundled into index.js). */
export const UPLOAD_IGNORE = ['src', 'src/**', '*.md', '*.map', 'node_modules', 'node_modules/**'];

/** The spec of a planned function, with the variable values from `env` (set ones only). */
export function functionSpec(f: FunctionPlan, env: Record<string, string | undefined>): CloudFunctionSpec {
  const envVariables: Record<string, string> = {};
  for (const v of f.env) {
    const value = (env[v.name] ?? '').trim();
    if (value !== '') envVariables[v.name] = value;
  }
  return {
    name: f.name,
    runtime: f.runtime,
    handler: 'index.main',
    timeout: f.timeout,
    memorySize: f.memorySize,
    installDependency: true,
    envVariables,
    triggers: f.triggers.map((t) => ({ ...t })),
    ignore: [...UPLOAD_IGNORE],
  };
}

/** What a run did, one line per change (and per thing found as it should be). */
export interface ApplyReport {
  changes: string[];
  unchanged: string[];
  /** The setup function's answer (its `data`), or null without a setup function. */
  setup: unknown;
}

/**
 * Applies `plan`. Refuses before sending anything when the plan has problems
 * or a required setting is missing.
 */
export async function applyPlan(
  plan: DeployPlan,
  manager: Manager,
  opts: { env: Record<string, string | undefined>; functionRootPath: string; log?: (line: string) => void },
): Promise<ApplyReport> {
  if (plan.problems.length) throw new Error(`the plan has problems:\n- ${plan.problems.join('\n- ')}`);
  if (plan.missing.length) {
    throw new Error(
      `required settings missing from your environment (nothing was sent): ${plan.missing.join(', ')}`,
    );
  }
  const log = opts.log ?? (() => undefined);
  const report: ApplyReport = { changes: [], unchanged: [], setup: null };
  const did = (line: string) => {
    report.changes.push(line);
    log(`  changed    ${line}`);
  };
  const kept = (line: string) => {
    report.unchanged.push(line);
    log(`  unchanged  ${line}`);
  };

  for (const c of plan.collections) {
    const created = await manager.database.createCollectionIfNotExists(c.name);
    (created.IsCreated ? did : kept)(`collection ${c.name}`);
    const existing = new Set(
      ((await manager.database.describeCollection(c.name)).Indexes ?? []).map((i) => i.Name),
    );
    const toCreate = c.indexes.filter((i) => !existing.has(i.name));
    for (const i of c.indexes) if (existing.has(i.name)) kept(`index ${c.name}.${i.name}`);
    if (toCreate.length) {
      await manager.database.updateCollection(c.name, {
        CreateIndexes: toCreate.map((i) => ({
          IndexName: i.name,
          MgoKeySchema: {
            MgoIndexKeys: i.keys.map((k) => ({ Name: k.field, Direction: k.direction })),
            MgoIsUnique: i.unique,
          },
        })),
      });
      for (const i of toCreate) did(`index ${c.name}.${i.name}`);
    }
    const rule = JSON.stringify(c.rule);
    const current = (
      await manager.permission.describeResourcePermission({ resourceType: 'collection', resources: [c.name] })
    ).PermissionList?.find((p) => p.Resource === c.name);
    const same =
      current?.Permission === 'CUSTOM' &&
      typeof current.SecurityRule === 'string' &&
      sameJson(current.SecurityRule, rule);
    if (same) kept(`rule ${c.name}`);
    else {
      await manager.permission.modifyResourcePermission({
        resourceType: 'collection',
        resource: c.name,
        permission: 'CUSTOM',
        securityRule: rule,
      });
      did(`rule ${c.name}`);
    }
  }

  const deployed = new Set(
    (await manager.functions.listAllFunctions({ envId: plan.envId })).map((f) => f.FunctionName),
  );
  for (const f of plan.functions) {
    const func = functionSpec(f, opts.env);
    if (!deployed.has(f.name)) {
      await manager.functions.createFunction({ func, functionRootPath: opts.functionRootPath, force: false });
      did(`function ${f.name} created`);
    } else {
      await manager.functions.updateFunctionCode({ func, functionRootPath: opts.functionRootPath });
      await manager.functions.waitFunctionActive?.(f.name);
      await manager.functions.updateFunctionConfig(func);
      did(`function ${f.name} code and configuration updated`);
    }
    await manager.functions.waitFunctionActive?.(f.name);
  }

  if (plan.setup) {
    const res = await manager.functions.invokeFunction(plan.setup.function, {
      action: plan.setup.action,
      setupToken: opts.env.SGZ_SETUP_TOKEN,
    });
    const answer = parseAnswer(res.RetMsg);
    if (!answer || answer.ok !== true) {
      throw new Error(`setup.runSetup failed: ${res.ErrMsg || res.RetMsg || 'no answer'}`);
    }
    report.setup = answer.data;
    log(`  setup      ${JSON.stringify(answer.data)}`);
  }
  return report;
}

const sameJson = (a: string, b: string): boolean => {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
};

function parseAnswer(retMsg: string | undefined): { ok: boolean; data?: unknown } | null {
  if (!retMsg) return null;
  try {
    const v = JSON.parse(retMsg) as unknown;
    return typeof v === 'object' && v !== null && 'ok' in v ? (v as { ok: boolean; data?: unknown }) : null;
  } catch {
    return null;
  }
}
