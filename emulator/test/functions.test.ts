/** The function runner through the real wx-server-sdk: identity, callFunction, failures, isolation, reload. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FunctionError } from '../src';
import { FIXTURE_FUNCTIONS, rejection, sdk, startEmulator } from './helpers';

let emu: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.stop();
});

test('getWXContext() in a function shows the identity it was invoked with', async () => {
  const r = (await emu.app.invoke(
    'whoami',
    { hello: 1 },
    { OPENID: 'o-alice', UNIONID: 'u-alice', CLIENTIP: '10.1.2.3' },
  )) as Record<string, unknown>;
  expect(r).toMatchObject({
    OPENID: 'o-alice',
    UNIONID: 'u-alice',
    CLIENTIP: '10.1.2.3',
    APPID: 'wxlocalemulator0',
    ENV: 'local-sgz-emulator',
    SOURCE: 'wx_client',
  });
  expect(r.event).toEqual({ hello: 1 });
  // The API token is consumed by the SDK, never shown to the function's code.
  expect(r).not.toHaveProperty('API_TOKEN');
});

test('cloud.callFunction from a function runs the callee with the CALLER identity', async () => {
  const r = (await emu.app.invoke('caller', {}, { OPENID: 'o-bob', UNIONID: 'u-bob' })) as {
    me: Record<string, unknown>;
    callee: Record<string, unknown>;
  };
  expect(r.me.OPENID).toBe('o-bob');
  expect(r.callee).toMatchObject({ OPENID: 'o-bob', UNIONID: 'u-bob', SOURCE: 'wx_client,scf' });
  expect(r.callee.event).toEqual({ from: 'caller' });
});

test('callFunction from a process that is not an invocation gets an empty OPENID', async () => {
  const res = await sdk().callFunction({ name: 'whoami', data: { x: 1 } });
  expect(res.result.OPENID).toBe('');
  expect(res.result.event).toEqual({ x: 1 });
  expect(typeof res.requestID).toBe('string');
});

test('a function that throws gives the SDK error shape', async () => {
  const err = await rejection(sdk().callFunction({ name: 'throws', data: {} }));
  expect(err.errCode).toBe(-1);
  expect(err.code).toBe('FUNCTIONS_EXECUTE_FAIL');
  expect(err.errMsg).toMatch(/^callFunction:fail .*boom from fixture/);
  // Its console output and the stack went to the emulator's log, prefixed.
  expect(emu.captured.lines).toContain('[fn:throws] about to throw');
  expect(emu.captured.lines.some((l) => l.startsWith('[fn:throws]') && l.includes('at exports.main'))).toBe(
    true,
  );
});

test('a function that returns nothing is an error (documented choice)', async () => {
  const err = await rejection(sdk().callFunction({ name: 'returnsNothing', data: {} }));
  expect(err.code).toBe('FUNCTIONS_EXECUTE_FAIL');
  expect(err.errMsg).toMatch(/returned undefined/);
  const direct = await rejection(emu.app.invoke('returnsNothing', {}, { OPENID: 'x' }));
  expect(direct).toBeInstanceOf(FunctionError);
});

test('a function over its config.json timeout is killed and the caller gets the error', async () => {
  const t0 = Date.now();
  const err = await rejection(sdk().callFunction({ name: 'slow', data: {} }));
  const took = Date.now() - t0;
  expect(err.code).toBe('FUNCTIONS_EXECUTE_FAIL');
  expect(err.errMsg).toMatch(/timed out after 1 seconds/);
  expect(took).toBeGreaterThanOrEqual(1000);
  expect(took).toBeLessThan(4000);
  expect(emu.app.functions.stats().slow ?? 0).toBe(0);
});

test('a function process that dies mid-invocation fails that call only; the next one gets a fresh worker', async () => {
  const err = await rejection(sdk().callFunction({ name: 'crashes', data: { exit: true } }));
  expect(err.code).toBe('FUNCTIONS_EXECUTE_FAIL');
  expect(err.errMsg).toMatch(/exited \(3\)/);
  const ok = await sdk().callFunction({ name: 'crashes', data: {} });
  expect(ok.result.alive).toBe(true);
});

test('a function that fails to load gives the error with its reason', async () => {
  const err = await rejection(sdk().callFunction({ name: 'broken', data: {} }));
  expect(err.code).toBe('FUNCTIONS_EXECUTE_FAIL');
  expect(err.errMsg).toMatch(/failed to load: Error: cannot load this module/);
  expect(emu.captured.lines.some((l) => l.startsWith('[fn:broken] failed to load'))).toBe(true);
});

test('a function that exits while loading fails the call instead of respawning forever', async () => {
  const err = await rejection(sdk().callFunction({ name: 'exitsOnLoad', data: {} }));
  expect(err.code).toBe('FUNCTIONS_EXECUTE_FAIL');
  expect(err.errMsg).toMatch(/exited \(7\) while loading/);
  expect(emu.app.functions.stats().exitsOnLoad).toBe(0);
});

test('a missing function gives a clear error', async () => {
  const err = await rejection(sdk().callFunction({ name: 'doesNotExist', data: {} }));
  expect(err.errCode).toBe(-1);
  expect(err.code).toBe('FUNCTIONS_REQUEST_FAIL');
  expect(err.errMsg).toMatch(/function not found: doesNotExist/);
  const bad = await rejection(sdk().callFunction({ name: '../whoami', data: {} }));
  expect(bad.errMsg).toMatch(/invalid function name/);
});

test('20 concurrent invocations with different OPENIDs each see only their own identity', async () => {
  // Warm the pool first so that the 20 calls really overlap even on a loaded machine.
  await Promise.all(
    Array.from({ length: 8 }, (_, i) => emu.app.invoke('whoami', { delayMs: 300 }, { OPENID: `warm-${i}` })),
  );
  const ids = Array.from({ length: 20 }, (_, i) => `o-user-${i}`);
  const results = (await Promise.all(
    ids.map((OPENID, i) =>
      emu.app.invoke('whoami', { delayMs: 150 + (i % 5) * 20, i }, { OPENID, CLIENTIP: `10.0.0.${i}` }),
    ),
  )) as {
    OPENID: string;
    CLIENTIP: string;
    sameBeforeAndAfter: boolean;
    pid: number;
    event: { i: number };
  }[];
  results.forEach((r, i) => {
    expect(r.OPENID).toBe(ids[i]);
    expect(r.CLIENTIP).toBe(`10.0.0.${i}`);
    expect(r.event.i).toBe(i);
    expect(r.sameBeforeAndAfter).toBe(true);
  });
  const pids = new Set(results.map((r) => r.pid));
  // Several warm workers ran in parallel, never more than the cap of 8.
  expect(pids.size).toBeGreaterThan(1);
  expect(pids.size).toBeLessThanOrEqual(8);
  expect(emu.app.functions.stats().whoami).toBeLessThanOrEqual(8);
});

test('nothing of the previous caller survives in a reused worker', async () => {
  await emu.app.invoke('caller', {}, { OPENID: 'o-first', UNIONID: 'u-first', CLIENTIP: '10.9.9.9' });
  const b = (await emu.app.invoke('caller', {}, { OPENID: 'o-second' })) as {
    me: Record<string, unknown>;
    callee: Record<string, unknown>;
  };
  expect(b.me).toMatchObject({ OPENID: 'o-second', UNIONID: '', CLIENTIP: '127.0.0.1' });
  expect(b.callee).toMatchObject({ OPENID: 'o-second', UNIONID: '' });
});

test('concurrent calls through callFunction chains keep identities apart', async () => {
  const ids = Array.from({ length: 10 }, (_, i) => `o-chain-${i}`);
  const results = (await Promise.all(ids.map((OPENID) => emu.app.invoke('caller', {}, { OPENID })))) as {
    me: { OPENID: string };
    callee: { OPENID: string };
  }[];
  results.forEach((r, i) => {
    expect(r.me.OPENID).toBe(ids[i]);
    expect(r.callee.OPENID).toBe(ids[i]);
  });
});

test('warm workers are reused: sequential invocations are fast', async () => {
  await emu.app.invoke('whoami', {}, { OPENID: 'warm' });
  const n = 30;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await emu.app.invoke('whoami', {}, { OPENID: `warm-${i}` });
  const avgMs = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  process.stdout.write(`warm invocation latency (direct invoke): ${avgMs.toFixed(2)} ms\n`);
  const cloud = sdk();
  // The first SDK request of a process pays for loading node-sdk's lazy modules: keep it out of the figure.
  await cloud.callFunction({ name: 'whoami', data: {} });
  const t1 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await cloud.callFunction({ name: 'whoami', data: {} });
  const sdkMs = Number(process.hrtime.bigint() - t1) / 1e6 / n;
  process.stdout.write(`warm invocation latency (SDK callFunction): ${sdkMs.toFixed(2)} ms\n`);
  expect(avgMs).toBeLessThan(50);
  expect(sdkMs).toBeLessThan(100);
});

test('invoke() without a known URL explains itself; with baseUrl it works', async () => {
  const { createApp } = await import('../src');
  const app = createApp({ dataDir: null, functionsDir: FIXTURE_FUNCTIONS, log: () => undefined });
  try {
    await expect(app.invoke('whoami', {}, { OPENID: 'x' })).rejects.toThrow(/URL is unknown/);
    const r = (await app.invoke('whoami', {}, { OPENID: 'x' }, { baseUrl: emu.url })) as { OPENID: string };
    expect(r.OPENID).toBe('x');
  } finally {
    await app.close();
  }
});

test('extra idle workers are reaped, one stays warm', async () => {
  const { start } = await import('../src');
  const e = await start({
    dataDir: null,
    functionsDir: FIXTURE_FUNCTIONS,
    workerIdleMs: 300,
    log: () => undefined,
  });
  try {
    await Promise.all([1, 2, 3].map((i) => e.app.invoke('whoami', { delayMs: 200 }, { OPENID: `r${i}` })));
    expect(e.app.functions.stats().whoami).toBe(3);
    await new Promise((r) => setTimeout(r, 800));
    expect(e.app.functions.stats().whoami).toBe(1);
    expect(await e.app.invoke('whoami', {}, { OPENID: 'after' })).toMatchObject({ OPENID: 'after' });
  } finally {
    await e.stop();
  }
});

describe('code reload', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-fns-'));
    fs.mkdirSync(path.join(dir, 'echo'));
    fs.copyFileSync(path.join(FIXTURE_FUNCTIONS, 'echo', 'index.js'), path.join(dir, 'echo', 'index.js'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('after index.js changes, the next invocation runs the new code', async () => {
    const { createApp } = await import('../src');
    const lines: string[] = [];
    const app = createApp({
      dataDir: null,
      functionsDir: dir,
      publicUrl: emu.url,
      log: (l) => void lines.push(l),
    });
    try {
      expect(await app.invoke('echo', { a: 1 }, { OPENID: 'x' })).toMatchObject({
        version: 1,
        event: { a: 1 },
        openid: 'x',
      });
      expect(lines).toContain('[fn:echo] echo called with {"a":1}');
      const file = path.join(dir, 'echo', 'index.js');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('version: 1', 'version: 2'));
      const later = new Date(Date.now() + 5000);
      fs.utimesSync(file, later, later);
      expect(await app.invoke('echo', {}, { OPENID: 'x' })).toMatchObject({ version: 2 });
    } finally {
      await app.close();
    }
  });
});
