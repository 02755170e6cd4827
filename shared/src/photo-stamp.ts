import { formatBeijing } from './calendar';

/**
 * The time-and-place stamp (水印) drawn on visit photos: pure text and layout,
 * shared by the weapp and H5 drawing code (client/src/services/photo-stamp.*).
 * The time is Beijing time whatever the phone's or the test's time zone.
 */

/** Longest place line drawn (an address beyond it is cut with …). */
export const STAMP_PLACE_MAX_CHARS = 40;

/** Longest side of a stamped photo in pixels: enough to read a document on it, small to upload. */
export const STAMP_MAX_SIDE = 1600;

/**
 * The lines drawn on a photo taken at `now` (ms since the epoch): the Beijing time
 * `YYYY-MM-DD HH:mm`, then the place (e.g. `39.0251,117.7152 ±15m` or an address) when
 * known. Whitespace in the place is collapsed; a long one is cut to
 * {@link STAMP_PLACE_MAX_CHARS} characters.
 */
export function stampLines(now: number, place?: string | null): string[] {
  const lines = [formatBeijing(new Date(now))];
  const where = (place ?? '').replace(/\s+/g, ' ').trim();
  if (where) {
    const chars = Array.from(where); // by code point: never cut a character in half
    lines.push(
      chars.length > STAMP_PLACE_MAX_CHARS ? `${chars.slice(0, STAMP_PLACE_MAX_CHARS - 1).join('')}…` : where,
    );
  }
  return lines;
}

/** A width × height in pixels. */
export interface Size {
  width: number;
  height: number;
}

/** `size` scaled down (never up) so its longest side is at most `maxSide`, in whole pixels ≥ 1. */
export function fitWithin(size: Size, maxSide: number = STAMP_MAX_SIDE): Size {
  const longest = Math.max(size.width, size.height);
  const scale = longest > maxSide ? maxSide / longest : 1;
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

/** Where the stamp goes on a photo of `size` with `lineCount` lines. */
export interface StampLayout {
  /** Font size in px: 1/28 of the shorter side, at least 14. */
  fontSize: number;
  /** Top of the dark band across the bottom of the photo. */
  bandTop: number;
  bandHeight: number;
  /** Left margin of the text. */
  left: number;
  /** Baseline of each line, top to bottom. */
  baselines: number[];
}

/** Layout of a stamp of `lineCount` lines on a photo of `size`. */
export function stampLayout(size: Size, lineCount: number): StampLayout {
  const fontSize = Math.max(14, Math.round(Math.min(size.width, size.height) / 28));
  const lineHeight = Math.round(fontSize * 1.35);
  const padding = Math.round(fontSize * 0.6);
  const bandHeight = Math.min(size.height, padding * 2 + lineHeight * lineCount);
  const bandTop = size.height - bandHeight;
  const baselines = Array.from(
    { length: lineCount },
    (_, i) => bandTop + padding + lineHeight * i + Math.round(fontSize * 1.05),
  );
  return { fontSize, bandTop, bandHeight, left: padding, baselines };
}

/** The part of a 2D canvas context the stamp draws with (browser and WeChat alike). */
export interface StampContext {
  fillStyle: unknown;
  font: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
}

/** Whether `ctx` (a platform canvas context typed loosely) can draw the stamp. */
export function isStampContext(ctx: unknown): ctx is StampContext {
  return (
    typeof ctx === 'object' &&
    ctx !== null &&
    'fillRect' in ctx &&
    typeof ctx.fillRect === 'function' &&
    'fillText' in ctx &&
    typeof ctx.fillText === 'function'
  );
}

/**
 * Draws `lines` on a dark translucent band across the bottom of a photo of `size`
 * already drawn on `ctx`: white text, readable on any photo.
 */
export function drawStamp(ctx: StampContext, size: Size, lines: string[]): void {
  if (lines.length === 0) return;
  const layout = stampLayout(size, lines.length);
  ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.fillRect(0, layout.bandTop, size.width, layout.bandHeight);
  ctx.fillStyle = '#ffffff';
  ctx.font = `${layout.fontSize}px sans-serif`;
  ctx.textBaseline = 'alphabetic';
  const maxWidth = size.width - layout.left * 2;
  lines.forEach((line, i) => ctx.fillText(line, layout.left, layout.baselines[i] ?? 0, maxWidth));
}
