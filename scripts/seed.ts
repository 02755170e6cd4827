/**
 * Seeds the district's administrative units and stations (and, for the local
 * emulator, the demo data).
 *
 * `seedDatabase(db, now)` is idempotent: it runs the `setup` function's seed
 * (cloudfunctions/setup/src/seed.ts), which inserts only the units and
 * stations whose ids are missing, so an administrator's later edits are never
 * overwritten, and records the seed version and migrations in `meta/seed`.
 *
 * CLI (against a running emulator):
 *   tsx scripts/seed.ts http://127.0.0.1:8080   (or SGZ_EMULATOR_URL=…)
 */
import type * as Cloud from 'wx-server-sdk';
import { COLLECTIONS } from '../shared/src/collections';
import { SEED_STATIONS } from '../shared/src/seed/districts';
import { runSetup } from '../cloudfunctions/setup/src/seed';
import { DEMO_USERS } from '../shared/src/seed/demo-users';
import { demoAccount } from '../shared/src/domain/account';
import { demoServiceItemsFor } from '../shared/src/seed/service-items';

/** A wx-server-sdk database handle. */
export type DB = ReturnType<typeof Cloud.database>;

/** What one seeding run did. */
export interface SeedReport {
  version: number;
  unitsInserted: number;
  stationsInserted: number;
  /** Demo accounts and demo service items inserted (only with `demo`). */
  demoInserted: number;
}

/** What to seed besides the district's units and stations. */
export interface SeedOptions {
  /**
   * Insert the clearly marked demo data: the accounts of `DEMO_USERS` (演示)
   * into `users`, so the dev login's worker, head, supervisor and admin act
   * with their roles, and each station's demo service items. Only for the
   * local emulator: never pass it against a real environment.
   */
  demo?: boolean;
}

/**
 * The demo service items of every station (演示). Residents are offered an item only once a
 * head has reviewed it (`demo: false`, set when the head saves it): the items of the
 * stations the demo heads run are stored as reviewed by them, so the local walkthrough
 * has a catalogue to book from; every other station's stay demo items, off the public list.
 */
export function demoItemDocs(now: Date): { _id: string; [k: string]: unknown }[] {
  const reviewedBy = new Map(
    DEMO_USERS.filter((u) => u.role === 'station_head' && u.stationId).map((u) => [
      u.stationId as string,
      demoAccount(u, now)._id as string,
    ]),
  );
  return SEED_STATIONS.flatMap((s) => demoServiceItemsFor(s.id)).map(({ id, ...rest }) => {
    const head = reviewedBy.get(rest.stationId);
    return head
      ? { _id: id as string, ...rest, demo: false, updatedAt: now, updatedBy: head }
      : { _id: id as string, ...rest, demo: true };
  });
}

/**
 * The demo supervisor's assignments (演示): one open assignment per station of
 * its `stationIds`, so the demo supervisor keeps those stations now that the
 * `assigned` scope comes from `supervisor_assignments` (issue 12).
 */
export function demoAssignmentDocs(now: Date): { _id: string; [k: string]: unknown }[] {
  return DEMO_USERS.filter((u) => u.role === 'supervisor').flatMap((u) =>
    (u.stationIds ?? []).map((stationId) => ({
      _id: `sa-demo-${u.openid}-${stationId}`,
      supervisorId: demoAccount(u, now)._id as string,
      stationId: stationId as string,
      kind: 'district',
      from: '2024-01-01',
      to: null,
      createdAt: now,
      createdBy: 'seed',
      demo: true,
    })),
  );
}

/** The emulator's default environment id (a fake one, see docs/interfaces.md). */
const DEFAULT_ENV = 'local-sgz-emulator';

type Awaitable<T> = Promise<T> | void | string;
const run = async <T>(call: Awaitable<T>): Promise<T> => {
  if (!call || typeof call === 'string') throw new Error('wx-server-sdk call returned no promise');
  return call;
};

/** Ids among `ids` that already exist in `collection` (one query; ids are few). */
async function existingIds(db: DB, collection: string, ids: string[]): Promise<Set<string>> {
  const res = await run(
    db
      .collection(collection)
      .where({ _id: db.command.in(ids) })
      .field({ _id: true })
      .limit(1000)
      .get(),
  );
  return new Set(res.data.map((d) => String(d._id)));
}

