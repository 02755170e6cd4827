/**
 * `npm run deploy -- --env <envId> [--dry-run]` (issue 16): from the laptop
 * to a real CloudBase environment, repeatably. The runbook is docs/deploy.md.
 *
 *   --env <id>          the CloudBase environment (required)
 *   --dry-run           print the plan and talk to nothing (no credentials, no manager, no build)
 *   --no-build          upload the functions as built (default: rebuild them first)
 *   --skip-setup        do not invoke setup.runSetup at the end
 *   --backup <dir>      only export every collection into <dir> (one JSON-lines file each)
 *   --restore <dir>     only import <dir>'s files (upsert by _id); needs --yes
 *
 * Credentials (real mode only): TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY
 * (or CLOUDBASE_SECRET_ID / CLOUDBASE_SECRET_KEY), TENCENTCLOUD_SESSIONTOKEN
 * for temporary ones. Function settings (SGZ_*) come from the same shell:
 * see the settings table in README.md. A missing required one stops the
 * deploy before anything is sent.
 */
import path from 'path';
import { COLLECTIONS } from '../shared/src/collections';
import { buildFunction, functionNames } from './build-functions';
import { applyPlan, type Manager } from './deploy/apply';
import { backupCollections, restoreCollections, type BackupManager } from './deploy/backup';
import { ROOT, buildPlan, envIdProblem, formatPlan, readPlanInputs } from './deploy/plan';

/** Parsed command line. */
export interface DeployArgs {
  envId: string | null;
  dryRun: boolean;
  build: boolean;
  setup: boolean;
  backup: string | null;
  restore: string | null;
  yes: boolean;
}

/** Parses argv (after the script name); throws a usage message on nonsense. */
export function parseDeployArgs(argv: readonly string[]): DeployArgs {
  const out: DeployArgs = {
    envId: null,
    dryRun: false,
    build: true,
    setup: true,
    backup: null,
    restore: null,
    yes: false,
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (!v || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--env') out.envId = value(i++, a);
    else if (a.startsWith('--env=')) out.envId = a.slice(6);
    else if (a === '--dry-run') out.dryRun = true;
    else if (a === '--no-build') out.build = false;
    else if (a === '--skip-setup') out.setup = false;
    else if (a === '--backup') out.backup = value(i++, a);
    else if (a === '--restore') out.restore = value(i++, a);
    else if (a === '--yes') out.yes = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!out.envId) throw new Error('--env <envId> is required');
  if (out.backup && out.restore) throw new Error('--backup and --restore: one at a time');
  return out;
}

/** The operator's credentials, or the names of what is missing. */
export function credentialsFrom(
  env: Record<string, string | undefined>,
): { secretId: string; secretKey: string; token?: string } | { missing: string[] } {
  const secretId = env.TENCENTCLOUD_SECRETID || env.CLOUDBASE_SECRET_ID || '';
  const secretKey = env.TENCENTCLOUD_SECRETKEY || env.CLOUDBASE_SECRET_KEY || '';
  const missing = [
    ...(secretId ? [] : ['TENCENTCLOUD_SECRETID (or CLOUDBASE_SECRET_ID)']),
    ...(secretKey ? [] : ['TENCENTCLOUD_SECRETKEY (or CLOUDBASE_SECRET_KEY)']),
  ];
  if (missing.length) return { missing };
  const token = env.TENCENTCLOUD_SESSIONTOKEN || env.CLOUDBASE_SESSION_TOKEN || undefined;
  return token ? { secretId, secretKey, token } : { secretId, secretKey };
}

/** The manager, loaded only here (never in a dry run or a test). */
function connect(envId: string, env: Record<string, string | undefined>): Manager & BackupManager {
  const creds = credentialsFrom(env);
  if ('missing' in creds)
    throw new Error(`credentials missing (nothing was sent): ${creds.missing.join(', ')}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CloudBase = require('@cloudbase/manager-node') as new (config: Record<string, unknown>) => unknown;
  return new CloudBase({ ...creds, envId }) as Manager & BackupManager;
}

async function main(): Promise<number> {
  const args = parseDeployArgs(process.argv.slice(2));
  const envId = args.envId!;
  const env = process.env;
  const envProblem = envIdProblem(envId);
  if (envProblem) throw new Error(envProblem);

  if (args.backup || args.restore) {
    if (args.dryRun) {
      console.log(
        `${args.backup ? 'backup' : 'restore'} of ${Object.values(COLLECTIONS).join(', ')} (dry run: nothing sent)`,
      );
      return 0;
    }
    const m = connect(envId, env);
    if (args.backup) {
      const dir = path.resolve(args.backup);
      console.log(`Backing up ${envId} into ${dir}`);
      await backupCollections(m, Object.values(COLLECTIONS), dir, new Date(), { log: console.log });
    } else {
      if (!args.yes) throw new Error('--restore replaces documents by _id in a live environment: add --yes');
      const dir = path.resolve(args.restore!);
      console.log(`Restoring ${dir} into ${envId}`);
      await restoreCollections(m, Object.values(COLLECTIONS), dir, { log: console.log });
    }
    return 0;
  }

  let plan = buildPlan(envId, readPlanInputs(), env);
  if (!args.setup) plan = { ...plan, setup: null };
  console.log(formatPlan(plan));
  if (plan.problems.length) return 1;
  if (args.dryRun) {
    console.log('\nDry run: nothing was sent.');
    return 0;
  }
  if (plan.missing.length) {
    console.error(`\nStopped: set ${plan.missing.join(', ')} in your environment first (nothing was sent).`);
    return 1;
  }
  const creds = credentialsFrom(env);
  if ('missing' in creds) {
    console.error(`\nStopped: credentials missing: ${creds.missing.join(', ')} (nothing was sent).`);
    return 1;
  }
  if (args.build) {
    console.log('\nBuilding the functions …');
    await Promise.all(functionNames().map(buildFunction));
    plan = { ...buildPlan(envId, readPlanInputs(), env), setup: plan.setup };
  }
  console.log(`\nApplying to ${envId} …`);
  const report = await applyPlan(plan, connect(envId, env), {
    env,
    functionRootPath: path.join(ROOT, 'cloudfunctions'),
    log: console.log,
  });
  console.log(`\nDone: ${report.changes.length} changed, ${report.unchanged.length} unchanged.`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
