import Taro from '@tarojs/taro';

/**
 * Asks for the one-time subscribe-message authorisation for status updates of a
 * request. WeChat accepts this only from a tap, so the submit handler calls it
 * before anything else. Never throws: a refusal or an error must not stop the submit.
 */
export async function askStatusSubscription(): Promise<void> {
  const tmplId = process.env.TARO_APP_TPL_REQUEST_STATUS;
  if (!tmplId) return;
  try {
    await Taro.requestSubscribeMessage({ tmplIds: [tmplId], entityIds: [] });
  } catch {
    /* refused, banned or unsupported: the request is submitted anyway */
  }
}
