/** The CLI: start, print URL and SDK env lines, stop gracefully on SIGTERM; data-dir subcommands. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_FUNCTIONS, request } from './helpers';

const CLI = path.join(__dirname, '..', 'src', 'cli.ts');
const nodeArgs = ['--import', 'tsx', CLI];
const cwd = path.join(__dirname, '..', '..');

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...nodeArgs, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('starts in memory, prints the URL and the SDK env lines, stops on SIGTERM', async () => {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--memory', '--port', '0', '--functions', FIXTURE_FUNCTIONS],
    { cwd },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL printed; stdout: ${out} stderr: ${err}`)),
        20_000,
      );
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m && out.includes('WX_CONTEXT_KEYS')) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    expect(out).toContain(`export TCB_CONTEXT_CNFG='{"URL":"${url}/admin"}'`);
    expect(out).toContain("export TCB_ENV='local-sgz-emulator'");
    expect(out).toContain("export TENCENTCLOUD='true'");
    expect(out).toContain('TENCENTCLOUD_SECRETID=');
    const res = await request(url, {
      method: 'POST',
      path: '/functions/echo',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(err).toContain('SIGTERM: stopping emulator');
});

test('refuses a non-loopback host without --allow-remote', () => {
  const r = runCli(['--memory', '--port', '0', '--host', '0.0.0.0']);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/refusing to listen on 0\.0\.0\.0/);
});

test('import, collections, export and reset operate on a data dir', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-cli-'));
  try {
    const file = path.join(dataDir, 'in.jsonl');
    fs.writeFileSync(file, '{"_id":"a","n":{"$numberInt":"1"}}\n{"_id":"b","name":"二号"}\n');
    const imp = runCli(['import', 'things', file, '--data', dataDir]);
    expect(imp.stderr).toContain('imported 2 documents into things');
    expect(imp.status).toBe(0);
    expect(runCli(['collections', '--data', dataDir]).stdout).toBe('things\t2\n');
    const exp = runCli(['export', 'things', '--data', dataDir]);
    expect(exp.stdout.trim().split('\n')).toHaveLength(2);
    expect(exp.stdout).toContain('二号');
    expect(runCli(['reset', '--data', dataDir]).status).toBe(0);
    const after = runCli(['collections', '--data', dataDir]).stdout;
    expect(after).not.toMatch(/things\t2/);
    const bad = runCli(['frobnicate', '--data', dataDir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('unknown command frobnicate');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
