/**
 * Integration harness: one in-process emulator per test file (port 0, data in
 * memory), the cloud functions built first, the district seeded, and
 * `callAs(openid, fn, event)` to call a function as a given WeChat user
 * through the emulator's function runner (the function itself talks to the
 * emulator with the real wx-server-sdk).
 *
 * Usage:
 *   const cloud = useTestCloud();          // at the top of a test file
 *   it('…', async () => { await cloud.callAs('demo-resident-1', 'stations', {action: 'listStations'}) })
 * State is reset (database emptied, then re-seeded) before each test.
 */
import path from 'path';
import { start, type RunningEmulator } from '@sgz/emulator';
import { DEMO_USERS } from '../../shared/src/seed/demo-users';
import type { Result } from '../../shared/src/errors';
import { buildFunction, functionNames, isStale } from '../../scripts/build-functions';
import { databaseFor, seedDatabase, type DB } from '../../scripts/seed';

/** Root of the built functions (each `<name>/index.js`). */
export const FUNCTIONS_DIR = path.resolve(__dirname, '../../cloudfunctions');

/** The demo district admin, configured as admin the same way `npm start` does it. */
export const DEMO_ADMIN_OPENIDS = DEMO_USERS.filter((u) => u.role === 'district_admin').map((u) => u.openid);

/**
 * libfaketime's variables, when the tier runs under `faketime` (scripts/test-all.sh's
 * fake-clock runs): the emulator starts each function worker with a clean environment
 * (like SCF's), which would drop LD_PRELOAD and FAKETIME and leave the functions on the
 * real clock while the test process reads the faked one. Handed on explicitly.
 */
export function fakeClockEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (!env.FAKETIME) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && (k === 'LD_PRELOAD' || k === 'NO_FAKE_STAT' || k.startsWith('FAKETIME')))
      out[k] = v;
  }
  return out;
}

/** A fixed clock for seeding, so tests do not depend on the day they run. */
export const SEED_NOW = new Date('2026-04-01T02:00:00Z');

/** What a test file gets from {@link useTestCloud}. */
export interface TestCloud {
  /** The running emulator (valid inside tests and hooks). */
  readonly emulator: RunningEmulator;
  /** A wx-server-sdk database handle in the test process, pointed at the emulator. */
  readonly db: DB;
  /** Calls function `fn` with `event` as WeChat user `openid` (null: no user, like a timer trigger). */
  callAs<T = unknown>(openid: string | null, fn: string, event: Record<string, unknown>): Promise<Result<T>>;
  /** Documents per collection, for "nothing was written" checks. */
  counts(): Record<string, number>;
  /** Console lines the functions wrote during the current test (cleared before each test). */
  readonly logs: string[];
}

/** Builds the functions whose bundles are stale (same rule as `npm run build:functions`). */
export async function buildStaleFunctions(names: string[] = functionNames(FUNCTIONS_DIR)): Promise<void> {
  await Promise.all(names.filter((n) => isStale(n)).map(buildFunction));
}

/**
 * Registers beforeAll/beforeEach/afterAll hooks that start an emulator, reset
 * and re-seed it before every test, and stop it at the end.
 */
export function useTestCloud(
  opts: {
    /** Functions to build before starting (default: all); a test file names the ones it calls so another function's broken work-in-progress does not stop it. */
    functions?: string[];
    /** Seed the district before each test (default true). */
    seed?: boolean;
    /** Extra environment for every function invocation. */
    functionEnv?: Record<string, string>;
  } = {},
): TestCloud {
  let emulator: RunningEmulator | null = null;
  let db: DB | null = null;
  const logs: string[] = [];

  beforeAll(async () => {
    await buildStaleFunctions(opts.functions);
    emulator = await start({
      dataDir: null,
      port: 0,
      functionsDir: FUNCTIONS_DIR,
      devUsers: DEMO_USERS.map((u) => ({
        openid: u.openid,
        label: u.label,
        role: u.role,
        stationId: u.stationId,
      })),
      functionEnv: {
        ...fakeClockEnv(),
        SGZ_ADMIN_OPENIDS: DEMO_ADMIN_OPENIDS.join(','),
        ...opts.functionEnv,
      },
      log: (line) => logs.push(line),
    });
    db = databaseFor(emulator.sdkEnv);
  }, 120_000);

  beforeEach(async () => {
    if (!emulator || !db) throw new Error('emulator did not start');
    emulator.app.reset();
    logs.length = 0;
    if (opts.seed !== false) await seedDatabase(db, SEED_NOW);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  const need = <T>(v: T | null): T => {
    if (v === null) throw new Error('useTestCloud(): use it inside tests and hooks');
    return v;
  };

  return {
    get emulator() {
      return need(emulator);
    },
    get db() {
      return need(db);
    },
    async callAs<T>(openid: string | null, fn: string, event: Record<string, unknown>) {
      const out = await need(emulator).app.invoke(fn, event, openid ? { OPENID: openid } : {});
      return out as Result<T>;
    },
    logs,
    counts() {
      return Object.fromEntries(
        need(emulator)
          .app.db.listCollections()
          .map((c) => [c.name, c.count]),
      );
    },
  };
}
