/**
 * The roster function's folder uploads as it is: exceljs is bundled into
 * index.js (the folder's package.json still names only wx-server-sdk), the
 * bundle needs nothing else, and config.json asks for the time and memory a
 * 5,000-row file needs (the emulator reads `timeout` from it on every call;
 * it does not enforce `memorySize`).
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import { builtinModules } from 'module';
import os from 'os';
import path from 'path';
import { buildFunctionTo } from '../../scripts/build-functions';
import { FUNCTIONS_DIR } from '../helpers/cloud';

const NAME = 'roster';
const REPO_NODE_MODULES = path.resolve(__dirname, '../../node_modules');

describe('the roster bundle', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-roster-'));
  let bundle = '';
  beforeAll(async () => {
    await buildFunctionTo(NAME, path.join(dir, 'index.js'));
    bundle = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('bundles exceljs and requires nothing but wx-server-sdk and Node built-ins', () => {
    const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    const external = [...new Set(required)].filter(
      (r) => !r.startsWith('node:') && !builtinModules.includes(r),
    );
    expect(external).toEqual(['wx-server-sdk']);
    expect(bundle).toContain('exceljs');
    // About 2.7 MB: well under the 50 MB a function package may have.
    expect(fs.statSync(path.join(dir, 'index.js')).size).toBeLessThan(5 * 1024 * 1024);
  });

  it('asks for 60 s and 512 MB, and declares only wx-server-sdk', () => {
    const config = JSON.parse(fs.readFileSync(path.join(FUNCTIONS_DIR, NAME, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ timeout: 60, memorySize: 512 });
    const pkg = JSON.parse(fs.readFileSync(path.join(FUNCTIONS_DIR, NAME, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({ 'wx-server-sdk': '4.0.2' });
  });

  it('loads on its own, with only wx-server-sdk next to it', () => {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(
      path.join(REPO_NODE_MODULES, 'wx-server-sdk'),
      path.join(dir, 'node_modules', 'wx-server-sdk'),
    );
    const out = spawnSync(
      process.execPath,
      [
        '-e',
        "const m = require('./index.js'); m.main({ action: 'nope' }).then((r) => console.log(JSON.stringify(r)))",
      ],
      { cwd: dir, env: { PATH: process.env.PATH, NODE_PATH: '' }, encoding: 'utf8' },
    );
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});
