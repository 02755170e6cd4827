/** Serves the H5 build: files of staticDir, index.html for app routes, no way out of the folder. */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { contentTypeFor, sendText } from '../http/util';

/** Serve `urlPath` from `root`; GET and HEAD only. */
export function serveStatic(
  root: string,
  urlPath: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return sendText(res, 400, 'bad path');
  }
  const base = path.resolve(root);
  if (rel.includes('\0')) return sendText(res, 400, 'bad path');
  const full = path.resolve(base, `.${path.posix.normalize(`/${rel}`)}`);
  if (full !== base && !full.startsWith(base + path.sep)) return sendText(res, 403, 'forbidden');
  let file = full;
  let st = statOrNull(file);
  if (st?.isDirectory()) {
    file = path.join(file, 'index.html');
    st = statOrNull(file);
  }
  if (!st?.isFile()) {
    // An app route (no extension) falls back to the SPA's index.html; a missing asset is a real 404.
    if (path.extname(rel)) return sendText(res, 404, 'not found');
    file = path.join(base, 'index.html');
    st = statOrNull(file);
    if (!st?.isFile())
      return sendText(res, 404, 'no index.html in the static folder (build the H5 client first)');
  }
  res.writeHead(200, {
    'content-type': contentTypeFor(file),
    'content-length': st.size,
    // index.html must never be cached, or a rebuilt client is not picked up.
    'cache-control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=0',
  });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(file).pipe(res);
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}
