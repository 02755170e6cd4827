import UCharts from '@qiun/ucharts';
import { Canvas } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo } from 'react';
import { chartOptions, type BarChartCanvasProps } from './chart-options';

/** The node a `fields({ node: true, size: true })` query answers for a 2D canvas. */
interface CanvasField {
  node?: Taro.Canvas;
  width?: number;
  height?: number;
}

/**
 * Weapp canvas of a bar chart: Taro's <Canvas type="2d"> (same-layer, base library ≥
 * 2.9), found with a selector query once laid out, sized to its box × the pixel ratio
 * and drawn by uCharts (which adapts the 2D context to its own calls).
 *
 * Not run by the tests here (jest and the H5 build use the .h5 variant): check on a
 * phone or in the WeChat devtools.
 */
export function BarChartCanvas(props: BarChartCanvasProps) {
  const id = useMemo(() => `hd-chart-${Math.random().toString(36).slice(2, 10)}`, []);
  const { kind, categories, values, seriesName, large, height } = props;
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
          const ctx: unknown = canvas.getContext('2d');
          if (!ctx) return;
          new UCharts(
            chartOptions(
              { kind, categories, values, seriesName, large },
              ctx,
              field.width,
              field.height,
              ratio,
            ),
          );
        });
    Taro.nextTick(find);
    return () => {
      live = false;
    };
  }, [id, kind, categories, values, seriesName, large, height]);
  return (
    <Canvas type="2d" id={id} className="hd-chart__canvas" style={{ width: '100%', height: `${height}px` }} />
  );
}
