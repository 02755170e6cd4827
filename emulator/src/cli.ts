/** Command line: `npm run emulator -- [--port 8080] [--data DIR | --memory] …` and the data-dir subcommands. */
import fs from 'node:fs';
import path from 'node:path';
import { createApp, REPO_ROOT } from './app';
import { start } from './server';
import type { DevUser } from './types';

const USAGE = `Local CloudBase emulator (speaks the wx-server-sdk 4.0.2 protocol)

usage:
  npm run emulator -- [options]                 start the emulator
  npm run emulator -- collections [--data DIR]  list collections with counts
  npm run emulator -- export <coll> [--data DIR] > coll.jsonl
  npm run emulator -- import <coll> <file.jsonl> [--data DIR]
  npm run emulator -- reset [--data DIR]        delete all data, files and outbox

options:
  --port N           port (default 8080; 0 = any free port)
  --host H           interface (default 127.0.0.1)
  --allow-remote     allow a non-loopback --host (no real authentication: be careful)
  --data DIR         data folder (default .data at the repo root)
  --memory           keep everything in memory (nothing survives a restart)
  --functions DIR    built functions (default cloudfunctions/)
  --static DIR       H5 build served at /
  --dev-users FILE   JSON array of {openid,label,role,stationId?} for the dev login page
  --blocked-words F  JSON array of words that make msgSecCheck answer 87014
  --no-triggers      do not fire timer triggers on schedule (they can still be fired:
                     POST /__admin/triggers/<function>/<trigger>/fire)
`;

interface Args {
  cmd: string[];
  flags: Record<string, string | true>;
}

function parseArgs(argv: string[]): Args {
  const cmd: string[] = [];
  const flags: Record<string, string | true> = {};
  const boolean = new Set(['memory', 'allow-remote', 'help', 'no-triggers']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h') flags.help = true;
    else if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2);
      if (inline !== undefined) flags[k] = inline;
      else if (boolean.has(k)) flags[k] = true;
      else {
        const v = argv[++i];
        if (v === undefined) throw new Error(`--${k} needs a value`);
        flags[k] = v;
      }
    } else cmd.push(a);
  }
  return { cmd, flags };
}

function str(flags: Args['flags'], k: string): string | undefined {
  const v = flags[k];
  return typeof v === 'string' ? v : undefined;
}

function readJsonFile<T>(file: string | undefined): T | undefined {
  return file ? (JSON.parse(fs.readFileSync(path.resolve(file), 'utf8')) as T) : undefined;
}

async function main(): Promise<void> {
  const { cmd, flags } = parseArgs(process.argv.slice(2));
  if (flags.help) return void process.stdout.write(USAGE);
  const dataDir = flags.memory ? null : path.resolve(str(flags, 'data') ?? path.join(REPO_ROOT, '.data'));

  if (cmd.length) {
    if (!dataDir) throw new Error('subcommands operate on a data folder; --memory makes no sense here');
    const app = createApp({ dataDir, log: (l) => process.stderr.write(`${l}\n`) });
    try {
      switch (cmd[0]) {
        case 'collections':
          for (const c of app.db.listCollections()) process.stdout.write(`${c.name}\t${c.count}\n`);
          break;
        case 'export':
          if (!cmd[1]) throw new Error('usage: export <collection>');
          process.stdout.write(app.db.exportCollection(cmd[1]));
          break;
        case 'import': {
          if (!cmd[1] || !cmd[2]) throw new Error('usage: import <collection> <file.jsonl>');
          const n = app.db.importCollection(cmd[1], fs.readFileSync(path.resolve(cmd[2]), 'utf8'));
          process.stderr.write(`imported ${n} documents into ${cmd[1]}\n`);
          break;
        }
        case 'reset':
          app.reset();
          process.stderr.write(`reset ${dataDir}: database, files and outbox emptied\n`);
          break;
        default:
          throw new Error(`unknown command ${cmd[0]}\n\n${USAGE}`);
      }
    } finally {
      await app.close();
    }
    return;
  }

  const port = Number(str(flags, 'port') ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`bad --port ${str(flags, 'port')}`);
  const emu = await start({
    dataDir,
    port,
    host: str(flags, 'host') ?? '127.0.0.1',
    allowRemote: flags['allow-remote'] === true,
    functionsDir: str(flags, 'functions') ? path.resolve(str(flags, 'functions') as string) : undefined,
    staticDir: str(flags, 'static') ? path.resolve(str(flags, 'static') as string) : undefined,
    devUsers: readJsonFile<DevUser[]>(str(flags, 'dev-users')),
    blockedWords: readJsonFile<string[]>(str(flags, 'blocked-words')),
    scheduleTriggers: flags['no-triggers'] !== true,
  });
  const lines = Object.entries(emu.sdkEnv).map(([k, v]) => `  export ${k}='${v}'`);
  process.stdout.write(
    `Local CloudBase emulator listening on ${emu.url}  (env ${emu.sdkEnv.TCB_ENV}, ${dataDir ? `data ${dataDir}` : 'in memory'})\n` +
      `  dev login: ${emu.url}/__dev/login   admin: ${emu.url}/__admin/collections\n` +
      `  timer triggers: ${emu.app.triggers.list().length} (${flags['no-triggers'] === true ? 'not scheduled' : 'scheduled, Beijing time'}; ${emu.url}/__admin/triggers)\n` +
      `Point a wx-server-sdk at it:\n${lines.join('\n')}\n`,
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: stopping emulator (workers, database)…\n`);
    emu.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while stopping: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
