/**
 * Fixtures of the ledger and reminders integration tests (and of their rows
 * in the permission matrix, so no jest globals here): an emulator with an
 * injected clock (the timer's `Time` when fired through the admin route),
 * and the records a station's month holds — visits, cases, supervision,
 * 学时, ratings, staff with qualifications — written straight into the
 * database in the shapes the functions store.
 */
import path from 'path';
import http from 'http';
import { start } from '@sgz/emulator';
import { COLLECTIONS } from '../../shared/src/collections';
import type { Result } from '../../shared/src/errors';
import { buildFunction, functionNames, isStale } from '../../scripts/build-functions';
import { databaseFor, seedDatabase, type DB } from '../../scripts/seed';
import { ADMIN_OPENIDS, FIXTURE_NOW, addAccount, type AccountsCloud } from './accounts.fixtures';
import { addPersons, newId } from './files-fixtures';

const FUNCTIONS_DIR = path.resolve(__dirname, '../../cloudfunctions');

/** The cloud of these tests: the accounts fixtures' shape plus the clock and the trigger route. */
export interface LedgerCloud extends AccountsCloud {
  /** Sets the emulator's clock (the `Time` of a trigger fired through the admin route). */
  setNow(at: Date): void;
  /** `POST /__admin/triggers/<fn>/<trigger>/fire`: the HTTP status and the JSON answer. */
  fire(fn: string, trigger: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Invokes `fn` with a timer event at `time` and no OPENID (what CloudBase sends). */
  timer(fn: string, trigger: string, time: string): Promise<unknown>;
}

/** Builds stale bundles, starts an in-memory emulator with an injected clock, seeds the district. */
export async function startLedgerCloud(functionEnv: Record<string, string> = {}): Promise<LedgerCloud> {
  await Promise.all(
    functionNames(FUNCTIONS_DIR)
      .filter((n) => isStale(n))
      .map(buildFunction),
  );
  let clock = FIXTURE_NOW.getTime();
  const logs: string[] = [];
  const responses: unknown[] = [];
  const emulator = await start({
    dataDir: null,
    port: 0,
    functionsDir: FUNCTIONS_DIR,
    functionEnv: { SGZ_ADMIN_OPENIDS: ADMIN_OPENIDS.join(','), ...functionEnv },
    now: () => clock,
    log: (line) => {
      logs.push(line);
    },
  });
  const db = databaseFor(emulator.sdkEnv);
  await seedDatabase(db, FIXTURE_NOW);
  for (const openid of ADMIN_OPENIDS) await addAccount(db, { openid, role: 'resident', privacy: true });
  return {
    emulator,
    db,
    logs,
    responses,
    async callAs<T>(openid: string | null, fn: string, event: Record<string, unknown>) {
      const out = (await emulator.app.invoke(fn, event, openid ? { OPENID: openid } : {})) as Result<T>;
      responses.push(out);
      return out;
    },
    counts() {
      return Object.fromEntries(emulator.app.db.listCollections().map((c) => [c.name, c.count]));
    },
    setNow(at) {
      clock = at.getTime();
    },
    fire: (fn, trigger) => post(emulator.url, `/__admin/triggers/${fn}/${trigger}/fire`),
    timer: (fn, trigger, time) =>
      emulator.app.invoke(fn, { Type: 'Timer', TriggerName: trigger, Time: time, Message: '' }, {}),
    stop: () => emulator.stop(),
  };
}

function post(base: string, p: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(p, base), { method: 'POST' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Inserts documents in batches of 100 (one SDK call each). */
export async function insertMany(
  db: DB,
  collection: string,
  docs: Array<{ _id: string } & Record<string, unknown>>,
): Promise<void> {
  for (let i = 0; i < docs.length; i += 100) {
    await db.collection(collection).add({ data: docs.slice(i, i + 100) });
  }
}

/** A valid 18-digit ID number (GB 11643 check character), as a file would hold it. */
export const VALID_ID = '11010519491231002X';

/** Beijing wall time → instant. */
export const bj = (day: string, hm = '09:00'): Date => new Date(`${day}T${hm}:00+08:00`);

/** A qualification a worker counts with (registered 社会工作师). */
export const QUALIFIED = {
  kind: '社会工作师',
  number: 'S2021120001234',
  registrationStatus: 'registered',
  registeredOn: '2021-09-01',
};

/** Sets fields of an account. */
export async function patchUser(db: DB, userId: string, data: Record<string, unknown>): Promise<void> {
  await db.collection(COLLECTIONS.users).doc(userId).update({ data });
}

/** A stored visit of `stationId` starting at `startAt` (the fields the ledger reads). */
export function visitDoc(
  stationId: string,
  startAt: Date,
  personIds: string[],
  workerIds: string[],
  extra: Record<string, unknown> = {},
): { _id: string } & Record<string, unknown> {
  return {
    _id: newId('v'),
    stationId,
    version: 1,
    personIds,
    workerIds,
    type: '常规探访',
    mode: '上门',
    categories: [],
    startAt,
    endAt: new Date(startAt.getTime() + 45 * 60_000),
    needs: [{ area: '养老服务', note: null }],
    services: ['健康提醒'],
    risk: '一般',
    followUps: [],
    confirmation: { signatureFileId: 'cloud://x/sig.png', noSignatureReason: null },
    withheld: [],
    receivedAt: startAt,
    ...extra,
  };
}

/** Adds `n` persons of a station with the same valid ID number; returns their ids. */
export const addLedgerPersons = (db: DB, stationId: string, n: number): Promise<string[]> =>
  addPersons(db, n, (i) => ({ stationId, name: `刘秀英${i}`, idNumber: VALID_ID, community: '新港社区' }));

/** Awaits an SDK call (its typings include the legacy callback returns). */
export async function got<T>(call: Promise<T> | void | string): Promise<T> {
  if (!call || typeof call === 'string') throw new Error('wx-server-sdk call returned no promise');
  return call;
}
