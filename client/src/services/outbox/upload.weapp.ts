import Taro from '@tarojs/taro';
import type { Result } from '@sgz/shared';
import type { OutboxAttachment } from './core';

/**
 * Uploads an outbox attachment to its fixed cloud path (`wx.cloud.uploadFile`
 * overwrites a file already there, so a retry never makes a second copy).
 * Any failure counts as a transport failure: the outbox backs off and retries.
 */
export async function uploadAttachment(a: OutboxAttachment): Promise<Result<{ fileId: string }>> {
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath: a.cloudPath, filePath: a.localPath });
    if (!res.fileID) throw new Error(res.errMsg);
    return { ok: true, data: { fileId: res.fileID } };
  } catch {
    return {
      ok: false,
      error: {
        code: 'internal',
        message: '照片上传没有成功，连网后会自动重试',
        details: { transport: true },
      },
    };
  }
}
