/**
 * The browser build cannot upload to WeChat cloud storage: the form offers 口头同意 +
 * 见证人 only, and says so.
 */
export const PHOTO_UPLOAD_AVAILABLE = false;

/** Not available in the browser build. */
export async function takeConsentPhoto(_personId: string, _consentId: string): Promise<string> {
  throw new Error('浏览器版无法上传照片');
}
