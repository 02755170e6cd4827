import type { Result } from '@sgz/shared';

/**
 * Cloud files in the H5 build (the browser against the emulator). The emulator's gateway
 * has no upload route for browsers (its `PUT /storage/…` needs an upload token that only
 * the SDK endpoint hands out), so the H5 build downloads the template but cannot upload:
 * the page says to upload in the mini-program.
 */

/** True where the phone can pick and upload a file (the H5 build cannot). */
export const CAN_UPLOAD = false;

/** A file the user picked: local temp path, name, size in bytes. */
export interface PickedFile {
  path: string;
  name: string;
  size: number;
}

const NO_UPLOAD: Result<never> = {
  ok: false,
  error: { code: 'failed-precondition', message: '网页版不能上传花名册，请在微信小程序中上传' },
};

/** Not available in the browser. */
export async function pickXlsx(): Promise<Result<PickedFile | null>> {
  return NO_UPLOAD;
}

/** Largest document (scan or photo) the bureau attaches to a station record, in bytes. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Not available in the browser. */
export async function pickDocument(from: 'camera' | 'chat'): Promise<Result<PickedFile | null>> {
  void from;
  return NO_UPLOAD;
}

/** Not available in the browser. */
export async function uploadFile(cloudPath: string, file: PickedFile): Promise<Result<{ fileID: string }>> {
  void cloudPath;
  void file;
  return NO_UPLOAD;
}

/** Starts the browser's download of `url` under `fileName`. */
export async function openDownloadedFile(url: string, fileName: string): Promise<Result<null>> {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return { ok: true, data: null };
}
