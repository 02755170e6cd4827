/**
 * Deeply nested JSON (issue 8): a ~200 KB body nested 100 000 deep used to make the hand-off to the function
 * worker throw "Maximum call stack size exceeded"; the call then waited out the function's timeout and held a
 * worker, so ordinary calls queued behind it. Bodies nested deeper than MAX_JSON_DEPTH are refused at once.
 */
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../src/json-depth';
import { rejection, request, sdk, startEmulator, type RawResponse } from './helpers';

let emu: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.stop();
});

const N = 100_000;
const deepArray = (n: number): string => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number): string => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
/** The patient fixture's timeout (config.json): a call stuck behind a held worker would wait this long. */
const PATIENT_TIMEOUT_MS = 20_000;

function gateway(name: string, body: string): Promise<RawResponse> {
  return request(emu.url, {
    method: 'POST',
    path: `/functions/${name}`,
    headers: { 'content-type': 'application/json' },
    body,
  });
}

function admin(body: string): Promise<RawResponse> {
  return request(emu.url, {
    method: 'POST',
    path: '/admin?env=local-sgz-emulator&seqId=1',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

test('ten deep gateway calls are refused at once and an ordinary call behind them answers promptly', async () => {
  // Warm one worker so the timing below is not a cold start.
  expect((await gateway('patient', '{"warm":1}')).status).toBe(200);
  const bodies = Array.from({ length: 10 }, (_, i) => (i % 2 ? deepObject(N) : deepArray(N)));
  expect(bodies[0].length).toBe(2 * N);
  const deep = bodies.map((b) => gateway('patient', b));
  const t0 = performance.now();
  const ordinary = gateway('patient', '{"hello":"世界"}').then((r) => ({ r, ms: performance.now() - t0 }));
  const [refused, done] = await Promise.all([Promise.all(deep), ordinary]);
  for (const r of refused) {
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/嵌套/) },
    });
  }
  expect(done.r.status).toBe(200);
  expect(done.r.json()).toEqual({ ok: true, keys: ['hello', 'userInfo'] });
  // Not a tight timing: only that it did not wait for a stuck worker's timeout.
  expect(done.ms).toBeLessThan(PATIENT_TIMEOUT_MS / 2);
});

test('deep bodies on /admin get the SDK error shape: envelope, request_data, database EJSON', async () => {
  const outer = await admin(
    `{"action":"functions.invokeFunction","function_name":"patient","request_data":${deepObject(N)}}`,
  );
  const inner = await admin(
    JSON.stringify({
      action: 'functions.invokeFunction',
      function_name: 'patient',
      request_data: deepArray(N),
    }),
  );
  const ejson = await admin(
    JSON.stringify({ action: 'database.insertDocument', collectionName: 'deep', data: [deepObject(N)] }),
  );
  const query = await admin(
    JSON.stringify({
      action: 'database.getDocument',
      collectionName: 'deep',
      queryType: 'WHERE',
      query: deepObject(N),
    }),
  );
  for (const r of [outer, inner, ejson, query]) {
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      code: 'INVALID_PARAM',
      message: expect.stringMatching(/nested deeper than 64/),
      requestId: expect.any(String),
    });
  }
  // Through the SDK (the SDK itself can stringify this much): database errCode -501007, nothing written.
  let data: unknown = 1;
  for (let i = 0; i < 100; i++) data = { a: data };
  const err = await rejection(sdk().database().collection('deep').add({ data: { data } }));
  expect(err.errCode).toBe(-501007);
  expect(String(err.errMsg)).toMatch(/nested deeper than 64/);
  const fnErr = await rejection(sdk().callFunction({ name: 'patient', data: { data } }));
  expect(fnErr.code).toBe('INVALID_PARAM');
  expect((await sdk().database().collection('deep').count()).total).toBe(0);
  // An update path through 100 levels would build the same nesting from a short body.
  await sdk()
    .database()
    .collection('deep')
    .add({ data: { _id: 'd1', n: 1 } });
  const pathErr = await rejection(
    sdk()
      .database()
      .collection('deep')
      .doc('d1')
      .update({ data: { [Array(100).fill('a').join('.')]: 1 } }),
  );
  expect(pathErr.errCode).toBe(-501007);
  // Still serving, and data at the limit is fine.
  let ok: unknown = 1;
  for (let i = 0; i < 40; i++) ok = { a: ok };
  await sdk()
    .database()
    .collection('deep')
    .add({ data: { _id: 'ok', ok } });
  expect((await sdk().database().collection('deep').doc('ok').get()).data.ok).toEqual(ok);
});

test('an event the worker hand-off cannot serialise fails at once instead of waiting for the timeout', async () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const t0 = performance.now();
  await expect(emu.app.invoke('patient', cyclic)).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' });
  expect(performance.now() - t0).toBeLessThan(PATIENT_TIMEOUT_MS / 2);
  expect(await emu.app.invoke('patient', { b: 2 })).toEqual({ ok: true, keys: ['b'] });
});

test('the depth scanner: strings, escapes, limits', () => {
  expect(MAX_JSON_DEPTH).toBe(64);
  expect(jsonDepthExceeds(deepArray(64), 64)).toBe(false);
  expect(jsonDepthExceeds(deepArray(65), 64)).toBe(true);
  expect(jsonDepthExceeds(deepObject(65), 64)).toBe(true);
  expect(jsonDepthExceeds(deepArray(N), 64)).toBe(true);
  // Brackets inside strings do not count, escaped quotes do not end a string.
  expect(jsonDepthExceeds(JSON.stringify({ s: '['.repeat(1000) }), 64)).toBe(false);
  expect(jsonDepthExceeds(JSON.stringify({ s: '\\"' + '{'.repeat(1000) }), 64)).toBe(false);
  expect(jsonDepthExceeds(JSON.stringify({ s: '\\' }) + deepArray(65), 64)).toBe(true);
  expect(jsonDepthExceeds(JSON.stringify(['"[[[', { k: '\\\\"{{' }]), 2)).toBe(false);
  expect(jsonDepthExceeds('', 64)).toBe(false);
});
