import type { Verdict } from './conclusion.ts';

/**
 * The Zhejiang "三分" grading (regulation.md §6): products graded high / medium / low risk; enterprises
 * AA (好) / A (较好) / B (一般) / C (差) "from 3 years of 监督抽查 results and quality-management-system
 * status"; districts/counties coloured 红/黄/蓝/绿 "by the share of C-class enterprises".
 *
 * The sources give no thresholds, so the numbers below are our rule [P], kept in a versioned table
 * (sampling_grading_rule) that the city bureau changes with a reason:
 * - Window: the grading year and the `windowYears − 1` years before it, final conclusions only.
 * - Only enterprises sampled in the window are graded; an enterprise we have not sampled has no grade
 *   (we do not guess it is good or bad) and is not in any region's share.
 * - C: at least `cMinFailures` 不合格 batches, or (with `cOnHighRiskFailure`) one 不合格 batch of a
 *   high-risk product.
 * - B: one 不合格 batch (of a medium- or low-risk product).
 * - AA: no 不合格, at least `aaMinBatches` batches sampled in at least `aaMinYears` different years.
 * - A: no 不合格 otherwise.
 * - Quality-management-system status is not used yet: the entities module does not offer
 *   certifications to other modules. Adding it is a rule change, not a code change of the grades.
 * - Region colour: share = C-class ÷ graded enterprises of the region; 红 ≥ red, 黄 ≥ yellow, 蓝 ≥ blue,
 *   else 绿. A region with fewer than `minGradedForColour` graded enterprises gets no colour (数据不足).
 * Colour meaning follows the Jiaxing 质量安全健康码 order (AA→绿 … C→红): red is worst.
 */

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const ENTERPRISE_GRADES = ['AA', 'A', 'B', 'C'] as const;
export type EnterpriseGrade = (typeof ENTERPRISE_GRADES)[number];

export const REGION_COLOURS = ['red', 'yellow', 'blue', 'green'] as const;
export type RegionColour = (typeof REGION_COLOURS)[number];

export interface GradingRule {
  windowYears: number;
  cMinFailures: number;
  cOnHighRiskFailure: boolean;
  aaMinBatches: number;
  aaMinYears: number;
  /** Lower bounds of the C-class share (0–1) for each colour; green is below `blue`. */
  colour: { red: number; yellow: number; blue: number };
  minGradedForColour: number;
}

export const DEFAULT_GRADING_RULE: GradingRule = {
  windowYears: 3,
  cMinFailures: 2,
  cOnHighRiskFailure: true,
  aaMinBatches: 3,
  aaMinYears: 2,
  colour: { red: 0.1, yellow: 0.05, blue: 0.02 },
  minGradedForColour: 3,
};

/** The grading window of `year`: [fromYear, toYear], both inclusive. */
export function gradingWindow(year: number, rule: GradingRule): { fromYear: number; toYear: number } {
  return { fromYear: year - rule.windowYears + 1, toYear: year };
}

export interface GradingSample {
  year: number;
  conclusion: Verdict;
  riskLevel: RiskLevel;
}

export type GradeReason = 'repeated_failures' | 'high_risk_failure' | 'one_failure' | 'consistently_passed' | 'passed';

export interface EnterpriseGrading {
  grade: EnterpriseGrade;
  reason: GradeReason;
  batches: number;
  failures: number;
  highRiskFailures: number;
  yearsSampled: number;
}

/** The grade from an enterprise's final conclusions inside the window; null when it was not sampled. */
export function gradeEnterprise(samples: readonly GradingSample[], rule: GradingRule): EnterpriseGrading | null {
  if (samples.length === 0) return null;
  const failures = samples.filter((s) => s.conclusion === 'fail').length;
  const highRiskFailures = samples.filter((s) => s.conclusion === 'fail' && s.riskLevel === 'high').length;
  const yearsSampled = new Set(samples.map((s) => s.year)).size;
  const base = { batches: samples.length, failures, highRiskFailures, yearsSampled };
  if (failures >= rule.cMinFailures) return { grade: 'C', reason: 'repeated_failures', ...base };
  if (rule.cOnHighRiskFailure && highRiskFailures > 0) return { grade: 'C', reason: 'high_risk_failure', ...base };
  if (failures > 0) return { grade: 'B', reason: 'one_failure', ...base };
  if (samples.length >= rule.aaMinBatches && yearsSampled >= rule.aaMinYears) return { grade: 'AA', reason: 'consistently_passed', ...base };
  return { grade: 'A', reason: 'passed', ...base };
}

export type GradeCounts = Record<EnterpriseGrade, number>;

export const emptyGradeCounts = (): GradeCounts => ({ AA: 0, A: 0, B: 0, C: 0 });

export interface RegionColouring {
  graded: number;
  cShare: number | null;
  /** null: too few graded enterprises to colour (数据不足). */
  colour: RegionColour | null;
}

/** A region's colour from its enterprises' grades. */
export function colourRegion(counts: GradeCounts, rule: GradingRule): RegionColouring {
  const graded = counts.AA + counts.A + counts.B + counts.C;
  const cShare = graded === 0 ? null : counts.C / graded;
  if (cShare === null || graded < rule.minGradedForColour) return { graded, cShare, colour: null };
  const colour: RegionColour = cShare >= rule.colour.red ? 'red' : cShare >= rule.colour.yellow ? 'yellow' : cShare >= rule.colour.blue ? 'blue' : 'green';
  return { graded, cShare, colour };
}

/** Problems with a proposed rule (empty when usable): each names the parameter. */
export function gradingRuleIssues(rule: GradingRule): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  const int = (field: keyof GradingRule, min: number, max: number) => {
    const v = rule[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      issues.push({ field, message: `应为 ${min}–${max} 的整数 / must be an integer ${min}–${max}` });
  };
  int('windowYears', 1, 10);
  int('cMinFailures', 1, 20);
  int('aaMinBatches', 1, 50);
  int('aaMinYears', 1, 10);
  int('minGradedForColour', 1, 1000);
  if (rule.aaMinYears > rule.windowYears) issues.push({ field: 'aaMinYears', message: '不得超过统计年数 / must not exceed windowYears' });
  const { red, yellow, blue } = rule.colour;
  if (![red, yellow, blue].every((v) => typeof v === 'number' && v > 0 && v <= 1)) {
    issues.push({ field: 'colour', message: '阈值应在 0–1 之间（不含 0）/ thresholds must lie in (0, 1]' });
  } else if (!(red > yellow && yellow > blue)) {
    issues.push({ field: 'colour', message: '须满足 红 > 黄 > 蓝 / must satisfy red > yellow > blue' });
  }
  return issues;
}
