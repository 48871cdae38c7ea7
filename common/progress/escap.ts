/**
 * Two plain-language views next to the StatCan status (shared/research/indicators.md §0.1):
 * - ESCAP's current-status share (Asia-Pacific SDG Progress Report, Current Status Index, §2.4): "x % of the
 *   required change has been achieved", for the mid-term evaluation;
 * - the UNSD Progress Chart "expected value at the target year" ratio r (UNSD Progress Chart 2023 Technical
 *   Note, as documented by EUSTAT-DES/site `_pages/en/metodologia.md`, §2.3): where the current trend lands.
 */
import { type Direction, isFiniteNumber, reachesTarget } from './core.ts';

/**
 * ESCAP current-status share CS = (x_t − x_0) / (x* − x_0): the share of the change from base to target made so
 * far (1 = target reached, < 0 = moved away). Direction needs no input: the sign of x* − x_0 carries it.
 * null when an input is missing or the target equals the base.
 */
export function currentStatusShare(input: { baseValue: number | null; currentValue: number | null; target: number | null }): number | null {
  const { baseValue, currentValue, target } = input;
  if (!isFiniteNumber(baseValue) || !isFiniteNumber(currentValue) || !isFiniteNumber(target) || target === baseValue) return null;
  return (currentValue - baseValue) / (target - baseValue);
}

/** UNSD Progress Chart classes for the expected-value ratio (the 2023 three-band version). */
export const UNSD_STATUSES = ['target_met', 'on_track', 'fair_progress', 'stagnation_or_regression'] as const;
export type UnsdStatus = (typeof UNSD_STATUSES)[number];

/** r ≥ 0.95 on track (target met by the target year on the current trend); 0.10 ≤ r < 0.95 fair; below 0.10 stagnation or regression. */
export const UNSD_THRESHOLDS = { onTrack: 0.95, fair: 0.1 } as const;

/** Inputs of the UNSD ratio: a level indicator with a numeric target. */
export type UnsdExpectedValueInput = {
  baseYear: number;
  baseValue: number | null;
  currentYear: number;
  currentValue: number | null;
  targetYear: number;
  target: number | null;
  direction: Direction;
};

/** The UNSD view: the trend's growth rate, where it lands at the target year, and r. */
export type UnsdExpectedValueResult = {
  /** CAGR_a = (v_t / v_b)^(1/(t − b)) − 1 */
  cagr: number;
  /** v_e(T) = v_t · (1 + CAGR_a)^(T − t) */
  expectedValue: number;
  /** r = (v_e(T) − v_b) / (v_T − v_b) */
  ratio: number;
  status: UnsdStatus;
};

/**
 * UNSD "expected value at the target year" ratio: extend the observed CAGR from the latest value to the target
 * year and compare the change it would bring with the change required. A latest value that already meets the
 * target is `target_met` whatever the ratio. null when the ratio cannot be formed: missing inputs, fewer than
 * 2 years, a base ≤ 0 or a current value ≤ 0 (the CAGR needs positive values), or a target equal to the base.
 * Example (indicators.md §2.3): PM2.5 30 → 28.5 (2020→2023), target 27 in 2025 → CAGR −1.695 %, v_e 27.54, r 0.819, fair.
 */
export function unsdExpectedValueRatio(input: UnsdExpectedValueInput): UnsdExpectedValueResult | null {
  const { baseYear, baseValue, currentYear, currentValue, targetYear, target, direction } = input;
  if (!isFiniteNumber(baseValue) || !isFiniteNumber(currentValue) || !isFiniteNumber(target)) return null;
  if (currentYear - baseYear < 1 || baseValue <= 0 || currentValue <= 0 || target === baseValue) return null;
  const cagr = (currentValue / baseValue) ** (1 / (currentYear - baseYear)) - 1;
  const expectedValue = currentValue * (1 + cagr) ** (targetYear - currentYear);
  const ratio = (expectedValue - baseValue) / (target - baseValue);
  if (!Number.isFinite(ratio)) return null;
  const status: UnsdStatus = reachesTarget(currentValue, target, direction)
    ? 'target_met'
    : ratio >= UNSD_THRESHOLDS.onTrack
      ? 'on_track'
      : ratio >= UNSD_THRESHOLDS.fair
        ? 'fair_progress'
        : 'stagnation_or_regression';
  return { cagr, expectedValue, ratio, status };
}