/** Inserts the docs whose `_id` is missing; returns how many were inserted. */
async function insertMissing(db: DB, collection: string, docs: { _id: string }[]): Promise<number> {
  // Real CloudBase needs a collection to exist before the first insert; it
  // answers an error when it already does, which is the normal case here. A
  // real failure surfaces on the very next read.
  try {
    await run(db.createCollection(collection));
  } catch {
    /* already exists */
  }
  const present = await existingIds(
    db,
    collection,
    docs.map((d) => d._id),
  );
  const missing = docs.filter((d) => !present.has(d._id));
  // One batch insert (wx-server-sdk 4.0.2 sends an array as one insertDocument call).
  if (missing.length) await run(db.collection(collection).add({ data: missing }));
  return missing.length;
}

/**
 * Seeds units and stations and runs the data migrations with the `setup`
 * function's own code (cloudfunctions/setup/src/seed.ts: one source for the
 * emulator and a real environment), then, with `demo`, the demo data.
 */
export async function seedDatabase(db: DB, now: Date, opts: SeedOptions = {}): Promise<SeedReport> {
  const setup = await runSetup(db, now);
  let demoInserted = 0;
  if (opts.demo) {
    demoInserted += await insertMissing(
      db,
      COLLECTIONS.users,
      DEMO_USERS.map((u) => demoAccount(u, now) as unknown as { _id: string }),
    );
    demoInserted += await insertMissing(db, COLLECTIONS.serviceItems, demoItemDocs(now));
    demoInserted += await insertMissing(db, COLLECTIONS.supervisorAssignments, demoAssignmentDocs(now));
  }
  return {
    version: setup.seedVersion,
    unitsInserted: setup.adminUnits.created,
    stationsInserted: setup.stations.created,
    demoInserted,
  };
}

/**
 * Points this process's wx-server-sdk at an emulator (its `sdkEnv`, see
 * /work/shared/cloudbase-wire.md §1) and returns a database handle.
 */
export function databaseFor(sdkEnv: Record<string, string>): DB {
  Object.assign(process.env, sdkEnv);
  // Required after the environment is set: the SDK reads it when it initialises.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof Cloud;
  cloud.init({ env: sdkEnv.TCB_ENV, throwOnNotFound: false } as unknown as Parameters<typeof cloud.init>[0]);
  return cloud.database({ env: sdkEnv.TCB_ENV, throwOnNotFound: false } as unknown as Parameters<
    typeof cloud.database
  >[0]);
}

/** Seeds the local emulator reachable with `sdkEnv`, demo accounts included; true when anything was inserted (first run). */
export async function seedEmulator(sdkEnv: Record<string, string>, now: Date): Promise<boolean> {
  if (!sdkEnv.TCB_ENV?.startsWith('local-')) throw new Error('seedEmulator only seeds a local emulator');
  const report = await seedDatabase(databaseFor(sdkEnv), now, { demo: true });
  return report.unitsInserted + report.stationsInserted + report.demoInserted > 0;
}

/** The SDK environment for an emulator at `url` (same variables as the emulator's sdkEnv). */
export function sdkEnvForUrl(url: string, envId = DEFAULT_ENV): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url.replace(/\/+$/, '')}/admin` }),
    TENCENTCLOUD_SECRETID: 'local-emulator-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-emulator-secret-key',
    TCB_ENV: envId,
    TENCENTCLOUD: 'true',
  };
}

if (require.main === module) {
  const url = process.argv[2] ?? process.env.SGZ_EMULATOR_URL;
  if (!url || !/^https?:\/\//.test(url)) {
    console.error('usage: tsx scripts/seed.ts <emulator URL, e.g. http://127.0.0.1:8080> [envId]');
    process.exit(2);
  }
  seedDatabase(
    databaseFor(sdkEnvForUrl(url, process.argv[3] ?? process.env.TCB_ENV ?? DEFAULT_ENV)),
    new Date(),
  )
    .then((r) => {
      console.log(
        `seed v${r.version}: ${r.unitsInserted} units and ${r.stationsInserted} stations inserted (existing ones kept)`,
      );
    })
    .catch((e: unknown) => {
      console.error('seed failed:', e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
