/** The dev session: a cookie `sgz_dev` holding an OPENID, a session id and an expiry, signed with HMAC-SHA256. */
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

/** How long a dev session lasts (signed into the cookie as `exp`; the cookie's Max-Age matches). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Settings of a SessionSigner. */
export interface SessionSignerOptions {
  /** Clock in ms (tests inject one; default Date.now). */
  now?: () => number;
}

interface Payload {
  openid?: unknown;
  sid?: unknown;
  exp?: unknown;
}

/**
 * Signs and verifies session cookie values: `base64url({openid, sid, iat, exp}).HMAC`. A session ends at `exp`
 * (12 h after login) or when revoked by logout. Revocations are kept in memory until the session would have
 * expired anyway: a restarted emulator forgets them, but the expiry still holds.
 */
export class SessionSigner {
  private readonly now: () => number;
  /** Revoked session ids → their expiry (pruned once past it). */
  private readonly revoked = new Map<string, number>();

  constructor(
    private readonly secret: Buffer,
    opts: SessionSignerOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  private mac(payload: string): string {
    return crypto.createHmac('sha256', this.secret).update(payload).digest('base64url');
  }

  /** Cookie value for an OPENID: a new session with its own id, valid for SESSION_TTL_MS. */
  sign(openid: string): string {
    const iat = this.now();
    const sid = crypto.randomBytes(12).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ openid, sid, iat, exp: iat + SESSION_TTL_MS })).toString(
      'base64url',
    );
    return `${payload}.${this.mac(payload)}`;
  }

  /** The signed payload of a cookie value, or null when missing, malformed or forged. */
  private open(value: string | undefined): { openid: string; sid: string; exp: number } | null {
    if (!value) return null;
    const dot = value.indexOf('.');
    if (dot <= 0) return null;
    const payload = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1));
    const expected = Buffer.from(this.mac(payload));
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    try {
      const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Payload;
      if (typeof p.openid !== 'string' || !p.openid) return null;
      // Cookies without an expiry or a session id (the format before sessions ended) are refused.
      if (typeof p.sid !== 'string' || typeof p.exp !== 'number' || !Number.isFinite(p.exp)) return null;
      return { openid: p.openid, sid: p.sid, exp: p.exp };
    } catch {
      return null;
    }
  }

  /** The OPENID of a live session, or null when missing, malformed, forged, expired or logged out. */
  verify(value: string | undefined): string | null {
    const s = this.open(value);
    if (!s || this.now() >= s.exp || this.revoked.has(s.sid)) return null;
    return s.openid;
  }

  /** Ends the session of a cookie value now (logout). Unknown or already dead values are ignored. */
  revoke(value: string | undefined): void {
    const s = this.open(value);
    const t = this.now();
    for (const [sid, exp] of this.revoked) if (t >= exp) this.revoked.delete(sid);
    if (s && t < s.exp) this.revoked.set(s.sid, s.exp);
  }

  /** Set-Cookie header value starting a new session. */
  cookie(openid: string): string {
    return `${SESSION_COOKIE}=${this.sign(openid)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}`;
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
