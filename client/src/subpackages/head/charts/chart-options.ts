import type { UChartsOptions } from '@qiun/ucharts';

/** What one bar chart draws: one series, a bar per category, its number written on it. */
export interface BarChartData {
  /** Upright bars (uCharts `column`; its lying `bar` type drew no category names in 2.5.0). */
  kind: 'column';
  categories: string[];
  values: number[];
  /** Name of the series (次, 小时…), not drawn: the numbers on the bars say it. */
  seriesName: string;
  /** 关怀模式: larger labels. */
  large?: boolean;
}

/** Props of the platform canvas ({@link BarChartData} plus its CSS height). */
export interface BarChartCanvasProps extends BarChartData {
  /** CSS px. */
  height: number;
}

/** Whether the names under the bars are tilted (1…12 are not; seven category names are). */
export const tilted = (categories: string[]): boolean =>
  categories.length > 6 && categories.some((c) => c.length > 2);

/** The bars' colour (≥ 4.5:1 on white) and the labels' (≥ 7:1). */
const BAR = '#0b57a4';
const TEXT = '#1a1a1a';

/**
 * The uCharts options of one chart at a size in canvas pixels (`ratio` × CSS px): no
 * animation (a phone on a slow page paints once), no legend (one series), the value
 * written on every bar so no number is told by length or colour alone.
 */
export function chartOptions(
  data: BarChartData,
  context: unknown,
  cssWidth: number,
  cssHeight: number,
  ratio: number,
): UChartsOptions {
  const font = data.large ? 15 : 12;
  return {
    type: data.kind,
    context,
    width: Math.round(cssWidth * ratio),
    height: Math.round(cssHeight * ratio),
    pixelRatio: ratio,
    categories: data.categories,
    series: [{ name: data.seriesName, data: data.values, color: BAR, textColor: TEXT }],
    animation: false,
    background: '#FFFFFF',
    color: [BAR],
    padding: [20, 12, 8, 4],
    fontSize: font,
    fontColor: TEXT,
    dataLabel: true,
    legend: { show: false },
    xAxis: {
      fontColor: TEXT,
      fontSize: font,
      disableGrid: true,
      // More than six names longer than two characters do not fit side by side on a phone: tilted.
      rotateLabel: tilted(data.categories),
      rotateAngle: 45,
    },
    // No value axis: every bar has its number written on it.
    yAxis: { disabled: true, disableGrid: true, data: [{ min: 0 }] },
    extra: { column: { width: data.large ? 18 : 14, seriesGap: 2, categoryGap: 2 } },
  };
}
