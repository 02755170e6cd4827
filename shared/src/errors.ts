/** The closed set of error codes every cloud function action may answer. */
export const ERROR_CODES = [
  'invalid-argument',
  'unauthenticated',
  'permission-denied',
  'not-found',
  'already-exists',
  'failed-precondition',
  'resource-exhausted',
  'internal',
] as const;
/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Error body of the wire shape; `message` is Chinese and tells the user what to do. */
export interface WireError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}
/** What every action answers. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: WireError };

/** An expected failure, thrown by actions and turned into `{ok:false,error}` by the handler. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Default Chinese message per code, for when an action has nothing more specific to say. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  'invalid-argument': '填写的内容有误，请检查后再试',
  unauthenticated: '请先登录微信后再试',
  'permission-denied': '您没有权限进行此操作',
  'not-found': '没有找到相关内容，可能已被删除',
  'already-exists': '该内容已存在，请勿重复提交',
  'failed-precondition': '当前状态下不能进行此操作',
  'resource-exhausted': '名额已满或操作过于频繁，请稍后再试',
  internal: '系统繁忙，请稍后再试',
};

/** True when `code` is one of the closed set (used on the client for replies of unknown origin). */
export const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
