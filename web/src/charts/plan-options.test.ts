import { describe, expect, it } from 'vitest';
import {
  buildStatusByCategoryOption,
  buildStatusHeatmapOption,
  buildTrendOption,
  escapeHtml,
  type HeatmapRow,
  niceStep,
  paddedExtent,
  toTargetScale,
  yearRange,
} from './plan-options';
import { isLagging, STATUS_COLOR, STATUS_LABEL, statusRank } from './plan-status';

describe('plan statuses', () => {
  it('labels and colours each status as the plan module shows it', () => {
    expect(STATUS_LABEL.moderate_progress).toBe('需加快推进');
    expect(STATUS_COLOR.target_achieved).toBe('#237804');
    expect(statusRank('target_achieved')).toBe(0);
    expect(statusRank('not_available')).toBe(5);
    expect(isLagging('deterioration')).toBe(true);
    expect(isLagging('moderate_progress')).toBe(true);
    expect(isLagging('on_track')).toBe(false);
  });
});

describe('buildStatusByCategoryOption', () => {
  it('stacks one series per status over the categories, zero where a count is missing', () => {
    const option = buildStatusByCategoryOption([
      { category: '产品质量', counts: { on_track: 3, deterioration: 1 } },
      { category: '服务质量', counts: { target_achieved: 2 } },
    ]);
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['产品质量', '服务质量'] });
    const series = option.series as { name: string; stack: string; data: number[]; color: string }[];
    expect(series).toHaveLength(6);
    expect(series[0]).toMatchObject({ name: '已达成', stack: 'status', data: [0, 2], color: '#237804' });
    expect(series[1]).toMatchObject({ name: '进展顺利', data: [3, 0] });
    expect(series[4]).toMatchObject({ name: '倒退', data: [1, 0] });
  });
});

describe('buildStatusHeatmapOption', () => {
  const rows: HeatmapRow[] = [
    { regionCode: '330500', regionName: '湖州市', statuses: { I01: 'on_track', I02: 'deterioration' } },
    { regionCode: '330502', regionName: '吴兴区', statuses: { I01: 'target_achieved' } },
  ];
  const indicators = [
    { code: 'I01', name: '主要农产品质量安全省级监测合格率' },
    { code: 'I02', name: '基本药物<抽检>合格率' },
  ];

  it('puts indicator codes on x, regions top-down on y and the status rank as the value', () => {
    const option = buildStatusHeatmapOption(rows, indicators);
    expect(option.xAxis).toMatchObject({ data: ['I01', 'I02'] });
    expect(option.yAxis).toMatchObject({ data: ['湖州市', '吴兴区'], inverse: true });
    const [series] = option.series as { data: number[][] }[];
    expect(series?.data).toEqual([
      [0, 0, 1],
      [1, 0, 4],
      [0, 1, 0],
      [1, 1, 5],
    ]);
  });

  it('colours by status through a piecewise visual map that is also the legend', () => {
    const option = buildStatusHeatmapOption(rows, indicators);
    expect(option.visualMap).toMatchObject({ type: 'piecewise', dimension: 2 });
    const pieces = (option.visualMap as { pieces: { value: number; label: string; color: string }[] }).pieces;
    expect(pieces[4]).toEqual({ value: 4, label: '倒退', color: '#f5222d' });
  });

  it('names the region, indicator and status in the tooltip, escaping the name', () => {
    const option = buildStatusHeatmapOption(rows, indicators);
    const formatter = (option.tooltip as { formatter: (params: { dataIndex: number }) => string }).formatter;
    expect(formatter({ dataIndex: 1 })).toBe('湖州市 · I02<br/>基本药物&#60;抽检&#62;合格率<br/>状态：倒退');
    expect(formatter({ dataIndex: 3 })).toContain('暂无数据');
  });
});

describe('toTargetScale', () => {
  const series = [
    { year: 2022, value: 30 },
    { year: 2020, value: 99 },
    { year: 2021, value: 40 },
  ];

  it('keeps levels and running totals as they are, sorted by year', () => {
    expect(toTargetScale(series, 'level', 2021).map((point) => point.year)).toEqual([2020, 2021, 2022]);
    expect(toTargetScale(series, 'cumulative', 2021)).toHaveLength(3);
  });

  it('sums 新增 values from the plan start, so they compare with the five-year target', () => {
    expect(toTargetScale(series, 'increment', 2021)).toEqual([
      { year: 2021, value: 40 },
      { year: 2022, value: 70 },
    ]);
  });
});

describe('paddedExtent', () => {
  it('holds the values and the target with some room, not dipping below zero for positive data', () => {
    const extent = paddedExtent([96, 97.5, null, 100]);
    expect(extent?.min).toBeLessThanOrEqual(96);
    expect(extent?.max).toBeGreaterThanOrEqual(100);
    expect(paddedExtent([0, 10])?.min).toBe(0);
    expect(paddedExtent([null])).toBeNull();
  });

  it('opens a flat series up around its value, on round numbers', () => {
    expect(paddedExtent([5, 5])).toEqual({ min: 4, max: 6 });
    expect(paddedExtent([98, 98, 98])).toEqual({ min: 96, max: 100 });
  });

  it('keeps percentages at or below 100 unless a value passes it', () => {
    expect(paddedExtent([95, 99.5], 100)?.max).toBe(100);
    expect(paddedExtent([95, 104], 100)?.max).toBeGreaterThan(104);
  });
});

describe('buildTrendOption', () => {
  it('draws each line over the years with gaps as null and the target as a dashed mark line on the first', () => {
    const option = buildTrendOption({
      lines: [
        {
          name: '湖州市',
          series: [
            { year: 2021, value: 28 },
            { year: 2023, value: 26 },
          ],
        },
        { name: '吴兴区', series: [{ year: 2022, value: 27 }] },
      ],
      years: yearRange(2020, 2023),
      unit: '微克/立方米',
      target: 25,
      targetLabel: '2025年目标',
    });
    expect(option.xAxis).toMatchObject({ data: ['2020', '2021', '2022', '2023'] });
    const series = option.series as { data: (number | null)[]; markLine?: { data: { yAxis: number }[]; lineStyle: { type: string } } }[];
    expect(series[0]?.data).toEqual([null, 28, null, 26]);
    expect(series[0]?.markLine).toMatchObject({ data: [{ yAxis: 25 }], lineStyle: { type: 'dashed' } });
    expect(series[1]?.markLine).toBeUndefined();
    expect(option.legend).toBeDefined();
    expect((option.yAxis as { min: number }).min).toBeLessThanOrEqual(25);
  });

  it('has no mark line and no legend for one line without a target', () => {
    const option = buildTrendOption({ lines: [{ name: '湖州市', series: [] }], years: [2021], unit: '%', target: null });
    expect((option.series as { markLine?: unknown }[])[0]?.markLine).toBeUndefined();
    expect(option.legend).toBeUndefined();
  });
});

describe('niceStep', () => {
  it('rounds a step up to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1.3)).toBe(2);
    expect(niceStep(36)).toBe(50);
    expect(niceStep(0)).toBe(1);
  });
});

describe('escapeHtml', () => {
  it('escapes markup characters', () => {
    expect(escapeHtml('<b>"x" & \'y\'</b>')).toBe('&#60;b&#62;&#34;x&#34; &#38; &#39;y&#39;&#60;/b&#62;');
  });
});
