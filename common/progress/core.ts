/**
 * Shared vocabulary of the progress engine: statuses, directions, accumulation types, method names,
 * warning codes, and the status bands and score formula that every ratio-based method shares.
 * Sources: Open SDG sdg-build 2.4.0 `sdg/ProgressMeasure.py` (get_progress_status,
 * get_progress_status_from_score, get_score) and shared/research/indicators.md §2.2.
 */

/** The platform's status names. Open SDG's `substantial_progress` ("On track") is our `on_track`. */
export const PROGRESS_STATUSES = ['target_achieved', 'on_track', 'moderate_progress', 'limited_progress', 'deterioration', 'not_available'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** 滞后: behind the path to the target (acceleration needed, limited progress or going backwards) — one definition for every view. */
export const LAGGING_STATUSES: readonly ProgressStatus[] = ['moderate_progress', 'limited_progress', 'deterioration'];

/** +1 higher is better, −1 lower is better (Open SDG `direction: positive | negative`). */
export type Direction = 1 | -1;

/**
 * How yearly values relate to the target (shared/research/indicators.md §4 G2):
 * `level` a stock read at the latest year (PM2.5, 优良率); `increment` (新增) yearly additions summed
 * over the plan, the target being the plan total; `cumulative` (累计) a running total read at the latest year.
 */
export const ACCUMULATIONS = ['level', 'increment', 'cumulative'] as const;
export type Accumulation = (typeof ACCUMULATIONS)[number];

/** The methods `measureProgress` can pick; explained in Chinese in PROGRESS_METHODS (methods.ts). */
export const PROGRESS_METHOD_NAMES = ['statcan-2.4', 'statcan-2.4-no-target', 'linear-share', 'increment-linear'] as const;
export type ProgressMethodName = (typeof PROGRESS_METHOD_NAMES)[number];

/** Why a result is flagged or unavailable; each code has a bilingual note in PROGRESS_NOTES (methods.ts). */
export const PROGRESS_WARNINGS = [
  'missing_value',
  'too_few_years',
  'target_zero',
  'base_zero',
  'opposite_signs',
  'target_opposite_sign',
  'target_equals_base',
  'target_year_not_after_base',
  'base_above_limit',
  'base_below_limit',
  'limit_ignored',
  'base_missing_assumed_zero',
  'base_zero_linear',
  'base_negative_linear',
  'no_target',
  'base_zero_no_target',
  'cap_exceeded',
] as const;
export type ProgressWarning = (typeof PROGRESS_WARNINGS)[number];

/** The calculator's input (body of `POST /api/v1/progress/measure`). For `increment`, currentValue is the plan-to-date sum. */
export type MeasureInput = {
  baseYear: number;
  baseValue: number | null;
  currentYear: number;
  currentValue: number | null;
  targetYear: number;
  target: number | null;
  direction: Direction;
  limit: number | null;
  accumulation: Accumulation;
  /** Optional observed points for the end-of-plan forecast; for `increment` the yearly additions. */
  series?: readonly { year: number; value: number }[];
};

/** Open SDG's status vocabulary, as found in indicator_calculation_components.yml. */
export type OpenSdgStatus = 'target_achieved' | 'substantial_progress' | 'moderate_progress' | 'limited_progress' | 'deterioration' | 'not_available';

/** Open SDG status → ours (only `substantial_progress` is renamed). */
export const FROM_OPEN_SDG_STATUS = {
  target_achieved: 'target_achieved',
  substantial_progress: 'on_track',
  moderate_progress: 'moderate_progress',
  limited_progress: 'limited_progress',
  deterioration: 'deterioration',
  not_available: 'not_available',
} as const satisfies Record<OpenSdgStatus, ProgressStatus>;

/** Band edges {high, med, low}: value ≥ high on track, ≥ med moderate, ≥ low limited, below low deterioration. */
export type Thresholds = { high: number; med: number; low: number };

/** Method 2 thresholds for the growth ratio R (ProgressMeasure.py get_progress_thresholds); reused by the linear methods. */
export const RATIO_THRESHOLDS: Thresholds = { high: 0.95, med: 0.6, low: 0 };

/** Method 1 thresholds for the direction-signed CAGR P, before limit scaling: 1.5 %, 0.5 %, 0. */
export const GROWTH_THRESHOLDS: Thresholds = { high: 0.015, med: 0.005, low: 0 };

/** Status for a progress value against band edges; null → not_available (ProgressMeasure.py get_progress_status). */
export function bandStatus(value: number | null, t: Thresholds): ProgressStatus {
  if (value === null || Number.isNaN(value)) return 'not_available';
  if (value >= t.high) return 'on_track';
  if (value >= t.med) return 'moderate_progress';
  if (value >= t.low) return 'limited_progress';
  return 'deterioration';
}

/**
 * Method 2 score for a ratio R, −5…5: 7.1429·R − 4.2857 (capped at 5) from R ≥ 0.60, else 4.1667·R − 2.5
 * (floored at −5). The coefficients are Open SDG's rounded ones, kept so scores match its output to the bit.
 * Checkpoints: R = 1.30 → 5, 0.95 → 2.5, 0.60 → 0, 0 → −2.5, −0.60 → −5.
 */
export function ratioScore(r: number): number {
  if (r >= RATIO_THRESHOLDS.med) return Math.min(7.1429 * r - 4.2857, 5);
  return Math.max(4.1667 * r - 2.5, -5);
}

/**
 * Indicator status from a mean score (get_progress_status_from_score): [2.5, 5] on track, [0, 2.5) moderate,
 * [−2.5, 0) limited, [−5, −2.5) deterioration; target_achieved only when every series achieved its target.
 */
export function scoreStatus(score: number | null, targetAchieved: boolean): ProgressStatus {
  if (targetAchieved) return 'target_achieved';
  if (score === null || Number.isNaN(score)) return 'not_available';
  if (score >= 2.5) return 'on_track';
  if (score >= 0) return 'moderate_progress';
  if (score >= -2.5) return 'limited_progress';
  return 'deterioration';
}

/** Whether the current value has reached a (non-null) target in the desired direction; the check that comes first everywhere. */
export function reachesTarget(current: number, target: number | null, direction: Direction): boolean {
  if (target === null) return false;
  return direction === 1 ? current >= target : current <= target;
}

/** A finite number (rejects null, NaN, ±Infinity), for inputs that may come from a form. */
export function isFiniteNumber(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Finite numbers only: NaN and ±Infinity become null so results stay JSON-safe. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * The method `measureProgress` uses for an input, and why a result must be `not_available` before any arithmetic.
 * - `increment` → increment-linear (needs a target: the plan total).
 * - `cumulative` with a target → linear-share (CAGR from a running total's small early values says little).
 * - `level` with a target and base > 0 → statcan-2.4; base 0, missing or negative → linear-share, because
 *   CAGR needs a positive base (Open SDG swaps 0 for 0.001 and gives not_available whenever the value crosses 0).
 * - `level`/`cumulative` without a target → statcan-2.4-no-target (Open SDG Method 1; its sign rule handles a
 *   negative base), but not from a base of 0 or a missing base, where 0.001 would make any value look like growth.
 */
export function selectMethod(input: Pick<MeasureInput, 'accumulation' | 'baseValue' | 'target'>): {
  method: ProgressMethodName;
  warning: ProgressWarning | null;
  unavailable: ProgressWarning | null;
} {
  const { accumulation, baseValue, target } = input;
  if (accumulation === 'increment') return { method: 'increment-linear', warning: null, unavailable: target === null ? 'no_target' : null };
  if (target === null) {
    const unavailable = baseValue === null ? 'missing_value' : baseValue === 0 ? 'base_zero_no_target' : null;
    return { method: 'statcan-2.4-no-target', warning: null, unavailable };
  }
  if (baseValue === null) return { method: 'linear-share', warning: 'base_missing_assumed_zero', unavailable: null };
  if (baseValue === 0) return { method: 'linear-share', warning: 'base_zero_linear', unavailable: null };
  if (accumulation === 'cumulative') return { method: 'linear-share', warning: null, unavailable: null };
  if (baseValue < 0) return { method: 'linear-share', warning: 'base_negative_linear', unavailable: null };
  return { method: 'statcan-2.4', warning: null, unavailable: null };
}
