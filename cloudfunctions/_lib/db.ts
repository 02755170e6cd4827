import { AsyncLocalStorage } from 'node:async_hooks';
import * as cloud from 'wx-server-sdk';

/** The wx-server-sdk module, initialised (the same object in the cloud and on the emulator). */
export type Cloud = typeof cloud;
/** The database handle of a function (`cloud.database()`). */
export type DB = ReturnType<typeof cloud.database>;

let initialised = false;
let database: DB | null = null;

// wx-server-sdk 4.0.2 accepts `throwOnNotFound` in init but its typings do not
// list it, nor a symbol `env`; this is the documented option set.
interface InitOptions {
  env: symbol | string;
  throwOnNotFound: boolean;
}

/**
 * The SDK, initialised once per container with the environment the function
 * runs in (DYNAMIC_CURRENT_ENV: TCB_ENV locally, the real env in the cloud) and
 * `throwOnNotFound:false`, so that `doc(id).get()` of a missing document
 * resolves `{data:null}` instead of throwing a string error that would look
 * like an internal failure.
 */
export function getCloud(): Cloud {
  if (!initialised) {
    const options: InitOptions = { env: cloud.DYNAMIC_CURRENT_ENV, throwOnNotFound: false };
    cloud.init(options as unknown as Parameters<typeof cloud.init>[0]);
    initialised = true;
  }
  return cloud;
}

/** The database handle (one per container; the SDK handle is stateless). */
export function getDb(): DB {
  if (!database) {
    database = getCloud().database({ throwOnNotFound: false } as unknown as Parameters<
      typeof cloud.database
    >[0]);
  }
  return database;
}

/**
 * Awaits an SDK call. The typings return `Promise<T> | void | string` because
 * of the legacy callback style; called without callbacks, they always return
 * a promise.
 */
export async function run<T>(call: Promise<T> | void | string): Promise<T> {
  if (!call || typeof call === 'string') throw new Error('wx-server-sdk call returned no promise');
  const counter = trips.getStore();
  if (counter) counter.n += 1;
  return call;
}

/**
 * Database round trips of one invocation (issue 13: a dashboard load makes at
 * most 8). Every SDK database call goes through {@link run} (store.ts and the
 * few direct callers), which counts it in the invocation's scope; the pipeline
 * opens the scope for each call, so concurrent invocations in one container do
 * not mix.
 */
const trips = new AsyncLocalStorage<{ n: number }>();

/** Runs `fn` in a fresh round-trip scope. */
export const withRoundTrips = <T>(fn: () => Promise<T>): Promise<T> => trips.run({ n: 0 }, fn);

/** Database calls made so far in the current scope (0 outside one). */
export const roundTrips = (): number => trips.getStore()?.n ?? 0;
