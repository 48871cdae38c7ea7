import { describe, expect, it } from 'vitest';
import { incrementProgress, linearShareProgress } from './linear.ts';

const plan = { baseYear: 2020, currentYear: 2023, targetYear: 2025 } as const;

describe('increment (新增): plan-to-date sum against the pro-rata plan total', () => {
  it('制定"浙江制造"标准 target 200 over 2021–2025, 30 + 35 + 40 by 2023 → S 105, E 120, R 0.875, moderate', () => {
    const r = incrementProgress({ ...plan, sumToDate: 105, target: 200, direction: 1 });
    expect(r.components).toEqual({ base: 0, expected: 120, elapsedYears: 3, planYears: 5 });
    expect(r.progressValue).toBe(0.875);
    expect(r.status).toBe('moderate_progress');
    expect(r.score).toBeCloseTo(7.1429 * 0.875 - 4.2857, 12); // 1.9643
  });

  it('uses the Method 2 bands: 0.95 on track, 0.60 moderate, 0 limited', () => {
    const at = (sumToDate: number) => incrementProgress({ ...plan, sumToDate, target: 200, direction: 1 });
    expect(at(114).status).toBe('on_track'); // 114 / 120 = 0.95
    expect(at(113.9).status).toBe('moderate_progress');
    expect(at(72).status).toBe('moderate_progress'); // 0.60
    expect(at(71.9).status).toBe('limited_progress');
    expect(at(0)).toMatchObject({ status: 'limited_progress', progressValue: 0, score: -2.5 });
    expect(at(-6).status).toBe('deterioration'); // net removals
  });

  it('target achieved once the plan total is reached, even early (score 5)', () => {
    expect(incrementProgress({ ...plan, sumToDate: 200, target: 200, direction: 1 })).toMatchObject({
      status: 'target_achieved',
      score: 5,
      targetAchieved: true,
    });
  });

  it('lower is better (a cap, e.g. new incidents ≤ 50): mirrored around the pro-rata line, R = 2 − S/E', () => {
    const at = (sumToDate: number, currentYear = 2023) => incrementProgress({ ...plan, currentYear, sumToDate, target: 50, direction: -1 });
    // E = 50 · 3/5 = 30
    expect(at(33).progressValue).toBeCloseTo(0.9, 12); // 10 % over the allowance
    expect(at(33).status).toBe('moderate_progress');
    expect(at(31.5).status).toBe('on_track'); // R = 0.95
    expect(at(20).status).toBe('on_track'); // under the allowance, but a cap is only achieved at the end
    expect(at(48, 2025)).toMatchObject({ status: 'target_achieved', score: 5 });
    const broken = at(55);
    expect(broken).toMatchObject({ status: 'deterioration', score: -5 });
    expect(broken.warnings).toContain('cap_exceeded');
  });

  it('a target of 0 as a cap: on track while nothing is added', () => {
    expect(incrementProgress({ ...plan, sumToDate: 0, target: 0, direction: -1 })).toMatchObject({ progressValue: 1, status: 'on_track' });
  });

  it('fewer than 2 years or no plan period → not available', () => {
    expect(incrementProgress({ ...plan, currentYear: 2020, sumToDate: 0, target: 200, direction: 1 }).status).toBe('not_available');
    expect(incrementProgress({ ...plan, targetYear: 2020, sumToDate: 10, target: 200, direction: 1 }).warnings).toContain('target_year_not_after_base');
  });
});

describe('linear share (累计, or a level with base 0 / missing)', () => {
  it('单项冠军企业数量(累计): base 0, target 15 by 2025, 9 in 2023 → E 9, R 1, on track', () => {
    const r = linearShareProgress({ ...plan, baseValue: 0, currentValue: 9, target: 15, direction: 1 });
    expect(r.components).toEqual({ base: 0, expected: 9, elapsedYears: 3, planYears: 5 });
    expect(r).toMatchObject({ progressValue: 1, status: 'on_track' });
    expect(r.score).toBeCloseTo(2.8572, 12);
  });

  it('a missing base is treated as 0 and says so', () => {
    const r = linearShareProgress({ ...plan, baseValue: null, currentValue: 6, target: 15, direction: 1 });
    expect(r.progressValue).toBeCloseTo(6 / 9, 12);
    expect(r.status).toBe('moderate_progress');
    expect(r.warnings).toEqual(['base_missing_assumed_zero']);
  });

  it('lower is better: 20 → 15 (2020→2023), target 10 by 2025 → E 14, R = 5/6, moderate', () => {
    const r = linearShareProgress({ ...plan, baseValue: 20, currentValue: 15, target: 10, direction: -1 });
    expect(r.components?.expected).toBe(14);
    expect(r.progressValue).toBeCloseTo(5 / 6, 12);
    expect(r.status).toBe('moderate_progress');
    expect(linearShareProgress({ ...plan, baseValue: 20, currentValue: 22, target: 10, direction: -1 }).status).toBe('deterioration');
    expect(linearShareProgress({ ...plan, baseValue: 20, currentValue: 9, target: 10, direction: -1 }).status).toBe('target_achieved');
  });

  it('direction-aware like StatCan: a target on the "wrong" side of the base still scores moves the desired way as positive', () => {
    // Higher is better, base 10, target 8 (a decline is tolerated); 7 misses it and is a move the wrong way.
    expect(linearShareProgress({ ...plan, baseValue: 10, currentValue: 7, target: 8, direction: 1 }).status).toBe('deterioration');
    expect(linearShareProgress({ ...plan, baseValue: 10, currentValue: 9, target: 8, direction: 1 }).status).toBe('target_achieved');
  });

  it('target = base: achieved if held, else deterioration with score −5', () => {
    expect(linearShareProgress({ ...plan, baseValue: 0, currentValue: 0, target: 0, direction: -1 })).toMatchObject({ status: 'target_achieved', score: 5 });
    const r = linearShareProgress({ ...plan, baseValue: 0, currentValue: 2, target: 0, direction: -1 });
    expect(r).toMatchObject({ status: 'deterioration', score: -5, progressValue: null });
    expect(r.warnings).toContain('target_equals_base');
  });

  it('fewer than 2 years → not available', () => {
    expect(linearShareProgress({ ...plan, currentYear: 2020, baseValue: 0, currentValue: 3, target: 15, direction: 1 }).status).toBe('not_available');
  });
});
