import type { ExportLedgerOutput } from '@sgz/shared';

/**
 * H5: the exported 台账 is fetched and saved under its own name (a blob link with
 * `download`, so the browser saves it whatever origin the storage link has).
 * Throws with a Chinese message when the file cannot be fetched.
 */
export async function openLedgerFile(
  file: Pick<ExportLedgerOutput, 'tempFileURL' | 'fileName'>,
  onStep: (step: 'downloading' | 'opening') => void,
): Promise<void> {
  onStep('downloading');
  let blob: Blob;
  try {
    const res = await fetch(file.tempFileURL);
    if (!res.ok) throw new Error(String(res.status));
    blob = await res.blob();
  } catch {
    throw new Error('台账文件没有下载下来，请检查网络后重试');
  }
  onStep('opening');
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = file.fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has taken the file; the link is freed a little later (Safari needs the wait).
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
