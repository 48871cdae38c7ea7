/**
 * The Statistics Canada progress measure exactly as shipped in Open SDG: sdg-build 2.4.0 `sdg/ProgressMeasure.py`
 * (SeriesProgress and IndicatorProgress; stored version 139fede), formulas in shared/research/indicators.md §2.2.
 * Checked against the 379 series of shared/fixtures/progress/statcan-progress-vectors.json.
 *
 *   CAGR(a→b over n years) = (b/a)^(1/n) − 1
 *   Method 2 (numeric target): R = s·d·CAGR(y0→yi) / |CAGR(y0→yT)|
 *   Method 1 (no target):      P = s·d·CAGR(y0→yi), thresholds 1.5 % / 0.5 % / 0 scaled by C near a limit
 */
import {
  bandStatus,
  type Direction,
  finiteOrNull,
  GROWTH_THRESHOLDS,
  type ProgressStatus,
  type ProgressWarning,
  RATIO_THRESHOLDS,
  ratioScore,
  reachesTarget,
  scoreStatus,
  type Thresholds,
} from './core.ts';

/** Open SDG replaces a target or base of 0 with this value so that the CAGR has a finite ratio. */
export const ZERO_SUBSTITUTE = 0.001;

/** Exponent of the limit-scaling curve C (ProgressMeasure.py get_progress_thresholds). */
export const LIMIT_EXPONENT = 4.44;

/** One series as Open SDG sees it after filtering: the base and latest observations and the target options. */
export type StatcanInput = {
  baseYear: number;
  baseValue: number | null;
  currentYear: number | null;
  currentValue: number | null;
  targetYear: number;
  /** null → Method 1 (no target). */
  target: number | null;
  direction: Direction;
  /** Natural limit (e.g. 100 %) for Method 1; ignored with a warning under Method 2, as upstream. */
  limit: number | null;
};

/** The intermediate numbers, for display and for the stored components (indicators.md §4 G4). */
export type StatcanComponents = {
  cagrObserved: number | null;
  cagrRequired: number | null;
  /** Limit-scaling coefficient C (Method 1 with a limit only). */
  coefficient: number | null;
  thresholds: Thresholds;
};

/** Result for one series; `progressValue` is R (Method 2) or P (Method 1). */
export type StatcanResult = {
  method: 'statcan-2.4' | 'statcan-2.4-no-target';
  /** s = −1 when the base value is negative, else +1; null without a base value. */
  sign: 1 | -1 | null;
  progressValue: number | null;
  score: number | null;
  status: ProgressStatus;
  targetAchieved: boolean;
  components: StatcanComponents;
  warnings: ProgressWarning[];
};

/** Compound annual growth rate from `from` to `to` over `years` years (ProgressMeasure.py growth_calculation). */
export function cagr(from: number, to: number, years: number): number {
  return (to / from) ** (1 / years) - 1;
}

/**
 * Limit-scaling coefficient C for Method 1 thresholds, on absolute values: 1 − (y0/lim)^4.44 up to the limit,
 * mirrored above it, 1 from twice the limit on. The 2·limit test comes first so that base = limit = 0 gives 1, as upstream.
 */
export function limitCoefficient(baseValue: number, limit: number): number {
  const base = Math.abs(baseValue);
  const lim = Math.abs(limit);
  if (base >= 2 * lim) return 1;
  if (base <= lim) return 1 - (base / lim) ** LIMIT_EXPONENT;
  return 1 - ((2 * lim - base) / lim) ** LIMIT_EXPONENT;
}

/**
 * Method 1 score, −5…5 (ProgressMeasure.py get_score): P < 0 → max(125P − 2.5, −5); C = 0 → 5 (already at the
 * limit and not moving away); otherwise P/C on 500P/C − 2.5, 250P/C − 1.25, min(500P/C − 5, 5) by band.
 * `t` are the already-scaled thresholds.
 */
export function growthScore(p: number, t: Thresholds, coefficient: number): number {
  if (p < t.low) return Math.max(125 * p - 2.5, -5);
  if (coefficient === 0) return 5;
  if (p >= t.high) return Math.min((500 * p) / coefficient - 5, 5);
  if (p >= t.med) return (250 * p) / coefficient - 1.25;
  return (500 * p) / coefficient - 2.5;
}

/**
 * The StatCan measure for one series. Order as upstream: target 0 → 0.001; target achieved is decided first (it
 * gives score 5 even when no ratio can be computed); then base 0 → 0.001, opposite signs, fewer than 2 years → no value.
 *
 * Beyond upstream (which would raise a ZeroDivisionError or produce a complex number here):
 * - target = base: the ratio is 0/0 or x/0. The fixture shows target = base = current as target_achieved with
 *   progress_value null and score 5; otherwise the value has moved the wrong way from a target it started on,
 *   so deterioration with score −5 (progress value null).
 * - target of the opposite sign to the base, or targetYear ≤ baseYear: no ratio → not_available.
 */
