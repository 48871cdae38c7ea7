import { describe, expect, it } from 'vitest';
import { currentStatusShare, unsdExpectedValueRatio } from './escap.ts';

describe('ESCAP current-status share', () => {
  it('PM2.5 30 → 28.5, target 27: CS = (28.5 − 30)/(27 − 30) = 0.50 (indicators.md §2.4)', () => {
    expect(currentStatusShare({ baseValue: 30, currentValue: 28.5, target: 27 })).toBe(0.5);
  });

  it('works for both directions without being told, and is negative when moving away', () => {
    expect(currentStatusShare({ baseValue: 73.9, currentValue: 85, target: 90 })).toBeCloseTo(11.1 / 16.1, 12);
    expect(currentStatusShare({ baseValue: 30, currentValue: 31, target: 27 })).toBeCloseTo(-1 / 3, 12);
  });

  it('null when the target equals the base or an input is missing', () => {
    expect(currentStatusShare({ baseValue: 5, currentValue: 6, target: 5 })).toBeNull();
    expect(currentStatusShare({ baseValue: null, currentValue: 6, target: 9 })).toBeNull();
    expect(currentStatusShare({ baseValue: 5, currentValue: 6, target: null })).toBeNull();
  });
});

describe('UNSD expected value at the target year', () => {
  const pm25 = { baseYear: 2020, baseValue: 30, currentYear: 2023, currentValue: 28.5, targetYear: 2025, target: 27, direction: -1 } as const;

  it('PM2.5: CAGR −1.695 %, v_e(2025) 27.54, r 0.819 → fair progress (indicators.md §2.3)', () => {
    const r = unsdExpectedValueRatio(pm25);
    expect(r?.cagr).toBeCloseTo(-0.01695, 5);
    expect(r?.expectedValue).toBeCloseTo(27.54, 2);
    expect(r?.ratio).toBeCloseTo(0.819, 3);
    expect(r?.status).toBe('fair_progress');
  });

  it('bands: r ≥ 0.95 on track, < 0.10 stagnation or regression; a met target first', () => {
    expect(unsdExpectedValueRatio({ ...pm25, currentValue: 27.5 })?.status).toBe('on_track');
    expect(unsdExpectedValueRatio({ ...pm25, currentValue: 30.5 })?.status).toBe('stagnation_or_regression');
    expect(unsdExpectedValueRatio({ ...pm25, currentValue: 26 })?.status).toBe('target_met');
  });

  it('null without a positive base and current value, a target, or 2 years', () => {
    expect(unsdExpectedValueRatio({ ...pm25, baseValue: 0 })).toBeNull();
    expect(unsdExpectedValueRatio({ ...pm25, target: null })).toBeNull();
    expect(unsdExpectedValueRatio({ ...pm25, target: 30 })).toBeNull();
    expect(unsdExpectedValueRatio({ ...pm25, currentYear: 2020 })).toBeNull();
  });
});
