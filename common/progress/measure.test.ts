import { describe, expect, it } from 'vitest';
import { PROGRESS_METHOD_NAMES, PROGRESS_STATUSES, PROGRESS_WARNINGS } from './core.ts';
import { measureProgress } from './measure.ts';
import { PROGRESS_METHOD_VERSION, PROGRESS_METHODS, PROGRESS_NOTES, PROGRESS_STATUS_LABELS } from './methods.ts';

const plan = { baseYear: 2020, currentYear: 2023, targetYear: 2025, limit: null } as const;

describe('measureProgress on Huzhou plan indicators (hand-computed)', () => {
  it('PM2.5 26 (2020) → 24 (2023), target 25 by 2025, lower is better → target achieved', () => {
    const r = measureProgress({ ...plan, baseValue: 26, currentValue: 24, target: 25, direction: -1, accumulation: 'level' });
    expect(r).toMatchObject({ status: 'target_achieved', statusLabel: '已达成', score: 5, method: 'statcan-2.4', methodVersion: PROGRESS_METHOD_VERSION });
    // The ratio is still reported: CAGR_o = (24/26)^(1/3) − 1 = −0.02634, CAGR_r = (25/26)^(1/5) − 1 = −0.00781 → R ≈ 3.37.
    expect(r.progressValue).toBeCloseTo(3.37, 2);
  });

  it('空气优良率 73.9 (2020) → 85 (2023), target 90 by 2025 → on track', () => {
    // CAGR_o = (85/73.9)^(1/3) − 1 = 1.150203^(1/3) − 1 = 0.047751
    // CAGR_r = (90/73.9)^(1/5) − 1 = 1.217862^(1/5) − 1 = 0.040207
    // R = 0.047751 / 0.040207 = 1.18764 ≥ 0.95 → on track; score = 7.1429 · 1.18764 − 4.2857 = 4.1975
    const r = measureProgress({ ...plan, baseValue: 73.9, currentValue: 85, target: 90, direction: 1, accumulation: 'level' });
    expect(r.components.cagrObserved).toBeCloseTo(0.047751, 6);
    expect(r.components.cagrRequired).toBeCloseTo(0.040207, 6);
    expect(r.progressValue).toBeCloseTo(1.18764, 5);
    expect(r.score).toBeCloseTo(4.1975, 4);
    expect(r).toMatchObject({ status: 'on_track', statusLabel: '进展顺利', sign: 1 });
    // ESCAP: 11.1 of the 16.1 points needed are done.
    expect(r.currentStatusShare).toBeCloseTo(11.1 / 16.1, 12);
    expect(r.expectedValueRatio?.status).toBe('on_track');
  });

  it('PM2.5 30 → 28.5, target 27 (indicators.md §2.2) → moderate progress, R 0.8130, score 1.52; CS 0.50; UNSD fair', () => {
    const r = measureProgress({ ...plan, baseValue: 30, currentValue: 28.5, target: 27, direction: -1, accumulation: 'level' });
    expect(r.progressValue).toBeCloseTo(0.813, 4);
    expect(r.score).toBeCloseTo(1.52, 2);
    expect(r).toMatchObject({ status: 'moderate_progress', statusLabel: '需加快推进', currentStatusShare: 0.5 });
    expect(r.expectedValueRatio?.status).toBe('fair_progress');
  });

  it('制定"浙江制造"标准(新增) target 200 over 2021–2025, 30 + 35 + 40 by 2023 → S 105, E 120, R 0.875, moderate', () => {
    // E = 200 · (2023 − 2020)/(2025 − 2020) = 120; R = 105/120 = 0.875; score = 7.1429 · 0.875 − 4.2857 = 1.9643
    const r = measureProgress({
      ...plan,
      baseValue: 0,
      currentValue: 105,
      target: 200,
      direction: 1,
      accumulation: 'increment',
      series: [
        { year: 2020, value: 12 }, // the base year's additions are not part of the plan total
        { year: 2021, value: 30 },
        { year: 2022, value: 35 },
        { year: 2023, value: 40 },
      ],
    });
    expect(r).toMatchObject({
      method: 'increment-linear',
      progressValue: 0.875,
      status: 'moderate_progress',
      currentStatusShare: 0.525,
      expectedValueRatio: null,
    });
    expect(r.components).toEqual({ base: 0, expected: 120, elapsedYears: 3, planYears: 5 });
    expect(r.score).toBeCloseTo(1.9643, 4);
    // Forecast: 105 + 35 × 2 = 175 < 200.
    expect(r.forecast).toMatchObject({ value: 175, points: 3, method: 'increment-mean', meetsTarget: false });
  });

  it('单项冠军企业数量(累计) base 0, target 15 by 2025, 9 in 2023 → linear share E 9, R 1, on track, base-0 note', () => {
    const r = measureProgress({ ...plan, baseValue: 0, currentValue: 9, target: 15, direction: 1, accumulation: 'cumulative' });
    expect(r).toMatchObject({ method: 'linear-share', progressValue: 1, status: 'on_track', sign: null });
    expect(r.components.expected).toBe(9);
    expect(r.notes).toEqual(['基期为0，改用线性进度 / base is 0: linear share used']);
  });

  it('a cumulative count from a positive base still uses the linear share (no note)', () => {
    // 10 → 16 with target 20: E = 10 + 10 · 3/5 = 16 → R 1.
    const r = measureProgress({ ...plan, baseValue: 10, currentValue: 16, target: 20, direction: 1, accumulation: 'cumulative' });
    expect(r).toMatchObject({ method: 'linear-share', progressValue: 1, status: 'on_track', notes: [] });
  });

  it('lower is better on the linear methods: 安全事故起数(累计) 20 → 15, target 10; a 新增 cap of 50', () => {
    // E = 20 − 10 · 3/5 = 14; R = (20 − 15)/(20 − 14) = 0.8333 → moderate.
    const a = measureProgress({ ...plan, baseValue: 20, currentValue: 15, target: 10, direction: -1, accumulation: 'cumulative' });
    expect(a.progressValue).toBeCloseTo(5 / 6, 12);
    expect(a.status).toBe('moderate_progress');
    // Cap 50 over the plan, 31 by 2023: E = 30, R = 2 − 31/30 = 0.9667 → on track.
    const b = measureProgress({ ...plan, baseValue: 0, currentValue: 31, target: 50, direction: -1, accumulation: 'increment' });
    expect(b.progressValue).toBeCloseTo(29 / 30, 12);
    expect(b.status).toBe('on_track');
    const c = measureProgress({ ...plan, baseValue: 0, currentValue: 51, target: 50, direction: -1, accumulation: 'increment' });
    expect(c.status).toBe('deterioration');
    expect(c.notes).toEqual([PROGRESS_NOTES.cap_exceeded]);
  });

  it('a level with base 0 or missing switches to the linear share and says so', () => {
    const zero = measureProgress({ ...plan, baseValue: 0, currentValue: 6, target: 10, direction: 1, accumulation: 'level' });
    expect(zero).toMatchObject({ method: 'linear-share', warnings: ['base_zero_linear'] });
    const missing = measureProgress({ ...plan, baseValue: null, currentValue: 6, target: 10, direction: 1, accumulation: 'level' });
    expect(missing).toMatchObject({ method: 'linear-share', warnings: ['base_missing_assumed_zero'], progressValue: 1 });
    expect(missing.notes).toEqual(['基期值缺失，按0计算，改用线性进度 / base value missing: treated as 0, linear share used']);
  });

  it('a level without a target uses Method 1 (direction-signed CAGR)', () => {
    // 2 % a year over 3 years is on track (≥ 1.5 %), score min(500 · 0.02 − 5, 5) = 5.
    const r = measureProgress({ ...plan, baseValue: 100, currentValue: 100 * 1.02 ** 3, target: null, direction: 1, accumulation: 'level' });
    expect(r.method).toBe('statcan-2.4-no-target');
    expect(r.progressValue).toBeCloseTo(0.02, 12);
    expect(r).toMatchObject({ status: 'on_track', currentStatusShare: null, expectedValueRatio: null });
    expect(r.score).toBeCloseTo(5, 9);
  });

  it('forecast of a level from its series', () => {
    const r = measureProgress({
      ...plan,
      baseValue: 30,
      currentValue: 28.5,
      target: 27,
      direction: -1,
      accumulation: 'level',
      series: [
        { year: 2020, value: 30 },
        { year: 2021, value: 29.5 },
        { year: 2022, value: 29 },
        { year: 2023, value: 28.5 },
      ],
    });
    expect(r.forecast?.value).toBeCloseTo(27.5, 10);
    expect(r.forecast?.meetsTarget).toBe(false);
    expect(measureProgress({ ...plan, baseValue: 30, currentValue: 28.5, target: 27, direction: -1, accumulation: 'level' }).forecast).toBeNull();
  });
});

