import { describe, expect, it } from 'vitest';
import type { RegionGrade } from '../../api/sampling';
import { countyTiles, legendItems, shareText, townshipTiles } from './grading-view';

const node = (regionCode: string, level: RegionGrade['level'], C: number, graded: number, children: RegionGrade[] = []): RegionGrade => ({
  regionCode,
  regionName: regionCode,
  level,
  counts: { AA: 0, A: graded - C, B: 0, C },
  graded,
  cShare: graded ? C / graded : null,
  colour: null,
  children,
});

describe('grading view', () => {
  it('writes the legend from the rule', () => {
    const items = legendItems({
      windowYears: 3,
      cMinFailures: 2,
      cOnHighRiskFailure: true,
      aaMinBatches: 3,
      aaMinYears: 2,
      colour: { red: 0.1, yellow: 0.05, blue: 0.02 },
      minGradedForColour: 3,
    });
    expect(items.map((i) => i.label)).toEqual(['红：C 类占比 ≥ 10%', '黄：5%–10%', '蓝：2%–5%', '绿：< 2%', '灰：已分级企业少于 3 家，不着色']);
  });

  it('shows counties of a city, or the county itself, and puts graded townships with the worst share first', () => {
    const county = node('330502', 'county', 2, 20, [node('a', 'township', 0, 0), node('b', 'township', 1, 10), node('c', 'township', 1, 4)]);
    expect(countyTiles(node('330500', 'city', 2, 20, [county]))).toEqual([county]);
    expect(countyTiles(county)).toEqual([county]);
    expect(townshipTiles(county).map((t) => t.regionCode)).toEqual(['c', 'b', 'a']);
    expect(shareText(county)).toBe('C 类 2 / 20 家（10%）');
    expect(shareText(node('x', 'township', 0, 0))).toBe('无已分级企业');
  });
});
