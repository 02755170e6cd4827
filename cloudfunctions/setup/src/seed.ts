import { COLLECTIONS } from '../../../shared/src/collections';
import type { AppliedMigration, SetupCounts, SetupReport } from '../../../shared/src/contracts/setup';
import { SEED_ADMIN_UNITS, SEED_STATIONS, SEED_VERSION } from '../../../shared/src/seed/districts';
import { adminUnitDocFromSeed, stationDocFromSeed } from '../../../shared/src/seed/station-docs';
import type { DB } from '../../_lib/db';
import { sameValue, type Doc } from '../../_lib/store';
import { MIGRATIONS, migrationListProblem, type Migration } from './migrations';
import * as repo from './repo';

/**
 * The seed and the migrations, idempotent (issue 16): the one place that
 * puts the district's administrative units and stations into a database. The
 * `setup` function runs it in a real environment; `scripts/seed.ts` runs the
 * same code against the emulator (`npm start`, the tests).
 *
 * - A unit or station whose id is missing is created.
 * - One still at an older seed version and never edited (its `updatedAt` is
 *   still its creation time) is refreshed to this seed version; its
 *   timestamps stay, so it still counts as unedited.
 * - Anything else is left alone: an administrator's edit is never overwritten.
 * - `meta/seed` records the seed version and the migrations applied; it is
 *   written only when something changed, so a second run writes nothing.
 */

/** What to do with one seed document. */
export type SeedDecision =
  | { kind: 'create' }
  | { kind: 'refresh'; fromVersion: number; createdAt: unknown }
  | { kind: 'keep' };

/** Decides what the seed does with the stored document of one seed id (pure). */
export function decide(stored: Doc | undefined, seedVersion: number): SeedDecision {
  if (!stored) return { kind: 'create' };
  const from = stored.seedVersion;
  if (typeof from === 'number' && from < seedVersion && sameValue(stored.updatedAt, stored.createdAt)) {
    return { kind: 'refresh', fromVersion: from, createdAt: stored.createdAt };
  }
  return { kind: 'keep' };
}

/** The fields a refresh writes: the fresh seed document without its id and timestamps. */
export function refreshFields(fresh: Record<string, unknown>): Record<string, unknown> {
  const { _id: _id, createdAt: _c, updatedAt: _u, ...fields } = fresh;
  return fields;
}

type SeedDoc = { _id: string } & Record<string, unknown>;

/** Seeds one collection with `docs`; counts per outcome. */
async function seedCollection(db: DB, collection: string, docs: readonly SeedDoc[]): Promise<SetupCounts> {
  const stored = await repo.storedDocs(
    db,
    collection,
    docs.map((d) => d._id),
  );
  const counts: SetupCounts = { created: 0, updated: 0, unchanged: 0 };
  const missing: SeedDoc[] = [];
  for (const doc of docs) {
    const d = decide(stored.get(doc._id), SEED_VERSION);
    if (d.kind === 'create') missing.push(doc);
    else if (d.kind === 'keep') counts.unchanged++;
    else if (
      await repo.refreshSeedDoc(db, collection, doc._id, d.fromVersion, d.createdAt, refreshFields(doc))
    ) {
      counts.updated++;
    } else counts.unchanged++;
  }
  if (missing.length > 0) {
    const out = await repo.insertSeedDocs(db, collection, missing);
    counts.created += out.inserted.length;
    counts.unchanged += out.present.length;
  }
  return counts;
}

/** Seeds units and stations, records the seed and runs the pending migrations. */
export async function runSetup(
  db: DB,
  now: Date,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<SetupReport> {
  const problem = migrationListProblem(migrations);
  if (problem) throw new Error(problem);
  for (const c of [COLLECTIONS.adminUnits, COLLECTIONS.stations, COLLECTIONS.meta]) {
    await repo.ensureCollection(db, c);
  }
  const adminUnits = await seedCollection(
    db,
    COLLECTIONS.adminUnits,
    SEED_ADMIN_UNITS.map((u) => ({ ...adminUnitDocFromSeed(u, SEED_VERSION, now) })),
  );
  const stations = await seedCollection(
    db,
    COLLECTIONS.stations,
    SEED_STATIONS.map((s) => ({ ...stationDocFromSeed(s, SEED_VERSION, now) })),
  );

  const record = { version: SEED_VERSION, units: SEED_ADMIN_UNITS.length, stations: SEED_STATIONS.length };
  let changed = adminUnits.created + adminUnits.updated + stations.created + stations.updated > 0;
  const meta = await repo.getMeta(db);
  if (!meta) {
    await repo.createMeta(db, { ...record, migrationVersion: 0, migrations: [], firstSeededAt: now });
    changed = true;
  } else if (!Object.entries(record).every(([k, v]) => meta[k] === v)) {
    await repo.updateMeta(db, { ...record, seededAt: now });
    changed = true;
  }

  const from = typeof meta?.migrationVersion === 'number' ? meta.migrationVersion : 0;
  const migrationsApplied: AppliedMigration[] = [];
  for (const m of migrations.filter((x) => x.version > from)) {
    const n = await m.run(db, now);
    const applied = { version: m.version, name: m.name, changed: n };
    migrationsApplied.push(applied);
    await repo.updateMeta(db, {
      migrationVersion: m.version,
      migrations: db.command.push([{ ...applied, appliedAt: now }]),
    });
    changed = true;
  }
  return {
    seedVersion: SEED_VERSION,
    adminUnits,
    stations,
    migrationsApplied,
    migrationVersion: Math.max(from, ...migrations.map((m) => m.version)),
    changed,
  };
}
