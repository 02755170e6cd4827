/**
 * The drawing surface of components/SignaturePad, one per platform
 * (SignaturePadCanvas.h5.tsx: a <canvas> with pointer events, so a finger, a pen
 * or a mouse signs; SignaturePadCanvas.weapp.tsx: Taro's <Canvas type="2d"> with
 * touch events).
 */

/** What SignaturePad asks of the surface (through a ref). */
export interface SignatureSurface {
  /** Wipes the strokes (white again). */
  clear(): void;
  /** The signature as a temporary image (H5: an object URL; weapp: a temp file path). */
  toImage(): Promise<string>;
  /** Frees a temporary image from {@link toImage} once it was kept. */
  discard(path: string): void;
}

/** Props of the platform surface. */
export interface SignatureSurfaceProps {
  /** What the region is and what to do, e.g. 请服务对象在框内签名 (its accessible name). */
  label: string;
  /** Called on the first stroke after a mount or a clear. */
  onInk(): void;
}
