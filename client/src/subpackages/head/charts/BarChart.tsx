import { View } from '@tarojs/components';
import { BarChartCanvas } from './BarChartCanvas';
import { tilted, type BarChartData } from './chart-options';

/** Props of {@link BarChart}. */
export interface BarChartProps extends BarChartData {
  /**
   * What the chart says in one sentence (read by screen readers instead of the drawing,
   * e.g. 全年走访 42 次，最多的是 3月（9 次）). The page lists every number as well.
   */
  summary: string;
  /** CSS px (default 180; 220 when the names are tilted). */
  height?: number;
}

/** One sentence over a series: the total and the largest entry. */
export function chartSummary(title: string, categories: string[], values: number[], unit: string): string {
  const total = Math.round(values.reduce((n, v) => n + v, 0) * 10) / 10;
  if (total === 0) return `${title}：暂无数据`;
  let top = 0;
  values.forEach((v, i) => {
    if (v > (values[top] ?? 0)) top = i;
  });
  return `${title}：合计 ${total} ${unit}，最多的是${categories[top]}（${values[top]} ${unit}）`;
}

/**
 * A bar chart drawn by uCharts on a canvas (weapp / H5 variants in BarChartCanvas.*),
 * only inside the head's subpackage. The drawing is an image with a one-sentence
 * summary (`role="img"`, `aria-label`); the numbers themselves are listed beside it by
 * the page, as text that taps through to the records, so nothing is told by the
 * drawing (or its colour) alone.
 */
export function BarChart({ summary, height, ...data }: BarChartProps) {
  const h = height ?? (tilted(data.categories) ? 220 : 180);
  return (
    <View className="hd-chart" role="img" aria-label={summary}>
      <BarChartCanvas {...data} height={h} />
    </View>
  );
}
