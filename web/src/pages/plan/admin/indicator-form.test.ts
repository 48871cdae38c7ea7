import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import type { Indicator } from '../../../api/plan';
import { pickLanguage } from '../../../i18n';
import {
  bandToPercent,
  filledUnits,
  formToInput,
  indicatorFieldErrors,
  indicatorPatch,
  indicatorToForm,
  newIndicatorForm,
  nextIndicatorCode,
  percentToBand,
  targetYearOutsidePlan,
  unitsFilled,
} from './indicator-form';

const COUNTIES = ['330502', '330503', '330521', '330522', '330523'];

function buildIndicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    id: 'ind-1',
    planId: 'plan-1',
    code: 'I01',
    seq: 1,
    category: '产品质量',
    subCategory: null,
    name: '主要农产品质量安全省级监测合格率',
    unit: '%',
    target: { value: 98 },
    targetYear: 2025,
    direction: 'higher_is_better',
    accumulation: 'level',
    regionRollup: 'none',
    baseline: { year: 2020, value: 98, source: '《规划》回顾' },
    leadUnit: '市农业农村局',
    responsibleUnits: { '330502': '吴兴区农业农村局' },
    valueMin: 0,
    valueMax: 100,
    yoyBand: 0.15,
    limit: 100,
    decimals: 2,
    note: null,
    ...overrides,
  };
}

describe('indicator form', () => {
  it('shows the yoy band as a percentage without floating-point noise', () => {
    expect(bandToPercent(0.15)).toBe(15);
    expect(percentToBand(15)).toBe(0.15);
    expect(bandToPercent(1)).toBe(100);
  });

  it('round-trips an indicator through the form unchanged', () => {
    const indicator = buildIndicator();
    const values = indicatorToForm(indicator);
    expect(values).toMatchObject({ targetKind: 'value', targetValue: 98, yoyBand: 15 });
    expect(formToInput(values)).toEqual({
      code: 'I01',
      seq: 1,
      category: '产品质量',
      subCategory: null,
      name: '主要农产品质量安全省级监测合格率',
      unit: '%',
      targetValue: 98,
      targetText: null,
      targetYear: 2025,
      direction: 'higher_is_better',
      accumulation: 'level',
      regionRollup: 'none',
      baselineValue: 98,
      baselineSource: '《规划》回顾',
      leadUnit: '市农业农村局',
      valueMin: 0,
      valueMax: 100,
      yoyBand: 0.15,
      limit: 100,
      decimals: 2,
      note: null,
    });
    expect(indicatorPatch(indicator, values, COUNTIES)).toEqual({});
  });

  it('patches only what changed, trims text and sends emptied responsible units as ""', () => {
    const indicator = buildIndicator();
    const values = {
      ...indicatorToForm(indicator),
      leadUnit: '  市市场监管局 ',
      direction: 'lower_is_better' as const,
      subCategory: '   ',
      responsibleUnits: { '330502': '', '330503': ' 南浔区市场监管分局 ', '330521': undefined },
    };
    expect(indicatorPatch(indicator, values, COUNTIES)).toEqual({
      leadUnit: '市市场监管局',
      direction: 'lower_is_better',
      responsibleUnits: { '330502': '', '330503': '南浔区市场监管分局' },
    });
  });

  it('sends both target fields when the target changes kind', () => {
    const indicator = buildIndicator();
    const values = { ...indicatorToForm(indicator), targetKind: 'text' as const, targetText: '达到省指标' };
    expect(indicatorPatch(indicator, values, COUNTIES)).toEqual({ targetValue: null, targetText: '达到省指标' });
    const text = buildIndicator({ target: { text: '达到省均' } });
    expect(indicatorToForm(text)).toMatchObject({ targetKind: 'text', targetText: '达到省均', targetValue: null });
    expect(indicatorPatch(text, { ...indicatorToForm(text), targetKind: 'value', targetValue: 5 }, COUNTIES)).toEqual({ targetValue: 5, targetText: null });
  });

  it('suggests the next code, sequence and category for a new indicator', () => {
    expect(nextIndicatorCode(['I01', 'I09', 'I44'], 45)).toBe('I45');
    expect(nextIndicatorCode(['A1', 'B2'], 3)).toBe('I03');
    expect(nextIndicatorCode([], 1)).toBe('I01');
    const values = newIndicatorForm({ endYear: 2030 }, [buildIndicator(), buildIndicator({ id: 'ind-2', code: 'I02', seq: 2, category: '综合指标' })]);
    expect(values).toMatchObject({ code: 'I03', seq: 3, category: '综合指标', targetYear: 2030, direction: 'higher_is_better', yoyBand: 50, decimals: 2 });
    expect(newIndicatorForm({ endYear: 2030 }, [])).toMatchObject({ code: 'I01', seq: 1, category: '' });
  });

  it('leaves out unset optional numbers and blank responsible units of a new indicator', () => {
    const values = { ...newIndicatorForm({ endYear: 2030 }, []), name: '新指标', unit: '个', category: '产品质量', targetValue: 10, yoyBand: null };
    const input = formToInput(values);
    expect(input).not.toHaveProperty('yoyBand');
    expect(input).toMatchObject({ targetValue: 10, targetText: null, valueMin: null, decimals: 2 });
    expect(filledUnits({ responsibleUnits: { '330502': ' 吴兴区 ', '330503': '', '999999': 'x' } }, COUNTIES)).toEqual({ '330502': '吴兴区' });
  });

  it('puts server errors on the form fields, responsible units included, and a duplicate on 编码 and 序号', () => {
    const zh = (text: string) => pickLanguage(text, 'zh');
    const invalid = new ApiError({
      code: 'VALIDATION_FAILED',
      message: 'invalid',
      status: 400,
      requestId: null,
      details: [
        { field: 'body.valueMax', rule: 'range', message: '上限不能小于下限 / valueMax must not be below valueMin' },
        { field: 'body.responsibleUnits.330502', rule: 'region', message: '须为区县代码 / must be a district/county code' },
        { field: 'body.unknown', rule: 'x', message: 'ignored' },
      ],
    });
    expect(indicatorFieldErrors(invalid, zh)).toEqual([
      { name: 'valueMax', errors: ['上限不能小于下限'] },
      { name: ['responsibleUnits', '330502'], errors: ['须为区县代码'] },
    ]);
    const duplicate = new ApiError({ code: 'PLAN_INDICATOR_DUPLICATE', message: '指标编码或序号已存在 / taken', status: 409, requestId: null, details: [] });
    expect(indicatorFieldErrors(duplicate, zh).map((error) => error.name)).toEqual(['code', 'seq']);
  });

  it('flags a target year outside the plan period and counts responsible units', () => {
    expect(targetYearOutsidePlan({ targetYear: 2025 }, { startYear: 2026, endYear: 2030 })).toBe(true);
    expect(targetYearOutsidePlan({ targetYear: 2030 }, { startYear: 2026, endYear: 2030 })).toBe(false);
    expect(unitsFilled({ responsibleUnits: { '330502': 'a', '330503': ' ', '330500': 'city' } }, COUNTIES)).toBe(1);
  });
});
