import { execFile } from 'child_process';
import path from 'path';
import { promisify } from 'util';
import { DIST, checkUploadSettings, cloudEnvOf, parseUploadArgs, type UploadProbe } from './upload-weapp';

const ROOT = path.resolve(__dirname, '..');
const KEY = '/home/operator/keys/private.wx1234567890abcdef.key';
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nnot-a-real-key\n-----END RSA PRIVATE KEY-----\n';

/** A machine with the given files (path → content). */
const probeOf = (files: Record<string, string>): UploadProbe => ({
  exists: (f) => f in files,
  read: (f) => {
    if (!(f in files)) throw new Error(`ENOENT ${f}`);
    return files[f]!;
  },
});
const READY: Record<string, string> = {
  [KEY]: PEM,
  [path.join(ROOT, 'project.config.json')]: JSON.stringify({
    miniprogramRoot: 'client/dist/weapp/',
    appid: 'wx0000000000000000',
  }),
  [path.join(DIST, 'app.json')]: '{"pages":[]}',
  [path.join(DIST, 'app.js')]: '',
  [path.join(DIST, 'common.js')]: 'const t="sgz-prod-1a2b3c";i().cloud.init(t?{env:t}:{})',
  [path.join(DIST, 'project.config.json')]: JSON.stringify({ miniprogramRoot: './', appid: 'touristappid' }),
  [path.join(ROOT, 'client', '.env.production')]: 'TARO_APP_CLOUD_ENV=sgz-prod-1a2b3c\n',
};
const ENV = { SGZ_WEAPP_APPID: 'wx1234567890abcdef', SGZ_WEAPP_PRIVATE_KEY_PATH: KEY };
const ARGS = { version: '1.2.0', desc: '首次发布：社工站目录、求助、走访', robot: 1 };

describe('upload settings check (no network)', () => {
  it('passes a ready machine and reports what it would send', () => {
    const out = checkUploadSettings(ARGS, ENV, probeOf(READY));
    expect(out.problems).toEqual([]);
    expect(out.settings).toMatchObject({
      appid: 'wx1234567890abcdef',
      version: '1.2.0',
      projectPath: DIST,
      cloudEnv: 'sgz-prod-1a2b3c',
    });
  });

  it('says clearly what is missing: the appid and the key', () => {
    const out = checkUploadSettings(ARGS, {}, probeOf(READY));
    expect(out.problems).toEqual([
      'SGZ_WEAPP_APPID is not set: the mini-program appid (wx followed by 16 hex characters)',
      'SGZ_WEAPP_PRIVATE_KEY_PATH is not set: the path of the code-upload key (private.<appid>.key) from the mini-program admin console',
    ]);
  });

  it('refuses a placeholder or malformed appid, a missing, non-PEM or in-repository key', () => {
    const bad = (env: Record<string, string>, files = READY) =>
      checkUploadSettings(ARGS, env, probeOf(files)).problems;
    expect(bad({ ...ENV, SGZ_WEAPP_APPID: 'wx0000000000000000' })).toEqual([
      'SGZ_WEAPP_APPID "wx0000000000000000": expected a real appid, wx followed by 16 hex characters',
    ]);
    expect(bad({ ...ENV, SGZ_WEAPP_APPID: 'WX12' })[0]).toMatch(/expected a real appid/);
    expect(bad({ ...ENV, SGZ_WEAPP_PRIVATE_KEY_PATH: '/nowhere.key' })).toEqual([
      'SGZ_WEAPP_PRIVATE_KEY_PATH: no file at /nowhere.key',
    ]);
    expect(bad(ENV, { ...READY, [KEY]: 'hello' })).toEqual([
      `SGZ_WEAPP_PRIVATE_KEY_PATH: ${KEY} is not a PEM private key`,
    ]);
    const inside = path.join(ROOT, 'private.key');
    expect(bad({ ...ENV, SGZ_WEAPP_PRIVATE_KEY_PATH: inside }, { ...READY, [inside]: PEM })).toEqual([
      `SGZ_WEAPP_PRIVATE_KEY_PATH: ${inside} is inside the repository; keep the key outside it`,
    ]);
  });

  it('checks the version, the description and the robot', () => {
    const problems = checkUploadSettings(
      { version: 'v1', desc: ' ', robot: 31 },
      ENV,
      probeOf(READY),
    ).problems;
    expect(problems).toEqual([
      '--version "v1": expected a semantic version such as 1.2.0',
      '--desc: say what changed in this version (1–200 characters)',
      '--robot: 1–30',
    ]);
    expect(checkUploadSettings({ ...ARGS, desc: '改'.repeat(201) }, ENV, probeOf(READY)).problems).toEqual([
      '--desc: 201 characters, at most 200',
    ]);
    expect(checkUploadSettings({ ...ARGS, version: '2.0.0-rc.1' }, ENV, probeOf(READY)).problems).toEqual([]);
  });

  it('needs the build, coherent project files and the cloud environment', () => {
    const files = { ...READY };
    delete files[path.join(DIST, 'app.js')];
    files[path.join(ROOT, 'project.config.json')] = JSON.stringify({
      miniprogramRoot: 'dist/',
      appid: 'wxffffffffffffffff',
    });
    files[path.join(ROOT, 'client', '.env.production')] = 'TARO_APP_CLOUD_ENV=\n';
    expect(checkUploadSettings(ARGS, ENV, probeOf(files)).problems).toEqual([
      'project.config.json: miniprogramRoot "dist/", expected "client/dist/weapp/"',
      'project.config.json names appid wxffffffffffffffff, SGZ_WEAPP_APPID is wx1234567890abcdef',
      'client/dist/weapp/app.js is missing: build first (npm run build:weapp, or drop --no-build)',
      'TARO_APP_CLOUD_ENV is empty (client/.env.production or the shell): the built app would not know its CloudBase environment',
    ]);
    expect(cloudEnvOf({ TARO_APP_CLOUD_ENV: 'from-shell' }, probeOf(files))).toBe('from-shell');
  });

  it('refuses a build made for another cloud environment (or none)', () => {
    expect(
      checkUploadSettings(ARGS, { ...ENV, TARO_APP_CLOUD_ENV: 'sgz-other-9z9z' }, probeOf(READY)).problems,
    ).toEqual([
      'client/dist/weapp was not built with TARO_APP_CLOUD_ENV=sgz-other-9z9z: rebuild (drop --no-build)',
    ]);
  });

  it('parses the command line', () => {
    expect(parseUploadArgs(['--version', '1.0.0', '--desc', 'x', '--dry-run', '--no-build'])).toEqual({
      version: '1.0.0',
      desc: 'x',
      dryRun: true,
      build: false,
      preview: null,
      robot: 1,
    });
    expect(() => parseUploadArgs(['--desc'])).toThrow('--desc needs a value');
  });
});

describe('npm run upload:weapp -- --dry-run --no-build without appid or key (child process, network blocked)', () => {
  it('stops with the missing settings named, loading no upload code', async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_OPTIONS: `--require ${path.join(__dirname, 'deploy', 'no-network.cjs')}`,
    };
    const err = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/upload-weapp.ts', '--version', '1.0.0', '--desc', '测试', '--dry-run', '--no-build'],
      { cwd: ROOT, env },
    ).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toContain('SGZ_WEAPP_APPID is not set');
    expect(err?.stderr).toContain('SGZ_WEAPP_PRIVATE_KEY_PATH is not set');
    expect(err?.stderr).not.toContain('dry run loaded');
  }, 60_000);
});
