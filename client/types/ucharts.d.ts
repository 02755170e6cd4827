/** The parts of @qiun/ucharts 2.5 (no types of its own) the head's charts use. */
declare module '@qiun/ucharts' {
  interface UChartsSeries {
    name: string;
    data: number[];
    color?: string;
    textColor?: string;
  }
  interface UChartsOptions {
    type: 'column' | 'bar' | 'line' | 'pie' | 'ring';
    context: unknown;
    width: number;
    height: number;
    pixelRatio?: number;
    categories?: string[];
    series: UChartsSeries[];
    animation?: boolean;
    background?: string;
    color?: string[];
    padding?: number[];
    fontSize?: number;
    fontColor?: string;
    dataLabel?: boolean;
    legend?: { show?: boolean };
    xAxis?: Record<string, unknown>;
    yAxis?: Record<string, unknown>;
    extra?: Record<string, unknown>;
    canvas2d?: boolean;
  }
  export default class UCharts {
    constructor(opts: UChartsOptions);
    updateData(data: Partial<UChartsOptions>): void;
  }
}
