import { describe, expect, it } from 'vitest';
import { asCreditModel, DEFAULT_CREDIT_MODEL, DEFAULT_CREDIT_MODEL_DESCRIPTION, validateCreditModel } from './model.ts';
import { addMonths, fullYears, isPeriod, periodAsOf, periodEnd, windowStart } from './period.ts';

const copy = () => structuredClone(DEFAULT_CREDIT_MODEL) as unknown as Record<string, unknown> & { factors: Record<string, Record<string, unknown>> };
const fields = (input: unknown) => validateCreditModel(input).map((i) => i.field);

describe('validateCreditModel', () => {
  it('accepts version 1 as seeded', () => {
    expect(validateCreditModel(DEFAULT_CREDIT_MODEL)).toEqual([]);
    expect(asCreditModel(structuredClone(DEFAULT_CREDIT_MODEL))).toEqual(DEFAULT_CREDIT_MODEL);
  });

  it('says where the numbers come from and which are our choice', () => {
    expect(DEFAULT_CREDIT_MODEL_DESCRIPTION).toContain('国市监信发〔2022〕6号');
    expect(DEFAULT_CREDIT_MODEL_DESCRIPTION).toContain('国办发〔2015〕58号');
    expect(DEFAULT_CREDIT_MODEL_DESCRIPTION).toContain('文档化取值（非法规规定');
  });

  it('names each bad field, in both languages', () => {
    const m = copy();
    m.baseScore = 1.5;
    m.thresholds = { A: 30, B: 20, C: 40 };
    m.factors.penalties = { pointsEach: 10, maxPoints: 5, windowMonths: 0 };
    m.factors.serious_violation = { points: 50, minClass: 'E' };
    m.factors.certifications = { pointsByKind: { iso9001: 5, nope: -1 }, minPoints: -15 };
    const issues = validateCreditModel(m);
    expect(issues.map((i) => i.field)).toEqual([
      'baseScore',
      'thresholds',
      'factors.penalties.maxPoints',
      'factors.penalties.windowMonths',
      'factors.serious_violation.minClass',
      'factors.certifications.pointsByKind.iso9001',
      'factors.certifications.pointsByKind.nope',
    ]);
    expect(issues[1]?.message).toBe('分界应满足 A < B < C / must satisfy A < B < C');
  });

  it('refuses a missing or unknown factor, extra fields and badly ordered bands', () => {
    const m = copy();
    delete m.factors.complaints;
    m.factors.weather = { points: 1 };
    m.factors.abnormal_operation = { points: 25, minClass: 'C', extra: true };
    m.factors.years_in_business = {
      bands: [
        { fromYears: 1, points: 5 },
        { fromYears: 1, points: 0 },
      ],
      unknownPoints: 5,
    };
    expect(fields(m)).toEqual([
      'factors.weather',
      'factors.complaints',
      'factors.abnormal_operation.extra',
      'factors.years_in_business.bands.0.fromYears',
      'factors.years_in_business.bands.1.fromYears',
    ]);
    expect(fields(null)).toEqual(['model']);
    expect(fields({ baseScore: 10, thresholds: { A: 1, B: 2, C: 3 } })).toEqual(['factors']);
    expect(() => asCreditModel({})).toThrow(/invalid credit model/);
  });
});

describe('periods', () => {
  it('checks and walks months', () => {
    expect(['2026-07', '2026-13', '2026-7', '26-07'].map(isPeriod)).toEqual([true, false, false, false]);
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-07', -36)).toBe('2023-07');
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodEnd('2026-02')).toBe('2026-02-28');
  });

  it('classifies the current month as of today, a past one as of its last day, and refuses the future', () => {
    expect(periodAsOf('2026-07', '2026-07-01')).toBe('2026-07-01');
    expect(periodAsOf('2026-06', '2026-07-01')).toBe('2026-06-30');
    expect(periodAsOf('2026-08', '2026-07-31')).toBeNull();
  });

  it('windows count whole months back to the day after', () => {
    expect(windowStart('2026-07-15', 36)).toBe('2023-07-16');
    expect(windowStart('2026-07-15', 12)).toBe('2025-07-16');
    expect(windowStart('2026-03-31', 1)).toBe('2026-03-01');
    expect(windowStart('2024-02-29', 12)).toBe('2023-03-01');
  });

  it('counts full years', () => {
    expect(fullYears('2016-07-16', '2026-07-15')).toBe(9);
    expect(fullYears('2016-07-15', '2026-07-15')).toBe(10);
    expect(fullYears('2027-01-01', '2026-07-15')).toBe(0);
  });
});
