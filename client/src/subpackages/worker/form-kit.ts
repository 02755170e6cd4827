import type { WireError } from '@sgz/shared';
import type { ZodIssue } from 'zod';
import { newClientId } from '../../services/outbox/core';
import { readStorage, removeSafe, userKey, writeSafe } from '../../utils/user-scope';

/**
 * What the worker's file forms share: drafts kept on the phone per form (a closed
 * form reopens as it was), ids made on the phone (a retry never makes a second
 * record), and errors shown beside the field they name.
 */

/** A new id for a record made on the phone (CLIENT_ID_PATTERN), e.g. `ps…-…`. */
export const newId = (prefix: string): string => newClientId(Date.now(), Math.random, prefix);

/** Loads a form's draft (null: none, or not an object). */
export function loadFormDraft<T extends object>(key: string): Partial<T> | null {
  const v = readStorage(userKey(key));
  return v && typeof v === 'object' ? (v as Partial<T>) : null;
}

/** Saves a form's draft (on every change). */
export const saveFormDraft = (key: string, draft: unknown): void => writeSafe(userKey(key), draft);

/** Drops a form's draft after the save went through. */
export const clearFormDraft = (key: string): void => removeSafe(userKey(key));

/** Errors per form field. */
export type Errors = Record<string, string>;

/** The first message per field of a failed schema check; `map` turns a path into the form's field (null: general). */
export function issuesToErrors(
  issues: readonly ZodIssue[],
  map: (path: (string | number)[]) => string | null,
): Errors {
  const out: Errors = {};
  for (const issue of issues) {
    const f = map(issue.path) ?? '_';
    if (!out[f]) out[f] = issue.message;
  }
  return out;
}

/** The field a server error names (`details.field`, a dotted path), or null. */
export function fieldOfError(e: WireError): string | null {
  const d = e.details;
  if (d && typeof d === 'object' && 'field' in d && typeof (d as { field: unknown }).field === 'string')
    return (d as { field: string }).field;
  return null;
}

/** `details.reason` of a server error, or null. */
export function reasonOf(e: WireError): string | null {
  const d = e.details;
  if (d && typeof d === 'object' && 'reason' in d && typeof (d as { reason: unknown }).reason === 'string')
    return (d as { reason: string }).reason;
  return null;
}

/** What a stale revision says (someone else saved the file since it was opened). */
export const STALE_MESSAGE = '该档案刚被他人修改，请刷新后再改';
