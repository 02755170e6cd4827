import { run, type Cloud } from '../../_lib/db';

/**
 * Cloud storage of the ledger: the export is uploaded under
 * `exports/<stationId>/…` and answered with a short-lived link; the cleanup
 * timer deletes old ones. See /work/shared/cloudbase-wire.md §2 for the
 * SDK's storage answers.
 */

/** Uploads `content` to `cloudPath`; returns its fileID and a download URL valid `maxAge` seconds. */
export async function uploadWithUrl(
  cloud: Cloud,
  cloudPath: string,
  content: Buffer,
  maxAge: number,
): Promise<{ fileID: string; tempFileURL: string }> {
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: content });
  const res = await run(cloud.getTempFileURL({ fileList: [{ fileID, maxAge }] }));
  const item = res.fileList[0];
  if (!item || item.status !== 0 || !item.tempFileURL) throw new Error('getTempFileURL gave no URL');
  return { fileID, tempFileURL: item.tempFileURL };
}

/** wx-server-sdk 4.0.2's per-file status for STORAGE_FILE_NONEXIST (TCB_ERR_CODE). */
export const STORAGE_FILE_NONEXIST_STATUS = -503003;

/**
 * Deletes files; returns the fileIDs that are gone (deleted now, or already
 * missing: STORAGE_FILE_NONEXIST, status −503003, counts as gone). A file
 * that failed otherwise is kept for the next run.
 */
export async function deleteFiles(cloud: Cloud, fileIDs: string[]): Promise<Set<string>> {
  const gone = new Set<string>();
  if (fileIDs.length === 0) return gone;
  const res = await run(cloud.deleteFile({ fileList: fileIDs }));
  for (const item of res.fileList) {
    if (item.status === 0 || item.status === STORAGE_FILE_NONEXIST_STATUS) gone.add(item.fileID);
  }
  return gone;
}
