/**
 * Fixtures of the accounts integration tests (and of scripts/flip-permissions.ts,
 * which is why nothing here uses jest globals): an emulator of our own that
 * keeps every function log line (the PII scan reads them), accounts, invites
 * and consents written straight into the emulator's database.
 */
import { randomInt } from 'crypto';
import path from 'path';
import { start, type RunningEmulator } from '@sgz/emulator';
import { COLLECTIONS } from '../../shared/src/collections';
import type { Result } from '../../shared/src/errors';
import { asId, type StationId, type UserId } from '../../shared/src/ids';
import type { Role } from '../../shared/src/auth/roles';
import {
  CONSENT_VERSIONS,
  PRIVACY_NOTICE_VERSION,
  newAccount,
  type Account,
  type ConsentRecord,
} from '../../shared/src/domain/account';
import { findUnmaskedPii } from '../../shared/src/masking';
import { DEMO_USERS } from '../../shared/src/seed/demo-users';
import { demoServiceItemsFor } from '../../shared/src/seed/service-items';
import { buildFunction, functionNames, isStale } from '../../scripts/build-functions';
import { databaseFor, seedDatabase, type DB } from '../../scripts/seed';
import { userIdFor } from '../../cloudfunctions/_lib/authz';

/** Root of the built functions. */
export const FUNCTIONS_DIR = path.resolve(__dirname, '../../cloudfunctions');
/** Configured district admins (as `npm start` configures them). */
export const ADMIN_OPENIDS = DEMO_USERS.filter((u) => u.role === 'district_admin').map((u) => u.openid);
/** Clock of the fixtures. */
export const FIXTURE_NOW = new Date('2026-04-01T02:00:00Z');
/** Stations the tests use: a worker's home, another station, and a supervisor's second station. */
export const HOME = 'st-tanggu' as StationId;
export const AWAY = 'st-dagang' as StationId;
export const SECOND = 'st-xinhe' as StationId;

/** A running emulator plus everything the run produced. */
export interface AccountsCloud {
  emulator: RunningEmulator;
  db: DB;
  /** Every log line of every function (and of the emulator) during the run. */
  logs: string[];
  /** Every response of every call made through {@link AccountsCloud.callAs}. */
  responses: unknown[];
  callAs<T = unknown>(openid: string | null, fn: string, event: Record<string, unknown>): Promise<Result<T>>;
  counts(): Record<string, number>;
  stop(): Promise<void>;
}

/** Builds stale bundles, starts an emulator (in memory) and points an SDK handle at it. */
export async function startAccountsCloud(functionEnv: Record<string, string> = {}): Promise<AccountsCloud> {
  await Promise.all(
    functionNames(FUNCTIONS_DIR)
      .filter((n) => isStale(n))
      .map(buildFunction),
  );
  const logs: string[] = [];
  const responses: unknown[] = [];
  const emulator = await start({
    dataDir: null,
    port: 0,
    functionsDir: FUNCTIONS_DIR,
    functionEnv: { SGZ_ADMIN_OPENIDS: ADMIN_OPENIDS.join(','), ...functionEnv },
    log: (line) => {
      logs.push(line);
    },
  });
  const db = databaseFor(emulator.sdkEnv);
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
    stop: () => emulator.stop(),
  };
}

/** Empties the database and seeds the district (stations) and the demo admin's account. */
export async function resetAndSeed(cloud: AccountsCloud): Promise<void> {
  cloud.emulator.app.reset();
  await seedDatabase(cloud.db, FIXTURE_NOW);
  for (const openid of ADMIN_OPENIDS) await addAccount(cloud.db, { openid, role: 'resident', privacy: true });
}

type Awaitable<T> = Promise<T> | void | string;
const run = async <T>(call: Awaitable<T>): Promise<T> => {
  if (!call || typeof call === 'string') throw new Error('wx-server-sdk call returned no promise');
  return call;
};

/** What an account fixture may set. */
export interface AccountFixture {
  openid: string;
  role?: Role;
  stationId?: StationId | null;
  stationIds?: StationId[];
  name?: string;
  phone?: string;
  privacy?: boolean;
  active?: boolean;
}

/** Inserts an account (as the seed or a redeemed invite would have made it). */
export async function addAccount(db: DB, f: AccountFixture): Promise<Account> {
  const base = newAccount(
    {
      _id: userIdFor(f.openid),
      openid: f.openid,
      role: f.role,
      stationId: f.stationId,
      stationIds: f.stationIds,
      name: f.name,
    },
    FIXTURE_NOW,
  );
  const account: Account = {
    ...base,
    phone: f.phone ?? null,
    active: f.active ?? true,
    privacyNotice: f.privacy ? { version: PRIVACY_NOTICE_VERSION, acceptedAt: FIXTURE_NOW } : null,
  };
  await run(db.collection(COLLECTIONS.users).add({ data: { ...account } }));
  return account;
}

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** A random valid-looking code (31^8 possibilities: no collision in a test run). */
export function freshCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Inserts an invite. */
export async function addInvite(
  db: DB,
  f: {
    role?: 'social_worker' | 'station_head' | 'supervisor';
    stationId?: StationId | null;
    stationIds?: StationId[];
    status?: 'open' | 'used' | 'revoked';
    expiresAt?: Date;
  },
): Promise<string> {
  const code = freshCode();
  await run(
    db.collection(COLLECTIONS.invites).add({
      data: {
        _id: code,
        role: f.role ?? 'social_worker',
        stationId: f.stationId === undefined ? HOME : f.stationId,
        stationIds: f.stationIds ?? [],
        status: f.status ?? 'open',
        createdBy: asId<UserId>('u-fixture'),
        createdAt: FIXTURE_NOW,
        // Open for 30 days from now (the clock the function reads too).
        expiresAt: f.expiresAt ?? new Date(Date.now() + 30 * 86_400_000),
        usedBy: null,
        usedAt: null,
        revokedAt: null,
      },
    }),
  );
  return code;
}

