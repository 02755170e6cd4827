/**
 * Visit photos on H5 (see photo-stamp.weapp.ts for the phone): the picked photo
 * (a `blob:` URL from chooseMedia) is drawn on a <canvas>, scaled to at most
 * STAMP_MAX_SIDE px, the time and place (水印) drawn on a dark band at the
 * bottom, and re-encoded as JPEG 0.8: that re-encoding is the H5 compression.
 *
 * Callers (components/PhotoField) keep the UNSTAMPED photo and log a warning when
 * `stampPhoto` rejects: a visit must save even where stamping cannot work.
 */
import { drawStamp, fitWithin } from '@sgz/shared/photo-stamp';

/** How long a photo may take to decode before stamping gives up. */
const LOAD_TIMEOUT_MS = 15_000;

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    const timer = setTimeout(() => reject(new Error('photo load timed out')), LOAD_TIMEOUT_MS);
    img.onload = () => {
      clearTimeout(timer);
      resolve(img);
    };
    img.onerror = () => {
      clearTimeout(timer);
      reject(new Error('photo could not be decoded'));
    };
    img.src = src;
  });
}

/** H5 has no compressImage: the stamp's JPEG re-encoding and scaling compress. Answers `tempPath`. */
export async function compressPhoto(tempPath: string, _size: number): Promise<string> {
  return tempPath;
}

/**
 * Draws `lines` on the bottom of the photo at `tempPath`; answers an object URL of
 * the stamped JPEG (give it to keepFile, then {@link discardTemp}). Rejects when the
 * photo cannot be decoded or the canvas cannot encode it.
 */
export async function stampPhoto(tempPath: string, lines: string[]): Promise<string> {
  const img = await loadImage(tempPath);
  const size = fitWithin({ width: img.naturalWidth || img.width, height: img.naturalHeight || img.height });
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d context unavailable');
  ctx.drawImage(img, 0, 0, size.width, size.height);
  drawStamp(ctx, size, lines);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  if (!blob) throw new Error('canvas could not encode the photo');
  return URL.createObjectURL(blob);
}

/** Frees a temporary URL made here once the photo was kept (other paths are left alone). */
export function discardTemp(path: string): void {
  if (path.startsWith('blob:') && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(path);
}
