/** `/__admin/*`: reset, collections, import/export, outbox, workers, timer triggers. Loopback peers only. */
import type http from 'node:http';
import { isLoopbackAddress, MAX_JSON_BODY, readBody, sendJson, sendText } from '../http/util';
import type { Database } from '../types';
import type { Outbox } from '../openapi/outbox';
import type { TriggerScheduler } from '../functions/triggers';

/** What the admin routes act on. */
export interface AdminDeps {
  db: Database;
  outbox: Outbox;
  reset: () => void;
  workers: () => Record<string, number>;
  triggers: TriggerScheduler;
}

const COLL_RE = /^\/__admin\/collections\/([^/]+)\/(export|import)$/;
const FIRE_RE = /^\/__admin\/triggers\/([^/]+)\/([^/]+)\/fire$/;

const decode = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

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
  if (pathname === '/__admin/triggers' && method === 'GET')
    return sendJson(res, 200, { triggers: deps.triggers.list() });
  const fire = FIRE_RE.exec(pathname);
  if (fire && method === 'POST') {
    req.resume();
    const fn = decode(fire[1]);
    const name = decode(fire[2]);
    if (fn === null || name === null) return sendJson(res, 400, { error: 'bad function or trigger name' });
    // Runs the function now with the timer event (no OPENID); the schedule is unchanged.
    const outcome = await deps.triggers.fireNow(fn, name);
    if (!outcome) return sendJson(res, 404, { error: `function ${fn} has no timer trigger ${name}` });
    const body = { function: fn, trigger: name, event: outcome.event };
    return outcome.ok
      ? sendJson(res, 200, { ...body, ok: true, result: outcome.result })
      : sendJson(res, 502, { ...body, ok: false, error: outcome.error });
  }
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
