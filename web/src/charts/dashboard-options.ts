/** Pure builders of the home page's chart options (tested in dashboard-options.test.ts). */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type ChartOption = ComposeOption<LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | AriaComponentOption>;

export interface DayCount {
  date: string;
  count: number;
}

export interface RegionCount {
  regionCode: string;
  regionName: string;
  count: number;
}

export const AUDIT_TREND_DAYS = 14;
const PRIMARY = '#1d4f91';
const ACCENT = '#2f7dd1';

/** "2025-03-07" → "03-07": the year is the same across two weeks and only crowds the axis. */
export function shortDate(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date.slice(5) : date;
}

/** Audit events per day, oldest first, at most the last 14 days. */
export function buildAuditTrendOption(data: readonly DayCount[]): ChartOption {
  const days = [...data].sort((a, b) => a.date.localeCompare(b.date)).slice(-AUDIT_TREND_DAYS);
  return {
    aria: { enabled: true },
    color: [PRIMARY],
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 24, top: 32, bottom: 32 },
    xAxis: { type: 'category', boundaryGap: false, data: days.map((day) => shortDate(day.date)) },
    yAxis: { type: 'value', minInterval: 1, name: '事件数' },
    series: [
      {
        name: '审计事件',
        type: 'line',
        smooth: true,
        smoothMonotone: 'x',
        symbolSize: 6,
        areaStyle: { opacity: 0.12 },
        data: days.map((day) => day.count),
      },
    ],
  };
}

/** Past this many regions the bars lie down, so every region name stays readable. */
export const HORIZONTAL_FROM = 9;

/** Users per region within the viewer's scope, in the order the API gives (region code order). */
export function buildUsersByRegionOption(data: readonly RegionCount[]): ChartOption {
  const names = data.map((row) => row.regionName);
  const horizontal = data.length >= HORIZONTAL_FROM;
  const categoryAxis = { type: 'category' as const, data: names, axisTick: { alignWithLabel: true }, ...(horizontal ? { inverse: true } : {}) };
  const valueAxis = { type: 'value' as const, minInterval: 1, name: '用户数' };
  return {
    aria: { enabled: true },
    color: [ACCENT],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: horizontal ? { left: 96, right: 40, top: 24, bottom: 24 } : { left: 48, right: 24, top: 32, bottom: 32 },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: [
      {
        name: '用户数',
        type: 'bar',
        barMaxWidth: 40,
        label: { show: true, position: horizontal ? 'right' : 'top' },
        data: data.map((row) => row.count),
      },
    ],
  };
}
