/**
 * `npm start`: builds what is stale (cloud functions, H5 client), starts the
 * local CloudBase emulator with its durable data folder, seeds the district's
 * stations on first run (idempotent), serves the H5 app from the same origin
 * and prints how to log in as each demo role. Ctrl-C stops everything.
 *
 * Environment: PORT (default 8080), HOST (default 127.0.0.1), SGZ_DATA_DIR
 * (default .data), SGZ_ADMIN_OPENIDS (default: the demo district admin).
 */
import { spawnSync } from 'child_process';
import path from 'path';
import { start } from '@sgz/emulator';
import { DEMO_USERS } from '@sgz/shared';
import { isStale, touchStamp } from './lib/stale';
import { seedEmulator } from './seed';

const root = path.resolve(__dirname, '..');
const t0 = Date.now();

function run(cmd: string, args: string[], label: string): void {
  const t = Date.now();
  process.stdout.write(`• ${label} …\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`✗ ${label} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`  done in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(root, process.env.SGZ_DATA_DIR ?? '.data');
  const h5Dir = path.join(root, 'client/dist/h5');

  // Functions: the build script itself skips functions that are up to date.
  run(
    process.execPath,
    [require.resolve('tsx/cli'), 'scripts/build-functions.ts'],
    'building cloud functions',
  );

  const h5Stamp = path.join(h5Dir, '.build-stamp');
  const h5Inputs = [
    'client/src',
    'client/config',
    'client/babel.config.js',
    'client/package.json',
    'shared/src',
  ].map((p) => path.join(root, p));
  if (isStale(h5Stamp, h5Inputs)) {
    run('npm', ['run', 'build:h5', '-w', 'client'], 'building the H5 client (first time ~1 min)');
    touchStamp(h5Stamp);
  } else {
    console.log('• H5 client is up to date');
  }

  const admins =
    process.env.SGZ_ADMIN_OPENIDS ??
    DEMO_USERS.filter((u) => u.role === 'district_admin')
      .map((u) => u.openid)
      .join(',');
  const emu = await start({
    dataDir,
    port,
    host,
    functionsDir: path.join(root, 'cloudfunctions'),
    staticDir: h5Dir,
    devUsers: DEMO_USERS.map((u) => ({
      openid: u.openid,
      label: u.label,
      role: u.role,
      stationId: u.stationId,
    })),
    functionEnv: { SGZ_ADMIN_OPENIDS: admins },
    scheduleTriggers: true,
  });

  const seeded = await seedEmulator(emu.sdkEnv, new Date());
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`
滨海新区社工站 — local app ready in ${secs} s
  App:        ${emu.url}/
  Dev login:  ${emu.url}/__dev/login   (act as a demo resident, worker, head, supervisor or admin)
  Data:       ${dataDir}   ${seeded ? '(seeded the 21 stations just now)' : '(already seeded)'}
Demo users (演示账号):
${DEMO_USERS.map((u) => `  ${u.role.padEnd(15)} ${u.openid.padEnd(24)} ${u.label}`).join('\n')}
Point an SDK at this emulator with:
${Object.entries(emu.sdkEnv)
  .map(([k, v]) => `  export ${k}='${v}'`)
  .join('\n')}
Ctrl-C to stop.`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping …');
    await emu.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
