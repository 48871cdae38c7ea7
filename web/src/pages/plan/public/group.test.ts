import { describe, expect, it } from 'vitest';
import type { PublicIndicator } from '../../../api/plan';
import { countStatuses, groupByCategory } from './group';

const item = (code: string, category: string, status: PublicIndicator['status']): PublicIndicator => ({
  code,
  category,
  subCategory: null,
  name: code,
  unit: '%',
  target: { value: 1 },
  latestValue: null,
  latestYear: null,
  status,
});

describe('public grouping', () => {
  it('keeps categories and items in the order given', () => {
    const groups = groupByCategory([item('I01', '产品质量', 'on_track'), item('I13', '服务质量', 'on_track'), item('I02', '产品质量', 'deterioration')]);
    expect(groups.map((group) => [group.category, group.items.map((entry) => entry.code)])).toEqual([
      ['产品质量', ['I01', 'I02']],
      ['服务质量', ['I13']],
    ]);
  });

  it('counts every status', () => {
    expect(countStatuses([item('a', 'x', 'on_track'), item('b', 'x', 'on_track')])).toMatchObject({ on_track: 2, deterioration: 0 });
  });
});