let consentSeq = 0;
/** Inserts a consent given by `giverOpenid`. */
export async function addConsent(
  db: DB,
  giverOpenid: string,
  over: Partial<ConsentRecord> = {},
): Promise<ConsentRecord> {
  consentSeq += 1;
  const record: ConsentRecord = {
    _id: `c-fixture-${consentSeq}-${Math.random().toString(36).slice(2, 8)}`,
    giverId: userIdFor(giverOpenid),
    category: 'health',
    version: CONSENT_VERSIONS.health,
    scope: '求助服务中记录健康状况',
    subjectId: 'self',
    subjectName: null,
    relationship: null,
    subjectBirthDate: null,
    capacity: 'self',
    givenAt: FIXTURE_NOW,
    withdrawnAt: null,
    ...over,
  };
  await run(db.collection(COLLECTIONS.consents).add({ data: { ...record } }));
  return record;
}

/** One document by id (null when missing). */
export async function getDoc(
  db: DB,
  collection: string,
  id: string,
): Promise<Record<string, unknown> | null> {
  const res = await run(db.collection(collection).where({ _id: id }).limit(1).get());
  return (res.data[0] as Record<string, unknown> | undefined) ?? null;
}

/** The newest audit entries (up to `n`). */
export async function lastAudit(db: DB, n = 1): Promise<Record<string, unknown>[]> {
  const res = await run(db.collection(COLLECTIONS.auditLog).orderBy('at', 'desc').limit(n).get());
  return res.data as Record<string, unknown>[];
}

/**
 * Scans every response and every log line of the run for an unmasked phone
 * number or ID number; returns the offending lines (empty: clean).
 */
export function scanForPii(cloud: AccountsCloud): string[] {
  const found: string[] = [];
  for (const r of cloud.responses) {
    const text = JSON.stringify(r);
    const hit = findUnmaskedPii(text);
    if (hit) found.push(`response: ${hit.kind} in ${text.slice(0, 200)}`);
  }
  for (const line of cloud.logs) {
    const hit = findUnmaskedPii(line);
    if (hit) found.push(`log: ${hit.kind} in ${line.slice(0, 200)}`);
  }
  return found;
}

export { userIdFor };

/** Service item ids of the demo catalogue of a station (`si-<station>-<slug>`). */
export const itemOf = (station: StationId, slug: 'elder-visit' | 'child-care' | 'community-group'): string =>
  `si-${station}-${slug}`;

/**
 * Inserts the demo service items of the test stations (HOME, AWAY, SECOND),
 * once per database: the requests rows of the matrix need a catalogue.
 */
export async function ensureCatalogue(db: DB): Promise<void> {
  const existing = await getDoc(db, COLLECTIONS.serviceItems, itemOf(HOME, 'child-care'));
  if (existing) return;
  const items = [HOME, AWAY, SECOND]
    .flatMap((s) => demoServiceItemsFor(s))
    // As reviewed by the heads: unreviewed demo items are not offered to residents.
    .map(({ id, ...rest }) => ({ _id: id, ...rest, demo: false }));
  await run(db.collection(COLLECTIONS.serviceItems).add({ data: items }));
}

let requestSeq = 0;
/**
 * Inserts a request of `ownerOpenid` at `stationId` (as createRequest would
 * have stored it, without a slot), in `status`; returns its id.
 */
export async function addRequest(
  db: DB,
  f: { ownerOpenid: string; stationId: StationId; status?: 'submitted' | 'accepted' | 'completed' },
): Promise<string> {
  requestSeq += 1;
  const id = `req-fixture-${requestSeq}-${Math.random().toString(36).slice(2, 8)}`;
  const ownerId = userIdFor(f.ownerOpenid);
  const status = f.status ?? 'submitted';
  await run(
    db.collection(COLLECTIONS.requests).add({
      data: {
        _id: id,
        stationId: f.stationId,
        itemId: itemOf(f.stationId, 'child-care'),
        itemTitle: '儿童关爱',
        area: '儿童福利',
        description: '孩子放学后无人照看',
        contactPhone: '13700001111',
        forWhom: 'self',
        beneficiary: null,
        slotId: null,
        slotStartsAt: null,
        scheduledAt: null,
        status,
        history: [{ status: 'submitted', at: FIXTURE_NOW, actor: 'resident', byUserId: ownerId }],
        ownerId,
        ownerOpenid: f.ownerOpenid,
        rating: null,
        createdAt: FIXTURE_NOW,
        updatedAt: FIXTURE_NOW,
      },
    }),
  );
  return id;
}
