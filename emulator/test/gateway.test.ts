/** H5 gateway and dev login: identity from the signed cookie only, anonymous residents, static files. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request, startEmulator, type RawResponse } from './helpers';

let emu: Awaited<ReturnType<typeof startEmulator>>;
let dataDir: string;
let staticDir: string;

const devUsers = [
  { openid: 'demo-resident-1', label: '居民 王阿姨', role: 'resident' },
  { openid: 'demo-worker-1', label: '社工 李明', role: 'worker', stationId: 'st-01' },
  { openid: 'demo-admin', label: '管理员', role: 'admin' },
];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-gw-'));
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>H5</title>');
  fs.mkdirSync(path.join(staticDir, 'js'));
  fs.writeFileSync(path.join(staticDir, 'js', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(staticDir, 'style.css'), 'body{}');
  emu = await startEmulator({ dataDir, staticDir, devUsers });
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(staticDir, { recursive: true, force: true });
});

/** The `sgz_dev=…` pair from a Set-Cookie header. */
function sessionCookie(res: RawResponse): string {
  const set = res.headers['set-cookie'];
  const found = (set ?? []).find((c) => c.startsWith('sgz_dev='));
  if (!found) throw new Error(`no sgz_dev cookie in ${JSON.stringify(set)}`);
  return found.split(';')[0];
}

function callFn(name: string, event: unknown, cookie?: string): Promise<RawResponse> {
  return request(emu.url, {
    method: 'POST',
    path: `/functions/${name}`,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(event),
  });
}

async function login(openid: string, form = true): Promise<RawResponse> {
  return request(emu.url, {
    method: 'POST',
    path: '/__dev/login',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? `openid=${encodeURIComponent(openid)}` : JSON.stringify({ openid }),
  });
}

test('the login page lists dev users by role and is clearly marked emulator-only', async () => {
  const res = await request(emu.url, { path: '/__dev/login' });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(res.text).toContain('本地开发登录 — 仅模拟器');
  for (const u of devUsers) {
    expect(res.text).toContain(u.label);
    expect(res.text).toContain(`value="${u.openid}"`);
  }
  const roles = ['resident', 'worker', 'admin'].map((r) => res.text.indexOf(`<h2>${r}</h2>`));
  expect(roles.every((i) => i > 0)).toBe(true);
  expect(res.text).toMatch(/<form method="post" action="\/__dev\/login">/);
});

test('login sets the signed cookie; the function sees that OPENID and never the one in the body', async () => {
  const res = await login('demo-worker-1');
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/');
  const cookie = sessionCookie(res);
  expect(res.headers['set-cookie']?.[0]).toMatch(/HttpOnly/);

  const call = await callFn('echo', { action: 'x', openid: 'demo-admin', OPENID: 'demo-admin' }, cookie);
  expect(call.status).toBe(200);
  const body = call.json() as { openid: string; clientIp: string; event: Record<string, unknown> };
  expect(body.openid).toBe('demo-worker-1');
  expect(body.clientIp).toBe('127.0.0.1');
  expect(body.event.openid).toBe('demo-admin'); // still just data
  // As wx.cloud.callFunction does, the event carries userInfo, overwritten by the gateway.
  const spoof = await callFn('echo', { userInfo: { openId: 'demo-admin' } }, cookie);
  expect((spoof.json() as { event: { userInfo: unknown } }).event.userInfo).toEqual({
    appId: 'wxlocalemulator0',
    openId: 'demo-worker-1',
  });

  const session = await request(emu.url, { path: '/__dev/session', headers: { cookie } });
  expect(session.json()).toEqual({ openid: 'demo-worker-1', label: '社工 李明', role: 'worker' });

  const jsonLogin = await login('demo-admin', false);
  expect(jsonLogin.status).toBe(303);
  const who = await callFn('echo', {}, sessionCookie(jsonLogin));
  expect((who.json() as { openid: string }).openid).toBe('demo-admin');
});

