import { describe, expect, it } from 'vitest';
import type { RegionGrade } from '../../api/sampling';
import {
  colourRuleText,
  colourText,
  countyTiles,
  legendItems,
  overviewTiles,
  shareText,
  tileLabel,
  tilePalette,
  tileTooltip,
  townshipTiles,
} from './grading-view';
import { REGION_COLOUR_HEX } from './labels';

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

const RULE = {
  windowYears: 3,
  cMinFailures: 2,
  cOnHighRiskFailure: true,
  aaMinBatches: 3,
  aaMinYears: 2,
  colour: { red: 0.1, yellow: 0.05, blue: 0.02 },
  minGradedForColour: 3,
};

describe('grading view', () => {
  it('writes the legend from the rule', () => {
    const items = legendItems(RULE);
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

  it('says how the colour is decided with the rule’s own thresholds', () => {
    expect(colourRuleText(RULE)).toBe('按 C 类企业占已分级企业的比例分色：≥ 10% 为红，5%–10% 为黄，2%–5% 为蓝，< 2% 为绿；已分级企业少于 3 家的不着色。');
    expect(colourRuleText({ ...RULE, colour: { red: 0.125, yellow: 0.06, blue: 0.015 }, minGradedForColour: 5 })).toBe(
      '按 C 类企业占已分级企业的比例分色：≥ 12.5% 为红，6%–12.5% 为黄，1.5%–6% 为蓝，< 1.5% 为绿；已分级企业少于 5 家的不着色。',
    );
  });

  it('takes a city’s counties, a county’s townships (worst first) and a township itself for the overview', () => {
    const wuxing = node('330502', 'county', 1, 14, [node('a', 'township', 0, 0), node('b', 'township', 1, 10), node('c', 'township', 0, 4)]);
    const nanxun = node('330503', 'county', 0, 0);
    expect(overviewTiles(node('330500', 'city', 1, 14, [wuxing, nanxun]))).toEqual([wuxing, nanxun]);
    expect(overviewTiles(wuxing).map((t) => t.regionCode)).toEqual(['b', 'c', 'a']);
    const township = node('t', 'township', 0, 2);
    expect(overviewTiles(township)).toEqual([township]);
  });

  it('names, describes and paints a tile by its colour, grey when too few are graded', () => {
    const red = { ...node('吴兴区', 'county', 3, 20), colour: 'red' as const };
    expect(colourText('red')).toBe('红色');
    expect(colourText(null)).toBe('数据不足');
    expect(tileLabel(red)).toBe('吴兴区：红色，C 类 3 / 20 家（15%）');
    expect(tileLabel(node('织里镇', 'township', 0, 2))).toBe('织里镇：未着色，C 类 0 / 2 家（0%）');
    expect(tileTooltip(red)).toBe('吴兴区：C 类 3 / 20 家（15%）');
    expect(tileTooltip(node('织里镇', 'township', 0, 2))).toBe('织里镇：C 类 0 / 2 家（0%）（企业过少，不着色）');
    expect(tileTooltip(node('八里店镇', 'township', 0, 0))).toBe('八里店镇：无已分级企业');
    expect(tilePalette(red)).toEqual({ background: REGION_COLOUR_HEX.red, color: '#fff' });
    expect(tilePalette(node('x', 'township', 0, 2))).toEqual({ background: '#e8e8e8', color: '#595959' });
    expect(tilePalette(node('y', 'township', 0, 0))).toEqual({ background: '#fafafa', color: '#bfbfbf' });
  });
});
