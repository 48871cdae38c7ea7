import { describe, expect, it } from 'vitest';
import {
  defaultYear,
  formatBytes,
  formatChange,
  formatNumber,
  formatRange,
  formatRatio,
  formatShare,
  formatTarget,
  formatValue,
  pickPlan,
  planYears,
  relativeChange,
} from './format';

describe('number formatting', () => {
  it('uses the indicator decimals, or up to two, and a dash for nothing', () => {
    expect(formatNumber(98, 1)).toBe('98.0');
    expect(formatNumber(98.456)).toBe('98.46');
    expect(formatNumber(200, 0)).toBe('200');
    expect(formatNumber(130000, 0)).toBe('130,000');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('writes the unit straight after the number', () => {
    expect(formatValue(98.5, '%', 1)).toBe('98.5%');
    expect(formatValue(25, '微克/立方米', 0)).toBe('25微克/立方米');
    expect(formatValue(null, '家')).toBe('—');
  });

  it('shows numeric targets with the unit and text targets as written', () => {
    expect(formatTarget({ value: 150 }, '个', 0)).toBe('150个');
    expect(formatTarget({ text: '达到省指标' }, '%')).toBe('达到省指标');
  });

  it('formats shares, ratios and changes', () => {
    expect(formatShare(0.625)).toBe('62.5%');
    expect(formatShare(null)).toBe('—');
    expect(formatRatio(0.81299)).toBe('0.81');
    expect(formatChange(0.123)).toBe('+12.3%');
    expect(formatChange(-0.04)).toBe('-4.0%');
    expect(formatChange(null)).toBe('—');
    expect(relativeChange(110, 100)).toBeCloseTo(0.1);
    expect(relativeChange(-5, -10)).toBeCloseTo(0.5);
    expect(relativeChange(1, 0)).toBeNull();
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatRange({ valueMin: 0, valueMax: 100, unit: '%' })).toBe('0 ~ 100%');
    expect(formatRange({ valueMin: 0, valueMax: null, unit: '个' })).toBe('不低于 0个');
    expect(formatRange({ valueMin: null, valueMax: null, unit: '个' })).toBe('不限');
  });
});

describe('plan years', () => {
  const plan = { startYear: 2021, endYear: 2025 };

  it('lists the plan years', () => {
    expect(planYears(plan)).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it('defaults to last year, kept inside the plan period', () => {
    expect(defaultYear(plan, new Date('2024-06-01'))).toBe(2023);
    expect(defaultYear(plan, new Date('2027-01-01'))).toBe(2025);
    expect(defaultYear(plan, new Date('2020-01-01'))).toBe(2021);
  });

  it('picks the wanted plan, else the active one, else the newest', () => {
    const plans = [
      { id: 'a', status: 'closed' as const, startYear: 2016 },
      { id: 'b', status: 'active' as const, startYear: 2021 },
      { id: 'c', status: 'draft' as const, startYear: 2026 },
    ];
    expect(pickPlan(plans, 'a')?.id).toBe('a');
    expect(pickPlan(plans, 'gone')?.id).toBe('b');
    expect(
      pickPlan(
        plans.filter((plan) => plan.id !== 'b'),
        null,
      )?.id,
    ).toBe('c');
    expect(pickPlan([], null)).toBeUndefined();
  });
});
