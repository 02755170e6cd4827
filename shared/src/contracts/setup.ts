import * as S from '../schemas/setup';
import { action, defineContract, type InputsOf, type OutputsOf } from './define';

/** What one seed collection run did: created (missing ids), updated (untouched seed docs of an older seed version), unchanged. */
export interface SetupCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** One data migration that ran. */
export interface AppliedMigration {
  version: number;
  name: string;
  /** Documents it changed. */
  changed: number;
}

/** runSetup output: what it did. A second run answers only `unchanged` and no migrations. */
export interface SetupReport {
  /** Seed version of the code (shared/src/seed/districts.ts SEED_VERSION). */
  seedVersion: number;
  adminUnits: SetupCounts;
  stations: SetupCounts;
  /** Migrations applied by this run, in order (empty when the database was current). */
  migrationsApplied: AppliedMigration[];
  /** Migration version of the database after the run (meta/seed.migrationVersion). */
  migrationVersion: number;
  /** True when anything was written (documents or the meta record). */
  changed: boolean;
}

/**
 * The `setup` function (issue 16): seeds the administrative units and the 21
 * stations and runs the data migrations, idempotently. Run by a district
 * admin, or by the deploy operator with the environment's setup token (see
 * cloudfunctions/setup/README.md).
 */
export const setupContract = defineContract('setup', {
  runSetup: action<SetupReport>()({ input: S.runSetupInput, permission: 'setup.runSetup' }),
});

/** Action names of the setup function. */
export type SetupAction = keyof typeof setupContract.actions;
/** Inputs of the setup function. */
export type SetupInputs = InputsOf<typeof setupContract>;
/** Outputs of the setup function. */
export type SetupOutputs = OutputsOf<typeof setupContract>;
