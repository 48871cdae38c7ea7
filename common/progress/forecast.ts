/**
 * Looking forward: an end-of-plan forecast from the trend of the years available, and the what-if question
 * "what value next year keeps us on track?". The forecast answers ESCAP's "will the target be met?" (the
 * Anticipated Progress Index, shared/research/indicators.md §2.4); the required value inverts the status rules
 * of statcan.ts and linear.ts in closed form.
 */
import {
  type Direction,
  GROWTH_THRESHOLDS,
  isFiniteNumber,
  type MeasureInput,
  type ProgressMethodName,
  RATIO_THRESHOLDS,
  reachesTarget,
  selectMethod,
} from './core.ts';
import { cagr, limitCoefficient, ZERO_SUBSTITUTE } from './statcan.ts';

/** One observation: a level or running total, or for `increment` that year's addition. */
export type YearValue = { year: number; value: number };

/** `time-weighted-linear` for levels and running totals, `increment-mean` for 新增 plan totals. */
export type ForecastMethod = 'time-weighted-linear' | 'increment-mean';

/** The projected value at the target year (for `increment`, the projected plan total). */
export type Forecast = {
  targetYear: number;
  value: number;
  /** Trend per year: the regression slope, or for `increment` the mean yearly addition. */
  slope: number;
  /** Number of points used. */
  points: number;
  method: ForecastMethod;
};

const usable = (points: readonly YearValue[]) => points.filter((p) => Number.isFinite(p.year) && Number.isFinite(p.value));

/**
 * Linear trend by weighted least squares over the (year, value) points, evaluated at the target year.
 * Time-weighted, in the spirit of ESCAP's Anticipated Progress Index ("recent years weigh more"): weight =
 * 1 + (year − firstYear). The exact ESCAP weights were not available (indicators.md §2.4). null with fewer
 * than 2 points or when all points share one year.
 */
