import { randomBytes, randomInt } from 'crypto';
import { COLLECTIONS } from '../../../shared/src/collections';
import { asId, type StationId, type UserId } from '../../../shared/src/ids';
import type { Account, ConsentRecord, Qualification } from '../../../shared/src/domain/account';
import type { StaffRole } from '../../../shared/src/auth/roles';
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH } from '../../../shared/src/schemas/accounts';
import type { AuditEntry } from '../../_lib/audit';
import { run, type DB } from '../../_lib/db';

/**
 * The only file of the accounts function that touches the database.
 * Collections: users, invites, consents (read/write), stations (read),
 * audit_log (read; entries are appended by _lib/audit only).
 */

/** One document of `invites`; `_id` is the code itself (unique by construction). */
export interface InviteDoc {
  _id: string;
  role: StaffRole;
  stationId: StationId | null;
  stationIds: StationId[];
  status: 'open' | 'used' | 'revoked';
  createdBy: UserId;
  createdAt: Date;
  expiresAt: Date;
  usedBy: UserId | null;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** Audit entry as read back, with its id. */
export type AuditDoc = AuditEntry & { _id: string };

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));

/** Normalises a stored user (seeded or created) into an Account, tolerating missing fields. */
function toAccount(raw: Record<string, unknown>): Account {
  const privacy = raw.privacyNotice as { version?: unknown; acceptedAt?: unknown } | null | undefined;
  return {
    _id: asId<UserId>(String(raw._id)),
    openid: String(raw.openid),
    role: (raw.role as Account['role']) ?? 'resident',
    stationId: (raw.stationId as StationId | null | undefined) ?? null,
    stationIds: Array.isArray(raw.stationIds) ? (raw.stationIds as StationId[]) : [],
    active: raw.active !== false,
    name: typeof raw.name === 'string' ? raw.name : null,
    phone: typeof raw.phone === 'string' ? raw.phone : null,
    privacyNotice:
      privacy && typeof privacy.version === 'string'
        ? { version: privacy.version, acceptedAt: date(privacy.acceptedAt) }
        : null,
    qualification: (raw.qualification as Qualification | null | undefined) ?? null,
    invitedBy: (raw.invitedBy as UserId | null | undefined) ?? null,
    createdAt: dateOrNull(raw.createdAt) ?? new Date(0),
    updatedAt: dateOrNull(raw.updatedAt) ?? new Date(0),
    deactivatedAt: dateOrNull(raw.deactivatedAt),
  };
}

const toInvite = (raw: Record<string, unknown>): InviteDoc => ({
  ...(raw as unknown as InviteDoc),
  stationId: (raw.stationId as StationId | null) ?? null,
  stationIds: Array.isArray(raw.stationIds) ? (raw.stationIds as StationId[]) : [],
  createdAt: date(raw.createdAt),
  expiresAt: date(raw.expiresAt),
  usedAt: dateOrNull(raw.usedAt),
  revokedAt: dateOrNull(raw.revokedAt),
});

const toConsent = (raw: Record<string, unknown>): ConsentRecord => ({
  ...(raw as unknown as ConsentRecord),
  givenAt: date(raw.givenAt),
  withdrawnAt: dateOrNull(raw.withdrawnAt),
});

type Rows = { data: Record<string, unknown>[] };
type One = { data: Record<string, unknown> | null };
type Updated = { stats: { updated: number } };
type Counted = { total: number };

// ------------------------------------------------------------------ users

/** The account of an OPENID, or null. */
export async function findUserByOpenid(db: DB, openid: string): Promise<Account | null> {
  const res = await run<Rows>(db.collection(COLLECTIONS.users).where({ openid }).limit(1).get() as never);
  return res.data[0] ? toAccount(res.data[0]) : null;
}

/** The account with id `userId`, or null. */
export async function getUser(db: DB, userId: string): Promise<Account | null> {
  const res = await run<Rows>(
    db.collection(COLLECTIONS.users).where({ _id: userId }).limit(1).get() as never,
  );
  return res.data[0] ? toAccount(res.data[0]) : null;
}

/**
 * Inserts `account` unless one exists for its OPENID; returns the stored one
 * and whether it was created. Two first calls racing: the deterministic `_id`
 * makes the second insert fail, and it then reads the first one's document.
 */
