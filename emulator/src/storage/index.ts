/** Cloud storage: upload metadata + PUT, temp URLs, download, delete (files under <dataDir>/storage or in memory). */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type http from 'node:http';
import { contentTypeFor, MAX_UPLOAD_BODY, readBody, sendText } from '../http/util';
import {
  STORAGE_BUCKET_SUFFIX,
  STORAGE_DELETE_MISSING_CODE,
  UPLOAD_TOKEN_TTL_MS,
} from '../functions/unverified';

type Json = Record<string, unknown>;

/** A cloud path that passed validation (no `..`, no leading slash, no backslash or NUL). */
export function normalizeCloudPath(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const p = raw.replace(/^\/+/, '');
  if (!p || p.length > 1024 || /[\\\0]/.test(p)) return null;
  const segs = p.split('/');
  if (segs.some((s) => s === '' || s === '.' || s === '..')) return null;
  return p;
}

/** Files of the emulated bucket, on disk or in memory. */
export class Storage {
  private readonly mem = new Map<string, Buffer>();
  private readonly pending = new Map<string, { token: string; expires: number }>();
  readonly root: string | null;
  readonly bucket: string;

  constructor(
    dataDir: string | null,
    readonly envId: string,
  ) {
    this.root = dataDir ? path.join(dataDir, 'storage') : null;
    if (this.root) fs.mkdirSync(this.root, { recursive: true });
    this.bucket = `${envId}-${STORAGE_BUCKET_SUFFIX}`;
  }

