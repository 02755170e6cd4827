import { isErrorCode, type Result } from '@sgz/shared';
import { invokeFunction } from './backend';

/** What a resident reads when the reply never came or was unusable. */
export const NETWORK_MESSAGE = '网络不太好，请稍后重试';

/** Marks errors produced on the phone (no usable reply), as opposed to the function's own answers. */
export interface TransportDetails {
  transport: true;
}

/** True when `error.details` says the failure happened before the function answered. */
export const isTransportError = (result: Result<unknown>): boolean =>
  !result.ok &&
  typeof result.error.details === 'object' &&
  result.error.details !== null &&
  (result.error.details as Partial<TransportDetails>).transport === true;

const transportFailure = (): Result<never> => ({
  ok: false,
  error: {
    code: 'internal',
    message: NETWORK_MESSAGE,
    details: { transport: true } satisfies TransportDetails,
  },
});

/** Checks a reply against the wire shape; anything else counts as a transport failure. */
function toResult<T>(reply: unknown): Result<T> {
  if (typeof reply !== 'object' || reply === null) return transportFailure();
  const r = reply as {
    ok?: unknown;
    data?: unknown;
    error?: { code?: unknown; message?: unknown; details?: unknown };
  };
  if (r.ok === true) return { ok: true, data: r.data as T };
  if (r.ok === false && typeof r.error === 'object' && r.error !== null) {
    const code = isErrorCode(r.error.code) ? r.error.code : 'internal';
    const message =
      typeof r.error.message === 'string' && r.error.message ? r.error.message : NETWORK_MESSAGE;
    return { ok: false, error: { code, message, details: r.error.details } };
  }
  return transportFailure();
}

/**
 * Calls one action of one cloud function (typed by `service()` from the
 * function's contract; see service.ts). Never throws: a transport failure, a
 * non-JSON reply or a 5xx becomes `{ ok: false, error: { code: 'internal', … } }`
 * with a Chinese message and `details.transport = true`.
 */
export async function callFunction<T = unknown>(
  fn: string,
  action: string,
  input: Record<string, unknown>,
): Promise<Result<T>> {
  try {
    const reply = await invokeFunction(fn, { ...input, action });
    return toResult<T>(reply);
  } catch {
    return transportFailure();
  }
}
