import { randomUUID } from 'crypto';
import { z } from 'zod';
import {
  AppError,
  DEFAULT_MESSAGES,
  isErrorCode,
  type Result,
  type WireError,
} from '../../shared/src/errors';
import { parseInput } from '../../shared/src/schemas/common';
import { isRealEnv, missingRequiredSettings } from '../../shared/src/config/settings';
import type { FunctionContract } from '../../shared/src/contracts/define';
import { audit } from './audit';
import type { AuthzContext, Authorized } from './authz/authorize';
import type { ActionContext, Handlers, InvocationContext } from './context';
import { withRoundTrips, type Cloud, type DB } from './db';

/**
 * Keys that say who the caller is. They are removed from every event before
 * parsing, so a client can never claim an identity: identity comes only from
 * `cloud.getWXContext()`. (`userInfo` is also what wx.cloud.callFunction adds
 * to every event by itself: left in, strict schemas would refuse real calls.)
 * `stationId` is not here but in {@link SCOPE_KEYS}: some actions take it.
 */
export const IDENTITY_KEYS = [
  'openid',
  'OPENID',
  '_openid',
  'unionid',
  'UNIONID',
  'appid',
  'APPID',
  'role',
  'createdBy',
  'userInfo',
] as const;

/**
 * Keys that claim a scope rather than an identity. Some actions take one as
 * a real input (a head choosing a station); for every other action they are
 * stripped like identity keys, so that a spoofed `stationId` is ignored
 * rather than refused (issue 4: an action behaves exactly as without it).
 */
export const SCOPE_KEYS = ['stationId'] as const;

/** The keys an object schema declares (through refinements), or null when it is not an object schema. */
function declaredKeys(schema: z.ZodTypeAny): Set<string> | null {
  let s: z.ZodTypeAny = schema;
  while (s instanceof z.ZodEffects) s = s.innerType();
  return s instanceof z.ZodObject ? new Set(Object.keys(s.shape as Record<string, unknown>)) : null;
}

/** What the pipeline needs from the platform: injected so unit tests need no SDK and no emulator. */
export interface PipelineDeps {
  getCloud(): Cloud;
  getDb(): DB;
  authorize(key: string, ctx: AuthzContext): Promise<Authorized>;
  /** Where unexpected errors are reported (default console.error). */
  log?(line: string): void;
  /** The clock (default: a new Date per call). */
  clock?(): Date;
  /** The function's environment variables (default process.env), read once per cold start for the settings check. */
  env?: Record<string, string | undefined>;
}

/** Deepest nesting of an event the pipeline looks into (a deeper one is refused before parsing). */
export const MAX_EVENT_DEPTH = 64;

/** True when `value` nests objects/arrays deeper than `max` (iterative: a hostile event cannot overflow the stack). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A cloud function's `main`. */
export type CloudMain = (event: unknown, context?: InvocationContext) => Promise<Result<unknown>>;

const UNKNOWN_ACTION = '不支持的操作，请更新小程序后再试';
const BAD_EVENT = '请求格式不正确，请更新小程序后再试';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// An AppError from a second copy of shared/ (two bundles, two classes) must
// still be recognised, so fall back to its shape.
const asAppError = (e: unknown): AppError | null => {
  if (e instanceof AppError) return e;
  if (e instanceof Error && e.name === 'AppError' && isErrorCode((e as AppError).code)) return e as AppError;
  return null;
};

/**
 * An error message may quote a value (a driver echoing a query, say). Long
 * digit runs (phone, ID, bank numbers) are masked and the text is clipped.
 */
const scrub = (message: string): string => message.replace(/\d{7,}[\dXx]?/g, '***').slice(0, 300);

/** The frames of a stack (not its first line, which repeats the message), digit runs masked. */
const scrubStack = (stack: string): string =>
  stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 20)
    .map((line) => line.trim().replace(/\d{7,}[\dXx]?/g, '***'))
    .join('\n');

