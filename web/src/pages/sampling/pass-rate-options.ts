import type { PassRateReport, PassRateRow } from '../../api/sampling';

export interface RateBar {
  label: string;
  row: PassRateRow;
  /** The city total: drawn darker. */
  total: boolean;
}

/**
 * What the chart compares: the districts/counties (and the city total) under a city scope; a single
 * region's product categories otherwise. Regions or categories with no final batch are left out.
 */
export function passRateBars(report: Pick<PassRateReport, 'totals' | 'rows' | 'regionCode'>): { bars: RateBar[]; by: 'region' | 'category' } {
  const regions = report.totals.filter((r) => r.passRate !== null);
  if (regions.length > 1) return { by: 'region', bars: regions.map((r) => ({ label: r.regionName, row: r, total: r.regionCode === report.regionCode })) };
  return { by: 'category', bars: report.rows.filter((r) => r.passRate !== null).map((r) => ({ label: r.categoryName ?? '', row: r, total: false })) };
}

/** Bar chart of pass rates with the batch counts in the tooltip; the axis starts at a multiple of 5 below the lowest bar. Pure: unit-tested. */
export function buildPassRateOption(bars: RateBar[]) {
  const lowest = Math.min(100, ...bars.map((b) => b.row.passRate ?? 100));
  const min = Math.max(0, Math.min(90, Math.floor((lowest - 1) / 5) * 5));
  return {
    grid: { left: 52, right: 16, top: 28, bottom: 56 },
    tooltip: {
      trigger: 'axis' as const,
      formatter: (params: { dataIndex: number }[]) => {
        const b = bars[params[0]?.dataIndex ?? 0];
        if (!b) return '';
        const r = b.row;
        return `${b.label}<br/>合格率 ${r.passRate?.toFixed(2)}%<br/>合格 ${r.passed} / 抽检 ${r.batches} 批次${r.pending ? `<br/>另有 ${r.pending} 批次结论未定` : ''}`;
      },
    },
    xAxis: { type: 'category' as const, data: bars.map((b) => b.label), axisLabel: { interval: 0, rotate: bars.length > 7 ? 30 : 0 } },
    yAxis: { type: 'value' as const, min, max: 100, interval: 5, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar' as const,
        barMaxWidth: 44,
        data: bars.map((b) => ({ value: b.row.passRate, itemStyle: { color: b.total ? '#1d39c4' : '#4096ff' } })),
        label: { show: true, position: 'top' as const, formatter: (p: { value: number }) => `${p.value.toFixed(1)}%` },
      },
    ],
  };
}
