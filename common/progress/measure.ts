/**
 * The one entry point of the progress engine: `measureProgress(input)` picks the method from the indicator's
 * accumulation type, base and target (selectMethod in core.ts), runs it, and adds the second views (ESCAP
 * current-status share, UNSD expected-value ratio, trend forecast). Used by the server and by the public
 * calculator `POST /api/v1/progress/measure`, whose body is a MeasureInput.
 */
import { isFiniteNumber, type MeasureInput, type ProgressMethodName, type ProgressStatus, type ProgressWarning, selectMethod } from './core.ts';
import { currentStatusShare, type UnsdExpectedValueResult, unsdExpectedValueRatio } from './escap.ts';
import { type Forecast, forecastIncrementTotal, forecastLinear, forecastMeetsTarget } from './forecast.ts';
import { incrementProgress, linearShareProgress } from './linear.ts';
import { PROGRESS_METHOD_VERSION, PROGRESS_NOTES, PROGRESS_STATUS_LABELS } from './methods.ts';
import { statcanProgress } from './statcan.ts';

/** The calculator's answer. `progressValue` is R (ratio methods) or P (statcan-2.4-no-target). */
export type MeasureResult = {
  progressValue: number | null;
  /** −5…5, the scale indicators are averaged on. */
  score: number | null;
  status: ProgressStatus;
  /** Chinese label of the status (PROGRESS_STATUS_LABELS). */
  statusLabel: string;
  method: ProgressMethodName;
  methodVersion: string;
  /** StatCan's s (−1 for a negative base); null for the linear methods. */
  sign: 1 | -1 | null;
  targetAchieved: boolean;
  warnings: ProgressWarning[];
  /** One bilingual note per warning ("中文 / English"). */
  notes: string[];
  /** ESCAP: share of the base→target change made so far; for increment, plan-to-date sum ÷ plan total. */
  currentStatusShare: number | null;
  /** UNSD Progress Chart view for level/cumulative indicators with a positive base and a target. */
  expectedValueRatio: UnsdExpectedValueResult | null;
  /** Intermediate numbers of the method used (cagrObserved, cagrRequired, coefficient, expected, …). */
  components: Record<string, number | null>;
  /** End-of-plan forecast from `series` (for increment the plan total); null without at least 2 points. */
  forecast: (Forecast & { meetsTarget: boolean | null }) | null;
};

/** Number or null; NaN and ±Infinity (e.g. from a form) count as missing. */
const clean = (x: number | null | undefined): number | null => (isFiniteNumber(x) ? x : null);

/**
 * Measure progress of one indicator (or one region's series of it) towards its plan target.
 * - `level`: statcan-2.4 with a target and base > 0; linear-share with base 0, missing or negative; Method 1
 *   (statcan-2.4-no-target) without a target.
 * - `cumulative` (累计): linear-share with a target; Method 1 without one.
 * - `increment` (新增): increment-linear; `currentValue` is the plan-to-date sum and `target` the plan total.
 * Fewer than 2 years (currentYear ≤ baseYear) → not_available, even if the value already meets the target.
 */
export function measureProgress(input: MeasureInput): MeasureResult {
  const data: MeasureInput = {
    ...input,
    baseValue: clean(input.baseValue),
    currentValue: clean(input.currentValue),
    target: clean(input.target),
    limit: clean(input.limit),
  };
  const { baseYear, baseValue, currentYear, currentValue, targetYear, target, direction, limit, accumulation } = data;
  const sel = selectMethod(data);
  const warnings: ProgressWarning[] = sel.warning === null ? [] : [sel.warning];
  const out = (r: Partial<MeasureResult>): MeasureResult => {
    const status = r.status ?? 'not_available';
    const all = [...new Set([...warnings, ...(r.warnings ?? [])])];
    return {
      progressValue: r.progressValue ?? null,
      score: r.score ?? null,
      status,
      statusLabel: PROGRESS_STATUS_LABELS[status],
      method: sel.method,
      methodVersion: PROGRESS_METHOD_VERSION,
      sign: r.sign ?? null,
      targetAchieved: r.targetAchieved ?? false,
      components: r.components ?? {},
      warnings: all,
      notes: all.map((w) => PROGRESS_NOTES[w]),
      currentStatusShare: share(),
      expectedValueRatio: accumulation === 'increment' ? null : unsdExpectedValueRatio(data),
      forecast: forecast(),
    };
  };

  const unavailable =
    ![baseYear, currentYear, targetYear].every(Number.isFinite) || currentValue === null
      ? 'missing_value'
      : (sel.unavailable ?? (currentYear <= baseYear ? 'too_few_years' : null));
  if (unavailable !== null || currentValue === null) {
    warnings.push(unavailable ?? 'missing_value');
    return out({});
  }

  switch (sel.method) {
    case 'statcan-2.4':
    case 'statcan-2.4-no-target': {
      const r = statcanProgress({ baseYear, baseValue, currentYear, currentValue, targetYear, target, direction, limit });
      const { cagrObserved, cagrRequired, coefficient, thresholds } = r.components;
      return out({
        ...r,
        components: { cagrObserved, cagrRequired, coefficient, thresholdHigh: thresholds.high, thresholdMed: thresholds.med, thresholdLow: thresholds.low },
      });
    }
    case 'linear-share':
    case 'increment-linear': {
      if (target === null) return out({});
      const r =
        sel.method === 'linear-share'
          ? linearShareProgress({ baseYear, baseValue, currentYear, currentValue, targetYear, target, direction })
          : incrementProgress({ baseYear, currentYear, sumToDate: currentValue, targetYear, target, direction });
      // base_missing_assumed_zero comes from both selectMethod and the method: `out` keeps one.
      return out({ ...r, components: r.components ?? {} });
    }
  }

  function share(): number | null {
    if (accumulation === 'increment') return currentStatusShare({ baseValue: 0, currentValue, target });
    if (sel.method === 'linear-share') return currentStatusShare({ baseValue: baseValue ?? 0, currentValue, target });
    return currentStatusShare({ baseValue, currentValue, target });
  }

  function forecast(): MeasureResult['forecast'] {
    if (!input.series) return null;
    const f =
      accumulation === 'increment'
        ? forecastIncrementTotal(
            input.series.filter((p) => p.year > baseYear && p.year <= targetYear),
            targetYear,
          )
        : forecastLinear(input.series, targetYear);
    return f === null ? null : { ...f, meetsTarget: forecastMeetsTarget(f, target, direction) };
  }
}
