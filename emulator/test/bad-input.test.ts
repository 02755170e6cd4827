/** Bad input never hurts the emulator: SDK-shaped errors, nothing written, still serving. */
import http from 'node:http';
import { encodeRequestData } from '../src/openapi/proto';
import { rejection, request, sdk, startEmulator } from './helpers';

let emu: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.stop();
});

function post(body: string | Buffer, contentType = 'application/json') {
  return request(emu.url, {
    method: 'POST',
    path: '/admin?env=local-sgz-emulator&seqId=1',
    headers: { 'content-type': contentType },
    body,
  });
}

async function stillServing(): Promise<void> {
  const db = sdk().database();
  await db.collection('alive').add({ data: { t: Date.now() } });
  expect((await db.collection('alive').count()).total).toBeGreaterThan(0);
}

test('malformed JSON → HTTP 200 with an SDK error', async () => {
  const res = await post('{"action": "database.getDocument", ');
  expect(res.status).toBe(200);
  const body = res.json() as Record<string, unknown>;
  expect(body.code).toBe('INVALID_PARAM');
  expect(String(body.message)).toMatch(/malformed JSON/);
  expect(typeof body.requestId).toBe('string');
  expect((await post('[1,2]')).json()).toMatchObject({ code: 'INVALID_PARAM' });
  expect((await post('{"no":"action"}')).json()).toMatchObject({
    code: 'INVALID_PARAM',
    message: 'missing action',
  });
  await stillServing();
});

test('unknown action → INVALID_PARAM naming it', async () => {
  const res = await post(JSON.stringify({ action: 'database.dropEverything' }));
  // database.* goes to the database module, which answers its own error
  expect((res.json() as { code?: string }).code).toBeTruthy();
  const other = await post(JSON.stringify({ action: 'ai.generateText' }));
  expect(other.json()).toMatchObject({
    code: 'INVALID_PARAM',
    message: expect.stringContaining('unknown action ai.generateText'),
  });
  const get = await request(emu.url, { path: '/admin' });
  expect(get.json()).toMatchObject({ code: 'INVALID_PARAM' });
});

test('a huge body is refused with the SDK shape, and nothing is written', async () => {
  const big = 'x'.repeat(11 * 1024 * 1024);
  const res = await post(
    JSON.stringify({
      action: 'database.insertDocument',
      collectionName: 'huge',
      data: [JSON.stringify({ big })],
    }),
  );
  expect(res.status).toBe(200);
  expect(res.json()).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('too large') });
  // Through the SDK too: the database error path maps INVALID_PARAM to -501007.
  const err = await rejection(sdk().database().collection('huge').add({ data: { big } }));
  expect(err.errCode).toBe(-501007);
  expect(String(err.errMsg)).toMatch(/too large/);
  expect((await sdk().database().collection('huge').count()).total).toBe(0);
  await stillServing();
});

test('an unknown function → SDK error, still serving', async () => {
  const err = await rejection(sdk().callFunction({ name: 'ghost', data: {} }));
  expect(err.code).toBe('FUNCTIONS_REQUEST_FAIL');
  const bad = await post(
    JSON.stringify({ action: 'functions.invokeFunction', function_name: 'whoami', request_data: '{oops' }),
  );
  expect(bad.json()).toMatchObject({ code: 'INVALID_PARAM', message: 'request_data is not valid JSON' });
  await stillServing();
});

test('broken multipart and broken protobuf for wx.openApi → SDK-shaped errors', async () => {
  const noBoundary = await post('garbage', 'multipart/form-data');
  expect(noBoundary.json()).toMatchObject({ code: 'INVALID_PARAM' });
  const boundary = 'XyZ';
  const part = (name: string, value: Buffer | string) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
      Buffer.from(value),
      Buffer.from('\r\n'),
    ]);
  const body = (data: Buffer) =>
    Buffer.concat([
      part('action', 'wx.openApi'),
      part('apiName', 'security.msgSecCheck'),
      part('requestData', data),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
  const broken = await post(
    body(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])),
    `multipart/form-data; boundary=${boundary}`,
  );
  expect(broken.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(broken.json()).toMatchObject({ code: 'INVALID_PARAM' });
  // A well-formed request (binary bytes included) decodes: the answer is raw protobuf, not JSON.
  const ok = await post(
    body(encodeRequestData({ content: '你好' })),
    `multipart/form-data; boundary=${boundary}`,
  );
  expect(ok.headers['content-type']).not.toBe('application/json; charset=utf-8');
  expect(ok.text).toContain('"errcode":0');
  await stillServing();
});

test('an aborted upload or request does not take the server down', async () => {
  await new Promise<void>((resolve) => {
    const u = new URL(emu.url);
    const req = http.request({
      host: u.hostname,
      port: u.port,
      method: 'POST',
      path: '/admin',
      headers: { 'content-type': 'application/json', 'content-length': 1000 },
    });
    req.on('error', () => resolve());
    req.write('{"action":');
    setTimeout(() => {
      req.destroy();
      resolve();
    }, 50);
  });
  await stillServing();
});
