import { describe, expect, it } from 'vitest';
import type { Indicator, IndicatorProgress } from '../../../api/plan';
import { categoriesOf, categoryLabel, compareNullable, joinProgress, matchesSearch } from './rows';

const indicator = (id: string, category: string, name: string) => ({ id, code: id.toUpperCase(), category, subCategory: null, name }) as Indicator; // only the fields the helpers read

describe('indicator rows', () => {
  const indicators = [
    indicator('i01', '产品质量', '基本药物抽检合格率'),
    indicator('i02', '环境质量', 'PM2.5平均浓度'),
    indicator('i03', '产品质量', '绿色认证企业'),
  ];

  it('joins progress by indicator and marks the rest as no data', () => {
    const progress = [{ indicatorId: 'i02', progress: { status: 'on_track' } } as IndicatorProgress]; // only the fields the join reads
    const rows = joinProgress(indicators, progress);
    expect(rows.map((row) => row.status)).toEqual(['not_available', 'on_track', 'not_available']);
    expect(rows[1]?.progress).toBe(progress[0]);
  });

  it('lists categories once in 表1 order and labels sub-categories', () => {
    expect(categoriesOf(indicators)).toEqual(['产品质量', '环境质量']);
    expect(categoryLabel({ category: '综合指标', subCategory: '标准建设' })).toBe('综合指标 · 标准建设');
    expect(categoryLabel({ category: '产品质量', subCategory: null })).toBe('产品质量');
  });

  it('searches name and code', () => {
    expect(matchesSearch(indicators[1] as Indicator, 'pm2.5')).toBe(true);
    expect(matchesSearch(indicators[1] as Indicator, ' i02 ')).toBe(true);
    expect(matchesSearch(indicators[1] as Indicator, '药物')).toBe(false);
    expect(matchesSearch(indicators[1] as Indicator, '')).toBe(true);
  });

  it('sorts missing numbers below every number', () => {
    expect([3, null, -1, 2].sort(compareNullable)).toEqual([null, -1, 2, 3]);
  });
});
