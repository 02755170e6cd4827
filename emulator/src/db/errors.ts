/** Error codes the database module answers; string keys the SDK maps (cloudbase-wire.md §2). */
export type DbErrorCode =
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'INVALID_PARAM'
  | 'SYS_ERR';

/** An error that becomes a `{code, message, requestId}` answer. */
export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

/** Shorthand for an INVALID_PARAM error. */
export function invalidParam(message: string): DbError {
  return new DbError('INVALID_PARAM', message);
}

/** Shorthand for a DATABASE_REQUEST_FAILED error. */
export function requestFailed(message: string): DbError {
  return new DbError('DATABASE_REQUEST_FAILED', message);
}
