import { AppError } from '../../../shared/src/errors';
import { ROSTER_MESSAGES } from '../../../shared/src/domain/roster';
import { ROSTER_UPLOAD_DIR } from '../../../shared/src/schemas/roster';
import { run, type Cloud } from '../../_lib/db';

/**
 * Cloud storage for the roster: the template the function uploads, and the
 * roster the phone uploaded (wx.cloud.uploadFile) that the function reads.
 * wx-server-sdk 4.0.2 reports storage failures with errCode -1 and the
 * CloudBase code in `err.code` (STORAGE_FILE_NONEXIST for a missing file);
 * see /work/shared/cloudbase-wire.md §2.
 */

/** The cloud path inside a fileID (`cloud://<env>.<bucket>/<path>`), or null. */
export function cloudPathOf(fileID: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID);
  if (!m || !m[1]) return null;
  const path = m[1];
  return path.split('/').some((s) => s === '' || s === '.' || s === '..') ? null : path;
}

/**
 * Refuses a fileID outside `roster-uploads/<stationId>/`: the function reads
 * storage with the environment's rights, so without this a head could have
 * it read any file (another station's roster, a consent form photo).
 */
export function assertStationUpload(fileID: string, stationId: string): void {
  const path = cloudPathOf(fileID);
  if (!path || !path.startsWith(`${ROSTER_UPLOAD_DIR}/${stationId}/`))
    throw new AppError('invalid-argument', ROSTER_MESSAGES.fileElsewhere, { field: 'fileID' });
}

const codeOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof Reflect.get(e, 'code') === 'string'
    ? String(Reflect.get(e, 'code'))
    : '';

/** The bytes of an uploaded file; `not-found` (in Chinese) when it is not there. */
export async function download(cloud: Cloud, fileID: string): Promise<Buffer> {
  try {
    const res = await cloud.downloadFile({ fileID });
    return res.fileContent;
  } catch (e) {
    if (codeOf(e) === 'STORAGE_FILE_NONEXIST')
      throw new AppError('not-found', ROSTER_MESSAGES.fileMissing, { field: 'fileID' });
    throw e;
  }
}

/** Deletes files, best effort (an upload already read; nothing depends on it). */
export async function removeQuietly(cloud: Cloud, fileIDs: string[]): Promise<void> {
  try {
    await run(cloud.deleteFile({ fileList: fileIDs }));
  } catch {
    // a file left behind is harmless: the next upload uses a new name
  }
}

/** Uploads `content` to `cloudPath`; returns its fileID and a temporary download URL. */
export async function uploadWithUrl(
  cloud: Cloud,
  cloudPath: string,
  content: Buffer,
): Promise<{ fileID: string; tempFileURL: string }> {
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: content });
  const res = await run(cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] }));
  const item = res.fileList[0];
  if (!item || item.status !== 0 || !item.tempFileURL) throw new Error('getTempFileURL gave no URL');
  return { fileID, tempFileURL: item.tempFileURL };
}