const fail = (code: WireError['code'], message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Builds `createHandler` over the given platform dependencies (see handler.ts for the real ones). */
export function makeCreateHandler(deps: PipelineDeps) {
  const log = deps.log ?? ((line: string) => console.error(line));
  const clock = deps.clock ?? (() => new Date());
  const env = deps.env ?? process.env;

  /**
   * Wires a function from its contract: route by `event.action`, parse with
   * the entry's schema, authorize against the entry's permission row, run the
   * handler, audit a personal read, answer the wire shape.
   */
  return function createHandler<F extends FunctionContract>(contract: F, handlers: Handlers<F>): CloudMain {
    const functionName = contract.name;
    for (const name of Object.keys(contract.actions)) {
      const h = (handlers as Record<string, { contract?: unknown }>)[name];
      if (!h || h.contract !== contract.actions[name]) {
        throw new Error(
          `${functionName}: the handler of ${name} is missing or declares another contract entry`,
        );
      }
    }
    // Required settings (shared/src/config/settings.ts), checked once per cold
    // start: in a real environment a missing one refuses every call, so that
    // nothing ever runs on a development constant (issue 16, item 4).
    let missingSettings: string[] | null = null;
    return (event, context) => withRoundTrips(() => invoke(event, context));
    async function invoke(
      event: Parameters<CloudMain>[0],
      context: Parameters<CloudMain>[1],
    ): Promise<Result<unknown>> {
      const requestId = String(context?.request_id ?? context?.requestId ?? randomUUID()).slice(0, 80);
      let actionName = '(none)';
      missingSettings ??= isRealEnv(env) ? missingRequiredSettings(functionName, env) : [];
      if (missingSettings.length > 0) {
        log(
          JSON.stringify({
            level: 'error',
            function: functionName,
            requestId,
            error: 'missing-settings',
            settings: missingSettings,
            message: `${functionName} refuses every call: required setting(s) ${missingSettings.join(', ')} not set in this environment (see the settings table in README.md; npm run deploy sets them)`,
          }),
        );
        return fail('internal', DEFAULT_MESSAGES.internal);
      }
      try {
        if (!isPlainObject(event)) return fail('invalid-argument', BAD_EVENT);
        if (nestedDeeperThan(event, MAX_EVENT_DEPTH)) return fail('invalid-argument', BAD_EVENT);
        const { action, ...rest } = event;
        if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(contract.actions, action)) {
          return fail('invalid-argument', UNKNOWN_ACTION, { field: 'action' });
        }
        actionName = action;
        const entry = contract.actions[action];
        const handler = (handlers as Record<string, Handlers<F>[keyof F['actions']]>)[action];

        for (const key of IDENTITY_KEYS) delete rest[key];
        const declared = declaredKeys(entry.input);
        for (const key of SCOPE_KEYS) if (!declared?.has(key)) delete rest[key];
        const parsed = parseInput(entry.input, rest);
        if (!parsed.ok) return fail('invalid-argument', parsed.message, { field: parsed.field });

        const cloud = deps.getCloud();
        const wx = cloud.getWXContext() as { OPENID?: unknown; APPID?: unknown };
        const openid = typeof wx.OPENID === 'string' && wx.OPENID !== '' ? wx.OPENID : null;
        const appid = typeof wx.APPID === 'string' && wx.APPID !== '' ? wx.APPID : null;
        const db = deps.getDb();
        const now = clock();

        const { access, account } = await deps.authorize(entry.permission, { openid, requestId, db, now });
        const ctx: ActionContext = {
          openid,
          appid,
          requestId,
          now,
          db,
          cloud,
          access,
          account,
          functionName,
          action,
        };
        const data = await handler.handle(parsed.data, ctx);
        // Reads of personal data beyond one's own are audited here, once,
        // for every action whose contract says so (issue 8, hole 6).
        if (entry.audit === 'personal-read' && access.scope !== 'own' && access.scope !== 'public') {
          const field = entry.auditTarget;
          const input = parsed.data as Record<string, unknown>;
          const target =
            field && typeof input[field] === 'string'
              ? (input[field] as string)
              : (access.caller?.stationId ?? null);
          await audit(db, {
            openid,
            role: access.role,
            stationId: access.caller?.stationId ?? null,
            action: access.action,
            targetId: target,
            outcome: 'ok',
            requestId,
          });
        }
        return { ok: true, data };
      } catch (e) {
        const appError = asAppError(e);
        if (appError)
          return fail(appError.code, appError.message || DEFAULT_MESSAGES[appError.code], appError.details);
        // No input values in the log: they may be personal data. The message
        // is clipped and digit runs masked; the stack (file:line frames) stays
        // in the server log with the request id and never reaches the phone.
        const message = e instanceof Error ? e.message : String(e);
        log(
          JSON.stringify({
            level: 'error',
            function: functionName,
            action: actionName,
            requestId,
            error: scrub(message),
            stack: e instanceof Error && e.stack ? scrubStack(e.stack) : null,
          }),
        );
        return fail('internal', DEFAULT_MESSAGES.internal);
      }
    }
  };
}
