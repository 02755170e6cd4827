/**
 * Visit photos on the phone (see photo-stamp.h5.ts for H5):
 * - `compressPhoto`: a photo over COMPRESS_ABOVE_BYTES goes through
 *   `Taro.compressImage` at quality 60 (a failure keeps the original);
 * - `stampPhoto`: the photo is drawn on a 2D offscreen canvas
 *   (`Taro.createOffscreenCanvas`, base library ≥ 2.16.1) scaled to at most
 *   STAMP_MAX_SIDE px, the time and place (水印) drawn on a dark band at the
 *   bottom, exported with `wx.canvasToTempFilePath({ canvas })` as JPEG 0.8.
 *
 * Callers (components/PhotoField) keep the UNSTAMPED photo and log a warning when
 * `stampPhoto` rejects (old base library, a photo WeChat cannot decode, …): a visit
 * must save even where stamping cannot work.
 *
 * Not run by the tests here (jest and the H5 build use photo-stamp.h5.ts); check on a
 * phone or in the WeChat devtools.
 */
import Taro from '@tarojs/taro';
import { drawStamp, fitWithin, isStampContext, type StampContext } from '@sgz/shared/photo-stamp';

/** Photos larger than this (bytes, as chooseMedia reports) are compressed first. */
export const COMPRESS_ABOVE_BYTES = 300 * 1024;
/** `Taro.compressImage` quality (0–100, JPEG). */
const COMPRESS_QUALITY = 60;
/** How long a photo may take to decode before stamping gives up. */
const LOAD_TIMEOUT_MS = 15_000;

/** Compresses a photo over {@link COMPRESS_ABOVE_BYTES}; answers the path to use (the original on failure). */
export async function compressPhoto(tempPath: string, size: number): Promise<string> {
  if (!(size > COMPRESS_ABOVE_BYTES)) return tempPath;
  try {
    const res = await Taro.compressImage({ src: tempPath, quality: COMPRESS_QUALITY });
    return res.tempFilePath || tempPath;
  } catch (e) {
    console.warn('[photo] compressImage failed, keeping the original', e);
    return tempPath;
  }
}

/** The offscreen 2D context as we use it (Taro types it as an empty `RenderingContext`). */
interface PhotoContext extends StampContext {
  drawImage(image: Taro.Image, x: number, y: number, w: number, h: number): void;
}

const isPhotoContext = (ctx: unknown): ctx is PhotoContext =>
  isStampContext(ctx) && 'drawImage' in ctx && typeof ctx.drawImage === 'function';

/**
 * `wx.canvasToTempFilePath` accepts an offscreen 2D canvas, but Taro's types only
 * name the on-page `Canvas`: the call as we make it (callback style).
 */
interface WxCanvasExport {
  canvasToTempFilePath(options: {
    canvas: Taro.OffscreenCanvas;
    fileType: 'jpg';
    quality: number;
    destWidth: number;
    destHeight: number;
    success: (res: { tempFilePath: string }) => void;
    fail: (err: { errMsg?: string }) => void;
  }): void;
}
declare const wx: WxCanvasExport;

const exportOffscreen = (canvas: Taro.OffscreenCanvas, width: number, height: number): Promise<string> =>
  new Promise((resolve, reject) =>
    wx.canvasToTempFilePath({
      canvas,
      fileType: 'jpg',
      quality: 0.8,
      destWidth: width,
      destHeight: height,
      success: (res) => resolve(res.tempFilePath),
      fail: (err) => reject(new Error(err.errMsg ?? 'canvasToTempFilePath failed')),
    }),
  );

/**
 * Draws `lines` on the bottom of the photo at `tempPath`; answers the temporary
 * path of the stamped JPEG (give it to keepFile). Rejects when any step fails.
 */
export async function stampPhoto(tempPath: string, lines: string[]): Promise<string> {
  const info = await Taro.getImageInfo({ src: tempPath });
  const size = fitWithin({ width: info.width, height: info.height });
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: size.width, height: size.height });
  const ctx: unknown = canvas.getContext('2d');
  if (!isPhotoContext(ctx)) throw new Error('offscreen 2d canvas unavailable');
  const img = canvas.createImage();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('photo load timed out')), LOAD_TIMEOUT_MS);
    img.onload = () => {
      clearTimeout(timer);
      resolve();
    };
    img.onerror = (e: unknown) => {
      clearTimeout(timer);
      reject(new Error(`photo could not be decoded: ${String(e)}`));
    };
    img.src = tempPath;
  });
  ctx.drawImage(img, 0, 0, size.width, size.height);
  drawStamp(ctx, size, lines);
  const stamped = await exportOffscreen(canvas, size.width, size.height);
  if (!stamped) throw new Error('canvasToTempFilePath gave no file');
  return stamped;
}

/** Temporary files on the phone are cleaned by WeChat: nothing to free. */
export function discardTemp(_path: string): void {}