test('without a cookie the gateway hands out an anonymous resident identity, kept by the cookie', async () => {
  const first = await callFn('echo', { openid: 'demo-admin' });
  expect(first.status).toBe(200);
  const anon = (first.json() as { openid: string }).openid;
  expect(anon).toMatch(/^dev-anon-[A-Za-z0-9_-]+$/);
  const cookie = sessionCookie(first);
  const second = await callFn('echo', {}, cookie);
  expect((second.json() as { openid: string }).openid).toBe(anon);
  expect(second.headers['set-cookie']).toBeUndefined();
  const session = await request(emu.url, { path: '/__dev/session', headers: { cookie } });
  expect(session.json()).toMatchObject({ openid: anon, role: 'resident' });
});

test('a forged or tampered cookie is not believed', async () => {
  const good = sessionCookie(await login('demo-resident-1'));
  const [name, value] = good.split('=');
  const payload = Buffer.from(JSON.stringify({ openid: 'demo-admin', iat: Date.now() })).toString(
    'base64url',
  );
  const forged = `${name}=${payload}.${value.split('.')[1]}`;
  const res = await callFn('echo', {}, forged);
  const openid = (res.json() as { openid: string }).openid;
  expect(openid).not.toBe('demo-admin');
  expect(openid).toMatch(/^dev-anon-/);
});

test('login refuses users that are not listed; anonymous ids are allowed', async () => {
  const bad = await login('someone-else');
  expect(bad.status).toBe(400);
  expect(bad.headers['set-cookie']).toBeUndefined();
  const anon = await login('dev-anon-abc123');
  expect(anon.status).toBe(303);
});

test('logout clears the session', async () => {
  const res = await request(emu.url, { method: 'POST', path: '/__dev/logout' });
  expect(res.status).toBe(303);
  expect(res.headers['set-cookie']?.[0]).toMatch(/^sgz_dev=;.*Max-Age=0/);
  const session = await request(emu.url, { path: '/__dev/session' });
  expect(session.json()).toEqual({ openid: null, label: null, role: null });
});

test('the session secret lives in the data dir, so sessions survive a restart', () => {
  expect(fs.readFileSync(path.join(dataDir, 'session-secret'), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
});

test('a failing function answers 502 with the internal Result and logs the detail', async () => {
  for (const name of ['throws', 'returnsNothing', 'noSuchFunction']) {
    const res = await callFn(name, {});
    expect(res.status).toBe(502);
    expect(res.json()).toEqual({
      ok: false,
      error: { code: 'internal', message: '云函数执行失败，请稍后再试' },
    });
    expect(res.text).not.toMatch(/boom|stack|at /);
  }
  expect(
    emu.captured.lines.some(
      (l) => l.includes('[gateway] POST /functions/throws failed') && l.includes('boom from fixture'),
    ),
  ).toBe(true);
});

test('a non-JSON post (what a cross-site form can send) is refused', async () => {
  const res = await request(emu.url, {
    method: 'POST',
    path: '/functions/echo',
    headers: { 'content-type': 'text/plain' },
    body: '{"a":1}',
  });
  expect(res.status).toBe(415);
  expect(res.json()).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
});

test('malformed JSON on the gateway is a 400, and it keeps serving', async () => {
  const res = await request(emu.url, {
    method: 'POST',
    path: '/functions/echo',
    headers: { 'content-type': 'application/json' },
    body: '{"a":',
  });
  expect(res.status).toBe(400);
  expect((await callFn('echo', { ok: 1 })).status).toBe(200);
});

test('static files: content types, index.html fallback for app routes, 404 for missing assets, no traversal', async () => {
  const root = await request(emu.url, { path: '/' });
  expect(root.status).toBe(200);
  expect(root.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(root.text).toContain('<title>H5</title>');
  const js = await request(emu.url, { path: '/js/app.js' });
  expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  const css = await request(emu.url, { path: '/style.css' });
  expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  const route = await request(emu.url, { path: '/pages/index/index' });
  expect(route.text).toContain('<title>H5</title>');
  expect((await request(emu.url, { path: '/missing.js' })).status).toBe(404);
  fs.writeFileSync(path.join(path.dirname(staticDir), 'emu-outside.txt'), 'outside');
  for (const p of [
    '/../emu-outside.txt',
    '/%2e%2e/emu-outside.txt',
    '/js/..%2f..%2femu-outside.txt',
    '/..%5cemu-outside.txt',
  ]) {
    const res = await request(emu.url, { path: p });
    expect(res.text).not.toContain('outside');
  }
  fs.rmSync(path.join(path.dirname(staticDir), 'emu-outside.txt'));
});