describe('measureProgress: not available', () => {
  it('fewer than 2 years (currentYear ≤ baseYear), even when the value meets the target', () => {
    const r = measureProgress({ ...plan, currentYear: 2020, baseValue: 26, currentValue: 24, target: 25, direction: -1, accumulation: 'level' });
    expect(r).toMatchObject({ status: 'not_available', statusLabel: '暂无数据', score: null, progressValue: null, warnings: ['too_few_years'] });
  });

  it('an increment without a plan total, a base of 0 without a target, a missing current value', () => {
    expect(measureProgress({ ...plan, baseValue: 0, currentValue: 5, target: null, direction: 1, accumulation: 'increment' }).warnings).toEqual(['no_target']);
    expect(measureProgress({ ...plan, baseValue: 0, currentValue: 5, target: null, direction: 1, accumulation: 'level' }).warnings).toEqual([
      'base_zero_no_target',
    ]);
    const r = measureProgress({ ...plan, baseValue: 3, currentValue: null, target: 5, direction: 1, accumulation: 'level' });
    expect(r).toMatchObject({ status: 'not_available', warnings: ['missing_value'] });
  });

  it('treats NaN from a form as missing', () => {
    expect(measureProgress({ ...plan, baseValue: 3, currentValue: Number.NaN, target: 5, direction: 1, accumulation: 'level' }).status).toBe('not_available');
  });

  it('Open SDG edge rules come through with notes: opposite signs', () => {
    const r = measureProgress({ ...plan, baseValue: -2, currentValue: 3, target: null, direction: 1, accumulation: 'level' });
    expect(r).toMatchObject({ status: 'not_available', method: 'statcan-2.4-no-target', sign: -1 });
    expect(r.notes).toEqual([PROGRESS_NOTES.opposite_signs]);
  });
});

describe('method table and labels', () => {
  it('explains every method in Chinese and labels every status', () => {
    expect(PROGRESS_METHOD_VERSION).toBe('1.0.0');
    expect(Object.keys(PROGRESS_METHODS).sort()).toEqual([...PROGRESS_METHOD_NAMES].sort());
    for (const m of PROGRESS_METHOD_NAMES) expect(PROGRESS_METHODS[m].explanation).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(PROGRESS_STATUS_LABELS).sort()).toEqual([...PROGRESS_STATUSES].sort());
    expect(PROGRESS_STATUS_LABELS).toEqual({
      target_achieved: '已达成',
      on_track: '进展顺利',
      moderate_progress: '需加快推进',
      limited_progress: '进展有限',
      deterioration: '倒退',
      not_available: '暂无数据',
    });
  });

  it('has a bilingual note for every warning', () => {
    for (const w of PROGRESS_WARNINGS) expect(PROGRESS_NOTES[w]).toMatch(/^[^/]*[\u4e00-\u9fff][^/]* \/ [ -~]+$/);
  });
});
