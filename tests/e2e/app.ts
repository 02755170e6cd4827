import fs from 'fs';
import net from 'net';
import path from 'path';
import { start } from '@sgz/emulator';
import { DEMO_USERS } from '@sgz/shared';
import { seedEmulator } from '../../scripts/seed';

const root = path.resolve(__dirname, '../..');

/** How to start the local app; the defaults are the in-memory app of most e2e tests. */
export interface StartAppOptions {
  /**
   * Keep the emulator's data (database, files, dev-session secret) in this folder, so an
   * app stopped and started again on it has the same data and the browser's cookie still holds.
   */
  dataDir?: string | null;
  /** Listen on this port (0: any free one). A restart on the same port keeps the page's origin. */
  port?: number;
  /** Seed the district and the demo accounts (default true; a restart on a seeded dataDir skips it). */
  seed?: boolean;
}

export interface RunningApp {
  url: string;
  /** The variables pointing a wx-server-sdk at this emulator (scripts/seed `databaseFor`). */
  sdkEnv: Record<string, string>;
  stop: () => Promise<void>;
}

/** A running local app for e2e: emulator + built functions + the H5 build, seeded with demo data. */
export async function startApp(opts: StartAppOptions = {}): Promise<RunningApp> {
  const staticDir = path.join(root, 'client/dist/h5');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error('client/dist/h5 is missing: run `npm run build:h5` first (npm test does).');
  }
  const emu = await start({
    dataDir: opts.dataDir ?? null,
    port: opts.port ?? 0,
    host: '127.0.0.1',
    functionsDir: path.join(root, 'cloudfunctions'),
    staticDir,
    devUsers: DEMO_USERS.map((u) => ({
      openid: u.openid,
      label: u.label,
      role: u.role,
      stationId: u.stationId,
    })),
    functionEnv: { SGZ_ADMIN_OPENIDS: 'demo-admin-1' },
  });
  if (opts.seed ?? true) await seedEmulator(emu.sdkEnv, new Date());
  return { url: emu.url, sdkEnv: emu.sdkEnv, stop: emu.stop };
}

/** A port free right now on 127.0.0.1 (for an app that must come back on the same origin). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
