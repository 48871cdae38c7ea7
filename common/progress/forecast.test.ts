import { describe, expect, it } from 'vitest';
import type { MeasureInput } from './core.ts';
import { forecastIncrementTotal, forecastLinear, forecastMeetsTarget, requiredNextValue } from './forecast.ts';
import { measureProgress } from './measure.ts';

describe('end-of-plan forecast', () => {
  it('reproduces an exact line', () => {
    const f = forecastLinear(
      [2020, 2021, 2022, 2023].map((year) => ({ year, value: 2 * (year - 2020) + 10 })),
      2025,
    );
    expect(f).toMatchObject({ targetYear: 2025, points: 4, method: 'time-weighted-linear' });
    expect(f?.slope).toBeCloseTo(2, 12);
    expect(f?.value).toBeCloseTo(20, 10);
  });

  it('weights recent years more: weights 1, 2, 3 give slope 1.8 (plain OLS: 1.5)', () => {
    // x̄ = (2020 + 2·2021 + 3·2022)/6 = 2021⅓, ȳ = 9/6 = 1.5; Σw·dx·dy = 2 + 1 + 3 = 6; Σw·dx² = 10/3 → slope 1.8.
    // At 2025: 1.5 + 1.8 · (2025 − 2021⅓) = 8.1.
    const f = forecastLinear(
      [
        { year: 2020, value: 0 },
        { year: 2021, value: 0 },
        { year: 2022, value: 3 },
      ],
      2025,
    );
    expect(f?.slope).toBeCloseTo(1.8, 12);
    expect(f?.value).toBeCloseTo(8.1, 10);
  });

  it('null with fewer than 2 points or a single year', () => {
    expect(forecastLinear([{ year: 2021, value: 3 }], 2025)).toBeNull();
    expect(
      forecastLinear(
        [
          { year: 2021, value: 3 },
          { year: 2021, value: 4 },
        ],
        2025,
      ),
    ).toBeNull();
    expect(forecastIncrementTotal([{ year: 2021, value: 30 }], 2025)).toBeNull();
  });

  it('increment: 30 + 35 + 40 by 2023, mean 35 × 2 remaining years → plan total 175, short of 200', () => {
    const f = forecastIncrementTotal(
      [2021, 2022, 2023].map((year, i) => ({ year, value: [30, 35, 40][i] ?? 0 })),
      2025,
    );
    expect(f).toMatchObject({ value: 175, slope: 35, points: 3, method: 'increment-mean' });
    if (f === null) throw new Error('no forecast');
    expect(forecastMeetsTarget(f, 200, 1)).toBe(false);
    expect(forecastMeetsTarget(f, 150, 1)).toBe(true);
    expect(forecastMeetsTarget(f, null, 1)).toBeNull();
  });
});

describe('required value next year (what-if panel), checked by feeding it back into measureProgress', () => {
  const ok = ['on_track', 'target_achieved'];

  /** The answer keeps the indicator on track; 0.0001 % worse does not. */
  function verify(input: MeasureInput) {
    const req = requiredNextValue(input);
    if (req === null) throw new Error('no answer');
    const at = (value: number) =>
      measureProgress({
        ...input,
        currentYear: req.year,
        currentValue: input.accumulation === 'increment' ? (input.currentValue ?? 0) + value : value,
      });
    const d = input.direction;
    // A hair on the good side so that rounding in the measure cannot tip an exact boundary.
    expect(ok).toContain(at(req.value + d * Math.max(Math.abs(req.value), 1) * 1e-12).status);
    expect(ok).not.toContain(at(req.value - d * Math.max(Math.abs(req.value), 1) * 1e-6).status);
    return req;
  }

  it('statcan, higher is better: 空气优良率 73.9 (2020) → 85 (2023), target 90 in 2025', () => {
    const req = verify({
      baseYear: 2020,
      baseValue: 73.9,
      currentYear: 2023,
      currentValue: 85,
      targetYear: 2025,
      target: 90,
      direction: 1,
      limit: null,
      accumulation: 'level',
    });
    // x = 73.9 · (1 + 0.95 · ((90/73.9)^(1/5) − 1))^4
    expect(req.value).toBeCloseTo(73.9 * (1 + 0.95 * ((90 / 73.9) ** (1 / 5) - 1)) ** 4, 10);
    expect(req).toMatchObject({ year: 2024, method: 'statcan-2.4', via: 'on_track', planToDate: null });
  });

  it('statcan, lower is better: PM2.5 30 → 28.5, target 27', () => {
    verify({
      baseYear: 2020,
      baseValue: 30,
      currentYear: 2023,
      currentValue: 28.5,
      targetYear: 2025,
      target: 27,
      direction: -1,
      limit: null,
      accumulation: 'level',
    });
  });

  it('statcan past the target year: the target itself binds', () => {
    const req = verify({
      baseYear: 2020,
      baseValue: 80,
      currentYear: 2025,
      currentValue: 85,
      targetYear: 2025,
      target: 90,
      direction: 1,
      limit: null,
      accumulation: 'level',
    });
    expect(req).toMatchObject({ value: 90, via: 'target' });
  });

  it('statcan without a target (1-3-1 children, limit 100)', () => {
    const req = verify({
      baseYear: 2015,
      baseValue: 90,
      currentYear: 2021,
      currentValue: 93.2,
      targetYear: 2030,
      target: null,
      direction: 1,
      limit: 100,
      accumulation: 'level',
    });
    expect(req.method).toBe('statcan-2.4-no-target');
    verify({
      baseYear: 2015,
      baseValue: 40,
      currentYear: 2021,
      currentValue: 38,
      targetYear: 2030,
      target: null,
      direction: -1,
      limit: null,
      accumulation: 'level',
    });
  });

  it('linear share, both directions', () => {
    const req = verify({
      baseYear: 2020,
      baseValue: 0,
      currentYear: 2023,
      currentValue: 9,
      targetYear: 2025,
      target: 15,
      direction: 1,
      limit: null,
      accumulation: 'cumulative',
    });
    expect(req.value).toBeCloseTo(0.95 * 15 * (4 / 5), 12); // 11.4
    verify({
      baseYear: 2020,
      baseValue: 20,
      currentYear: 2023,
      currentValue: 15,
      targetYear: 2025,
      target: 10,
      direction: -1,
      limit: null,
      accumulation: 'cumulative',
    });
  });

  it('increment: next year’s addition, both directions', () => {
    const req = verify({
      baseYear: 2020,
      baseValue: 0,
      currentYear: 2023,
      currentValue: 105,
      targetYear: 2025,
      target: 200,
      direction: 1,
      limit: null,
      accumulation: 'increment',
    });
    // S' ≥ 0.95 · 200 · 4/5 = 152 → add 47.
    expect(req.value).toBeCloseTo(47, 12);
    expect(req.planToDate).toBeCloseTo(152, 12);
    const cap = verify({
      baseYear: 2020,
      baseValue: 0,
      currentYear: 2023,
      currentValue: 28,
      targetYear: 2025,
      target: 50,
      direction: -1,
      limit: null,
      accumulation: 'increment',
    });
    // S' ≤ 40 + 0.05 · 40 = 42 → at most 14 more.
    expect(cap.value).toBeCloseTo(14, 12);
  });

  it('null where no status can be given', () => {
    const base = { baseYear: 2020, baseValue: 0, currentYear: 2023, currentValue: 9, targetYear: 2025, limit: null, direction: 1 } as const;
    expect(requiredNextValue({ ...base, target: null, accumulation: 'increment' })).toBeNull();
    expect(requiredNextValue({ ...base, target: null, accumulation: 'level' })).toBeNull();
  });
});
