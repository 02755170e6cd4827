import fs from 'fs';
import path from 'path';
import { start } from '@sgz/emulator';
import { DEMO_USERS } from '@sgz/shared';
import { seedEmulator } from '../../scripts/seed';

const root = path.resolve(__dirname, '../..');

/** A running local app for e2e: in-memory emulator + built functions + the H5 build, seeded with demo data. */
export async function startApp(): Promise<{ url: string; stop: () => Promise<void> }> {
  const staticDir = path.join(root, 'client/dist/h5');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error('client/dist/h5 is missing: run `npm run build:h5` first (npm test does).');
  }
  const emu = await start({
    dataDir: null,
    port: 0,
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
  await seedEmulator(emu.sdkEnv, new Date());
  return { url: emu.url, stop: emu.stop };
}
