import Taro from '@tarojs/taro';

/** How long the H5 build waits for the gateway before telling the user the network is poor. */
const TIMEOUT_MS = 15000;

/** Thrown for a reply that is not a usable function result (5xx, HTML error page…). */
export class TransportError extends Error {}

/**
 * Transport for the H5 build: the emulator's gateway, `POST /functions/<name>` on the
 * same origin. Identity travels in the gateway's session cookie, never in the body.
 * (`Taro.cloud` is undefined on H5, so this file replaces backend.weapp.ts there.)
 */
export async function invokeFunction(name: string, event: Record<string, unknown>): Promise<unknown> {
  const res = await Taro.request<unknown>({
    url: `/functions/${encodeURIComponent(name)}`,
    method: 'POST',
    data: event,
    header: { 'Content-Type': 'application/json' },
    credentials: 'include',
    dataType: 'json',
    timeout: TIMEOUT_MS,
  });
  if (res.statusCode >= 500) {
    throw new TransportError(`gateway answered ${res.statusCode}`);
  }
  // Taro's H5 request yields null when the body is not JSON; call.ts rejects that shape.
  return res.data;
}
