import UCharts from '@qiun/ucharts';
import { useEffect, useRef } from 'react';
import { chartOptions, type BarChartCanvasProps } from './chart-options';

/**
 * H5 canvas of a bar chart: a plain <canvas> (Taro's H5 Canvas resets its size on each
 * render), sized to its box × the pixel ratio, drawn by uCharts when mounted and
 * whenever the numbers change. Hidden from screen readers: {@link BarChart} names it
 * and the page lists the same numbers.
 */
export function BarChartCanvas(props: BarChartCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { kind, categories, values, seriesName, large, height } = props;
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const width = canvas.getBoundingClientRect().width || canvas.parentElement?.clientWidth || 0;
    const ctx = typeof canvas.getContext === 'function' ? canvas.getContext('2d') : null;
    if (!ctx || width <= 0) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    new UCharts(chartOptions({ kind, categories, values, seriesName, large }, ctx, width, height, ratio));
  }, [kind, categories, values, seriesName, large, height]);
  return <canvas ref={ref} className="hd-chart__canvas" style={{ width: '100%', height: `${height}px` }} />;
}
