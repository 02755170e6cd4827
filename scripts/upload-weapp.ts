/**
 * `npm run upload:weapp -- --version x.y.z --desc "…" [--dry-run]` (issue 16):
 * builds the mini-program and uploads it with miniprogram-ci (a 开发版 the
 * administrator then submits for review in the mini-program admin console).
 *
 *   --version x.y.z     semver (required)
 *   --desc "…"          what changed, 1–200 characters (required)
 *   --dry-run           build, check every setting it would send and print them; sends nothing
 *   --no-build          use client/dist/weapp as it is (default: npm run build:weapp first)
 *   --preview <file>    also ask WeChat for a preview QR code and write it to <file> (needs the key; talks to WeChat)
 *   --robot <1-30>      the CI robot number shown in the console (default 1)
 *
 * From the environment: SGZ_WEAPP_APPID (wx + 16 hex) and
 * SGZ_WEAPP_PRIVATE_KEY_PATH (the code-upload key from 微信公众平台 → 开发 →
 * 开发管理 → 开发设置 → 小程序代码上传; keep it outside the repository).
 * The mini-program also needs TARO_APP_CLOUD_ENV at build time (client/.env.production
 * or the shell). See docs/deploy.md.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import type * as MiniprogramCi from 'miniprogram-ci';
import { DISTRICT_SERVICE_LINE } from '../shared/src/domain/station';

const ROOT = path.resolve(__dirname, '..');
export const DIST = path.join(ROOT, 'client', 'dist', 'weapp');
/** Appids in the committed project files (never a real one). */
export const PLACEHOLDER_APPIDS = new Set(['wx0000000000000000', 'touristappid', '']);
export const MAX_DESC_CHARS = 200;
/** Top-level bundles of the weapp build, where Taro inlines TARO_APP_* values. */
const DIST_BUNDLES = ['app.js', 'common.js', 'vendors.js', 'taro.js'];

/** What the upload would send (and what it was checked against). */
export interface UploadSettings {
  appid: string;
  privateKeyPath: string;
  version: string;
  desc: string;
  projectPath: string;
  robot: number;
  cloudEnv: string;
}

/** What the check reads from the machine, injected so that the unit test needs no files. */
export interface UploadProbe {
  exists(file: string): boolean;
  read(file: string): string;
}

export const fsProbe: UploadProbe = {
  exists: (f) => fs.existsSync(f),
  read: (f) => fs.readFileSync(f, 'utf8'),
};

/** Parsed command line. */
export interface UploadArgs {
  version: string;
  desc: string;
  dryRun: boolean;
  build: boolean;
  preview: string | null;
  robot: number;
}

