/**
 * Linear, time-proportional progress for the accumulation types where a CAGR does not fit
 * (shared/research/indicators.md §0.2 and §4 G2): Open SDG swaps a 0 base for 0.001, so a 新增 or 累计
 * indicator that starts at 0 would always look like explosive growth. Both methods compare what has been
 * done with what a straight line from the base to the target would have done by now, and then reuse the
 * StatCan Method 2 bands (R ≥ 0.95 on track, ≥ 0.60 moderate, ≥ 0 limited, < 0 deterioration) and score,
 * so that all methods land on the same −5…5 scale and can be averaged together.
 */
import { bandStatus, type Direction, finiteOrNull, type ProgressStatus, type ProgressWarning, RATIO_THRESHOLDS, ratioScore, reachesTarget } from './core.ts';

/** Input of the linear share: a level or running total read at the latest year. */
export type LinearShareInput = {
  baseYear: number;
  /** null → treated as 0, with the `base_missing_assumed_zero` warning. */
  baseValue: number | null;
  currentYear: number;
  currentValue: number;
  targetYear: number;
  target: number;
  direction: Direction;
};

/** Input of the increment method: the plan-to-date sum of yearly additions and the plan total. */
export type IncrementInput = {
  baseYear: number;
  currentYear: number;
  /** Σ of the yearly additions over baseYear+1 … currentYear. */
  sumToDate: number;
  targetYear: number;
  /** The plan total (e.g. 200 standards over 2021–2025). */
  target: number;
  direction: Direction;
};

/** The intermediate numbers: the time-proportional expected value and the share of the plan period elapsed. */
export type LinearComponents = {
  /** Base used (0 when missing); for increment always 0. */
  base: number;
  /** Expected value (linear share) or expected plan-to-date sum (increment) at currentYear. */
  expected: number;
  elapsedYears: number;
  planYears: number;
};

/** Result of a linear method; `progressValue` is the ratio R. */
export type LinearResult = {
  method: 'linear-share' | 'increment-linear';
  progressValue: number | null;
  score: number | null;
  status: ProgressStatus;
  targetAchieved: boolean;
  components: LinearComponents | null;
  warnings: ProgressWarning[];
};

/** Years since the base and years in the plan; null when the comparison is meaningless (fewer than 2 years, or no plan period). */
function planClock(baseYear: number, currentYear: number, targetYear: number, warnings: ProgressWarning[]) {
  const elapsedYears = currentYear - baseYear;
  const planYears = targetYear - baseYear;
  if (elapsedYears < 1) {
    warnings.push('too_few_years');
    return null;
  }
  if (planYears <= 0) {
    warnings.push('target_year_not_after_base');
    return null;
  }
  return { elapsedYears, planYears };
}

/** Status and score for a ratio R (Method 2 bands); target achieved comes first with score 5. */
function fromRatio(r: number | null, targetAchieved: boolean): Pick<LinearResult, 'score' | 'status'> {
  if (targetAchieved) return { score: 5, status: 'target_achieved' };
  if (r === null) return { score: null, status: 'not_available' };
  return { score: ratioScore(r), status: bandStatus(r, RATIO_THRESHOLDS) };
}

/**
 * Linear share for `cumulative` (累计) indicators and for `level` indicators whose base is 0 or missing:
 *   E = base + (target − base) · elapsed / planYears,   R = d · (current − base) / |E − base|
 * i.e. the change achieved over the change a straight line to the target would have achieved by now. The
 * d·…/|…| form mirrors StatCan's s·d·CAGR_o/|CAGR_r|: moving the desired way is positive whatever side of the
 * base the target sits on. Target achieved is checked first. A target equal to the base that is not achieved
 * means the value moved the wrong way: deterioration, score −5, R null (as in statcan.ts).
 */
export function linearShareProgress(input: LinearShareInput): LinearResult {
  const { baseYear, currentYear, currentValue, targetYear, target, direction } = input;
  const warnings: ProgressWarning[] = [];
  if (input.baseValue === null) warnings.push('base_missing_assumed_zero');
  const base = input.baseValue ?? 0;
  const targetAchieved = reachesTarget(currentValue, target, direction);
  const clock = planClock(baseYear, currentYear, targetYear, warnings);
  if (clock === null) return { method: 'linear-share', progressValue: null, components: null, targetAchieved, warnings, ...fromRatio(null, targetAchieved) };
  const expected = base + ((target - base) * clock.elapsedYears) / clock.planYears;
  const components: LinearComponents = { base, expected, ...clock };
  if (expected === base) {
    warnings.push('target_equals_base');
    const s = targetAchieved ? fromRatio(null, true) : { score: -5, status: 'deterioration' as const };
    return { method: 'linear-share', progressValue: null, components, targetAchieved, warnings, ...s };
  }
  const r = finiteOrNull((direction * (currentValue - base)) / Math.abs(expected - base));
  return { method: 'linear-share', progressValue: r, components, targetAchieved, warnings, ...fromRatio(r, targetAchieved) };
}

/**
 * Increment (新增): yearly additions summed over the plan against a plan total.
 *   E = target · elapsed / planYears  (expected plan-to-date sum),   R = S / E  when higher is better.
 * Target achieved when S ≥ target. Lower is better (a cap on the plan total, e.g. new incidents ≤ 50) is mirrored
 * around the pro-rata line, R = 2 − S/E, so that being x % over the pro-rata allowance scores like being x % under
 * the pro-rata path when higher is better; in general R = 1 + d·(S − E)/|E|. Such a cap is achieved only at the
 * end (currentYear ≥ targetYear and S ≤ target); once S > target it can no longer be met: deterioration, score −5
 * (R still reported). E = 0 (a target of 0) gives R = 1 when S = 0 and no ratio otherwise.
 */
export function incrementProgress(input: IncrementInput): LinearResult {
  const { baseYear, currentYear, sumToDate: s, targetYear, target, direction } = input;
  const warnings: ProgressWarning[] = [];
  const targetAchieved = direction === 1 ? s >= target : currentYear >= targetYear && s <= target;
  const clock = planClock(baseYear, currentYear, targetYear, warnings);
  if (clock === null)
    return { method: 'increment-linear', progressValue: null, components: null, targetAchieved, warnings, ...fromRatio(null, targetAchieved) };
  const expected = (target * clock.elapsedYears) / clock.planYears;
  const components: LinearComponents = { base: 0, expected, ...clock };
  const r =
    expected === 0
      ? s === 0
        ? 1
        : null
      : finiteOrNull(direction === 1 && expected > 0 ? s / expected : 1 + (direction * (s - expected)) / Math.abs(expected));
  if (direction === -1 && s > target) {
    warnings.push('cap_exceeded');
    return { method: 'increment-linear', progressValue: r, components, targetAchieved, warnings, score: -5, status: 'deterioration' };
  }
  return { method: 'increment-linear', progressValue: r, components, targetAchieved, warnings, ...fromRatio(r, targetAchieved) };
}
