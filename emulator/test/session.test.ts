/**
 * Dev sessions end (issue 8): the `sgz_dev` cookie carries a signed expiry (12 h) and `POST /__dev/logout`
 * revokes it on the server, so a cookie copied before logout is worth nothing afterwards. The clock is injected.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SESSION_TTL_MS, SessionSigner, loadSessionSecret } from '../src/gateway/session';
import { request, startEmulator, type RawResponse } from './helpers';

const devUsers = [
  { openid: 'demo-worker-1', label: '社工 李明', role: 'worker', stationId: 'st-01' },
  { openid: 'demo-district-admin', label: '区级管理员', role: 'admin' },
];

/** A fixed start time (2026-01-01T00:00:00Z); tests move it by hand. */
const T0 = Date.UTC(2026, 0, 1);
let clock = T0;
let dataDir: string;
let emu: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-session-'));
  emu = await startEmulator({ dataDir, devUsers, now: () => clock });
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  clock = T0;
});

function sessionCookie(res: RawResponse): string {
  const found = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith('sgz_dev='));
  if (!found) throw new Error(`no sgz_dev cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  return found.split(';')[0];
}

async function login(openid: string): Promise<string> {
  const res = await request(emu.url, {
    method: 'POST',
    path: '/__dev/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `openid=${encodeURIComponent(openid)}`,
  });
  expect(res.status).toBe(303);
  return sessionCookie(res);
}

async function whoIs(cookie: string): Promise<string | null> {
  const res = await request(emu.url, { path: '/__dev/session', headers: { cookie } });
  return (res.json() as { openid: string | null }).openid;
}

async function gatewayOpenid(cookie: string): Promise<string> {
  const res = await request(emu.url, {
    method: 'POST',
    path: '/functions/whoami',
    headers: { 'content-type': 'application/json', cookie },
    body: '{}',
  });
  expect(res.status).toBe(200);
  return (res.json() as { OPENID: string }).OPENID;
}

test('a cookie replayed after logout is anonymous, not the logged-in user', async () => {
  const cookie = await login('demo-district-admin');
  expect(await whoIs(cookie)).toBe('demo-district-admin');
  expect(await gatewayOpenid(cookie)).toBe('demo-district-admin');

  const out = await request(emu.url, { method: 'POST', path: '/__dev/logout', headers: { cookie } });
  expect(out.status).toBe(303);
  expect(out.headers['set-cookie']?.[0]).toMatch(/^sgz_dev=;.*Max-Age=0/);

  // The browser forgot the cookie; someone who copied it replays it.
  expect(await whoIs(cookie)).toBeNull();
  const replayed = await gatewayOpenid(cookie);
  expect(replayed).not.toBe('demo-district-admin');
  expect(replayed).toMatch(/^dev-anon-/);
  // Logging in again gives a fresh session that works; the old cookie stays dead.
  const again = await login('demo-district-admin');
  expect(await whoIs(again)).toBe('demo-district-admin');
  expect(await whoIs(cookie)).toBeNull();
});

test('a session lasts 12 hours, then the cookie is refused', async () => {
  expect(SESSION_TTL_MS).toBe(12 * 60 * 60 * 1000);
  const cookie = await login('demo-worker-1');
  clock = T0 + SESSION_TTL_MS - 1;
  expect(await whoIs(cookie)).toBe('demo-worker-1');
  clock = T0 + SESSION_TTL_MS;
  expect(await whoIs(cookie)).toBeNull();
  expect(await gatewayOpenid(cookie)).toMatch(/^dev-anon-/);
});

test('a correctly signed cookie whose expiry is in the past is refused; the Set-Cookie Max-Age matches', async () => {
  // Signed with the emulator's own secret (same data dir) by a signer whose clock is a day behind.
  const secret = loadSessionSecret(dataDir);
  const stale = new SessionSigner(secret, { now: () => T0 - 24 * 60 * 60 * 1000 });
  const value = stale.sign('demo-district-admin');
  expect(await whoIs(`sgz_dev=${value}`)).toBeNull();
  // The same signer with the emulator's clock is accepted (the secret is right; only the expiry differs).
  const fresh = new SessionSigner(secret, { now: () => clock });
  expect(await whoIs(`sgz_dev=${fresh.sign('demo-district-admin')}`)).toBe('demo-district-admin');
  expect(fresh.cookie('demo-worker-1')).toMatch(/Max-Age=43200(;|$)/);
});

test('SessionSigner: expiry, revocation, tampering, cookies without an expiry', () => {
  let now = T0;
  const s = new SessionSigner(Buffer.alloc(32, 7), { now: () => now });
  const v = s.sign('demo-worker-1');
  expect(s.verify(v)).toBe('demo-worker-1');
  now = T0 + SESSION_TTL_MS;
  expect(s.verify(v)).toBeNull();
  now = T0;
  // Tampered expiry: the MAC no longer matches.
  const [payload, mac] = v.split('.');
  const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...body, exp: T0 + 10 * SESSION_TTL_MS })).toString(
    'base64url',
  );
  expect(s.verify(`${forged}.${mac}`)).toBeNull();
  // A cookie of the old format (signed, but no expiry) no longer counts.
  const old = Buffer.from(JSON.stringify({ openid: 'demo-worker-1', iat: T0 })).toString('base64url');
  const oldMac = crypto.createHmac('sha256', Buffer.alloc(32, 7)).update(old).digest('base64url');
  expect(s.verify(`${old}.${oldMac}`)).toBeNull();
  // Revocation kills one session, not the others of the same user.
  const other = s.sign('demo-worker-1');
  s.revoke(v);
  expect(s.verify(v)).toBeNull();
  expect(s.verify(other)).toBe('demo-worker-1');
});
