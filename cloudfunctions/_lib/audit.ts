import { createHash } from 'crypto';
import { COLLECTIONS } from '../../shared/src/collections';
import type { Role } from '../../shared/src/auth/roles';
import { isRealEnv } from '../../shared/src/config/settings';

import type { DB } from './db';

/** Outcome of an audited call. */
export type AuditOutcome = 'ok' | 'denied' | 'error';

/** What an action tells the audit log; no sensitive values (no names, phones, ID numbers, free text). */
export interface AuditInput {
  /** The caller's OPENID; stored only as a salted hash. Null for an anonymous call. */
  openid: string | null;
  role: Role | null;
  stationId: string | null;
  /** Action key, e.g. `accounts.createInvite`. */
  action: string;
  /** Id of the record acted on (document id), never a personal value. */
  targetId: string | null;
  outcome: AuditOutcome;
  requestId: string;
}

/** One document of `audit_log` (append-only: no action updates or removes one). */
export interface AuditEntry {
  at: Date;
  callerHash: string | null;
  role: Role | null;
  stationId: string | null;
  action: string;
  targetId: string | null;
  outcome: AuditOutcome;
  requestId: string;
}

/**
 * Salt of the caller hash. Production sets SGZ_AUDIT_SALT (a secret in the
 * function's environment); the constant is for local development and tests
 * only, where OPENIDs are fake (`demo-…`).
 */
export const DEV_AUDIT_SALT = 'sgz-dev-audit-salt-not-for-production';

/**
 * A development constant, only outside a real environment. The pipeline
 * already refuses to run without the setting there (shared/src/config/settings.ts);
 * this is the second lock, so that no path ever hashes with a public salt.
 */
export function devConstant(setting: string, value: string): string {
  if (isRealEnv(process.env)) throw new Error(`required setting ${setting} is not set`);
  return value;
}

/** sha256(salt + OPENID) as hex: the same caller gives the same hash, the OPENID is not stored. */
export function callerHash(openid: string): string {
  const salt = process.env.SGZ_AUDIT_SALT || devConstant('SGZ_AUDIT_SALT', DEV_AUDIT_SALT);
  return createHash('sha256')
    .update(salt + openid)
    .digest('hex');
}

const clip = (s: string | null, max: number): string | null => (s === null ? null : s.slice(0, max));

/**
 * Appends one entry to `audit_log`. Best effort by design: a failing audit
 * write is logged (without values) and does not change the action's answer,
 * so that a denial stays a denial.
 */
export async function audit(db: DB, entry: AuditInput): Promise<void> {
  const doc = {
    at: db.serverDate(),
    callerHash: entry.openid ? callerHash(entry.openid) : null,
    role: entry.role,
    stationId: clip(entry.stationId, 64),
    action: entry.action.slice(0, 80),
    targetId: clip(entry.targetId, 80),
    outcome: entry.outcome,
    requestId: entry.requestId.slice(0, 80),
  };
  try {
    await db.collection(COLLECTIONS.auditLog).add({ data: doc });
  } catch (e) {
    console.error('[audit] write failed', entry.action, entry.outcome, (e as Error)?.name ?? 'Error');
  }
}
