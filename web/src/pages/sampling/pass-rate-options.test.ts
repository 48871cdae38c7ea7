import { describe, expect, it } from 'vitest';
import type { PassRateRow } from '../../api/sampling';
import { buildPassRateOption, passRateBars } from './pass-rate-options';

const row = (regionCode: string, regionName: string, passRate: number | null, categoryName: string | null = null): PassRateRow => ({
  regionCode,
  regionName,
  categoryId: categoryName,
  categoryCode: categoryName,
  categoryName,
  planIndicatorCode: null,
  batches: 10,
  passed: 9,
  failed: 1,
  pending: 0,
  passRate,
});

describe('pass-rate chart', () => {
  it('compares the counties and the city under a city scope, the city darker', () => {
    const { by, bars } = passRateBars({
      regionCode: '330500',
      totals: [row('330502', '吴兴区', 84.85), row('330503', '南浔区', null), row('330500', '湖州市', 92.1)],
      rows: [],
    });
    expect(by).toBe('region');
    const option = buildPassRateOption(bars);
    expect(option.xAxis.data).toEqual(['吴兴区', '湖州市']);
    expect(option.yAxis).toMatchObject({ min: 80, max: 100, interval: 5 });
    expect(option.series[0]?.data.map((d) => d.itemStyle.color)).toEqual(['#4096ff', '#1d39c4']);
  });

  it('compares the product categories of a single county', () => {
    const { by, bars } = passRateBars({
      regionCode: '330502',
      totals: [row('330502', '吴兴区', 86.67)],
      rows: [row('330502', '吴兴区', 100, '服装'), row('330502', '吴兴区', 75, '不锈钢日用器具'), row('330502', '吴兴区', null, '钢琴')],
    });
    expect(by).toBe('category');
    expect(bars.map((b) => b.label)).toEqual(['服装', '不锈钢日用器具']);
    expect(buildPassRateOption(bars).yAxis.min).toBe(70);
  });
});
