import { describe, expect, it } from 'vitest';
import { describeFactorRule, formatFactorValue } from './labels.ts';
import { CREDIT_FACTORS, type CreditModelSpec, DEFAULT_CREDIT_MODEL } from './model.ts';
import { type CreditInputs, classOfScore, scoreCredit } from './score.ts';

const AS_OF = '2026-07-15';
/** A clean entity, 5 years old, nothing on record: base 10 + 0 = 10 → B. */
const clean: CreditInputs = {
  samplingFailures: 0,
  penalties: 0,
  complaints: 0,
  abnormalListed: false,
  seriousListed: false,
  licencesExpired: 0,
  licencesRevoked: 0,
  establishedOn: '2021-03-01',
  certificationKinds: [],
};
const score = (patch: Partial<CreditInputs>, model: CreditModelSpec = DEFAULT_CREDIT_MODEL) => scoreCredit(model, { ...clean, ...patch }, AS_OF);

describe('scoreCredit (model version 1)', () => {
  it('a clean five-year-old entity is B at the base score, and every factor is in the breakdown', () => {
    const r = score({});
    expect(r).toMatchObject({ class: 'B', score: 10, scoreClass: 'B', breakdown: { base: 10, floor: null } });
    expect(Object.keys(r.breakdown.factors).sort()).toEqual([...CREDIT_FACTORS].sort());
    expect(r.breakdown.factors.years_in_business).toEqual([5, 0]);
    expect(r.breakdown.factors.certifications).toEqual([[], 0]);
  });

  it.each([
    ['sampling_failures', { samplingFailures: 1 }, 12],
    ['sampling_failures', { samplingFailures: 2 }, 24],
    ['sampling_failures', { samplingFailures: 5 }, 36],
    ['penalties', { penalties: 1 }, 10],
    ['penalties', { penalties: 4 }, 30],
    ['complaints', { complaints: 2 }, 6],
    ['complaints', { complaints: 9 }, 15],
    ['licence_expired', { licencesExpired: 1 }, 10],
    ['licence_expired', { licencesExpired: 3 }, 20],
    ['licence_revoked', { licencesRevoked: 1 }, 20],
    ['licence_revoked', { licencesRevoked: 3 }, 40],
    ['abnormal_operation', { abnormalListed: true }, 25],
    ['serious_violation', { seriousListed: true }, 50],
  ] as const)('%s %j adds %i points (capped as documented)', (factor, patch, points) => {
    const r = score(patch);
    expect(r.breakdown.factors[factor][1]).toBe(points);
    expect(r.score).toBe(10 + points);
  });

  it('years in business: under 1 year +10, 1–3 +5, 3–10 0, 10 and more −5, unknown +5 (full years on the as-of day)', () => {
    expect(score({ establishedOn: '2026-01-01' }).breakdown.factors.years_in_business).toEqual([0, 10]);
    expect(score({ establishedOn: '2025-07-15' }).breakdown.factors.years_in_business).toEqual([1, 5]);
    expect(score({ establishedOn: '2025-07-16' }).breakdown.factors.years_in_business).toEqual([0, 10]);
    expect(score({ establishedOn: '2023-07-15' }).breakdown.factors.years_in_business).toEqual([3, 0]);
    expect(score({ establishedOn: '2016-07-15' }).breakdown.factors.years_in_business).toEqual([10, -5]);
    expect(score({ establishedOn: null }).breakdown.factors.years_in_business).toEqual([null, 5]);
    // Established after the as-of day (a back-dated recompute): not yet in business.
    expect(score({ establishedOn: '2027-01-01' }).breakdown.factors.years_in_business).toEqual([0, 10]);
  });

  it('certifications lower the score once per kind, ignore kinds the model does not name, and stop at −15', () => {
    expect(score({ certificationKinds: ['iso9001'] }).breakdown.factors.certifications).toEqual([['iso9001'], -5]);
    expect(score({ certificationKinds: ['iso9001', 'iso9001', 'ccc'] }).breakdown.factors.certifications).toEqual([['iso9001'], -5]);
    expect(score({ certificationKinds: ['green_product', 'zhejiang_made', 'iso9001'] }).breakdown.factors.certifications).toEqual([
      ['green_product', 'iso9001', 'zhejiang_made'],
      -15,
    ]);
  });

  it('thresholds: ≤4 A, 5–24 B, 25–49 C, ≥50 D', () => {
    const t = DEFAULT_CREDIT_MODEL.thresholds;
    expect([4, 5, 24, 25, 49, 50, -20, 200].map((s) => classOfScore(s, t))).toEqual(['A', 'B', 'B', 'C', 'C', 'D', 'A', 'D']);
  });

  it('hand-built cases land in each class', () => {
    // 12 years with ISO 9001: 10 − 5 − 5 = 0 → A; 12 clean years alone are 5 → B.
    expect(score({ establishedOn: '2014-01-01', certificationKinds: ['iso9001'] })).toMatchObject({ class: 'A', score: 0 });
    expect(score({ establishedOn: '2014-01-01' })).toMatchObject({ class: 'B', score: 5 });
    // One failed sample: 22 → B; a second one: 34 → C.
    expect(score({ samplingFailures: 1 })).toMatchObject({ class: 'B', score: 22 });
    expect(score({ samplingFailures: 2 })).toMatchObject({ class: 'C', score: 34 });
    // Two failures, two penalties and complaints: 10 + 24 + 20 + 9 = 63 → D.
    expect(score({ samplingFailures: 2, penalties: 2, complaints: 3 })).toMatchObject({ class: 'D', score: 63 });
  });

  it('the list floors: abnormal operation is at least C, a serious violation is D, whatever the score', () => {
    const abnormal = score({ abnormalListed: true, establishedOn: '2000-01-01', certificationKinds: ['green_product', 'iso9001'] });
    // 10 + 25 − 5 − 13 = 17 → B by score, raised to C by the list.
    expect(abnormal).toMatchObject({ score: 17, scoreClass: 'B', class: 'C', breakdown: { floor: 'C' } });
    const serious = score({ seriousListed: true, establishedOn: '2000-01-01', certificationKinds: ['green_product', 'zhejiang_made'] });
    expect(serious).toMatchObject({ score: 40, scoreClass: 'C', class: 'D', breakdown: { floor: 'D' } });
    // A floor below the score's own class changes nothing.
    expect(score({ abnormalListed: true, samplingFailures: 3 })).toMatchObject({ score: 71, class: 'D', breakdown: { floor: null } });
  });

  it('follows the model it is given (a later version with other points and thresholds)', () => {
    const v2: CreditModelSpec = {
      ...DEFAULT_CREDIT_MODEL,
      baseScore: 0,
      thresholds: { A: 0, B: 10, C: 20 },
      factors: {
        ...DEFAULT_CREDIT_MODEL.factors,
        complaints: { pointsEach: 10, maxPoints: 50, windowMonths: 6 },
        serious_violation: { points: 50, minClass: null },
      },
    };
    expect(score({ complaints: 2 }, v2)).toMatchObject({ score: 20, class: 'C' });
    expect(score({ seriousListed: true, establishedOn: '2000-01-01', certificationKinds: ['green_product', 'zhejiang_made'] }, v2)).toMatchObject({
      score: 30,
      class: 'D',
      breakdown: { floor: null },
    });
  });
});

describe('labels', () => {
  it('describes every rule of version 1 and formats values', () => {
    expect(describeFactorRule(DEFAULT_CREDIT_MODEL, 'sampling_failures')).toBe('每次 +12，最多 +36（近 36 个月）');
    expect(describeFactorRule(DEFAULT_CREDIT_MODEL, 'serious_violation')).toBe('+50，且至少为 D 类');
    expect(describeFactorRule(DEFAULT_CREDIT_MODEL, 'years_in_business')).toBe('0–1 年 +10；1–3 年 +5；3–10 年 0；10 年以上 −5；成立日期不详 +5');
    expect(describeFactorRule(DEFAULT_CREDIT_MODEL, 'certifications')).toContain('合计最多 −15');
    expect(formatFactorValue('complaints', 2)).toBe('2 件');
    expect(formatFactorValue('abnormal_operation', true)).toBe('是');
    expect(formatFactorValue('years_in_business', null)).toBe('成立日期未登记');
    expect(formatFactorValue('certifications', ['green_product', 'iso9001'])).toBe('绿色产品认证、ISO 9001');
    expect(formatFactorValue('certifications', [])).toBe('无');
  });
});
