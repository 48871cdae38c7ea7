/** Pure builders of the plan module's chart options (tested in plan-options.test.ts). */
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { Accumulation, ProgressStatus } from '../../../common/plan-api.ts';
import { STATUS_COLOR, STATUS_LABEL, STATUS_ORDER, statusRank } from './plan-status';

export type PlanChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | AriaComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | VisualMapComponentOption
>;

export interface YearValue {
  year: number;
  value: number;
}

const TARGET_COLOR = '#c8102e';
const LINE_COLORS = ['#1d4f91', '#2f7dd1', '#13a8a8', '#722ed1', '#d4380d', '#7cb305', '#eb2f96'];

/** Names from the database go into HTML tooltips: escape them. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Indicators per status, one stacked bar per category (表1's 产品质量, 服务质量, …). */
export function buildStatusByCategoryOption(data: readonly { category: string; counts: Partial<Record<ProgressStatus, number>> }[]): PlanChartOption {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, itemWidth: 14, itemHeight: 10, itemGap: 8, textStyle: { fontSize: 11 }, data: STATUS_ORDER.map((status) => STATUS_LABEL[status]) },
    grid: { left: 36, right: 12, top: 64, bottom: 28 },
    xAxis: { type: 'category', data: data.map((row) => row.category), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: STATUS_ORDER.map(
      (status): BarSeriesOption => ({
        name: STATUS_LABEL[status],
        type: 'bar',
        stack: 'status',
        barMaxWidth: 48,
        color: STATUS_COLOR[status],
        emphasis: { focus: 'series' },
        data: data.map((row) => row.counts[status] ?? 0),
      }),
    ),
  };
}

export interface HeatmapRow {
  regionCode: string;
  regionName: string;
  statuses: Record<string, ProgressStatus>;
}

/**
 * Region × indicator statuses: regions top to bottom as given, indicator codes left to right in
 * `indicators` order (表1 order); a missing cell counts as "no data". Colours come from a piecewise
 * visual map, which doubles as the legend.
 */
export function buildStatusHeatmapOption(rows: readonly HeatmapRow[], indicators: readonly { code: string; name: string }[]): PlanChartOption {
  const codes = indicators.map((indicator) => indicator.code);
  const names = new Map(indicators.map((indicator) => [indicator.code, indicator.name]));
  const tips: string[] = [];
  const data: [number, number, number][] = [];
  rows.forEach((row, y) => {
    codes.forEach((code, x) => {
      const status = row.statuses[code] ?? 'not_available';
      data.push([x, y, statusRank(status)]);
      tips.push(`${escapeHtml(row.regionName)} · ${escapeHtml(code)}<br/>${escapeHtml(names.get(code) ?? '')}<br/>状态：${STATUS_LABEL[status]}`);
    });
  });
  return {
    aria: { enabled: true },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        return item ? (tips[item.dataIndex] ?? '') : '';
      },
    },
    grid: { left: 64, right: 16, top: 12, bottom: 72 },
    xAxis: { type: 'category', data: codes, splitArea: { show: true }, axisLabel: { interval: 0, rotate: 90, fontSize: 10 } },
    yAxis: { type: 'category', data: rows.map((row) => row.regionName), inverse: true, splitArea: { show: true } },
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: STATUS_ORDER.map((status, index) => ({ value: index, label: STATUS_LABEL[status], color: STATUS_COLOR[status] })),
    },
    series: [
      {
        name: '进展状态',
        type: 'heatmap',
        data,
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
      },
    ],
  };
}

/**
 * The values the chart should draw against the target: a yearly value for levels and running
 * totals; for 新增 (increment) indicators, whose target is the sum over the plan, the plan-to-date sum.
 */
export function toTargetScale(series: readonly YearValue[], accumulation: Accumulation, startYear: number): YearValue[] {
  const sorted = [...series].sort((a, b) => a.year - b.year);
  if (accumulation !== 'increment') return sorted;
  let total = 0;
  return sorted
    .filter((point) => point.year >= startYear)
    .map((point) => {
      total += point.value;
      return { year: point.year, value: total };
    });
}

/** Years from `from` to `to`, both included. */
export function yearRange(from: number, to: number): number[] {
  const years: number[] = [];
  for (let year = from; year <= to; year += 1) years.push(year);
  return years;
}

/** 1, 2 or 5 times a power of ten, the first at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * An axis range that holds every value and the target with some air, on round numbers (ECharts
 * ignores mark lines when scaling). Positive data does not dip below zero; `ceiling` (100 for
 * percentages) is not passed when no value passes it.
 */
export function paddedExtent(values: readonly (number | null)[], ceiling: number | null = null): { min: number; max: number } | null {
  const numbers = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (numbers.length === 0) return null;
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  const pad = high === low ? Math.max(Math.abs(high) * 0.02, 1) : (high - low) * 0.15;
  const step = niceStep((high - low + 2 * pad) / 5);
  let min = Math.floor((low - pad) / step) * step;
  let max = Math.ceil((high + pad) / step) * step;
  if (low >= 0 && min < 0) min = 0;
  if (ceiling !== null && high <= ceiling && max > ceiling) max = ceiling;
  const round = (value: number) => Number(value.toPrecision(12));
  return { min: round(min), max: round(max) };
}

export interface TrendLine {
  name: string;
  series: readonly YearValue[];
}

export interface TrendInput {
  lines: readonly TrendLine[];
  years: readonly number[];
  unit: string;
  target: number | null;
  /** label of the target line, e.g. "2025年目标" */
  targetLabel?: string;
}

/** One line per region (or one for the city), years on the x axis, the target as a dashed line. */
export function buildTrendOption(input: TrendInput): PlanChartOption {
  const all = input.lines.flatMap((line) => line.series.map((point) => point.value));
  const extent = paddedExtent([...all, input.target], input.unit.trim() === '%' ? 100 : null);
  const targetLabel = input.targetLabel ?? '目标';
  const series: LineSeriesOption[] = input.lines.map((line, index) => {
    const byYear = new Map(line.series.map((point) => [point.year, point.value]));
    return {
      name: line.name,
      type: 'line',
      connectNulls: true,
      symbolSize: 7,
      color: LINE_COLORS[index % LINE_COLORS.length],
      data: input.years.map((year) => byYear.get(year) ?? null),
      ...(index === 0 && input.target !== null
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed', color: TARGET_COLOR, width: 1.5 },
              label: { formatter: `${targetLabel} ${input.target}`, position: 'insideEndTop', color: TARGET_COLOR },
              data: [{ yAxis: input.target }],
            },
          }
        : {}),
    };
  });
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? `${value} ${input.unit}` : '—') },
    legend: input.lines.length > 1 ? { top: 0, type: 'plain' } : undefined,
    grid: { left: 56, right: 32, top: input.lines.length > 1 ? 40 : 28, bottom: 28 },
    xAxis: { type: 'category', boundaryGap: false, data: input.years.map(String) },
    yAxis: { type: 'value', name: input.unit, ...(extent ?? {}) },
    series,
  };
}