export async function ensureUser(db: DB, account: Account): Promise<{ account: Account; created: boolean }> {
  const existing = await findUserByOpenid(db, account.openid);
  if (existing) return { account: existing, created: false };
  try {
    await run(db.collection(COLLECTIONS.users).add({ data: { ...account } }) as never);
    return { account, created: true };
  } catch (e) {
    const again = await findUserByOpenid(db, account.openid);
    if (again) return { account: again, created: false };
    throw e;
  }
}

/** Sets fields of an account. */
export async function updateUser(
  db: DB,
  userId: string,
  patch: Partial<Omit<Account, '_id' | 'openid'>>,
): Promise<void> {
  await run(db.collection(COLLECTIONS.users).doc(userId).update({ data: patch }) as never);
}

/** Staff of a station (workers and heads of it, supervisors assigned to it), a page and the total. */
export async function listStationStaff(
  db: DB,
  stationId: string,
  offset: number,
  limit: number,
): Promise<{ items: Account[]; total: number }> {
  const _ = db.command;
  const where = _.or([
    { stationId, role: _.in(['social_worker', 'station_head']) },
    { role: 'supervisor', stationIds: stationId },
  ]);
  const coll = db.collection(COLLECTIONS.users);
  const [rows, counted] = await Promise.all([
    run<Rows>(coll.where(where).orderBy('_id', 'asc').skip(offset).limit(limit).get() as never),
    run<Counted>(coll.where(where).count() as never),
  ]);
  return { items: rows.data.map(toAccount), total: counted.total };
}

// --------------------------------------------------------------- stations

/** How many of `ids` are stations that exist. */
export async function countStations(db: DB, ids: string[]): Promise<number> {
  const res = await run<Counted>(
    db
      .collection(COLLECTIONS.stations)
      .where({ _id: db.command.in(ids) })
      .count() as never,
  );
  return res.total;
}

// ---------------------------------------------------------------- invites

/** A fresh random code from the unambiguous alphabet. */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++)
    code += INVITE_CODE_ALPHABET[randomInt(INVITE_CODE_ALPHABET.length)];
  return code;
}

