/** `/__admin/*`: reset, collections, import/export, outbox. Loopback peers only. */
import type http from 'node:http';
import { isLoopbackAddress, MAX_JSON_BODY, readBody, sendJson, sendText } from '../http/util';
import type { Database } from '../types';
import type { Outbox } from '../openapi/outbox';

/** What the admin routes act on. */
export interface AdminDeps {
  db: Database;
  outbox: Outbox;
  reset: () => void;
  workers: () => Record<string, number>;
}

const COLL_RE = /^\/__admin\/collections\/([^/]+)\/(export|import)$/;

/** Answer an /__admin/* request. */
export async function handleAdmin(
  deps: AdminDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
): Promise<void> {
  if (!isLoopbackAddress(req.socket.remoteAddress)) {
    return sendJson(res, 403, { error: 'the admin API only answers requests from this machine (loopback)' });
  }
  const method = req.method ?? 'GET';
  if (pathname === '/__admin/reset' && method === 'POST') {
    deps.reset();
    return sendJson(res, 200, { ok: true });
  }
  if (pathname === '/__admin/collections' && method === 'GET') {
    return sendJson(res, 200, { collections: deps.db.listCollections() });
  }
  if (pathname === '/__admin/outbox') {
    if (method === 'GET') return sendJson(res, 200, { messages: deps.outbox.list() });
    if (method === 'DELETE') {
      deps.outbox.clear();
      return sendJson(res, 200, { ok: true });
    }
  }
  if (pathname === '/__admin/workers' && method === 'GET')
    return sendJson(res, 200, { workers: deps.workers() });
  const m = COLL_RE.exec(pathname);
  if (m) {
    let name: string;
    try {
      name = decodeURIComponent(m[1]);
    } catch {
      return sendJson(res, 400, { error: 'bad collection name' });
    }
    if (m[2] === 'export' && method === 'GET') {
      try {
        return sendText(res, 200, deps.db.exportCollection(name), 'application/x-ndjson; charset=utf-8');
      } catch (err) {
        return sendJson(res, 400, { error: (err as Error).message });
      }
    }
    if (m[2] === 'import' && method === 'POST') {
      const r = await readBody(req, 20 * MAX_JSON_BODY);
      if (!r.ok) return sendJson(res, 413, { error: 'import body too large' });
      try {
        return sendJson(res, 200, { imported: deps.db.importCollection(name, r.body.toString('utf8')) });
      } catch (err) {
        return sendJson(res, 400, { error: (err as Error).message });
      }
    }
  }
  return sendJson(res, 404, { error: `no admin route ${method} ${pathname}` });
}
