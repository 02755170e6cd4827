/**
 * Every choice where the behaviour of the real CloudBase server could not be
 * verified (see shared/cloudbase-wire.md §6). Each one lives here, with the
 * reason, so that changing it later is a one-line edit.
 */
import { randomBytes } from 'node:crypto';

/**
 * Id format: 32 lowercase hex characters (16 random bytes). The prototype used
 * this; an old WeChat HTTP-API example shows UUID-like ids instead. Nothing in
 * the SDK parses ids, so any unique string works.
 */
export const GENERATED_ID_PATTERN = /^[0-9a-f]{32}$/;

/** Generates a document `_id` when the inserted document has none. */
export function generateId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Duplicate `_id`: the code is DATABASE_REQUEST_FAILED (SDK errCode -502001)
 * and the message imitates MongoDB's E11000 text, since CloudBase is backed by
 * MongoDB. The real server's exact wording is unknown.
 */
export const DUPLICATE_KEY_CODE = 'DATABASE_REQUEST_FAILED';

/** Builds the duplicate-key message (MongoDB E11000 style). */
export function duplicateKeyMessage(collection: string, id: unknown): string {
  return `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`;
}

/**
 * `updated` in modifyDocument answers counts MODIFIED documents (MongoDB's
 * nModified), not matched ones: an update that changes nothing counts 0.
 * `set()` on an existing document always counts 1 (a whole-document replace is
 * treated as a modification even if the content is identical).
 */
export const UPDATED_COUNTS_MODIFIED = true;

/**
 * Unknown collections are created on first write (like MongoDB). Real CloudBase
 * probably requires createCollection first; `strictCollections: true` emulates
 * that by answering DATABASE_COLLECTION_NOT_EXIST for reads and writes.
 */
export const AUTO_CREATE_COLLECTIONS_DEFAULT = true;

/**
 * createCollection of an existing collection: an error (MongoDB refuses it
 * too). The code name follows CloudBase's error list as far as known; the SDK
 * passes it through in `err.code` (errCode -1).
 */
export const COLLECTION_EXISTS_CODE = 'DATABASE_COLLECTION_ALREADY_EXIST';

/**
 * `collection.remove()` without `where()` sends `query:""`. Whether the real
 * server deletes everything is unknown; deleting a whole collection by accident
 * is the worse failure, so the emulator refuses it with INVALID_PARAM. Use
 * `where({_id: _.exists(true)}).remove()` (or the admin reset) to empty one.
 */
export const ALLOW_EMPTY_QUERY_REMOVE = false;

/** The error text for a refused empty-query remove. */
export const EMPTY_QUERY_REMOVE_MESSAGE =
  'remove() without a query is refused by the emulator (unverified CloudBase behaviour): use where({...}).remove() with an explicit condition';

/**
 * Aggregate output without `$limit`: not capped (null). The SDK has no
 * client-side default; whether the server caps it is unknown. Set a number to
 * cap the emulator's output.
 */
export const AGGREGATE_DEFAULT_CAP: number | null = null;

/**
 * Idle time after which an unfinished transaction is discarded. CloudBase
 * documents transactions of at most a few seconds; 30 s is generous.
 */
export const TRANSACTION_IDLE_TIMEOUT_MS = 30_000;

/**
 * A `where().get()` without `limit` arrives as `limit:100` (set by the SDK); a
 * request without any `limit` (not sent by 4.0.2) gets the same default, and
 * larger values are capped at 1000 like the SDK does.
 */
export const DEFAULT_GET_LIMIT = 100;
/** Upper bound applied to getDocument `limit`. */
export const MAX_GET_LIMIT = 1000;
