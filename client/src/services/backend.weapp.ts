import Taro from '@tarojs/taro';

let initialised = false;

/**
 * Transport for the mini-program: WeChat CloudBase (`wx.cloud.callFunction`).
 * Throws on transport failure; the caller (`call.ts`) turns that into a Result.
 */
export async function invokeFunction(name: string, event: Record<string, unknown>): Promise<unknown> {
  if (!initialised) {
    const env = process.env.TARO_APP_CLOUD_ENV;
    // Without an env id, wx.cloud uses the environment chosen in WeChat DevTools.
    Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true });
    initialised = true;
  }
  const res = await Taro.cloud.callFunction({ name, data: event });
  return res.result;
}
