import type { Result } from '@sgz/shared';
import type { OutboxAttachment } from './core';
import { readKeptFile } from './files';

const transport = (): Result<never> => ({
  ok: false,
  error: { code: 'internal', message: '照片上传没有成功，连网后会自动重试', details: { transport: true } },
});

/**
 * H5 build: uploads an outbox attachment through the emulator gateway's
 * `PUT /upload/<cloudPath>` (session cookie; only under `outbox/`), which
 * overwrites like `wx.cloud.uploadFile`. A kept file that is gone (browser
 * data cleared) is a final refusal: the worker must take the photo again.
 */
export async function uploadAttachment(a: OutboxAttachment): Promise<Result<{ fileId: string }>> {
  const blob = await readKeptFile(a.localPath);
  if (!blob)
    return {
      ok: false,
      error: {
        code: 'failed-precondition',
        message: '手机上的照片已找不到，请打开记录删除这张照片后重新拍摄',
      },
    };
  let res: Response;
  try {
    res = await fetch(`/upload/${a.cloudPath.split('/').map(encodeURIComponent).join('/')}`, {
      method: 'PUT',
      body: blob,
      credentials: 'include',
      headers: { 'content-type': blob.type || 'application/octet-stream' },
    });
  } catch {
    return transport();
  }
  if (res.status >= 500) return transport();
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return transport();
  }
  const r = body as { ok?: boolean; data?: { fileID?: unknown }; error?: { code: string; message: string } };
  if (r.ok && typeof r.data?.fileID === 'string') return { ok: true, data: { fileId: r.data.fileID } };
  if (r.ok === false && r.error) return { ok: false, error: r.error as never };
  return transport();
}
