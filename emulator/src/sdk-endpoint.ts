/** `POST /admin`: the endpoint wx-server-sdk talks to (TCB_CONTEXT_CNFG URL). Parses the envelope and dispatches by action. */
import type http from 'node:http';
import Busboy from 'busboy';
import { MAX_JSON_BODY, newRequestId, readBody, sendJson } from './http/util';
import type { Database } from './types';
import type { Storage } from './storage';
import type { OpenApi } from './openapi';
import { FunctionError, type FunctionRunner } from './functions/runner';
import { jsonDepthExceeds, tooDeepMessage } from './json-depth';

type Json = Record<string, unknown>;

/** What the SDK endpoint dispatches to. */
export interface SdkDeps {
  db: Database;
  storage: Storage;
  openapi: OpenApi;
  runner: FunctionRunner;
  log: (line: string) => void;
}

/** An SDK-shaped error: HTTP 200, truthy string `code`, so node-sdk throws a TcbError the caller can read. */
function sdkError(res: http.ServerResponse, code: string, message: string, requestId: string): void {
  sendJson(res, 200, { code, message, requestId });
}

/** Handle one SDK request. Never throws into the server: every failure becomes an SDK-shaped answer. */
export async function handleSdk(
  deps: SdkDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const requestId = newRequestId();
  if (req.method !== 'POST')
    return sdkError(res, 'INVALID_PARAM', `the SDK endpoint only accepts POST, not ${req.method}`, requestId);
  const base = `http://${req.headers.host ?? '127.0.0.1'}`;
  const contentType = String(req.headers['content-type'] ?? '');
  if (contentType.startsWith('multipart/form-data')) {
    let fields: Record<string, Buffer>;
    try {
      fields = await parseMultipart(req);
    } catch (err) {
      return sdkError(res, 'INVALID_PARAM', `malformed multipart body: ${(err as Error).message}`, requestId);
    }
    const action = fields.action?.toString('utf8');
    if (action !== 'wx.openApi') {
      return sdkError(
        res,
        'INVALID_PARAM',
        `unknown multipart action ${JSON.stringify(action)} (only wx.openApi is emulated)`,
        requestId,
      );
    }
    const sender = deps.runner.identityOf(fields.wxCloudApiToken?.toString('utf8'));
    const reply = deps.openapi.handle(fields, sender?.OPENID ?? '', requestId);
    res.writeHead(200, { 'content-type': reply.contentType, 'content-length': reply.body.length });
    return void res.end(reply.body);
  }

  const r = await readBody(req, MAX_JSON_BODY);
  if (!r.ok) {
    return sdkError(
      res,
      'INVALID_PARAM',
      `request body too large: ${r.received} bytes (the emulator accepts at most ${MAX_JSON_BODY})`,
      requestId,
    );
  }
  const text = r.body.toString('utf8');
  // Before any parsing: deep nesting overflows every recursive step after JSON.parse (EJSON, mingo, the worker hand-off).
  if (jsonDepthExceeds(text))
    return sdkError(res, 'INVALID_PARAM', tooDeepMessage('the request body'), requestId);
  let body: Json;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('the body must be a JSON object');
    body = parsed as Json;
  } catch (err) {
    return sdkError(res, 'INVALID_PARAM', `malformed JSON body: ${(err as Error).message}`, requestId);
  }
  const action = body.action;
  if (typeof action !== 'string') return sdkError(res, 'INVALID_PARAM', 'missing action', requestId);

  if (action.startsWith('database.')) {
    let out: Json;
    try {
      out = await deps.db.handle(action, body, requestId);
    } catch (err) {
      // The database promises never to throw; if it does, the SDK still gets its shape and we keep serving.
      deps.log(`[admin] ${action} threw: ${(err as Error)?.stack ?? err}`);
      out = {
        code: 'SYS_ERR',
        message: `internal error in ${action}: ${(err as Error)?.message ?? err}`,
        requestId,
      };
    }
    return sendJson(res, 200, out);
  }
  if (action.startsWith('storage.'))
    return sendJson(res, 200, deps.storage.handle(action, body, requestId, base));
  if (action === 'functions.invokeFunction') return invokeFunction(deps, res, body, requestId, base);
  if (action === 'wx.openApi')
    return sdkError(res, 'INVALID_PARAM', 'wx.openApi must be sent as multipart/form-data', requestId);
  return sdkError(res, 'INVALID_PARAM', `unknown action ${action} (not emulated)`, requestId);
}

async function invokeFunction(
  deps: SdkDeps,
  res: http.ServerResponse,
  body: Json,
  requestId: string,
  base: string,
): Promise<void> {
  const name = body.function_name;
  if (typeof name !== 'string' || !name)
    return sdkError(res, 'INVALID_PARAM', 'function_name is required', requestId);
  let event: unknown = {};
  if (body.request_data !== undefined && body.request_data !== '') {
    if (typeof body.request_data === 'string' && jsonDepthExceeds(body.request_data))
      return sdkError(res, 'INVALID_PARAM', tooDeepMessage('request_data'), requestId);
    try {
      event = typeof body.request_data === 'string' ? JSON.parse(body.request_data) : body.request_data;
    } catch {
      return sdkError(res, 'INVALID_PARAM', 'request_data is not valid JSON', requestId);
    }
  }
  // The caller's WX_API_TOKEN says which invocation is calling: the callee runs with its identity.
  const ctx = deps.runner.calleeIdentity(body.wxCloudApiToken);
  try {
    const result = await deps.runner.invoke(name, event, ctx, base);
    sendJson(res, 200, { requestId: result.requestId, data: { response_data: result.json } });
  } catch (err) {
    if (err instanceof FunctionError) return sdkError(res, err.code, err.message, requestId);
    throw err;
  }
}

/** Collect every part as bytes. Fields are read as latin1 so binary (the protobuf) survives byte for byte. */
function parseMultipart(req: http.IncomingMessage): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({
        headers: req.headers,
        defCharset: 'latin1',
        limits: { fieldSize: MAX_JSON_BODY, fileSize: MAX_JSON_BODY, parts: 50 },
      });
    } catch (err) {
      // busboy throws synchronously on a missing boundary; drain so the client reads our answer.
      req.resume();
      return reject(err);
    }
    const out: Record<string, Buffer> = {};
    let failed: Error | null = null;
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) failed = new Error(`field ${name} too large`);
      out[name] = Buffer.from(value, 'latin1');
    });
    bb.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => (failed = new Error(`part ${name} too large`)));
      stream.on('end', () => (out[name] = Buffer.concat(chunks)));
    });
    bb.on('error', (err) => reject(err as Error));
    bb.on('close', () => (failed ? reject(failed) : resolve(out)));
    req.pipe(bb);
  });
}
