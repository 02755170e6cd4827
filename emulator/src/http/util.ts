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

/** True when the peer is this machine. */
export function isLoopbackAddress(addr: string | undefined): boolean {
  if (!addr) return false;
  const a = addr.startsWith('::ffff:') ? addr.slice(7) : addr;
  return a === '::1' || a.startsWith('127.');
}

/** True when a host name/address to bind is a loopback one. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
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
