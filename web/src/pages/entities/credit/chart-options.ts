/** Pure builder of the credit-risk page's chart option (tested in chart-options.test.ts). */
import type { BarSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { CREDIT_CLASSES, type CreditRegionCounts } from '../../../api/credit';
import { CLASS_COLORS, CREDIT_CLASS_LABELS } from './labels';

export type CreditChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption>;

/** Past this many regions the bars lie down, so every township name stays readable. */
export const HORIZONTAL_FROM = 8;

/** Entities per class, stacked per district/county (or township), in the order the API gives. */
export function buildCreditRegionOption(rows: readonly CreditRegionCounts[]): CreditChartOption {
  const names = rows.map((r) => r.regionName);
  const horizontal = rows.length >= HORIZONTAL_FROM;
  const categoryAxis = { type: 'category' as const, data: names, axisTick: { alignWithLabel: true }, ...(horizontal ? { inverse: true } : {}) };
  const valueAxis = { type: 'value' as const, minInterval: 1 };
  return {
    aria: { enabled: true },
    color: CREDIT_CLASSES.map((c) => CLASS_COLORS[c]),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: CREDIT_CLASSES.map((c) => `${c} 类 ${CREDIT_CLASS_LABELS[c]}`) },
    grid: horizontal ? { left: 96, right: 32, top: 40, bottom: 24 } : { left: 48, right: 16, top: 44, bottom: 28 },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: CREDIT_CLASSES.map((c) => ({
      name: `${c} 类 ${CREDIT_CLASS_LABELS[c]}`,
      type: 'bar' as const,
      stack: 'classes',
      barMaxWidth: 48,
      emphasis: { focus: 'series' as const },
      data: rows.map((r) => r.counts[c]),
    })),
  };
}
