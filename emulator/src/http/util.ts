/** Small HTTP helpers shared by the emulator's routes. */
import type http from 'node:http';
import crypto from 'node:crypto';

/** Largest SDK request body accepted on /admin and the gateway (the SDK itself never sends this much). */
export const MAX_JSON_BODY = 10 * 1024 * 1024;
/** Largest file accepted by PUT /storage. */
export const MAX_UPLOAD_BODY = 50 * 1024 * 1024;
/** Past this many bytes an oversized request is cut off instead of drained. */
const HARD_CUTOFF = 128 * 1024 * 1024;

/** Result of reading a request body: the bytes, or `tooLarge` once the limit was passed. */
export type BodyResult = { ok: true; body: Buffer } | { ok: false; tooLarge: true; received: number };

/**
 * Read a whole request body up to `limit` bytes. Past the limit the rest is drained and dropped
 * (not buffered) so that the client still reads our error reply instead of a reset connection.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) {
        if (size > HARD_CUTOFF) req.destroy();
        return;
      }
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        over ? { ok: false, tooLarge: true, received: size } : { ok: true, body: Buffer.concat(chunks) },
      ),
    );
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

/** Send a JSON reply. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Send a plain text reply. */
export function sendText(
  res: http.ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** One decimal octet 0-255, no leading zeros (`010` may mean octal 8 to some resolvers). */
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** A dotted quad in 127.0.0.0/8: exactly four decimal octets. `127.1`, `0x7f.0.0.1` and `127.0.0.1.nip.io` are not. */
const LOOPBACK_IPV4 = new RegExp(`^127\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
/** `Host` header value of a loopback name: `localhost`, `[::1]` or a 127/8 dotted quad, then an optional `:port`. */
const LOOPBACK_HOST_HEADER = /^(localhost|\[::1\]|[0-9.]+)(?::(\d{1,5}))?$/i;

/** True when the peer is this machine. */
export function isLoopbackAddress(addr: string | undefined): boolean {
  if (!addr) return false;
  const a = addr.startsWith('::ffff:') ? addr.slice(7) : addr;
  return a === '::1' || LOOPBACK_IPV4.test(a);
}

/** True when a host name/address to bind is a loopback one. */
export function isLoopbackHost(host: string): boolean {
  return host.toLowerCase() === 'localhost' || isLoopbackAddress(host);
}

/**
 * True when a `Host` header (or the host part of an `Origin`) names this machine: `localhost`, `[::1]` or a
 * dotted quad in 127.0.0.0/8, each with or without `:port`. Anything else — `127.0.0.1.rebind.evil.example`,
 * `localhost.evil.com`, `127.1`, `0x7f.0.0.1` — may be a name an attacker's DNS points at 127.0.0.1 (DNS
 * rebinding), so it is not loopback even though the request arrived on loopback.
 */
export function isLoopbackHostHeader(host: string): boolean {
  const m = LOOPBACK_HOST_HEADER.exec(host);
  if (!m) return false;
  if (m[2] !== undefined && Number(m[2]) > 65535) return false;
  const name = m[1].toLowerCase();
  return name === 'localhost' || name === '[::1]' || LOOPBACK_IPV4.test(name);
}

/**
 * The `host[:port]` of an `Origin` header exactly as sent (`http://h:p`), or null for `null`, paths or garbage.
 * Not `new URL(origin).host`: the URL parser rewrites `127.1` and `0x7f.0.0.1` to `127.0.0.1`, which would make
 * a foreign name look like ours.
 */
export function originHostOf(origin: string): string | null {
  const m = /^https?:\/\/([^/?#@\s]+)$/i.exec(origin);
  return m ? m[1] : null;
}

/** A request id in the spirit of CloudBase's (opaque, unique). */
export function newRequestId(): string {
  return crypto.randomBytes(12).toString('hex');
}

/** Parse the Cookie header into a map. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.wasm': 'application/wasm',
};

/** Content type by file extension (lower-cased), octet-stream when unknown. */
export function contentTypeFor(filePath: string): string {
  const m = /\.[^./\\]+$/.exec(filePath.toLowerCase());
  return (m && CONTENT_TYPES[m[0]]) || 'application/octet-stream';
}
