import { authorize } from './authz';
import { getCloud, getDb } from './db';
import { makeCreateHandler } from './pipeline';

export { defineAction } from './context';
export type { Action, ActionContext, ActionTable } from './context';
export { IDENTITY_KEYS, SCOPE_KEYS } from './pipeline';

/**
 * `createHandler('stations', { listStations, … })`: the `main` of a cloud
 * function (docs/interfaces.md). Every action runs the same pipeline: strip
 * identity keys → parse with the action's schema → identity from
 * getWXContext() → authorize → action → `{ok, data}` / `{ok:false, error}`.
 */
export const createHandler = makeCreateHandler({ getCloud, getDb, authorize });
