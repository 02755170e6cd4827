import { Canvas, View } from '@tarojs/components';
import type { CanvasTouchEvent } from '@tarojs/components/types/common';
import Taro from '@tarojs/taro';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import type { SignatureSurface, SignatureSurfaceProps } from './SignaturePadSurface';

/** Stroke width in CSS px. */
const LINE_WIDTH = 3;

/** The 2D context as the pad draws (Taro types it as an empty `RenderingContext`). */
interface SignContext {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  lineCap: string;
  lineJoin: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  scale(x: number, y: number): void;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
}

const isSignContext = (ctx: unknown): ctx is SignContext =>
  typeof ctx === 'object' &&
  ctx !== null &&
  'lineTo' in ctx &&
  typeof ctx.lineTo === 'function' &&
  'setTransform' in ctx &&
  typeof ctx.setTransform === 'function';

/** The node a `fields({ node: true, size: true })` query answers for a 2D canvas. */
interface CanvasField {
  node?: Taro.Canvas;
  width?: number;
  height?: number;
}

/**
 * The weapp signing surface: Taro's <Canvas type="2d"> (the same-layer canvas of
 * base library ≥ 2.9), found with a selector query once rendered, sized to its box
 * × the pixel ratio, drawn with its touch events (`touches[0].x/y` are canvas
 * coordinates); `disableScroll` keeps the page still under the finger. Exported
 * with `Taro.canvasToTempFilePath({ canvas })` as PNG.
 *
 * Not run by the tests here (jest and the H5 build use the .h5 variant): check on a
 * phone or in the WeChat devtools.
 */
export const SignaturePadCanvas = forwardRef<SignatureSurface, SignatureSurfaceProps>(
  function SignaturePadCanvas({ label, onInk }, ref) {
    const id = useMemo(() => `sgz-sign-${Math.random().toString(36).slice(2, 10)}`, []);
    const node = useRef<Taro.Canvas | null>(null);
    const ctx = useRef<SignContext | null>(null);
    const box = useRef({ width: 0, height: 0 });
    const drawing = useRef(false);
    const inked = useRef(false);

    const prepare = useCallback(() => {
      const c = ctx.current;
      const canvas = node.current;
      inked.current = false;
      drawing.current = false;
      if (!c || !canvas) return;
      c.setTransform(1, 0, 0, 1, 0, 0);
      c.fillStyle = '#ffffff';
      c.fillRect(0, 0, canvas.width, canvas.height);
      const ratio = box.current.width > 0 ? canvas.width / box.current.width : 1;
      c.scale(ratio, ratio);
      c.strokeStyle = '#111111';
      c.lineWidth = LINE_WIDTH;
      c.lineCap = 'round';
      c.lineJoin = 'round';
    }, []);

    useEffect(() => {
      let tries = 0;
      let live = true;
      const find = () =>
        Taro.createSelectorQuery()
          .select(`#${id}`)
          .fields({ node: true, size: true })
          .exec((res: CanvasField[]) => {
            if (!live) return;
            const field = res[0];
            const canvas = field?.node;
            if (!canvas || !field.width || !field.height) {
              if (++tries < 5) setTimeout(find, 100); // not laid out yet
              return;
            }
            const ratio = Taro.getWindowInfo().pixelRatio || 1;
            canvas.width = Math.round(field.width * ratio);
            canvas.height = Math.round(field.height * ratio);
            const context: unknown = canvas.getContext('2d');
            if (!isSignContext(context)) return;
            node.current = canvas;
            ctx.current = context;
            box.current = { width: field.width, height: field.height };
            prepare();
          });
      Taro.nextTick(find);
      return () => {
        live = false;
      };
    }, [id, prepare]);

    useImperativeHandle(
      ref,
      () => ({
        clear: prepare,
        toImage: async () => {
          const canvas = node.current;
          if (!canvas) throw new Error('signature canvas not ready');
          const res = await Taro.canvasToTempFilePath({ canvas, fileType: 'png' });
          return res.tempFilePath;
        },
        discard: () => {},
      }),
      [prepare],
    );

    const start = (e: CanvasTouchEvent) => {
      const c = ctx.current;
      const t = e.touches[0];
      if (!c || !t || drawing.current) return;
      drawing.current = true;
      c.beginPath();
      c.moveTo(t.x, t.y);
      c.lineTo(t.x + 0.1, t.y);
      c.stroke();
      if (!inked.current) {
        inked.current = true;
        onInk();
      }
    };

    const move = (e: CanvasTouchEvent) => {
      const c = ctx.current;
      const t = e.touches[0];
      if (!c || !t || !drawing.current) return;
      c.lineTo(t.x, t.y);
      c.stroke();
    };

    const end = () => {
      drawing.current = false;
    };

    return (
      <View className="sgz-sign__surface" role="img" aria-label={label}>
        <Canvas
          type="2d"
          id={id}
          className="sgz-sign__canvas"
          disableScroll
          onTouchStart={start}
          onTouchMove={move}
          onTouchEnd={end}
          onTouchCancel={end}
        />
      </View>
    );
  },
);
