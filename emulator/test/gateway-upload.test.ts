/** H5 browser upload `PUT /upload/<cloudPath>`: the outbox's photos, signed-in sessions only, under `outbox/`. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_UPLOAD_BODY } from '../src/http/util';
import { request, startEmulator, type RawResponse } from './helpers';

let emu: Awaited<ReturnType<typeof startEmulator>>;
let dataDir: string;
let cookie: string;

const devUsers = [{ openid: 'demo-worker-1', label: '社工 李明', role: 'worker', stationId: 'st-01' }];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-upload-'));
  emu = await startEmulator({ dataDir, devUsers });
  const login = await request(emu.url, {
    method: 'POST',
    path: '/__dev/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'openid=demo-worker-1',
  });
  const set = (login.headers['set-cookie'] ?? []).find((c) => c.startsWith('sgz_dev='));
  if (!set) throw new Error('login gave no cookie');
  cookie = set.split(';')[0];
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function put(
  rawPath: string,
  body: string | Buffer,
  headers: Record<string, string | number> = { cookie },
): Promise<RawResponse> {
  return request(emu.url, {
    method: 'PUT',
    path: `/upload/${rawPath}`,
    headers: { 'content-type': 'image/jpeg', ...headers },
    body,
  });
}

const encode = (p: string): string => p.split('/').map(encodeURIComponent).join('/');

test('an upload answers the fileID and the bytes are then served at /storage/<path>', async () => {
  const cloudPath = 'outbox/visit/vs-abc 1/0.jpg';
  const res = await put(encode(cloudPath), Buffer.from('JPEG-1'));
  expect(res.status).toBe(200);
  expect(res.json()).toEqual({
    ok: true,
    data: { fileID: `cloud://${emu.app.storage.envId}.${emu.app.storage.bucket}/${cloudPath}` },
  });
  const got = await request(emu.url, { path: `/storage/${encode(cloudPath)}` });
  expect(got.status).toBe(200);
  expect(got.text).toBe('JPEG-1');
  // On disk, so it survives a restart like the rest of the data dir.
  expect(fs.readFileSync(path.join(dataDir, 'storage', cloudPath), 'utf8')).toBe('JPEG-1');
});

test('the same path again overwrites (a retry of the outbox), with the same fileID', async () => {
  const first = await put('outbox/visit/vs-2/1.jpg', 'first try');
  const second = await put('outbox/visit/vs-2/1.jpg', 'second try, longer');
  expect(second.status).toBe(200);
  expect(second.json()).toEqual(first.json());
  const got = await request(emu.url, { path: '/storage/outbox/visit/vs-2/1.jpg' });
  expect(got.text).toBe('second try, longer');
});

test('no session cookie (or a forged one): 401 unauthenticated, nothing written, no anonymous cookie', async () => {
  const variants: Record<string, string>[] = [{}, { cookie: 'sgz_dev=eyJvcGVuaWQiOiJ4In0.forged' }];
  for (const headers of variants) {
    const res = await put('outbox/visit/vs-3/0.jpg', 'x', headers);
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((res.json() as { error: { message: string } }).error.message).toContain('请先登录');
    expect(res.headers['set-cookie']).toBeUndefined();
  }
  expect(emu.app.storage.read('outbox/visit/vs-3/0.jpg')).toBeNull();
});

test.each([
  ['outside outbox/', 'photos/x.jpg'],
  ['the outbox folder itself', 'outbox'],
  ['a prefix look-alike', 'outboxes/x.jpg'],
  ['a raw .. segment', 'outbox/../secret.jpg'],
  ['a raw .. that climbs back in', 'outbox/../outbox/x.jpg'],
  ['an encoded .. segment', 'outbox/%2e%2e/x.jpg'],
  ['an encoded slash hiding ..', 'outbox%2F..%2Fsecret.jpg'],
  ['an empty segment', 'outbox//x.jpg'],
  ['a backslash', 'outbox/a%5C..%5Cx.jpg'],
  ['a NUL', 'outbox/a%00.jpg'],
  ['bad percent-encoding', 'outbox/%E0%A4%A.jpg'],
  ['nothing', ''],
])('a path %s is refused with 403 permission-denied', async (_what, rawPath) => {
  const res = await put(rawPath, 'x');
  expect(res.status).toBe(403);
  expect(res.json()).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
  expect(fs.existsSync(path.join(dataDir, 'storage', 'secret.jpg'))).toBe(false);
  expect(fs.existsSync(path.join(dataDir, 'secret.jpg'))).toBe(false);
  expect(fs.existsSync(path.join(dataDir, 'storage', 'photos'))).toBe(false);
});

test('a body over the upload limit is 413 and nothing is written', async () => {
  const res = await put('outbox/visit/vs-big/0.jpg', Buffer.alloc(MAX_UPLOAD_BODY + 1));
  expect(res.status).toBe(413);
  expect(res.json()).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  expect((res.json() as { error: { message: string } }).error.message).toContain('文件过大');
  expect(emu.app.storage.read('outbox/visit/vs-big/0.jpg')).toBeNull();
});

test('only PUT: another method is 405 with Allow: PUT', async () => {
  const res = await request(emu.url, {
    method: 'POST',
    path: '/upload/outbox/visit/vs-4/0.jpg',
    body: 'x',
    headers: { cookie },
  });
  expect(res.status).toBe(405);
  expect(res.headers.allow).toBe('PUT');
  const get = await request(emu.url, { path: '/upload/outbox/visit/vs-2/1.jpg', headers: { cookie } });
  expect(get.status).toBe(405);
});

test('a cross-origin PUT (a foreign page riding the cookie) or a rebinding Host is refused before routing', async () => {
  const port = new URL(emu.url).port;
  const foreign = await put('outbox/visit/vs-5/0.jpg', 'evil', { cookie, origin: 'http://evil.example' });
  expect(foreign.status).toBe(403);
  const otherPort = await put('outbox/visit/vs-5/0.jpg', 'evil', { cookie, origin: 'http://localhost:1' });
  expect(otherPort.status).toBe(403);
  const rebound = await put('outbox/visit/vs-5/0.jpg', 'evil', {
    cookie,
    host: `127.0.0.1.rebind.evil.example:${port}`,
    origin: `http://127.0.0.1.rebind.evil.example:${port}`,
  });
  expect(rebound.status).toBe(403);
  expect(emu.app.storage.read('outbox/visit/vs-5/0.jpg')).toBeNull();
  // The page's own origin is fine.
  const same = await put('outbox/visit/vs-5/0.jpg', 'ok', {
    cookie,
    host: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
  });
  expect(same.status).toBe(200);
});
