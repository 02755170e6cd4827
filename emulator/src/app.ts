/** createApp(): the emulator wired together, without binding a port (tests drive `handler` directly). */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { createDatabase } from './db';
import { Storage } from './storage';
import { FunctionRunner } from './functions/runner';
import { TriggerScheduler, loadTriggers } from './functions/triggers';
import { TIMER_SOURCE } from './functions/unverified';
import { Outbox } from './openapi/outbox';
import { OpenApi, defaultBlockedWords } from './openapi';
import { SessionSigner, loadSessionSecret } from './gateway/session';
import { handleGateway } from './gateway';
import { serveStatic } from './gateway/static-files';
import { handleAdmin } from './admin';
import { handleSdk } from './sdk-endpoint';
import {
  isLoopbackAddress,
  isLoopbackHostHeader,
  newRequestId,
  originHostOf,
  sendJson,
  sendText,
} from './http/util';
import type { EmulatorApp, EmulatorOptions, WxContext } from './types';

/** The fake environment id: `local-` can never be a real CloudBase env id. */
export const DEFAULT_ENV_ID = 'local-sgz-emulator';
/** The repository root (emulator/src/../..). */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** The variables that point a wx-server-sdk at an emulator listening on `baseUrl`. */
export function sdkEnvFor(baseUrl: string, envId = DEFAULT_ENV_ID): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${baseUrl.replace(/\/+$/, '')}/admin` }),
    TENCENTCLOUD_SECRETID: 'local-emulator-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-emulator-secret-key',
    TCB_ENV: envId,
    TENCENTCLOUD: 'true',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN',
  };
}

function defaultIndexes(): Record<string, string[]> | undefined {
  const file = path.join(REPO_ROOT, 'emulator', 'indexes.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string[]>;
  } catch {
    return undefined;
  }
}

/**
 * Refuse what a web page in the developer's browser could send to this loopback server: a foreign
 * Host (DNS rebinding) and a cross-origin write (CSRF: a simple form POST to /admin or /__admin/reset
 * needs no preflight). SDKs, curl and tests send no Origin, so they are unaffected.
 */
function browserAttackRefusal(req: http.IncomingMessage, allowRemote: boolean): string | null {
  const host = req.headers.host ?? '';
  if (!allowRemote && !isLoopbackHostHeader(host)) {
    return `Host ${JSON.stringify(host)} is not a loopback name (the emulator only answers localhost, [::1] and 127.x.x.x)`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && req.method !== 'GET' && req.method !== 'HEAD') {
    // 'null' or garbage has no host: treated as foreign. The same loopback-name rule applies to the Origin.
    const originHost = originHostOf(origin);
    if (
      originHost === null ||
      originHost.toLowerCase() !== host.toLowerCase() ||
      (!allowRemote && !isLoopbackHostHeader(originHost))
    ) {
      return `cross-origin ${req.method} from ${origin} refused`;
    }
  }
  return null;
}

/** Wire an emulator: database, storage, functions, openapi, gateway, admin. No port is bound. */
export function createApp(opts: EmulatorOptions): EmulatorApp {
  const functionsDir = opts.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions');
  // First, before anything is opened: a bad trigger is a start-up error naming the function.
  const timerTriggers = loadTriggers(functionsDir);
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : null;
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const envId = opts.envId ?? DEFAULT_ENV_ID;
  const log =
    opts.log ??
    ((line: string, stream: 'out' | 'err') =>
      (stream === 'err' ? process.stderr : process.stdout).write(`${line}\n`));
  const logErr = (line: string): void => log(line, 'err');

  const db = createDatabase({
    dataDir,
    indexes: opts.indexes ?? defaultIndexes(),
    strictCollections: opts.strictCollections ?? false,
  });
  const storage = new Storage(dataDir, envId);
  const outbox = new Outbox(dataDir);
  const openapi = new OpenApi(outbox, opts.blockedWords ?? defaultBlockedWords());
  const runner = new FunctionRunner({
    functionsDir,
    envId,
    functionEnv: opts.functionEnv,
    maxWorkersPerFunction: opts.maxWorkersPerFunction,
    idleReapMs: opts.workerIdleMs,
    log,
  });
  const signer = new SessionSigner(loadSessionSecret(dataDir), { now: opts.now });
  let publicUrl = opts.publicUrl?.replace(/\/+$/, '');

  const invoke = async (
    name: string,
    event: unknown,
    ctx: Partial<WxContext> = {},
    o: { baseUrl?: string } = {},
  ): Promise<unknown> => {
    const baseUrl = (o.baseUrl ?? publicUrl)?.replace(/\/+$/, '');
    if (!baseUrl) {
      throw new Error(
        'the emulator URL is unknown: functions reach it over HTTP. Use start(), pass publicUrl to createApp(), or pass { baseUrl } to invoke().',
      );
    }
    const r = await runner.invoke(name, event, ctx, baseUrl);
    return JSON.parse(r.json) as unknown;
  };

  const triggers = new TriggerScheduler({
    triggers: timerTriggers,
    // A timer invocation has no user: empty OPENID, like CloudBase's.
    invoke: (name, event) => invoke(name, event, { OPENID: '', SOURCE: TIMER_SOURCE }),
    now: opts.now,
    log: (line) => log(line, 'out'),
  });
  if (opts.scheduleTriggers && publicUrl) triggers.start();

  const reset = (): void => {
    db.reset();
    storage.reset();
    outbox.clear();
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const pathname = url.pathname;
    const local = isLoopbackAddress(req.socket.remoteAddress);
    const refusal = browserAttackRefusal(req, !!opts.allowRemote);
    if (refusal) {
      req.resume();
      if (pathname === '/admin') {
        return sendJson(res, 200, {
          code: 'INVALID_REQUEST_SOURCE',
          message: refusal,
          requestId: newRequestId(),
        });
      }
      return sendJson(res, 403, { ok: false, error: { code: 'permission-denied', message: refusal } });
    }
    if (pathname === '/admin') {
      // The SDK endpoint is full admin access to the data: only this machine's functions and tools may use it.
      if (!local && !opts.allowRemote) {
        req.resume();
        return sendJson(res, 200, {
          code: 'INVALID_REQUEST_SOURCE',
          message: 'the emulator SDK endpoint only answers loopback clients',
          requestId: newRequestId(),
        });
      }
      return handleSdk({ db, storage, openapi, runner, log: logErr }, req, res);
    }
    if (pathname.startsWith('/storage/')) {
      const rawPath = (req.url ?? '').split('?')[0].slice('/storage/'.length);
      if (req.method === 'PUT') {
        if (!local && !opts.allowRemote) {
          req.resume();
          return sendText(res, 403, 'uploads only from loopback');
        }
        return storage.handlePut(req, res, rawPath);
      }
      if (req.method === 'GET' || req.method === 'HEAD')
        return storage.handleGet(res, rawPath, req.method === 'HEAD');
    }
    if (pathname.startsWith('/__admin/'))
      return handleAdmin({ db, outbox, reset, workers: () => runner.stats(), triggers }, req, res, pathname);
    if (
      await handleGateway(
        {
          signer,
          devUsers: opts.devUsers ?? [],
          invoke: (n, e, c) => invoke(n, e, c),
          log: logErr,
          storage,
        },
        req,
        res,
        pathname,
      )
    )
      return;
    if ((req.method === 'GET' || req.method === 'HEAD') && opts.staticDir)
      return serveStatic(opts.staticDir, pathname, req, res);
    if (pathname === '/' && req.method === 'GET') {
      return sendText(
        res,
        200,
        `Local CloudBase emulator (env ${envId}). SDK endpoint: POST /admin. Dev login: /__dev/login. No static folder configured.\n`,
      );
    }
    req.resume();
    sendText(res, 404, 'not found');
  };

  const handler: http.RequestListener = (req, res) => {
    route(req, res).catch((err: unknown) => {
      logErr(`[emulator] ${req.method} ${req.url} failed: ${(err as Error)?.stack ?? err}`);
      if (res.headersSent) return void res.destroy();
      if ((req.url ?? '').startsWith('/admin')) {
        return sendJson(res, 200, {
          code: 'SYS_ERR',
          message: `emulator internal error: ${(err as Error)?.message ?? err}`,
          requestId: newRequestId(),
        });
      }
      sendJson(res, 500, { ok: false, error: { code: 'internal', message: '模拟器内部错误' } });
    });
  };

  return {
    handler,
    db,
    storage,
    functions: runner,
    outbox,
    triggers,
    sdkEnv: (baseUrl?: string) => {
      const b = baseUrl ?? publicUrl;
      if (!b) throw new Error('sdkEnv(): the emulator URL is unknown (not started and no publicUrl)');
      return sdkEnvFor(b, envId);
    },
    setPublicUrl: (url: string) => {
      publicUrl = url.replace(/\/+$/, '');
    },
    invoke,
    reset,
    close: async () => {
      triggers.stop();
      runner.close();
      db.close();
    },
  };
}
