import { describe, expect, it } from 'vitest';
import { colourRegion, type GradingSample, gradeEnterprise, gradingRuleIssues, gradingWindow, DEFAULT_GRADING_RULE as rule } from './grading.ts';

const s = (year: number, conclusion: 'pass' | 'fail', riskLevel: 'high' | 'medium' | 'low' = 'medium'): GradingSample => ({ year, conclusion, riskLevel });

describe('enterprise grade AA/A/B/C', () => {
  it('window: the grading year and the two before it', () => {
    expect(gradingWindow(2025, rule)).toEqual({ fromYear: 2023, toYear: 2025 });
  });

  it('no samples → no grade', () => {
    expect(gradeEnterprise([], rule)).toBeNull();
  });

  it('C for two failures, or one failure of a high-risk product', () => {
    expect(gradeEnterprise([s(2023, 'fail'), s(2025, 'fail'), s(2024, 'pass')], rule)).toMatchObject({ grade: 'C', reason: 'repeated_failures', failures: 2 });
    expect(gradeEnterprise([s(2025, 'fail', 'high')], rule)).toMatchObject({ grade: 'C', reason: 'high_risk_failure', highRiskFailures: 1 });
    expect(gradeEnterprise([s(2025, 'fail', 'high')], { ...rule, cOnHighRiskFailure: false })).toMatchObject({ grade: 'B' });
  });

  it('B for one failure of a medium- or low-risk product', () => {
    expect(gradeEnterprise([s(2024, 'fail', 'low'), s(2025, 'pass')], rule)).toMatchObject({ grade: 'B', reason: 'one_failure' });
  });

  it('AA for ≥ 3 batches over ≥ 2 years all passed; A otherwise', () => {
    expect(gradeEnterprise([s(2023, 'pass'), s(2025, 'pass'), s(2025, 'pass')], rule)).toMatchObject({ grade: 'AA', yearsSampled: 2, batches: 3 });
    expect(gradeEnterprise([s(2025, 'pass'), s(2025, 'pass'), s(2025, 'pass')], rule)).toMatchObject({ grade: 'A', reason: 'passed' });
    expect(gradeEnterprise([s(2024, 'pass'), s(2025, 'pass')], rule)).toMatchObject({ grade: 'A' });
  });
});

describe('region colour by the share of C-class enterprises', () => {
  const counts = (AA: number, A: number, B: number, C: number) => ({ AA, A, B, C });

  it('红 ≥ 10 %, 黄 ≥ 5 %, 蓝 ≥ 2 %, else 绿 — thresholds inclusive', () => {
    expect(colourRegion(counts(5, 4, 0, 1), rule)).toEqual({ graded: 10, cShare: 0.1, colour: 'red' });
    expect(colourRegion(counts(10, 9, 0, 1), rule)).toMatchObject({ cShare: 0.05, colour: 'yellow' });
    expect(colourRegion(counts(20, 29, 0, 1), rule)).toMatchObject({ cShare: 0.02, colour: 'blue' });
    expect(colourRegion(counts(30, 40, 9, 1), rule)).toMatchObject({ colour: 'green' });
    expect(colourRegion(counts(3, 0, 0, 0), rule)).toMatchObject({ cShare: 0, colour: 'green' });
  });

  it('no colour with fewer than the minimum of graded enterprises', () => {
    expect(colourRegion(counts(0, 1, 0, 1), rule)).toEqual({ graded: 2, cShare: 0.5, colour: null });
    expect(colourRegion(counts(0, 0, 0, 0), rule)).toEqual({ graded: 0, cShare: null, colour: null });
  });

  it('thresholds are configurable', () => {
    expect(colourRegion(counts(5, 4, 0, 1), { ...rule, colour: { red: 0.2, yellow: 0.15, blue: 0.05 } })).toMatchObject({ colour: 'blue' });
  });
});

describe('rule checks', () => {
  it('accepts the default and names the broken parameters', () => {
    expect(gradingRuleIssues(rule)).toEqual([]);
    expect(gradingRuleIssues({ ...rule, colour: { red: 0.05, yellow: 0.1, blue: 0.02 } }).map((i) => i.field)).toEqual(['colour']);
    expect(gradingRuleIssues({ ...rule, windowYears: 0, aaMinYears: 4 }).map((i) => i.field)).toEqual(['windowYears', 'aaMinYears']);
  });
});
