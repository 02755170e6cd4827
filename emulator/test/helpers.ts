/** Shared set-up for the emulator tests: a started emulator on a free port, the real SDK pointed at it. */
import path from 'node:path';
import http from 'node:http';
import { start, type RunningEmulator } from '../src';
import type { EmulatorOptions } from '../src';

/** The fixture functions of these tests. */
export const FIXTURE_FUNCTIONS = path.join(__dirname, 'fixtures', 'functions');

/** Log lines the emulator printed (function console output included). */
export interface Captured {
  lines: string[];
}

/** Start an in-memory emulator (unless overridden) and point this process's wx-server-sdk at it. */
export async function startEmulator(
  opts: Partial<EmulatorOptions> = {},
): Promise<RunningEmulator & { captured: Captured }> {
  const captured: Captured = { lines: [] };
  const emu = await start({
    dataDir: null,
    functionsDir: FIXTURE_FUNCTIONS,
    log: (line) => void captured.lines.push(line),
    ...opts,
  });
  Object.assign(process.env, emu.sdkEnv);
  return { ...emu, captured };
}

/** The real wx-server-sdk 4.0.2, initialised against the emulator in process.env. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function sdk(): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  return cloud;
}

/** A raw HTTP exchange. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json: () => unknown;
}

/** Send one HTTP request and read the whole answer (no redirects followed, no path normalisation). */
export function request(
  url: string,
  opts: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer },
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString('utf8'),
            json: () => JSON.parse(body.toString('utf8')),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Catch a rejection and return the error (fails the test if the promise resolves). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, it succeeded');
}
