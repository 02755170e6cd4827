/** Admin API, loopback-only refusals and start()'s host check. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, start } from '../src';
import { request, sdk, startEmulator } from './helpers';

let emu: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.stop();
});

test('collections, export, import and reset over /__admin', async () => {
  const db = sdk().database();
  await db.collection('people').add({
    data: [
      { _id: 'p1', name: '张三' },
      { _id: 'p2', name: '李四' },
    ],
  });
  const list = await request(emu.url, { path: '/__admin/collections' });
  expect((list.json() as { collections: { name: string; count: number }[] }).collections).toContainEqual({
    name: 'people',
    count: 2,
  });

  const exp = await request(emu.url, { path: '/__admin/collections/people/export' });
  expect(exp.status).toBe(200);
  const lines = exp.text.trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(exp.text).toContain('张三');

  const imp = await request(emu.url, {
    method: 'POST',
    path: '/__admin/collections/copy/import',
    body: exp.text,
  });
  expect(imp.status).toBe(200);
  expect(imp.json()).toEqual({ imported: 2 });
  expect((await db.collection('copy').doc('p2').get()).data.name).toBe('李四');

  const reset = await request(emu.url, { method: 'POST', path: '/__admin/reset' });
  expect(reset.status).toBe(200);
  expect((await db.collection('people').count()).total).toBe(0);
});

test('a web page cannot reach it: foreign Host (DNS rebinding) and cross-origin writes are refused', async () => {
  const rebound = await request(emu.url, {
    path: '/__admin/collections',
    headers: { host: 'evil.example:8080' },
  });
  expect(rebound.status).toBe(403);
  const sdkRebound = await request(emu.url, {
    method: 'POST',
    path: '/admin',
    headers: { host: 'evil.example', 'content-type': 'application/json' },
    body: '{"action":"database.getDocument"}',
  });
  expect(sdkRebound.json()).toMatchObject({ code: 'INVALID_REQUEST_SOURCE' });
  const db = sdk().database();
  await db.collection('csrf').add({ data: { keep: true } });
  for (const origin of ['http://evil.example', 'null']) {
    const csrf = await request(emu.url, { method: 'POST', path: '/__admin/reset', headers: { origin } });
    expect(csrf.status).toBe(403);
    const sdkCsrf = await request(emu.url, {
      method: 'POST',
      path: '/admin',
      headers: { origin, 'content-type': 'text/plain' },
      body: JSON.stringify({
        action: 'database.removeDocument',
        collectionName: 'csrf',
        queryType: 'WHERE',
        query: '{}',
        multi: true,
      }),
    });
    expect(sdkCsrf.json()).toMatchObject({ code: 'INVALID_REQUEST_SOURCE' });
  }
  expect((await db.collection('csrf').count()).total).toBe(1);
  // The same origin (the H5 app served by the emulator) may post.
  const same = await request(emu.url, {
    method: 'POST',
    path: '/__admin/reset',
    headers: { origin: emu.url },
  });
  expect(same.status).toBe(200);
  expect((await db.collection('csrf').count()).total).toBe(0);
});

test('unknown admin route is a 404', async () => {
  expect((await request(emu.url, { path: '/__admin/nope' })).status).toBe(404);
});

describe('requests from another machine', () => {
  let server: http.Server;
  let url: string;
  const app = createApp({ dataDir: null, log: () => undefined });
  beforeAll(async () => {
    // Pretend every peer is a LAN address, without needing a second machine.
    server = http.createServer((req, res) => {
      Object.defineProperty(req.socket, 'remoteAddress', { value: '192.168.1.23', configurable: true });
      app.handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  test('admin routes are refused', async () => {
    for (const [method, p] of [
      ['POST', '/__admin/reset'],
      ['GET', '/__admin/collections'],
      ['GET', '/__admin/outbox'],
      ['GET', '/__admin/collections/x/export'],
    ]) {
      const res = await request(url, { method, path: p });
      expect(res.status).toBe(403);
    }
  });

  test('the SDK endpoint and uploads are refused, with the SDK error shape', async () => {
    const res = await request(url, {
      method: 'POST',
      path: '/admin',
      headers: { 'content-type': 'application/json' },
      body: '{"action":"database.getDocument"}',
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ code: 'INVALID_REQUEST_SOURCE' });
    expect((await request(url, { method: 'PUT', path: '/storage/a.txt', body: 'x' })).status).toBe(403);
  });
});

test('start() refuses a non-loopback host unless allowRemote', async () => {
  await expect(start({ dataDir: null, host: '0.0.0.0', port: 0 })).rejects.toThrow(
    /refusing to listen on 0\.0\.0\.0/,
  );
  const remote = await start({
    dataDir: null,
    host: '0.0.0.0',
    port: 0,
    allowRemote: true,
    log: () => undefined,
  });
  try {
    // Functions still reach it through loopback.
    expect(JSON.parse(remote.sdkEnv.TCB_CONTEXT_CNFG).URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin$/);
    expect(remote.sdkEnv).toMatchObject({ TCB_ENV: 'local-sgz-emulator', TENCENTCLOUD: 'true' });
  } finally {
    await remote.stop();
  }
});