/** Parses argv; throws a usage message on nonsense. */
export function parseUploadArgs(argv: readonly string[]): UploadArgs {
  const out: UploadArgs = { version: '', desc: '', dryRun: false, build: true, preview: null, robot: 1 };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--version') out.version = value(i++, a);
    else if (a === '--desc') out.desc = value(i++, a);
    else if (a === '--dry-run') out.dryRun = true;
    else if (a === '--no-build') out.build = false;
    else if (a === '--preview') out.preview = value(i++, a);
    else if (a === '--robot') out.robot = Number(value(i++, a));
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

/** TARO_APP_CLOUD_ENV as the build sees it: the shell first, else client/.env.production. */
export function cloudEnvOf(env: Record<string, string | undefined>, probe: UploadProbe): string {
  if (env.TARO_APP_CLOUD_ENV?.trim()) return env.TARO_APP_CLOUD_ENV.trim();
  const file = path.join(ROOT, 'client', '.env.production');
  if (!probe.exists(file)) return '';
  const m = /^TARO_APP_CLOUD_ENV=(.*)$/m.exec(probe.read(file));
  return (m?.[1] ?? '').trim().replace(/^["']|["']$/g, '');
}

const readJson = (probe: UploadProbe, file: string): Record<string, unknown> | null => {
  try {
    const v = JSON.parse(probe.read(file)) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/**
 * Checks everything the upload would send, without sending anything.
 * `problems` stop the upload; `warnings` are printed.
 */
export function checkUploadSettings(
  args: Pick<UploadArgs, 'version' | 'desc' | 'robot'>,
  env: Record<string, string | undefined>,
  probe: UploadProbe,
): { settings: UploadSettings; problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const appid = (env.SGZ_WEAPP_APPID ?? '').trim();
  const keyPath = (env.SGZ_WEAPP_PRIVATE_KEY_PATH ?? '').trim();

  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(args.version)) {
    problems.push(`--version ${JSON.stringify(args.version)}: expected a semantic version such as 1.2.0`);
  }
  const desc = args.desc.trim();
  if (desc.length === 0) problems.push('--desc: say what changed in this version (1–200 characters)');
  else if ([...desc].length > MAX_DESC_CHARS)
    problems.push(`--desc: ${[...desc].length} characters, at most ${MAX_DESC_CHARS}`);
  if (!Number.isInteger(args.robot) || args.robot < 1 || args.robot > 30) problems.push('--robot: 1–30');

  if (!appid)
    problems.push('SGZ_WEAPP_APPID is not set: the mini-program appid (wx followed by 16 hex characters)');
  else if (!/^wx[0-9a-f]{16}$/.test(appid) || PLACEHOLDER_APPIDS.has(appid)) {
    problems.push(
      `SGZ_WEAPP_APPID ${JSON.stringify(appid)}: expected a real appid, wx followed by 16 hex characters`,
    );
  }
  if (!keyPath) {
    problems.push(
      'SGZ_WEAPP_PRIVATE_KEY_PATH is not set: the path of the code-upload key (private.<appid>.key) from the mini-program admin console',
    );
  } else if (!probe.exists(keyPath)) {
    problems.push(`SGZ_WEAPP_PRIVATE_KEY_PATH: no file at ${keyPath}`);
  } else {
    if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(probe.read(keyPath))) {
      problems.push(`SGZ_WEAPP_PRIVATE_KEY_PATH: ${keyPath} is not a PEM private key`);
    }
    const rel = path.relative(ROOT, path.resolve(keyPath));
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
      problems.push(
        `SGZ_WEAPP_PRIVATE_KEY_PATH: ${keyPath} is inside the repository; keep the key outside it`,
      );
    }
  }

  const rootConfig = readJson(probe, path.join(ROOT, 'project.config.json'));
  if (!rootConfig) problems.push('project.config.json is missing or not JSON');
  else {
    if (rootConfig.miniprogramRoot !== 'client/dist/weapp/') {
      problems.push(
        `project.config.json: miniprogramRoot ${JSON.stringify(rootConfig.miniprogramRoot)}, expected "client/dist/weapp/"`,
      );
    }
    const committed = String(rootConfig.appid ?? '');
    if (appid && !PLACEHOLDER_APPIDS.has(committed) && committed !== appid) {
      problems.push(`project.config.json names appid ${committed}, SGZ_WEAPP_APPID is ${appid}`);
    }
  }
  for (const f of ['app.json', 'app.js']) {
    if (!probe.exists(path.join(DIST, f))) {
      problems.push(
        `client/dist/weapp/${f} is missing: build first (npm run build:weapp, or drop --no-build)`,
      );
    }
  }
  const distConfigFile = path.join(DIST, 'project.config.json');
  if (probe.exists(distConfigFile)) {
    const distConfig = readJson(probe, distConfigFile);
    const root = distConfig?.miniprogramRoot;
    if (!distConfig) problems.push('client/dist/weapp/project.config.json is not JSON');
    else if (root !== undefined && root !== './' && root !== '' && root !== '.') {
      problems.push(
        `client/dist/weapp/project.config.json: miniprogramRoot ${JSON.stringify(root)}, expected "./"`,
      );
    }
  }
  const cloudEnv = cloudEnvOf(env, probe);
  if (!cloudEnv) {
    problems.push(
      'TARO_APP_CLOUD_ENV is empty (client/.env.production or the shell): the built app would not know its CloudBase environment',
    );
  }
  // The environment id is inlined at build time: a dist built with another one (or none) would call the wrong environment.
  const bundles = DIST_BUNDLES.map((f) => path.join(DIST, f)).filter((f) => probe.exists(f));
  if (
    cloudEnv &&
    bundles.length > 0 &&
    !bundles.some((f) => probe.read(f).includes(JSON.stringify(cloudEnv)))
  ) {
    problems.push(
      `client/dist/weapp was not built with TARO_APP_CLOUD_ENV=${cloudEnv}: rebuild (drop --no-build)`,
    );
  }
  if (DISTRICT_SERVICE_LINE.demo) {
    warnings.push(
      `DISTRICT_SERVICE_LINE is still the demo number ${DISTRICT_SERVICE_LINE.phone} (shared/src/domain/station.ts): set the real one before a release`,
    );
  }
  return {
    settings: {
      appid,
      privateKeyPath: keyPath,
      version: args.version,
      desc,
      projectPath: DIST,
      robot: args.robot,
      cloudEnv,
    },
    problems,
    warnings,
  };
}

/** The settings as printed (the key's path, never its content). */
export function formatUploadSettings(s: UploadSettings): string {
  return [
    `  appid        ${s.appid || '(unset)'}`,
    `  version      ${s.version}`,
    `  desc         ${s.desc}`,
    `  project      ${path.relative(ROOT, s.projectPath)}`,
    `  key          ${s.privateKeyPath || '(unset)'}`,
    `  robot        ${s.robot}`,
    `  cloud env    ${s.cloudEnv || '(unset)'}`,
  ].join('\n');
}

async function main(): Promise<number> {
  const args = parseUploadArgs(process.argv.slice(2));
  if (args.build) {
    console.log('Building the mini-program (npm run build:weapp) …');
    execFileSync('npm', ['run', '-s', 'build:weapp'], { cwd: ROOT, stdio: 'inherit' });
  }
  const { settings, problems, warnings } = checkUploadSettings(args, process.env, fsProbe);
  console.log(`Upload settings:\n${formatUploadSettings(settings)}`);
  for (const w of warnings) console.log(`warning: ${w}`);
  if (problems.length) {
    console.error(`\nNot ready:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  if (args.dryRun && !args.preview) {
    console.log('\nDry run: nothing was sent.');
    return 0;
  }
  // Loaded only now: a dry run never loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require('miniprogram-ci') as typeof MiniprogramCi;
  const project = new ci.Project({
    appid: settings.appid,
    type: 'miniProgram',
    projectPath: settings.projectPath,
    privateKeyPath: settings.privateKeyPath,
    ignores: ['node_modules/**/*'],
  });
  const setting = { es6: false, minify: true, autoPrefixWXSS: true };
  if (args.preview) {
    const dest = path.resolve(args.preview);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    await ci.preview({
      project,
      version: settings.version,
      desc: settings.desc,
      setting,
      robot: settings.robot,
      qrcodeFormat: 'image',
      qrcodeOutputDest: dest,
    });
    console.log(`Preview QR code written to ${dest}`);
  }
  if (args.dryRun) {
    console.log('\nDry run: no version uploaded.');
    return 0;
  }
  const result = await ci.upload({
    project,
    version: settings.version,
    desc: settings.desc,
    setting,
    robot: settings.robot,
  });
  console.log(`Uploaded ${settings.version}: ${JSON.stringify(result.subPackageInfo ?? [])}`);
  console.log('Next: 微信公众平台 → 版本管理 → 开发版本: choose it as 体验版, or 提交审核.');
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
