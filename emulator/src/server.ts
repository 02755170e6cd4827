/** start(): createApp() plus a listening HTTP server on loopback. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { isLoopbackHost } from './http/util';
import type { EmulatorApp, EmulatorOptions } from './types';

/** A running emulator. */
export interface RunningEmulator {
  url: string;
  app: EmulatorApp;
  sdkEnv: Record<string, string>;
  stop(): Promise<void>;
}

/** Start an emulator; refuses a non-loopback host unless `allowRemote`. Port 0 picks a free port. */
export async function start(
  opts: EmulatorOptions & { port?: number; host?: string },
): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !opts.allowRemote) {
    throw new Error(
      `refusing to listen on ${host}: the emulator has no real authentication. Use 127.0.0.1, or pass allowRemote (--allow-remote) if you mean it.`,
    );
  }
  const app = createApp(opts);
  const server = http.createServer(app.handler);
  // Keep-alive sockets from the SDK would otherwise hold stop() open.
  server.keepAliveTimeout = 5000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  } catch (err) {
    await app.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}`;
  // Functions run on this machine: a wildcard bind is still reached through loopback.
  const internal = host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${port}` : url;
  app.setPublicUrl(internal);
  if (opts.scheduleTriggers) app.triggers.start();
  let stopped: Promise<void> | null = null;
  return {
    url,
    app,
    sdkEnv: app.sdkEnv(internal),
    stop: () =>
      (stopped ??= (async () => {
        await app.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })()),
  };
}
