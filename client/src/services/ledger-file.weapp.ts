import type { ExportLedgerOutput } from '@sgz/shared';
import Taro from '@tarojs/taro';

/**
 * WeChat: the exported 台账 is downloaded to a temporary file and opened with
 * `wx.openDocument({ showMenu: true })`, whose menu forwards it to a chat or saves it.
 * Throws with a Chinese message when a step fails.
 *
 * Not run by the tests here (jest and the H5 build use the .h5 variant): check on a
 * phone or in the WeChat devtools (the storage domain must be a download domain).
 */
export async function openLedgerFile(
  file: Pick<ExportLedgerOutput, 'tempFileURL' | 'fileName'>,
  onStep: (step: 'downloading' | 'opening') => void,
): Promise<void> {
  onStep('downloading');
  let filePath: string;
  try {
    const res = await Taro.downloadFile({ url: file.tempFileURL });
    if (res.statusCode !== 200) throw new Error(String(res.statusCode));
    filePath = res.tempFilePath;
  } catch {
    throw new Error('台账文件没有下载下来，请检查网络后重试');
  }
  onStep('opening');
  try {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
  } catch {
    throw new Error('手机没能打开台账文件，请重试或在电脑上导出');
  }
}
