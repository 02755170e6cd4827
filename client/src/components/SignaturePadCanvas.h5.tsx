import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, type PointerEvent } from 'react';
import type { SignatureSurface, SignatureSurfaceProps } from './SignaturePadSurface';

/** Stroke width in CSS px. */
const LINE_WIDTH = 3;

/**
 * The H5 signing surface: a plain <canvas> (not Taro's H5 Canvas, which resets its
 * size, and so the drawing, whenever it re-renders) drawn with pointer events, so a
 * finger, a pen and a mouse all sign; `touch-action: none` keeps the page from
 * scrolling under the finger. The backing store is sized to the CSS box × the
 * device pixel ratio when mounted and on 清除.
 */
export const SignaturePadCanvas = forwardRef<SignatureSurface, SignatureSurfaceProps>(
  function SignaturePadCanvas({ label, onInk }, ref) {
    const canvasRef = useRef<HTMLCanvasElement>(null);
    const activePointer = useRef<number | null>(null);
    const inked = useRef(false);

    const context = () => canvasRef.current?.getContext('2d') ?? null;

    const prepare = useCallback(() => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      const rect = canvas.getBoundingClientRect();
      const ratio = window.devicePixelRatio || 1;
      if (rect.width > 0 && rect.height > 0) {
        canvas.width = Math.round(rect.width * ratio);
        canvas.height = Math.round(rect.height * ratio);
      }
      inked.current = false;
      activePointer.current = null;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.strokeStyle = '#111111';
      ctx.lineWidth = LINE_WIDTH * (rect.width > 0 ? canvas.width / rect.width : 1);
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
    }, []);

    useEffect(prepare, [prepare]);

    useImperativeHandle(
      ref,
      () => ({
        clear: prepare,
        toImage: () =>
          new Promise<string>((resolve, reject) => {
            const canvas = canvasRef.current;
            if (!canvas) {
              reject(new Error('signature canvas is gone'));
              return;
            }
            canvas.toBlob((blob) => {
              if (blob) resolve(URL.createObjectURL(blob));
              else reject(new Error('canvas could not encode the signature'));
            }, 'image/png');
          }),
        discard: (path: string) => {
          if (path.startsWith('blob:') && typeof URL.revokeObjectURL === 'function')
            URL.revokeObjectURL(path);
        },
      }),
      [prepare],
    );

    /** The pointer's position in canvas pixels. */
    const at = (e: PointerEvent<HTMLCanvasElement>) => {
      const canvas = e.currentTarget;
      const rect = canvas.getBoundingClientRect();
      const sx = rect.width > 0 ? canvas.width / rect.width : 1;
      const sy = rect.height > 0 ? canvas.height / rect.height : 1;
      return { x: (e.clientX - rect.left) * sx, y: (e.clientY - rect.top) * sy };
    };

    const down = (e: PointerEvent<HTMLCanvasElement>) => {
      if (activePointer.current !== null) return; // a second finger does not draw
      const ctx = context();
      if (!ctx) return;
      e.preventDefault();
      activePointer.current = e.pointerId;
      e.currentTarget.setPointerCapture?.(e.pointerId);
      const { x, y } = at(e);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 0.1, y); // a dot where the finger lands
      ctx.stroke();
      if (!inked.current) {
        inked.current = true;
        onInk();
      }
    };

    const move = (e: PointerEvent<HTMLCanvasElement>) => {
      if (activePointer.current !== e.pointerId) return;
      const ctx = context();
      if (!ctx) return;
      e.preventDefault();
      const { x, y } = at(e);
      ctx.lineTo(x, y);
      ctx.stroke();
    };

    const up = (e: PointerEvent<HTMLCanvasElement>) => {
      if (activePointer.current !== e.pointerId) return;
      activePointer.current = null;
    };

    return (
      <canvas
        ref={canvasRef}
        className="sgz-sign__canvas"
        role="img"
        aria-label={label}
        style={{ touchAction: 'none' }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
    );
  },
);