export function statcanProgress(input: StatcanInput): StatcanResult {
  const { baseYear, baseValue, currentYear, currentValue, targetYear, direction, limit } = input;
  const warnings: ProgressWarning[] = [];
  let target = input.target;
  if (target === 0) {
    warnings.push('target_zero');
    target = ZERO_SUBSTITUTE;
  }
  const method = target === null ? 'statcan-2.4-no-target' : 'statcan-2.4';
  const components: StatcanComponents = { cagrObserved: null, cagrRequired: null, coefficient: null, thresholds: RATIO_THRESHOLDS };
  const result = (r: Partial<StatcanResult>): StatcanResult => ({
    method,
    sign: null,
    progressValue: null,
    score: null,
    status: 'not_available',
    targetAchieved: false,
    components,
    warnings,
    ...r,
  });
  if (baseValue === null || currentValue === null || currentYear === null) {
    warnings.push('missing_value');
    return result({});
  }
  const sign = baseValue < 0 ? -1 : 1;

  // Thresholds are set before the base-0 substitution, so C sees the real base (upstream order).
  if (target === null) {
    components.thresholds = GROWTH_THRESHOLDS;
    if (limit !== null) {
      if (baseValue < limit && direction === -1) warnings.push('base_below_limit');
      if (baseValue > limit && direction === 1) warnings.push('base_above_limit');
      const c = limitCoefficient(baseValue, limit);
      components.coefficient = c;
      components.thresholds = { high: GROWTH_THRESHOLDS.high * c, med: GROWTH_THRESHOLDS.med * c, low: GROWTH_THRESHOLDS.low * c };
    }
  } else if (limit !== null) {
    warnings.push('limit_ignored');
  }
  const t = components.thresholds;
  const targetAchieved = reachesTarget(currentValue, target, direction);

  const progressValue = computeProgressValue();
  if (targetAchieved) return result({ sign, progressValue, score: 5, status: 'target_achieved', targetAchieved });
  if (progressValue === null) {
    // A target equal to the base that is not achieved means the value moved the wrong way (see JSDoc).
    if (warnings.includes('target_equals_base')) return result({ sign, score: -5, status: 'deterioration' });
    return result({ sign });
  }
  const score = target === null ? growthScore(progressValue, t, components.coefficient ?? 1) : ratioScore(progressValue);
  return result({ sign, progressValue, score, status: bandStatus(progressValue, t) });

  function computeProgressValue(): number | null {
    if (baseValue === null || currentValue === null || currentYear === null) return null;
    let base = baseValue;
    if (base === 0) {
      warnings.push('base_zero');
      base = ZERO_SUBSTITUTE;
    }
    if ((base > 0 && currentValue < 0) || (base < 0 && currentValue > 0)) {
      warnings.push('opposite_signs');
      return null;
    }
    if (currentYear - baseYear < 1) {
      warnings.push('too_few_years');
      return null;
    }
    const observed = cagr(base, currentValue, currentYear - baseYear);
    components.cagrObserved = finiteOrNull(observed);
    if (target === null) return finiteOrNull(sign * direction * observed);
    if (targetYear - baseYear <= 0) {
      warnings.push('target_year_not_after_base');
      return null;
    }
    if (target / base < 0) {
      warnings.push('target_opposite_sign');
      return null;
    }
    const required = cagr(base, target, targetYear - baseYear);
    components.cagrRequired = finiteOrNull(required);
    if (required === 0) {
      warnings.push('target_equals_base');
      return null;
    }
    return finiteOrNull((sign * direction * observed) / Math.abs(required));
  }
}

/** A series score in an indicator, or a `group:` of them that is averaged first (Open SDG progress_calculation_options). */
export type ScoreNode = { score: number | null; targetAchieved: boolean } | { group: readonly ScoreNode[] };

/** Indicator-level result; `seriesCount` counts the series that had a score. */
export type IndicatorAggregate = { score: number | null; status: ProgressStatus; targetAchieved: boolean; seriesCount: number };

/**
 * Indicator score = mean of its series scores (series without a score are left out; a group is averaged first and
 * then counts as one entry); status from the score bands, target_achieved only if every scored series achieved it
 * (ProgressMeasure.py IndicatorProgress.get_indicator_progress). Nothing scored → not_available.
 */
export function aggregateIndicator(nodes: readonly ScoreNode[]): IndicatorAggregate {
  let sum = 0;
  let n = 0;
  let allAchieved = true;
  let seriesCount = 0;
  for (const node of nodes) {
    const entry = 'group' in node ? aggregateIndicator(node.group) : { score: node.score, targetAchieved: node.targetAchieved, seriesCount: 1 };
    if (entry.score === null) continue;
    sum += entry.score;
    n += 1;
    allAchieved &&= entry.targetAchieved;
    seriesCount += entry.seriesCount;
  }
  if (n === 0) return { score: null, status: 'not_available', targetAchieved: false, seriesCount: 0 };
  const score = sum / n;
  return { score, status: scoreStatus(score, allAchieved), targetAchieved: allAchieved, seriesCount };
}
