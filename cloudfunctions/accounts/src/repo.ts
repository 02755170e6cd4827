import { randomBytes, randomInt } from 'crypto';
import { COLLECTIONS } from '../../../shared/src/collections';
import { asId, type StationId, type UserId } from '../../../shared/src/ids';
import type { Account, ConsentRecord } from '../../../shared/src/domain/account';
import type { StaffRole } from '../../../shared/src/auth/roles';
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH } from '../../../shared/src/schemas/accounts';
import type { AuditEntry } from '../../_lib/audit';
import type { DB } from '../../_lib/db';
import { toAccount } from '../../_lib/authz/caller';
import * as store from '../../_lib/store';
import type { Doc } from '../../_lib/store';

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

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const toInvite = (raw: Doc): InviteDoc => ({
  _id: raw._id,
  role: raw.role as StaffRole,
  status: raw.status === 'used' || raw.status === 'revoked' ? raw.status : 'open',
  createdBy: asId<UserId>(String(raw.createdBy)),
  usedBy: str(raw.usedBy) ? asId<UserId>(String(raw.usedBy)) : null,
  stationId: (raw.stationId as StationId | null) ?? null,
  stationIds: strings(raw.stationIds).map((x) => asId<StationId>(x)),
  createdAt: date(raw.createdAt),
  expiresAt: date(raw.expiresAt),
  usedAt: dateOrNull(raw.usedAt),
  revokedAt: dateOrNull(raw.revokedAt),
});

/** A stored consent record, field by field. */
export const toConsent = (raw: Doc): ConsentRecord => ({
  _id: raw._id,
  giverId: asId<UserId>(String(raw.giverId)),
  category: raw.category as ConsentRecord['category'],
  version: String(raw.version ?? ''),
  scope: String(raw.scope ?? ''),
  subjectId: String(raw.subjectId ?? ''),
  subjectName: str(raw.subjectName),
  relationship: str(raw.relationship),
  subjectBirthDate: str(raw.subjectBirthDate),
  capacity: raw.capacity as ConsentRecord['capacity'],
  givenAt: date(raw.givenAt),
  withdrawnAt: dateOrNull(raw.withdrawnAt),
});

// ------------------------------------------------------------------ users

/** The account of an OPENID, or null. */
export async function findUserByOpenid(db: DB, openid: string): Promise<Account | null> {
  const doc = await store.findOne(db, COLLECTIONS.users, { openid });
  return doc ? toAccount(doc) : null;
}

/** The account with id `userId`, or null. */
export async function getUser(db: DB, userId: string): Promise<Account | null> {
  const doc = await store.getById(db, COLLECTIONS.users, userId);
  return doc ? toAccount(doc) : null;
}

/**
 * Inserts `account` unless one exists for its OPENID; returns the stored one
 * and whether it was created. Two first calls racing: the deterministic `_id`
 * makes the second insert a repeat, and it then gets the first one's document.
 */
export async function ensureUser(db: DB, account: Account): Promise<{ account: Account; created: boolean }> {
  const existing = await findUserByOpenid(db, account.openid);
  if (existing) return { account: existing, created: false };
  const { _id, ...data } = account;
  const outcome = await store.insertWithId(
    db,
    COLLECTIONS.users,
    _id,
    { ...data },
    (d) => d.openid === account.openid,
  );
  if (outcome.status === 'inserted') return { account, created: true };
  if (outcome.status === 'duplicate') return { account: toAccount(outcome.existing), created: false };
  throw new Error('account id taken by another OPENID');
}

/** Sets fields of an account. */
export async function updateUser(
  db: DB,
  userId: string,
  patch: Partial<Omit<Account, '_id' | 'openid'>>,
): Promise<void> {
  await store.updateById(db, COLLECTIONS.users, userId, { ...patch });
}

/** Staff of a station (workers and heads of it, supervisors assigned to it), a page and the total. */
export async function listStationStaff(
  db: DB,
  stationId: string,
  cursor: string | null | undefined,
  limit: number,
): Promise<{ items: Account[]; total: number; nextCursor: string | null }> {
  const _ = db.command;
  const where = _.or([
    { stationId, role: _.in(['social_worker', 'station_head']) },
    { role: 'supervisor', stationIds: stationId },
  ]);
  const [page, total] = await Promise.all([
    store.page(db, COLLECTIONS.users, where, { orderBy: ['_id', 'asc'], limit, cursor }),
    store.count(db, COLLECTIONS.users, where),
  ]);
  return { items: page.items.map(toAccount), total, nextCursor: page.nextCursor };
}

// --------------------------------------------------------------- stations

/** How many of `ids` are stations that exist. */
export const countStations = (db: DB, ids: string[]): Promise<number> =>
  store.count(db, COLLECTIONS.stations, { _id: db.command.in(ids) });

// ---------------------------------------------------------------- invites

/** A fresh random code from the unambiguous alphabet. */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++)
    code += INVITE_CODE_ALPHABET[randomInt(INVITE_CODE_ALPHABET.length)];
  return code;
}

/** Inserts an invite under a fresh code (a new code on the unlikely collision). */
export async function insertInvite(db: DB, invite: Omit<InviteDoc, '_id'>): Promise<InviteDoc> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newInviteCode();
    const outcome = await store.insertWithId(db, COLLECTIONS.invites, code, { ...invite }, () => false);
    if (outcome.status === 'inserted') return { _id: code, ...invite };
  }
  throw new Error('no free invite code after 5 attempts');
}

/** The invite with `code`, or null. */
export async function getInvite(db: DB, code: string): Promise<InviteDoc | null> {
  const doc = await store.getById(db, COLLECTIONS.invites, code);
  return doc ? toInvite(doc) : null;
}