/** Inserts an invite under a fresh code (retrying on the unlikely collision). */
export async function insertInvite(db: DB, invite: Omit<InviteDoc, '_id'>): Promise<InviteDoc> {
  for (let attempt = 0; ; attempt++) {
    const doc: InviteDoc = { _id: newInviteCode(), ...invite };
    try {
      await run(db.collection(COLLECTIONS.invites).add({ data: doc }) as never);
      return doc;
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
}

/** The invite with `code`, or null. */
export async function getInvite(db: DB, code: string): Promise<InviteDoc | null> {
  const res = await run<One>(db.collection(COLLECTIONS.invites).doc(code).get() as never);
  return res.data ? toInvite(res.data) : null;
}

/**
 * Marks an open, unexpired invite used by `userId` in one conditional update:
 * of any number of concurrent redemptions exactly one sees `true`.
 */
export async function claimInvite(db: DB, code: string, userId: UserId, now: Date): Promise<boolean> {
  const _ = db.command;
  const res = await run<Updated>(
    db
      .collection(COLLECTIONS.invites)
      .where({ _id: code, status: 'open', expiresAt: _.gt(now) })
      .update({ data: { status: 'used', usedBy: userId, usedAt: now } }) as never,
  );
  return res.stats.updated === 1;
}

/** Gives a claimed invite back (the account update after the claim failed). */
export async function unclaimInvite(db: DB, code: string, userId: UserId): Promise<void> {
  await run(
    db
      .collection(COLLECTIONS.invites)
      .where({ _id: code, status: 'used', usedBy: userId })
      .update({ data: { status: 'open', usedBy: null, usedAt: null } }) as never,
  );
}

/** Revokes an open invite; false when it was not open any more. */
export async function revokeInvite(db: DB, code: string, now: Date): Promise<boolean> {
  const res = await run<Updated>(
    db
      .collection(COLLECTIONS.invites)
      .where({ _id: code, status: 'open' })
      .update({ data: { status: 'revoked', revokedAt: now } }) as never,
  );
  return res.stats.updated === 1;
}

/** Filter of listInvites. */
export interface InviteFilter {
  stationId?: string;
  status?: 'open' | 'used' | 'revoked' | 'expired';
}

/** A page of invites, newest first, and the total. */
export async function listInvites(
  db: DB,
  filter: InviteFilter,
  now: Date,
  offset: number,
  limit: number,
): Promise<{ items: InviteDoc[]; total: number }> {
  const _ = db.command;
  const where: Record<string, unknown> = {};
  if (filter.stationId) where.stationId = filter.stationId;
  if (filter.status === 'open') Object.assign(where, { status: 'open', expiresAt: _.gt(now) });
  else if (filter.status === 'expired') Object.assign(where, { status: 'open', expiresAt: _.lte(now) });
  else if (filter.status) where.status = filter.status;
  const coll = db.collection(COLLECTIONS.invites);
  const [rows, counted] = await Promise.all([
    run<Rows>(coll.where(where).orderBy('createdAt', 'desc').skip(offset).limit(limit).get() as never),
    run<Counted>(coll.where(where).count() as never),
  ]);
  return { items: rows.data.map(toInvite), total: counted.total };
}

// --------------------------------------------------------------- consents

/** A fresh consent id. */
export const newConsentId = (): string => 'c-' + randomBytes(12).toString('hex');

/** Inserts a consent record. */
export async function insertConsent(db: DB, record: ConsentRecord): Promise<void> {
  await run(db.collection(COLLECTIONS.consents).add({ data: { ...record } }) as never);
}

/** The consent with `id`, or null. */
export async function getConsent(db: DB, id: string): Promise<ConsentRecord | null> {
  const res = await run<Rows>(db.collection(COLLECTIONS.consents).where({ _id: id }).limit(1).get() as never);
  return res.data[0] ? toConsent(res.data[0]) : null;
}

/** A giver's consents, newest first (at most 100: a person gives few). */
export async function listConsents(
  db: DB,
  giverId: string,
  includeWithdrawn: boolean,
): Promise<ConsentRecord[]> {
  const where: Record<string, unknown> = { giverId };
  if (!includeWithdrawn) where.withdrawnAt = null;
  const res = await run<Rows>(
    db.collection(COLLECTIONS.consents).where(where).orderBy('givenAt', 'desc').limit(100).get() as never,
  );
  return res.data.map(toConsent);
}

/** Withdraws a consent that is still in force; false when it already was withdrawn. */
export async function withdrawConsent(db: DB, id: string, now: Date): Promise<boolean> {
  const res = await run<Updated>(
    db
      .collection(COLLECTIONS.consents)
      .where({ _id: id, withdrawnAt: null })
      .update({ data: { withdrawnAt: now } }) as never,
  );
  return res.stats.updated === 1;
}

/** Withdraws every privacy-notice consent of a giver still in force. */
export async function withdrawPrivacyConsents(db: DB, giverId: string, now: Date): Promise<void> {
  await run(
    db
      .collection(COLLECTIONS.consents)
      .where({ giverId, category: 'privacy_notice', withdrawnAt: null })
      .update({ data: { withdrawnAt: now } }) as never,
  );
}

// -------------------------------------------------------------- audit log

/** Filter of listAuditLog (instants already computed from Beijing days). */
export interface AuditFilter {
  action?: string;
  outcome?: 'ok' | 'denied' | 'error';
  stationId?: string;
  from?: Date;
  to?: Date;
}

/** A page of audit entries, newest first, and the total (by count()). Read only. */
export async function listAudit(
  db: DB,
  filter: AuditFilter,
  offset: number,
  limit: number,
): Promise<{ items: AuditDoc[]; total: number }> {
  const _ = db.command;
  const where: Record<string, unknown> = {};
  if (filter.action) where.action = filter.action;
  if (filter.outcome) where.outcome = filter.outcome;
  if (filter.stationId) where.stationId = filter.stationId;
  if (filter.from && filter.to) where.at = _.gte(filter.from).and(_.lt(filter.to));
  else if (filter.from) where.at = _.gte(filter.from);
  else if (filter.to) where.at = _.lt(filter.to);
  const coll = db.collection(COLLECTIONS.auditLog);
  const [rows, counted] = await Promise.all([
    run<Rows>(coll.where(where).orderBy('at', 'desc').skip(offset).limit(limit).get() as never),
    run<Counted>(coll.where(where).count() as never),
  ]);
  return {
    items: rows.data.map((r) => ({ ...(r as unknown as AuditDoc), at: date(r.at) })),
    total: counted.total,
  };
}
