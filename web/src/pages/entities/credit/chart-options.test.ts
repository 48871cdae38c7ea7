import { describe, expect, it } from 'vitest';
import { buildCreditRegionOption, HORIZONTAL_FROM } from './chart-options';

const county = (name: string, A: number, B: number, C: number, D: number) => ({ regionCode: name, regionName: name, counts: { A, B, C, D } });

describe('buildCreditRegionOption', () => {
  it('stacks the four classes per region, in class order and colours', () => {
    const option = buildCreditRegionOption([county('吴兴区', 5, 58, 6, 2), county('南浔区', 7, 40, 3, 0)]);
    const series = option.series as { name: string; stack: string; data: number[] }[];
    expect(series.map((s) => s.name)).toEqual(['A 类 信用风险低', 'B 类 信用风险一般', 'C 类 信用风险较高', 'D 类 信用风险高']);
    expect(series.map((s) => s.data)).toEqual([
      [5, 7],
      [58, 40],
      [6, 3],
      [2, 0],
    ]);
    expect(new Set(series.map((s) => s.stack)).size).toBe(1);
    expect(option.color).toEqual(['#389e0d', '#1677ff', '#d46b08', '#cf1322']);
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['吴兴区', '南浔区'] });
  });

  it('lays the bars down when there are many townships', () => {
    const many = Array.from({ length: HORIZONTAL_FROM }, (_, i) => county(`镇${i}`, 1, 1, 0, 0));
    expect(buildCreditRegionOption(many).yAxis).toMatchObject({ type: 'category', inverse: true });
  });
});
