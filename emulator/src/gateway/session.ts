/** The dev session: a cookie `sgz_dev` holding an OPENID, signed with HMAC-SHA256. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Name of the dev session cookie. */
export const SESSION_COOKIE = 'sgz_dev';

/** Secret of one data dir (kept in `<dataDir>/session-secret`, so sessions survive restarts) or random in memory mode. */
export function loadSessionSecret(dataDir: string | null): Buffer {
  if (!dataDir) return crypto.randomBytes(32);
  const file = path.join(dataDir, 'session-secret');
  try {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, 'hex');
  } catch {
    // first run: create it below
  }
  const secret = crypto.randomBytes(32);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, secret.toString('hex'), { mode: 0o600 });
  return secret;
}

/** Signs and verifies session cookie values. */
export class SessionSigner {
  constructor(private readonly secret: Buffer) {}

  private mac(payload: string): string {
    return crypto.createHmac('sha256', this.secret).update(payload).digest('base64url');
  }

  /** Cookie value for an OPENID. */
  sign(openid: string): string {
    const payload = Buffer.from(JSON.stringify({ openid, iat: Date.now() })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The OPENID in a cookie value, or null when missing, malformed or forged. */
  verify(value: string | undefined): string | null {
    if (!value) return null;
    const dot = value.indexOf('.');
    if (dot <= 0) return null;
    const payload = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1));
    const expected = Buffer.from(this.mac(payload));
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    try {
      const { openid } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        openid?: unknown;
      };
      return typeof openid === 'string' && openid ? openid : null;
    } catch {
      return null;
    }
  }

  /** Set-Cookie header value. */
  cookie(openid: string): string {
    return `${SESSION_COOKIE}=${this.sign(openid)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000`;
  }
}

/** Set-Cookie header that clears the session. */
export const CLEAR_COOKIE = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;

/** A fresh anonymous resident OPENID. */
export function newAnonOpenid(): string {
  return `dev-anon-${crypto.randomBytes(9).toString('base64url')}`;
}

/** Anonymous OPENIDs the gateway hands out: `dev-anon-` + url-safe characters. */
export const ANON_RE = /^dev-anon-[A-Za-z0-9_-]{1,64}$/;