/**
 * Marks an open, unexpired invite used by `userId` in one conditional update:
 * of any number of concurrent redemptions exactly one sees `true`.
 */
export async function claimInvite(db: DB, code: string, userId: UserId, now: Date): Promise<boolean> {
  const _ = db.command;
  const n = await store.updateWhere(
    db,
    COLLECTIONS.invites,
    { _id: code, status: 'open', expiresAt: _.gt(now) },
    { status: 'used', usedBy: userId, usedAt: now },
  );
  return n === 1;
}

/** Gives a claimed invite back (the account update after the claim failed). */
export async function unclaimInvite(db: DB, code: string, userId: UserId): Promise<void> {
  await store.updateWhere(
    db,
    COLLECTIONS.invites,
    { _id: code, status: 'used', usedBy: userId },
    { status: 'open', usedBy: null, usedAt: null },
  );
}

/** Revokes an open invite; false when it was not open any more. */
export async function revokeInvite(db: DB, code: string, now: Date): Promise<boolean> {
  const n = await store.updateWhere(
    db,
    COLLECTIONS.invites,
    { _id: code, status: 'open' },
    { status: 'revoked', revokedAt: now },
  );
  return n === 1;
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
  cursor: string | null | undefined,
  limit: number,
): Promise<{ items: InviteDoc[]; total: number; nextCursor: string | null }> {
  const _ = db.command;
  const where: Record<string, unknown> = {};
  if (filter.stationId) where.stationId = filter.stationId;
  if (filter.status === 'open') Object.assign(where, { status: 'open', expiresAt: _.gt(now) });
  else if (filter.status === 'expired') Object.assign(where, { status: 'open', expiresAt: _.lte(now) });
  else if (filter.status) where.status = filter.status;
  const [page, total] = await Promise.all([
    store.page(db, COLLECTIONS.invites, where, { orderBy: ['createdAt', 'desc'], limit, cursor }),
    store.count(db, COLLECTIONS.invites, where),
  ]);
  return { items: page.items.map(toInvite), total, nextCursor: page.nextCursor };
}

// --------------------------------------------------------------- consents

/** A fresh consent id. */
export const newConsentId = (): string => 'c-' + randomBytes(12).toString('hex');

/** Inserts a consent record. */
export async function insertConsent(db: DB, record: ConsentRecord): Promise<void> {
  const { _id, ...data } = record;
  const outcome = await store.insertWithId(db, COLLECTIONS.consents, _id, { ...data });
  if (outcome.status === 'conflict') throw new Error('consent id taken');
}

/** The consent with `id`, or null. */
export async function getConsent(db: DB, id: string): Promise<ConsentRecord | null> {
  const doc = await store.getById(db, COLLECTIONS.consents, id);
  return doc ? toConsent(doc) : null;
}

/** A giver's consents, newest first (at most 100: a person gives few). */
export async function listConsents(
  db: DB,
  giverId: string,
  includeWithdrawn: boolean,
): Promise<ConsentRecord[]> {
  const where: Record<string, unknown> = { giverId };
  if (!includeWithdrawn) where.withdrawnAt = null;
  const docs = await store.findMany(db, COLLECTIONS.consents, where, {
    orderBy: [['givenAt', 'desc']],
    limit: 100,
  });
  return docs.map(toConsent);
}

/** Withdraws a consent that is still in force; false when it already was withdrawn. */
export async function withdrawConsent(db: DB, id: string, now: Date): Promise<boolean> {
  return (
    (await store.updateWhere(
      db,
      COLLECTIONS.consents,
      { _id: id, withdrawnAt: null },
      { withdrawnAt: now },
    )) === 1
  );
}

/** Withdraws every privacy-notice consent of a giver still in force. */
export async function withdrawPrivacyConsents(db: DB, giverId: string, now: Date): Promise<void> {
  await store.updateWhere(
    db,
    COLLECTIONS.consents,
    { giverId, category: 'privacy_notice', withdrawnAt: null },
    { withdrawnAt: now },
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

const toAuditDoc = (r: Doc): AuditDoc => ({
  _id: r._id,
  at: date(r.at),
  callerHash: str(r.callerHash),
  role: (r.role as AuditDoc['role']) ?? null,
  stationId: str(r.stationId),
  action: String(r.action ?? ''),
  targetId: str(r.targetId),
  outcome: r.outcome === 'denied' || r.outcome === 'error' ? r.outcome : 'ok',
  requestId: String(r.requestId ?? ''),
});

/** A page of audit entries, newest first (cursor paging), and the total (by count()). Read only. */
export async function listAudit(
  db: DB,
  filter: AuditFilter,
  cursor: string | null | undefined,
  limit: number,
): Promise<{ items: AuditDoc[]; total: number; nextCursor: string | null }> {
  const _ = db.command;
  const where: Record<string, unknown> = {};
  if (filter.action) where.action = filter.action;
  if (filter.outcome) where.outcome = filter.outcome;
  if (filter.stationId) where.stationId = filter.stationId;
  if (filter.from && filter.to) where.at = _.gte(filter.from).and(_.lt(filter.to));
  else if (filter.from) where.at = _.gte(filter.from);
  else if (filter.to) where.at = _.lt(filter.to);
  const [page, total] = await Promise.all([
    store.page(db, COLLECTIONS.auditLog, where, { orderBy: ['at', 'desc'], limit, cursor }),
    store.count(db, COLLECTIONS.auditLog, where),
  ]);
  return { items: page.items.map(toAuditDoc), total, nextCursor: page.nextCursor };
}
