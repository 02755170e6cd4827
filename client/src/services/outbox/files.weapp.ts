import Taro from '@tarojs/taro';

/**
 * Photos of outbox records stay FILES, not storage keys (a photo would blow the
 * 1 MB-per-key limit): a temporary path from `chooseMedia` lives for one run, so
 * it is saved (`wx.saveFile`, kept across launches; user files share 200 MB) and
 * the saved path goes into the record. Deleting the mini-program deletes them too.
 */
export async function keepFile(tempFilePath: string): Promise<string> {
  const res = await Taro.saveFile({ tempFilePath });
  if (!('savedFilePath' in res) || typeof res.savedFilePath !== 'string') {
    throw new Error(res.errMsg || 'saveFile failed');
  }
  return res.savedFilePath;
}

/** Deletes a saved file once its record left the phone. */
export async function releaseFile(savedFilePath: string): Promise<void> {
  await Taro.removeSavedFile({ filePath: savedFilePath });
}

/** A path an <Image> can show: saved files are shown as they are. */
export async function keptFileUrl(path: string): Promise<string> {
  return path;
}
