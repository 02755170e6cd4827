import type { z } from 'zod';
import { input } from './fields';

/**
 * Input of `setup.runSetup`: nothing to choose. The seed (units and stations)
 * and the migrations are in the code; running it is always safe (idempotent).
 * The deploy operator's token travels outside the schema (`setupToken`, taken
 * off by cloudfunctions/setup/src/index.ts before parsing).
 */
export const runSetupInput = input({});
/** Parsed input of runSetup. */
export type RunSetupInput = z.output<typeof runSetupInput>;
