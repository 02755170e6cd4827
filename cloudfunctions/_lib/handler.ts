import { authorize } from './authz';
import { getCloud, getDb } from './db';
import { makeCreateHandler } from './pipeline';

export { defineAction } from './context';
export type { Action, ActionContext, Handlers } from './context';
export { IDENTITY_KEYS, SCOPE_KEYS } from './pipeline';

/**
 * `createHandler(stationsContract, { listStations, … })`: the `main` of a
 * cloud function (docs/interfaces.md). Every action runs the same pipeline:
 * strip identity keys → parse with the contract's schema → identity from
 * getWXContext() → authorize against the contract's permission row → action
 * → audit a personal read → `{ok, data}` / `{ok:false, error}`.
 */
export const createHandler = makeCreateHandler({ getCloud, getDb, authorize });
