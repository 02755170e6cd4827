/** Public types of the local CloudBase emulator (see docs/interfaces.md). */
import type http from 'node:http';
import type { Outbox } from './openapi/outbox';
import type { FunctionRunner } from './functions/runner';
import type { TriggerScheduler } from './functions/triggers';
import type { Storage } from './storage';

/** The database module's surface (declared once, in ./db). */
import type { Database } from './db';
export type { Database };

/** A demo user offered by the dev login page. */
export interface DevUser {
  openid: string;
  label: string;
  role: string;
  stationId?: string;
}

/** Options shared by createApp() and start(). */
export interface EmulatorOptions {
  /** Data folder; null = everything in memory. */
  dataDir: string | null;
  /** Folder holding one built function per sub-folder (`<name>/index.js`). */
  functionsDir?: string;
  /** H5 build served at `/`. */
  staticDir?: string;
  /** Fake environment id; never a real one. */
  envId?: string;
  devUsers?: DevUser[];
  /** Words that make security.msgSecCheck answer 87014. */
  blockedWords?: string[];
  strictCollections?: boolean;
  indexes?: Record<string, string[]>;
  /** Allow binding a non-loopback interface (start() only). */
  allowRemote?: boolean;
  /** Extra environment variables for every function invocation. */
  functionEnv?: Record<string, string>;
  /** Base URL (e.g. `http://127.0.0.1:8080`) functions use to reach this emulator; start() sets it. */
  publicUrl?: string;
  /** Max warm workers per function (default 8). */
  maxWorkersPerFunction?: number;
  /** Idle time after which warm workers beyond one per function are stopped (default 60 000 ms). */
  workerIdleMs?: number;
  /** Where function console output goes (default: process.stdout / process.stderr). */
  log?: (line: string, stream: 'out' | 'err') => void;
  /** Clock in ms for dev-session expiry and timer triggers (default Date.now; tests inject one). */
  now?: () => number;
  /**
   * Fire the functions' timer triggers (`config.json` `triggers`) on their schedule, Beijing time
   * (default false: tests fire them through `app.triggers` or the admin route; the CLI and
   * `npm start` turn it on). Triggers are parsed at start either way: a bad one fails start-up.
   */
  scheduleTriggers?: boolean;
}

/** The WeChat identity of one invocation, as getWXContext() shows it (without ENV). */
export interface WxContext {
  OPENID: string;
  APPID?: string;
  UNIONID?: string;
  CLIENTIP?: string;
  SOURCE?: string;
}

/** An emulator wired up but not listening. */
export interface EmulatorApp {
  handler: http.RequestListener;
  db: Database;
  storage: Storage;
  functions: FunctionRunner;
  outbox: Outbox;
  /** Timer triggers: listing with next runs, `fireNow()`, `runDue()` against the injected clock. */
  triggers: TriggerScheduler;
  /** The environment variables that point a wx-server-sdk at this emulator (needs a known URL). */
  sdkEnv(baseUrl?: string): Record<string, string>;
  /** Tell the app where it is reachable (start() calls this). */
  setPublicUrl(url: string): void;
  /** Run a function with the given identity; rejects with a FunctionError on failure. */
  invoke(
    name: string,
    event: unknown,
    wxContext?: Partial<WxContext>,
    opts?: { baseUrl?: string },
  ): Promise<unknown>;
  /** Empty the database, the storage and the outbox. */
  reset(): void;
  /** Stop workers, close the database. */
  close(): Promise<void>;
}