export function forecastLinear(points: readonly YearValue[], targetYear: number): Forecast | null {
  const pts = usable(points);
  if (pts.length < 2) return null;
  const firstYear = Math.min(...pts.map((p) => p.year));
  const weight = (p: YearValue) => 1 + (p.year - firstYear);
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (const p of pts) {
    sw += weight(p);
    sx += weight(p) * p.year;
    sy += weight(p) * p.value;
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (const p of pts) {
    sxx += weight(p) * (p.year - mx) ** 2;
    sxy += weight(p) * (p.year - mx) * (p.value - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { targetYear, value: my + slope * (targetYear - mx), slope, points: pts.length, method: 'time-weighted-linear' };
}

/**
 * Plan total for an `increment` (新增) indicator: sum of the yearly additions so far + mean yearly addition ×
 * years remaining after the last one (none once the plan is over). Pass only the plan years' additions.
 * null with fewer than 2 points, as for the trend.
 */
export function forecastIncrementTotal(additions: readonly YearValue[], targetYear: number): Forecast | null {
  const pts = usable(additions);
  if (pts.length < 2) return null;
  const sum = pts.reduce((acc, p) => acc + p.value, 0);
  const mean = sum / pts.length;
  const remaining = Math.max(0, targetYear - Math.max(...pts.map((p) => p.year)));
  return { targetYear, value: sum + mean * remaining, slope: mean, points: pts.length, method: 'increment-mean' };
}

/** Whether a forecast reaches the target in the desired direction; null without a target. */
export function forecastMeetsTarget(forecast: Forecast, target: number | null, direction: Direction): boolean | null {
  return target === null ? null : reachesTarget(forecast.value, target, direction);
}

/** Answer of the what-if panel. */
export type RequiredNextValue = {
  year: number;
  /** The value to report for `year`: a level or running total, or for `increment` that year's addition (negative: out of reach). */
  value: number;
  /** For `increment`: the plan-to-date sum that value brings; else null. */
  planToDate: number | null;
  method: ProgressMethodName;
  /** Which condition binds: reaching the target itself, or the on-track threshold. */
  via: 'target' | 'on_track';
};

/**
 * The smallest value (largest when lower is better) at currentYear + 1 whose status is on_track or
 * target_achieved under the method `measureProgress` would use, in closed form (n = currentYear + 1 − baseYear):
 * - statcan-2.4: R ≥ 0.95 ⇔ d·((x/y0)^(1/n) − 1) ≥ 0.95·|CAGR_r| ⇔ x ≥ y0·(1 + 0.95|CAGR_r|)^n (d = +1) or
 *   x ≤ y0·(1 − 0.95|CAGR_r|)^n (d = −1); reaching the target also counts, so the answer is the nearer of that and the target.
 * - statcan-2.4-no-target: P ≥ 1.5 %·C, solved the same way with s·d (a negative base flips the inequality).
 * - linear-share: R ≥ 0.95 ⇔ x ≥ base + 0.95·|target − base|·n/planYears (mirrored when lower is better), or the target.
 * - increment-linear: S' ≥ min(0.95·E', target) (higher is better) or S' ≤ min(E' + 0.05·|E'|, target) (a cap);
 *   the answer is that year's addition S' − S.
 * null when the method cannot give a status for this input (see selectMethod) or next year is not after the base year.
 */
export function requiredNextValue(input: MeasureInput): RequiredNextValue | null {
  const { baseYear, baseValue, currentYear, currentValue, targetYear, direction, limit } = input;
  const sel = selectMethod(input);
  const year = currentYear + 1;
  const n = year - baseYear;
  const planYears = targetYear - baseYear;
  if (sel.unavailable !== null || n < 1) return null;
  const answer = (value: number, via: RequiredNextValue['via'], planToDate: number | null = null): RequiredNextValue | null =>
    Number.isFinite(value) ? { year, value, planToDate, method: sel.method, via } : null;
  // The nearer of the on-track boundary and the target (both sets extend away from the base in direction d).
  const nearer = (onTrack: number | null, target: number): RequiredNextValue | null => {
    if (onTrack === null || !Number.isFinite(onTrack)) return answer(target, 'target');
    const useTarget = direction === 1 ? target <= onTrack : target >= onTrack;
    return answer(useTarget ? target : onTrack, useTarget ? 'target' : 'on_track');
  };

  switch (sel.method) {
    case 'statcan-2.4': {
      if (!isFiniteNumber(baseValue) || input.target === null || planYears <= 0) return null;
      const target = input.target === 0 ? ZERO_SUBSTITUTE : input.target;
      const required = target / baseValue > 0 ? cagr(baseValue, target, planYears) : 0;
      const k = RATIO_THRESHOLDS.high * Math.abs(required);
      if (required === 0 || (direction === -1 && k >= 1)) return answer(target, 'target');
      return nearer(baseValue * (1 + direction * k) ** n, target);
    }
    case 'statcan-2.4-no-target': {
      if (!isFiniteNumber(baseValue)) return null;
      const k = GROWTH_THRESHOLDS.high * (limit === null ? 1 : limitCoefficient(baseValue, limit));
      const sd = (baseValue < 0 ? -1 : 1) * direction;
      if (sd === -1 && k >= 1) return null;
      return answer(baseValue * (1 + sd * k) ** n, 'on_track');
    }
    case 'linear-share': {
      if (input.target === null || planYears <= 0) return null;
      const base = baseValue ?? 0;
      const needed = (Math.abs(input.target - base) * n) / planYears;
      return nearer(needed === 0 ? null : base + direction * RATIO_THRESHOLDS.high * needed, input.target);
    }
    case 'increment-linear': {
      if (input.target === null || !isFiniteNumber(currentValue) || planYears <= 0) return null;
      const expected = (input.target * n) / planYears;
      const onTrack = direction === 1 ? RATIO_THRESHOLDS.high * expected : expected + (1 - RATIO_THRESHOLDS.high) * Math.abs(expected);
      // Higher is better: the smaller of the two sums suffices. A cap: the sum must stay within both.
      const sum = Math.min(onTrack, input.target);
      return answer(sum - currentValue, sum === input.target ? 'target' : 'on_track', sum);
    }
  }
}
