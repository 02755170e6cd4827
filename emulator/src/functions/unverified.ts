/**
 * Every emulator choice where real CloudBase behaviour could not be verified (the database's own
 * guesses live in src/db/README.md). Each is one constant so it is easy to change once known.
 */

// ---------------------------------------------------------------- functions

/** Error code when a function throws, returns nothing or times out. callFunction surfaces it as err.code (errCode -1). */
export const FUNCTION_FAILED_CODE = 'FUNCTIONS_EXECUTE_FAIL';

/** Error code when no built function of that name exists. */
export const FUNCTION_MISSING_CODE = 'FUNCTIONS_REQUEST_FAIL';

/**
 * A function whose main() resolves to undefined is treated as an error. Real CloudBase most likely
 * hands the caller `result: null`; we are stricter on purpose, because in this project a handler
 * that returns nothing is always a bug (every action must return a Result).
 */
export const RETURN_UNDEFINED_IS_ERROR = true;

/** Timeout (seconds) when a function's config.json sets none; CloudBase's documented default. */
export const DEFAULT_TIMEOUT_SECONDS = 3;

/** Message for a timeout, worded like SCF's. */
export const timeoutMessage = (seconds: number): string => `Invoking task timed out after ${seconds} seconds`;

/** How long loading a function's module may take (SCF has a separate init phase with its own limit). */
export const INIT_TIMEOUT_MS = 15_000;

/** SOURCE of a function called by another function: the caller's source plus `,scf`. */
export const chainedSource = (callerSource: string | undefined): string =>
  `${callerSource || 'wx_client'},scf`;

/**
 * wx.cloud.callFunction from a mini-program adds `userInfo: {appId, openId}` to the event (WeChat docs;
 * not observed here). The gateway does the same, overwriting any `userInfo` the browser sent, so
 * functions see the same event shape as on a phone. Identity must still come from getWXContext().
 */
export const GATEWAY_INJECTS_USER_INFO = true;

/** SOURCE of a call from the H5 gateway: it stands in for the mini-program, so functions behave as on a phone. */
export const GATEWAY_SOURCE = 'wx_client';

/**
 * Identity of a callFunction sent by a process that is not a function invocation (tests, scripts):
 * an empty OPENID, as for a server-side call through the HTTP API.
 */
export const ANONYMOUS_SERVER_SOURCE = 'wx_http';

/** The fake AppID every invocation sees unless told otherwise (clearly not a real one). */
export const DEFAULT_APPID = 'wxlocalemulator0';

// ---------------------------------------------------------------- storage

/** Suffix of the fake bucket name in fileIDs (`cloud://<env>.<env>-<suffix>/path`); real buckets end in an app id number. */
export const STORAGE_BUCKET_SUFFIX = '1250000000';

/** Code for deleting a file that does not exist (real COS deletes may be idempotent; we report it so bugs show). */
export const STORAGE_DELETE_MISSING_CODE = 'STORAGE_FILE_NONEXIST';

/** How long an upload authorization from getUploadMetadata stays valid. */
export const UPLOAD_TOKEN_TTL_MS = 10 * 60 * 1000;

// ---------------------------------------------------------------- openapi

/**
 * security.msgSecCheck v2 (`version: 2`): the real API answers errcode 0 with `result.suggest: 'risky'`
 * for risky text; the project asked for errcode 87014 on both versions so one check covers both.
 * Set to false to answer v2 like WeChat does (errcode 0, suggest 'risky', label 20001).
 */
export const MSG_SEC_CHECK_V2_RISKY_AS_87014 = true;

/** errcode of an openapi the emulator does not implement (not a WeChat code, so it cannot be mistaken for one). */
export const OPENAPI_NOT_EMULATED_ERRCODE = 99999;

// ---------------------------------------------------------------- timer triggers

/** Time zone of timer-trigger cron expressions: documented as UTC+8 ("触发器规则的时区为 UTC+8"). */
export const TIMER_TIMEZONE = 'Asia/Shanghai';

/** Timer triggers per function: WeChat's docs say only one is supported ("目前仅支持一个触发器"). */
export const MAX_TRIGGERS_PER_FUNCTION = 1;

/**
 * Identity of a timer-fired invocation: no user, so an empty OPENID; the SOURCE value CloudBase
 * sets for a timer is not documented (`wx_trigger` is ours). The event shape
 * `{ Type: 'Timer', TriggerName, Time: 'YYYY-MM-DDTHH:mm:ssZ', Message }` is SCF's documented timer
 * event; CloudBase's `Message` (SCF's 附加信息) has no config.json field, so it is ''.
 */
export const TIMER_SOURCE = 'wx_trigger';