  /** `cloud://<envId>.<bucket>/<path>` */
  fileIdFor(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${cloudPath}`;
  }

  /** The cloud path inside a fileID of this environment, or null. */
  pathOfFileId(fileId: unknown): string | null {
    if (typeof fileId !== 'string' || !fileId.startsWith('cloud://')) return null;
    const rest = fileId.slice('cloud://'.length);
    const slash = rest.indexOf('/');
    if (slash < 0) return null;
    if (!rest.slice(0, slash).startsWith(`${this.envId}.`)) return null;
    return normalizeCloudPath(rest.slice(slash + 1));
  }

  private diskPath(cloudPath: string): string {
    // normalizeCloudPath already refused `..`; the prefix check is a second lock on the door.
    const full = path.resolve(this.root as string, cloudPath);
    if (!full.startsWith(path.resolve(this.root as string) + path.sep))
      throw new Error('path escapes storage root');
    return full;
  }

  /** Read a stored file, or null. */
  read(cloudPath: string): Buffer | null {
    if (!this.root) return this.mem.get(cloudPath) ?? null;
    try {
      const st = fs.statSync(this.diskPath(cloudPath));
      return st.isFile() ? fs.readFileSync(this.diskPath(cloudPath)) : null;
    } catch {
      return null;
    }
  }

  /** Store a file durably (fsync + rename so a crash never leaves half a file). */
  write(cloudPath: string, data: Buffer): void {
    if (!this.root) {
      this.mem.set(cloudPath, data);
      return;
    }
    const full = this.diskPath(cloudPath);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    const tmp = `${full}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, full);
  }

  /** Delete a file; false if it did not exist. */
  remove(cloudPath: string): boolean {
    if (!this.root) return this.mem.delete(cloudPath);
    try {
      fs.unlinkSync(this.diskPath(cloudPath));
      return true;
    } catch {
      return false;
    }
  }

  /** Delete every file. */
  reset(): void {
    this.mem.clear();
    this.pending.clear();
    if (this.root) {
      fs.rmSync(this.root, { recursive: true, force: true });
      fs.mkdirSync(this.root, { recursive: true });
    }
  }

  /** Answer a `storage.*` SDK action. `base` is the URL the caller reached us at. */
  handle(action: string, body: Json, requestId: string, base: string): Json {
    switch (action) {
      case 'storage.getUploadMetadata': {
        const p = normalizeCloudPath(String(body.path ?? ''));
        if (!p)
          return {
            code: 'STORAGE_SIGN_PARAM_INVALID',
            message: `invalid cloudPath: ${JSON.stringify(body.path)}`,
            requestId,
          };
        const token = crypto.randomBytes(16).toString('hex');
        this.pending.set(p, { token, expires: Date.now() + UPLOAD_TOKEN_TTL_MS });
        return {
          requestId,
          data: {
            url: `${base}/storage/${encodePath(p)}`,
            token: `emulator-token-${token}`,
            authorization: token,
            fileId: this.fileIdFor(p),
            cosFileId: `emulator-cos-${crypto.randomBytes(8).toString('hex')}`,
          },
        };
      }
      case 'storage.batchGetDownloadUrl': {
        const list = Array.isArray(body.file_list) ? (body.file_list as Json[]) : null;
        if (!list) return { code: 'INVALID_PARAM', message: 'file_list must be an array', requestId };
        const download_list = list.map((item) => {
          const fileID = item?.fileid;
          const maxAge = typeof item?.max_age === 'number' ? item.max_age : 86400;
          const p = this.pathOfFileId(fileID);
          if (!p || this.read(p) === null) {
            return {
              fileID,
              tempFileURL: '',
              code: 'STORAGE_FILE_NONEXIST',
              maxAge,
              message: `file not found: ${String(fileID)}`,
            };
          }
          // Deliberately NOT percent-encoded: the SDK runs encodeURI() on it before downloading.
          return { fileID, tempFileURL: `${base}/storage/${p}`, code: 'SUCCESS', maxAge };
        });
        return { requestId, data: { download_list } };
      }
      case 'storage.batchDeleteFile': {
        const list = Array.isArray(body.fileid_list) ? (body.fileid_list as unknown[]) : null;
        if (!list) return { code: 'INVALID_PARAM', message: 'fileid_list must be an array', requestId };
        const delete_list = list.map((fileID) => {
          const p = this.pathOfFileId(fileID);
          if (p && this.remove(p)) return { fileID, code: 'SUCCESS' };
          return { fileID, code: STORAGE_DELETE_MISSING_CODE, message: `file not found: ${String(fileID)}` };
        });
        return { requestId, data: { delete_list } };
      }
      default:
        return { code: 'INVALID_PARAM', message: `unknown action ${action}`, requestId };
    }
  }

  /** PUT /storage/<path>: the upload the SDK does after getUploadMetadata. */
  async handlePut(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): Promise<void> {
    const p = decodeStoragePath(rawPath);
    const requestId = crypto.randomBytes(8).toString('hex');
    if (!p) return cosError(res, 400, 'InvalidURI', 'invalid object key', requestId);
    const auth = req.headers.authorization;
    const pending = this.pending.get(p);
    if (!pending || pending.token !== auth || pending.expires < Date.now()) {
      const r = await readBody(req, MAX_UPLOAD_BODY).catch(() => null);
      void r;
      return cosError(
        res,
        403,
        'AccessDenied',
        'upload not authorized: call storage.getUploadMetadata first',
        requestId,
      );
    }
    const r = await readBody(req, MAX_UPLOAD_BODY);
    if (!r.ok)
      return cosError(res, 400, 'EntityTooLarge', `file exceeds ${MAX_UPLOAD_BODY} bytes`, requestId);
    this.pending.delete(p);
    this.write(p, r.body);
    res.writeHead(200, {
      'content-length': 0,
      etag: `"${crypto.createHash('md5').update(r.body).digest('hex')}"`,
    });
    res.end();
  }

  /** GET /storage/<path>: serve a stored file. */
  handleGet(res: http.ServerResponse, rawPath: string, head = false): void {
    const p = decodeStoragePath(rawPath);
    const requestId = crypto.randomBytes(8).toString('hex');
    const data = p ? this.read(p) : null;
    if (!p || !data) return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', requestId);
    res.writeHead(200, { 'content-type': contentTypeFor(p), 'content-length': data.length });
    res.end(head ? undefined : data);
  }
}

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function decodeStoragePath(raw: string): string | null {
  try {
    return normalizeCloudPath(
      raw
        .split('/')
        .map((s) => decodeURIComponent(s))
        .join('/'),
    );
  } catch {
    return null;
  }
}

/** A COS-style XML error; the SDK destructures Code, Message, RequestId and TraceId. */
function cosError(
  res: http.ServerResponse,
  status: number,
  code: string,
  message: string,
  requestId: string,
): void {
  const esc = (s: string) =>
    s.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] as string);
  sendText(
    res,
    status,
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${esc(code)}</Code><Message>${esc(message)}</Message><RequestId>${requestId}</RequestId><TraceId>${requestId}</TraceId></Error>`,
    'application/xml',
  );
}
