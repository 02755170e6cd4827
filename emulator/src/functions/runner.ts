/** Runs built cloud functions in warm worker processes, one invocation per worker at a time. */
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WxContext } from '../types';
import {
  ANONYMOUS_SERVER_SOURCE,
  DEFAULT_APPID,
  DEFAULT_TIMEOUT_SECONDS,
  FUNCTION_FAILED_CODE,
  FUNCTION_MISSING_CODE,
  INIT_TIMEOUT_MS,
  RETURN_UNDEFINED_IS_ERROR,
  chainedSource,
  timeoutMessage,
} from './unverified';

/** A failed invocation, with the CloudBase error code the SDK caller will see in err.code. */
export class FunctionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'FunctionError';
  }
}

/** What a successful invocation produced: the return value as JSON text. */
export interface InvocationResult {
  requestId: string;
  json: string;
}

/** Settings of a FunctionRunner. */
export interface RunnerOptions {
  functionsDir: string;
  envId: string;
  functionEnv?: Record<string, string>;
  maxWorkersPerFunction?: number;
  log?: (line: string, stream: 'out' | 'err') => void;
  /** Idle time after which a worker beyond the first of its function is stopped (default 60 s). */
  idleReapMs?: number;
}

const WORKER_FILE = path.join(__dirname, 'worker.cjs');
const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;
/** The repository's node_modules: the worker finds the real wx-server-sdk there even for functions outside the repo. */
const REPO_NODE_MODULES = path.resolve(__dirname, '../../../node_modules');

interface Job {
  requestId: string;
  event: unknown;
  ctx: Required<WxContext>;
  baseUrl: string;
  timeoutSec: number;
  resolve: (r: InvocationResult) => void;
  reject: (e: FunctionError) => void;
}

interface Worker {
  proc: ChildProcess;
  state: 'starting' | 'idle' | 'busy' | 'dead';
  mtimeMs: number;
  job?: Job;
  token?: string;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
}

/** Workers and waiting calls of one function. */
class Pool {
  readonly workers: Worker[] = [];
  readonly queue: Job[] = [];
  mtimeMs = 0;

  constructor(
    readonly name: string,
    readonly file: string,
    private readonly runner: FunctionRunner,
    private readonly cap: number,
  ) {}

  submit(job: Job, mtimeMs: number): void {
    if (mtimeMs !== this.mtimeMs) {
      // index.js was rebuilt: idle workers hold the old code, so retire them now (busy ones on release).
      this.mtimeMs = mtimeMs;
      for (const w of this.workers) if (w.state === 'idle' || w.state === 'starting') this.kill(w);
    }
    this.queue.push(job);
    this.dispatch();
  }

  private dispatch(): void {
    for (const w of this.workers) {
      if (!this.queue.length) return;
      if (w.state === 'idle') this.run(w, this.queue.shift() as Job);
    }
    const starting = this.workers.filter((w) => w.state === 'starting').length;
    let missing = this.queue.length - starting;
    while (missing > 0 && this.workers.length < this.cap) {
      this.spawn();
      missing--;
    }
  }

