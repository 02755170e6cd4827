/**
 * DNS rebinding (issue 8): a page on `127.0.0.1.rebind.evil.example` resolves to 127.0.0.1 and then talks to the
 * emulator from the developer's own browser, with its own name in `Host` and `Origin`. Only `localhost`,
 * `[::1]` and dotted-quad 127.0.0.0/8 addresses (with or without a port) count as loopback names.
 */
import { isLoopbackHostHeader, isLoopbackHost } from '../src/http/util';
import { request, sdk, startEmulator, type RawResponse } from './helpers';

let emu: Awaited<ReturnType<typeof startEmulator>>;
let port: string;

const devUsers = [
  { openid: 'demo-resident-1', label: '居民 王阿姨', role: 'resident' },
  { openid: 'demo-district-admin', label: '区级管理员', role: 'admin' },
];

beforeAll(async () => {
  emu = await startEmulator({ devUsers });
  port = new URL(emu.url).port;
});
afterAll(async () => {
  await emu.stop();
});

beforeEach(async () => {
  emu.app.reset();
  await sdk()
    .database()
    .collection('users')
    .add({ data: { _id: 'u1', openid: 'o-secret-openid', name: '张三' } });
});

/** Hosts a browser page could put in `Host` (its own name) that must not count as loopback. */
const TRICKY = [
  '127.0.0.1.rebind.evil.example',
  '127.0.0.1.nip.io',
  'localhost.evil.com',
  '127.1',
  '0x7f.0.0.1',
  '[::1].evil.example',
  '127.0.0.1.',
  '127.0.0.256',
  '127.0.0.1.2',
];

function withPort(h: string): string {
  return `${h}:${port}`;
}

/** test.each runs before beforeAll knows the port: the port is filled in inside the test. */
function withPortLater(h: string): string {
  return `${h}:{port}`;
}

/** The four routes a rebinding page went for, with `Host` (and the matching `Origin` on writes) set to `host`. */
async function attack(host: string): Promise<Record<string, RawResponse>> {
  const origin = `http://${host}`;
  return {
    export: await request(emu.url, { path: '/__admin/collections/users/export', headers: { host } }),
    reset: await request(emu.url, {
      method: 'POST',
      path: '/__admin/reset',
      headers: { host, origin },
    }),
    login: await request(emu.url, {
      method: 'POST',
      path: '/__dev/login',
      headers: { host, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'openid=demo-district-admin',
    }),
    fn: await request(emu.url, {
      method: 'POST',
      path: '/functions/whoami',
      headers: { host, origin, 'content-type': 'application/json' },
      body: '{}',
    }),
    sdk: await request(emu.url, {
      method: 'POST',
      path: '/admin',
      headers: { host, 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'database.getDocument',
        collectionName: 'users',
        queryType: 'WHERE',
        query: '{}',
      }),
    }),
  };
}

test.each(TRICKY.flatMap((h) => [h, withPortLater(h)]))(
  'Host %s is not loopback: export, reset, dev login and functions are all refused',
  async (h) => {
    const host = h.replace('{port}', port);
    const r = await attack(host);
    expect(r.export.status).toBe(403);
    expect(r.export.text).not.toContain('o-secret-openid');
    expect(r.reset.status).toBe(403);
    expect(r.login.status).toBe(403);
    expect(r.login.headers['set-cookie']).toBeUndefined();
    expect(r.fn.status).toBe(403);
    expect(r.sdk.json()).toMatchObject({ code: 'INVALID_REQUEST_SOURCE' });
    expect(r.sdk.text).not.toContain('o-secret-openid');
    // Nothing was reset.
    expect((await sdk().database().collection('users').count()).total).toBe(1);
  },
);

test('the loopback names themselves still work, with and without a port', async () => {
  for (const h of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]', '127.255.255.254', '127.0.0.2']) {
    for (const host of [h, withPort(h)]) {
      const res = await request(emu.url, { path: '/__admin/collections/users/export', headers: { host } });
      expect({ host, status: res.status }).toEqual({ host, status: 200 });
      expect(res.text).toContain('o-secret-openid');
    }
  }
  // A same-origin write from the emulator's own page (Origin = Host) is still allowed.
  const host = withPort('localhost');
  const ok = await request(emu.url, {
    method: 'POST',
    path: '/__dev/login',
    headers: { host, origin: `http://${host}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'openid=demo-district-admin',
  });
  expect(ok.status).toBe(303);
});

test('an Origin with a rebinding name is refused even when Host is loopback', async () => {
  for (const o of ['127.0.0.1.rebind.evil.example', 'localhost.evil.com', '127.1']) {
    const res = await request(emu.url, {
      method: 'POST',
      path: '/__admin/reset',
      headers: { host: withPort('127.0.0.1'), origin: `http://${withPort(o)}` },
    });
    expect(res.status).toBe(403);
  }
  expect((await sdk().database().collection('users').count()).total).toBe(1);
});

test('the loopback-name rule itself', () => {
  const yes = [
    'localhost',
    'localhost:80',
    '[::1]',
    '[::1]:8080',
    '127.0.0.1',
    '127.0.0.1:65535',
    '127.9.8.7',
  ];
  const no = [
    '',
    'localhost:',
    'localhost:abc',
    'localhost:123456',
    '::1',
    '[::1]x',
    '[::1]:8080:1',
    '127.0.0.1:80:80',
    '127.0.0.01',
    '127.00.0.1',
    '128.0.0.1',
    '0.0.0.0',
    '127.0.0',
    ...TRICKY,
    ...TRICKY.map((t) => `${t}:8080`),
  ];
  for (const h of yes) expect({ h, ok: isLoopbackHostHeader(h) }).toEqual({ h, ok: true });
  for (const h of no) expect({ h, ok: isLoopbackHostHeader(h) }).toEqual({ h, ok: false });
  // Bind addresses for start(): bare names, no port.
  for (const h of ['127.0.0.1', 'localhost', '::1', '127.3.2.1']) expect(isLoopbackHost(h)).toBe(true);
  for (const h of ['127.1', '127.0.0.1.nip.io', '0.0.0.0', '::', 'localhost.evil.com'])
    expect(isLoopbackHost(h)).toBe(false);
});
