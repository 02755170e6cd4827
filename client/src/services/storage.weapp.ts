import type { Result } from '@sgz/shared';
import Taro from '@tarojs/taro';

/**
 * Cloud files on the mini-program: pick an .xlsx from a chat, upload it with
 * wx.cloud.uploadFile, open a downloaded file (template) with the phone's viewer.
 * Every function answers a Result and never throws.
 */

/** True where the phone can pick and upload a file (the H5 build cannot). */
export const CAN_UPLOAD = true;

/** A file the user picked: local temp path, name, size in bytes. */
export interface PickedFile {
  path: string;
  name: string;
  size: number;
}

let initialised = false;
function ensureCloud(): void {
  if (initialised) return;
  const env = process.env.TARO_APP_CLOUD_ENV;
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true });
  initialised = true;
}

const fail = (message: string): Result<never> => ({ ok: false, error: { code: 'internal', message } });

/** Chooses one .xlsx from a WeChat chat (文件传输助手 works). `null` data: the user cancelled. */
export async function pickXlsx(): Promise<Result<PickedFile | null>> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
    const f = res.tempFiles[0];
    if (!f) return { ok: true, data: null };
    return { ok: true, data: { path: f.path, name: f.name, size: f.size } };
  } catch (err) {
    // A cancel is not an error.
    if (/cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? err))) return { ok: true, data: null };
    return fail('没有选到文件，请在微信聊天中找到花名册（.xlsx）后重试');
  }
}

/** Largest document (scan or photo) the bureau attaches to a station record, in bytes. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * Chooses one scan or photo: `camera` takes or picks a picture, `chat` picks a PDF or
 * picture from a WeChat chat (文件传输助手 works). `null` data: the user cancelled.
 */
export async function pickDocument(from: 'camera' | 'chat'): Promise<Result<PickedFile | null>> {
  try {
    if (from === 'camera') {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] });
      const f = res.tempFiles[0];
      if (!f) return { ok: true, data: null };
      return {
        ok: true,
        data: { path: f.tempFilePath, name: f.tempFilePath.split('/').pop() ?? '', size: f.size },
      };
    }
    const res = await Taro.chooseMessageFile({
      count: 1,
      type: 'all',
      extension: ['pdf', 'jpg', 'jpeg', 'png'],
    });
    const f = res.tempFiles[0];
    if (!f) return { ok: true, data: null };
    return { ok: true, data: { path: f.path, name: f.name, size: f.size } };
  } catch (err) {
    if (/cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? err))) return { ok: true, data: null };
    return fail('没有选到文件，请重试');
  }
}

/** Uploads a picked file to `cloudPath`; answers the fileID. */
export async function uploadFile(cloudPath: string, file: PickedFile): Promise<Result<{ fileID: string }>> {
  try {
    ensureCloud();
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: file.path });
    return { ok: true, data: { fileID: res.fileID } };
  } catch {
    return fail('上传没有成功，请检查网络后点“重新上传”');
  }
}

/** Downloads `url` and opens it (the viewer's menu lets the user forward or save it). */
export async function openDownloadedFile(url: string, fileName: string): Promise<Result<null>> {
  try {
    const res = await Taro.downloadFile({ url });
    if (res.statusCode !== 200) return fail('模板下载没有成功，请稍后重试');
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
    void fileName;
    return { ok: true, data: null };
  } catch {
    return fail('模板没有打开，请稍后重试');
  }
}
