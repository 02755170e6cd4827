import type { DB } from '../../_lib/db';
import { removeMetaField } from './repo';

/**
 * Data migrations, by version (issue 16). The database records the highest
 * version applied in `meta/seed.migrationVersion`; `runSetup` runs every
 * migration above it, in order, and records each one right after it ran.
 *
 * Rules for a new migration:
 * - the next version number (never reuse or reorder one; a test checks);
 * - idempotent on its own: a run that stopped after the migration and before
 *   its record runs it again, and it must then change nothing;
 * - through the repo (conditional updates in the database, bounded reads:
 *   page through a large collection, never read it whole);
 * - returns how many documents it changed (reported by runSetup).
 */
export interface Migration {
  version: number;
  /** kebab-case, says what it does. */
  name: string;
  run(db: DB, now: Date): Promise<number>;
}

/** Every migration, in version order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    // The seed before the setup function (scripts/seed.ts) rewrote
    // meta/seed.lastRunAt on every run, so a re-run always changed the
    // database; setup writes meta only when something changed, and the
    // field goes.
    name: 'meta-drop-last-run-at',
    run: async (db) => ((await removeMetaField(db, 'lastRunAt')) ? 1 : 0),
  },
];

/** The problem with a migration list (versions not 1, 2, 3, … in order; duplicate names), or null. */
export function migrationListProblem(list: readonly Migration[]): string | null {
  for (let i = 0; i < list.length; i++) {
    const m = list[i]!;
    if (m.version !== i + 1) return `migration ${m.name}: version ${m.version}, expected ${i + 1}`;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(m.name))
      return `migration ${m.version}: name ${m.name} is not kebab-case`;
  }
  if (new Set(list.map((m) => m.name)).size !== list.length) return 'duplicate migration names';
  return null;
}
