/** H5 gateway (`POST /functions/<name>`) and dev login (`/__dev/*`): identity from the signed cookie only. */
import type http from 'node:http';
import { MAX_JSON_BODY, MAX_UPLOAD_BODY, parseCookies, readBody, sendJson, sendText } from '../http/util';
import type { DevUser, WxContext } from '../types';
import { FunctionError } from '../functions/runner';
import { DEFAULT_APPID, GATEWAY_INJECTS_USER_INFO, GATEWAY_SOURCE } from '../functions/unverified';
import { ANON_RE, CLEAR_COOKIE, SESSION_COOKIE, type SessionSigner, newAnonOpenid } from './session';
import { loginPage } from './login-page';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../json-depth';
import { normalizeCloudPath, type Storage } from '../storage';

/** What the gateway needs from the app. */
export interface GatewayDeps {
  signer: SessionSigner;
  devUsers: DevUser[];
  invoke: (name: string, event: unknown, ctx: Partial<WxContext>) => Promise<unknown>;
  log: (line: string) => void;
  /** The emulated bucket: `PUT /upload/<cloudPath>` writes into it. */
  storage: Storage;
}

/** The only folder the browser upload may write to: the outbox's fixed per-record paths. */
export const UPLOAD_PREFIX = 'outbox/';

/** Answer shape for a failed function on the gateway (the app's Result type, so the client shows it like any error). */
const INTERNAL = { ok: false, error: { code: 'internal', message: '云函数执行失败，请稍后再试' } };

/** Routes of the gateway and the dev login. Returns false when the path is not one of them. */
export async function handleGateway(
  deps: GatewayDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  if (pathname.startsWith('/upload/')) {
    await upload(deps, req, res);
    return true;
  }
  const fn = /^\/functions\/([^/]+)$/.exec(pathname);
  if (fn) {
    if (method !== 'POST') {
      sendJson(
        res,
        405,
        { ok: false, error: { code: 'invalid-argument', message: '请使用 POST 调用云函数' } },
        { allow: 'POST' },
      );
      return true;
    }
    await callFunction(deps, req, res, decodeURIComponent(fn[1]));
    return true;
  }
  if (!pathname.startsWith('/__dev/')) return false;
  const cookieValue = parseCookies(req.headers.cookie)[SESSION_COOKIE];
  const current = deps.signer.verify(cookieValue);
  if (pathname === '/__dev/login' && method === 'GET') {
    sendText(res, 200, loginPage(deps.devUsers, current), 'text/html; charset=utf-8');
  } else if (pathname === '/__dev/login' && method === 'POST') {
    const r = await readBody(req, 64 * 1024);
    const openid = r.ok ? parseOpenid(r.body, req.headers['content-type']) : null;
    if (!openid || !(deps.devUsers.some((u) => u.openid === openid) || ANON_RE.test(openid))) {
      sendJson(res, 400, {
        ok: false,
        error: { code: 'invalid-argument', message: '只能以演示用户或匿名居民身份登录' },
      });
    } else {
      res.writeHead(303, { location: '/', 'set-cookie': deps.signer.cookie(openid), 'content-length': 0 });
      res.end();
    }
  } else if (pathname === '/__dev/logout' && method === 'POST') {
    // Revoked on the server too: a copy of the cookie kept elsewhere must not outlive the logout.
    deps.signer.revoke(cookieValue);
    res.writeHead(303, { location: '/', 'set-cookie': CLEAR_COOKIE, 'content-length': 0 });
    res.end();
  } else if (pathname === '/__dev/session' && method === 'GET') {
    sendJson(res, 200, describe(deps.devUsers, current));
  } else {
    sendText(res, 404, 'not found');
  }
  return true;
}