  private spawn(): void {
    const proc = fork(WORKER_FILE, [this.file], {
      cwd: path.dirname(this.file),
      env: this.runner.baseEnv(),
      execArgv: [],
      silent: true,
      serialization: 'json',
    });
    const w: Worker = { proc, state: 'starting', mtimeMs: this.mtimeMs };
    this.workers.push(w);
    pipeLines(proc.stdout, (l) => this.runner.log(`[fn:${this.name}] ${l}`, 'out'));
    pipeLines(proc.stderr, (l) => this.runner.log(`[fn:${this.name}] ${l}`, 'err'));
    const initTimer = setTimeout(() => {
      this.failAll(`function ${this.name} did not finish loading within ${INIT_TIMEOUT_MS} ms`);
      this.kill(w);
    }, INIT_TIMEOUT_MS);
    proc.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'ready') {
        clearTimeout(initTimer);
        if (w.state !== 'starting') return;
        this.becomeIdle(w);
        this.dispatch();
      } else if (msg.type === 'load-error') {
        clearTimeout(initTimer);
        this.runner.log(`[fn:${this.name}] failed to load: ${msg.message}`, 'err');
        // Every waiting call fails: the code cannot run until it is rebuilt.
        this.failAll(`function ${this.name} failed to load: ${firstLine(msg.message)}`);
        this.kill(w);
      } else if (msg.type === 'result') {
        this.finish(w, msg);
      }
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(initTimer);
      const job = w.state === 'busy' ? w.job : undefined;
      // Died while loading (process.exit or a crash at module level): respawning would loop forever.
      if (w.state === 'starting')
        this.failAll(`function ${this.name} exited (${signal ?? code}) while loading`);
      w.state = 'dead';
      const i = this.workers.indexOf(w);
      if (i >= 0) this.workers.splice(i, 1);
      if (job) {
        this.release(w);
        const why = `function process exited (${signal ?? code}) during the invocation`;
        this.runner.log(`[fn:${this.name}] invocation ${job.requestId} failed: ${why}`, 'err');
        job.reject(new FunctionError(FUNCTION_FAILED_CODE, `function ${this.name} failed: ${why}`));
      }
      this.dispatch();
    });
    proc.on('error', (err) => this.runner.log(`[fn:${this.name}] worker error: ${err.message}`, 'err'));
  }

  private run(w: Worker, job: Job): void {
    if (w.idleTimer) clearTimeout(w.idleTimer);
    w.state = 'busy';
    w.job = job;
    w.token = this.runner.issueToken(job.ctx);
    const env: Record<string, string> = {
      WX_OPENID: job.ctx.OPENID,
      WX_APPID: job.ctx.APPID,
      WX_UNIONID: job.ctx.UNIONID,
      WX_CLIENTIP: job.ctx.CLIENTIP,
      WX_API_TOKEN: w.token,
      TCB_SOURCE: job.ctx.SOURCE,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${job.baseUrl}/admin` }),
    };
    const context = {
      request_id: job.requestId,
      function_name: this.name,
      function_version: '$LATEST',
      namespace: this.runner.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: job.timeoutSec * 1000,
    };
    w.timer = setTimeout(() => {
      const j = w.job;
      if (!j) return;
      this.runner.log(
        `[fn:${this.name}] ${timeoutMessage(job.timeoutSec)} (request ${job.requestId}); worker killed`,
        'err',
      );
      this.release(w);
      j.reject(new FunctionError(FUNCTION_FAILED_CODE, timeoutMessage(job.timeoutSec)));
      this.kill(w);
    }, job.timeoutSec * 1000);
    try {
      w.proc.send({ type: 'invoke', id: job.requestId, event: job.event, context, env });
    } catch (err) {
      if (!w.proc.connected) {
        // The worker died between being picked and being sent the job: its exit handler fails the job.
        this.runner.log(`[fn:${this.name}] could not reach worker: ${(err as Error).message}`, 'err');
        return;
      }
      // The event could not be serialised (a cycle, a BigInt, nesting that overflows JSON.stringify): the
      // worker never saw it and stays usable. Fail this call now rather than at its timeout.
      const why = `the event could not be handed to the function: ${(err as Error).message}`;
      this.runner.log(`[fn:${this.name}] invocation ${job.requestId} failed: ${why}`, 'err');
      this.release(w);
      this.becomeIdle(w);
      job.reject(new FunctionError(FUNCTION_FAILED_CODE, `function ${this.name} failed: ${why}`));
      this.dispatch();
    }
  }

  /**
   * Mark a worker idle. Extra warm workers (beyond one per function) are reaped after a while idle,
   * as SCF reclaims idle instances: each holds a Node process with the SDK loaded (~50 MB).
   */
  private becomeIdle(w: Worker): void {
    w.state = 'idle';
    if (w.idleTimer) clearTimeout(w.idleTimer);
    w.idleTimer = setTimeout(() => {
      if (w.state === 'idle' && this.workers.length > 1) this.kill(w);
    }, this.runner.idleReapMs);
    w.idleTimer.unref();
  }

  private release(w: Worker): void {
    if (w.timer) clearTimeout(w.timer);
    if (w.token) this.runner.revokeToken(w.token);
    w.timer = undefined;
    w.token = undefined;
    w.job = undefined;
  }

  private finish(w: Worker, msg: ResultMessage): void {
    const job = w.job;
    if (!job || (msg.id && msg.id !== job.requestId)) return;
    this.release(w);
    if (w.state === 'busy') {
      this.becomeIdle(w);
      if (w.mtimeMs !== this.mtimeMs) this.kill(w);
    }
    if (!msg.ok) {
      this.runner.log(
        `[fn:${this.name}] invocation ${job.requestId} failed: ${msg.stack || msg.error}`,
        'err',
      );
      job.reject(new FunctionError(FUNCTION_FAILED_CODE, `function ${this.name} failed: ${msg.error}`));
    } else if (msg.undefined) {
      if (RETURN_UNDEFINED_IS_ERROR) {
        job.reject(
          new FunctionError(
            FUNCTION_FAILED_CODE,
            `function ${this.name} returned undefined (main() must return a value)`,
          ),
        );
      } else job.resolve({ requestId: job.requestId, json: 'null' });
    } else job.resolve({ requestId: job.requestId, json: msg.json as string });
    this.dispatch();
  }

  private failAll(message: string): void {
    for (const job of this.queue.splice(0)) job.reject(new FunctionError(FUNCTION_FAILED_CODE, message));
  }

  kill(w: Worker): void {
    if (w.state === 'dead') return;
    w.state = 'dead';
    if (w.idleTimer) clearTimeout(w.idleTimer);
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers.splice(i, 1);
    w.proc.kill('SIGKILL');
  }

  close(): void {
    for (const job of this.queue.splice(0))
      job.reject(new FunctionError(FUNCTION_FAILED_CODE, 'emulator is shutting down'));
    for (const w of [...this.workers]) {
      const job = w.job;
      this.release(w);
      job?.reject(new FunctionError(FUNCTION_FAILED_CODE, 'emulator is shutting down'));
      this.kill(w);
    }
  }
}

type ResultMessage = {
  type: 'result';
  id: string;
  ok: boolean;
  json?: string;
  undefined?: boolean;
  error?: string;
  stack?: string;
};
type WorkerMessage = { type: 'ready' } | { type: 'load-error'; message: string } | ResultMessage;

/** Function pools keyed by name, plus the API-token → identity map that makes callFunction carry identity. */
export class FunctionRunner {
  private readonly pools = new Map<string, Pool>();
  private readonly tokens = new Map<string, Required<WxContext>>();
  readonly functionsDir: string;
  readonly envId: string;
  private readonly functionEnv: Record<string, string>;
  private readonly cap: number;
  readonly log: (line: string, stream: 'out' | 'err') => void;
  readonly idleReapMs: number;
  private closed = false;

  constructor(opts: RunnerOptions) {
    this.functionsDir = path.resolve(opts.functionsDir);
    this.envId = opts.envId;
    this.functionEnv = opts.functionEnv ?? {};
    this.cap = opts.maxWorkersPerFunction ?? 8;
    this.idleReapMs = opts.idleReapMs ?? 60_000;
    this.log =
      opts.log ?? ((line, stream) => (stream === 'err' ? process.stderr : process.stdout).write(`${line}\n`));
  }

  /** Environment a worker starts with: a clean one, like SCF's, not the emulator's own. */
  baseEnv(): NodeJS.ProcessEnv {
    const keep = ['PATH', 'HOME', 'TZ', 'LANG', 'SYSTEMROOT', 'TMPDIR'];
    const env: NodeJS.ProcessEnv = {};
    for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
    return {
      ...env,
      NODE_PATH: REPO_NODE_MODULES,
      TENCENTCLOUD_SECRETID: 'local-emulator-secret-id',
      TENCENTCLOUD_SECRETKEY: 'local-emulator-secret-key',
      TCB_ENV: this.envId,
      SCF_NAMESPACE: this.envId,
      TENCENTCLOUD: 'true',
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN',
      SILENCE: 'true',
      ...this.functionEnv,
    };
  }

  /** Register the identity behind a fresh WX_API_TOKEN. */
  issueToken(ctx: Required<WxContext>): string {
    const token = `emu-${crypto.randomBytes(18).toString('base64url')}`;
    this.tokens.set(token, ctx);
    return token;
  }

  /** Forget a token once its invocation is over. */
  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  /** The identity of the invocation that owns this wxCloudApiToken, if it is still running. */
  identityOf(token: unknown): Required<WxContext> | undefined {
    return typeof token === 'string' ? this.tokens.get(token) : undefined;
  }

  /** Identity for a function called through the SDK with the given wxCloudApiToken. */
  calleeIdentity(token: unknown): Required<WxContext> {
    const caller = this.identityOf(token);
    if (caller) return { ...caller, SOURCE: chainedSource(caller.SOURCE) };
    return fullContext({ OPENID: '', SOURCE: ANONYMOUS_SERVER_SOURCE });
  }

  /** Run one invocation; rejects with FunctionError. */
  async invoke(
    name: string,
    event: unknown,
    ctx: Partial<WxContext>,
    baseUrl: string,
  ): Promise<InvocationResult> {
    if (this.closed) throw new FunctionError(FUNCTION_FAILED_CODE, 'emulator is shutting down');
    if (!NAME_RE.test(name))
      throw new FunctionError(FUNCTION_MISSING_CODE, `invalid function name: ${JSON.stringify(name)}`);
    const dir = path.join(this.functionsDir, name);
    const file = path.join(dir, 'index.js');
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(file).mtimeMs;
    } catch {
      throw new FunctionError(
        FUNCTION_MISSING_CODE,
        `function not found: ${name} (no ${file}; build the functions first)`,
      );
    }
    const timeoutSec = readTimeout(path.join(dir, 'config.json'));
    let pool = this.pools.get(name);
    if (!pool) {
      pool = new Pool(name, file, this, this.cap);
      this.pools.set(name, pool);
    }
    const requestId = crypto.randomBytes(12).toString('hex');
    return new Promise((resolve, reject) => {
      (pool as Pool).submit(
        { requestId, event, ctx: fullContext(ctx), baseUrl, timeoutSec, resolve, reject },
        mtimeMs,
      );
    });
  }

  /** Live worker count per function (for tests and the admin API). */
  stats(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, pool] of this.pools) out[name] = pool.workers.length;
    return out;
  }

  /** Kill every worker; pending calls fail. */
  close(): void {
    this.closed = true;
    for (const pool of this.pools.values()) pool.close();
    this.pools.clear();
    this.tokens.clear();
  }
}

/** Fill in the identity fields getWXContext() shows. */
export function fullContext(ctx: Partial<WxContext>): Required<WxContext> {
  return {
    OPENID: ctx.OPENID ?? '',
    APPID: ctx.APPID ?? DEFAULT_APPID,
    UNIONID: ctx.UNIONID ?? '',
    CLIENTIP: ctx.CLIENTIP ?? '127.0.0.1',
    SOURCE: ctx.SOURCE ?? 'wx_client',
  };
}

function readTimeout(configFile: string): number {
  try {
    const cfg = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { timeout?: unknown };
    if (typeof cfg.timeout === 'number' && cfg.timeout > 0) return cfg.timeout;
  } catch {
    // no or unreadable config.json: CloudBase's default applies
  }
  return DEFAULT_TIMEOUT_SECONDS;
}

function pipeLines(stream: NodeJS.ReadableStream | null, onLine: (l: string) => void): void {
  if (!stream) return;
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  stream.on('end', () => {
    if (buf) onLine(buf);
  });
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