async function callFunction(
  deps: GatewayDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  name: string,
): Promise<void> {
  // Requiring a JSON content type makes a cross-site form post (a "simple" request) unable to call functions.
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    req.resume();
    return sendJson(res, 415, {
      ok: false,
      error: { code: 'invalid-argument', message: '请以 application/json 格式发送请求' },
    });
  }
  const r = await readBody(req, MAX_JSON_BODY);
  if (!r.ok)
    return sendJson(res, 413, { ok: false, error: { code: 'invalid-argument', message: '请求内容过大' } });
  const text = r.body.toString('utf8');
  // Refused before parsing: a deeply nested event would overflow the stack of the hand-off to the worker.
  if (jsonDepthExceeds(text)) {
    return sendJson(res, 400, {
      ok: false,
      error: {
        code: 'invalid-argument',
        message: `请求内容嵌套层级过深（最多 ${MAX_JSON_DEPTH} 层），请简化数据后重试`,
      },
    });
  }
  let event: unknown;
  try {
    event = r.body.length ? JSON.parse(text) : {};
  } catch {
    return sendJson(res, 400, {
      ok: false,
      error: { code: 'invalid-argument', message: '请求格式错误（不是合法的 JSON）' },
    });
  }
  let openid = deps.signer.verify(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
  const headers: Record<string, string> = {};
  if (!openid) {
    // Every WeChat user has an OPENID: a browser without a session becomes an anonymous resident.
    openid = newAnonOpenid();
    headers['set-cookie'] = deps.signer.cookie(openid);
  }
  // Identity comes from the cookie only; anything the body says about OPENID is just event data.
  const ctx: Partial<WxContext> = { OPENID: openid, CLIENTIP: clientIp(req), SOURCE: GATEWAY_SOURCE };
  if (GATEWAY_INJECTS_USER_INFO && event && typeof event === 'object' && !Array.isArray(event)) {
    event = { ...(event as Record<string, unknown>), userInfo: { appId: DEFAULT_APPID, openId: openid } };
  }
  try {
    const value = await deps.invoke(name, event, ctx);
    sendJson(res, 200, value, headers);
  } catch (err) {
    const detail =
      err instanceof FunctionError ? `${err.code}: ${err.message}` : String((err as Error)?.stack ?? err);
    deps.log(`[gateway] POST /functions/${name} failed: ${detail}`);
    sendJson(res, 502, INTERNAL, headers);
  }
}

/**
 * `PUT /upload/<cloudPath>` (segments URI-encoded): the H5 build's stand-in for `wx.cloud.uploadFile`.
 * A signed-in session only (no anonymous identity is created here), only under `outbox/`, and the same
 * path again overwrites: the outbox retries an upload to its fixed path until it is confirmed.
 */
async function upload(deps: GatewayDeps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}) => {
    req.resume();
    sendJson(res, status, { ok: false, error: { code, message } }, headers);
  };
  if (req.method !== 'PUT') return refuse(405, 'invalid-argument', '请使用 PUT 上传文件', { allow: 'PUT' });
  if (!deps.signer.verify(parseCookies(req.headers.cookie)[SESSION_COOKIE]))
    return refuse(401, 'unauthenticated', '请先登录后再上传照片');
  // The raw URL, not the parsed pathname: the URL parser would quietly resolve `..` segments.
  const raw = (req.url ?? '').split('?')[0].slice('/upload/'.length);
  const cloudPath = decodeCloudPath(raw);
  if (!cloudPath || !cloudPath.startsWith(UPLOAD_PREFIX))
    return refuse(403, 'permission-denied', `只能上传到 ${UPLOAD_PREFIX} 目录下的固定路径`);
  const r = await readBody(req, MAX_UPLOAD_BODY);
  if (!r.ok)
    return sendJson(res, 413, {
      ok: false,
      error: {
        code: 'invalid-argument',
        message: `文件过大（最多 ${Math.floor(MAX_UPLOAD_BODY / 1024 / 1024)} MB），请压缩后重试`,
      },
    });
  deps.storage.write(cloudPath, r.body);
  sendJson(res, 200, { ok: true, data: { fileID: deps.storage.fileIdFor(cloudPath) } });
}

/** Decode the URI-encoded segments of an upload path and validate it; null when invalid. */
function decodeCloudPath(raw: string): string | null {
  try {
    return normalizeCloudPath(raw.split('/').map(decodeURIComponent).join('/'));
  } catch {
    return null;
  }
}

function clientIp(req: http.IncomingMessage): string {
  const a = req.socket.remoteAddress ?? '127.0.0.1';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

function parseOpenid(body: Buffer, contentType: string | undefined): string | null {
  const text = body.toString('utf8');
  if (contentType?.includes('application/json')) {
    if (jsonDepthExceeds(text)) return null;
    try {
      const v = (JSON.parse(text) as { openid?: unknown }).openid;
      return typeof v === 'string' ? v : null;
    } catch {
      return null;
    }
  }
  return new URLSearchParams(text).get('openid');
}

function describe(
  users: DevUser[],
  openid: string | null,
): { openid: string | null; label: string | null; role: string | null } {
  if (!openid) return { openid: null, label: null, role: null };
  const u = users.find((x) => x.openid === openid);
  if (u) return { openid, label: u.label, role: u.role };
  return { openid, label: '匿名居民', role: 'resident' };
}
