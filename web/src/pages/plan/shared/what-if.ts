/** The what-if panel: a hypothetical next-year value measured by the server, and the least value that keeps an indicator on track. */
import { directionSign, type Indicator, type IndicatorProgress, type MeasureInput, type ProgressStatus } from '../../../api/plan';

export function isGood(status: ProgressStatus): boolean {
  return status === 'target_achieved' || status === 'on_track';
}

/** Plan-to-date sum of 新增 values up to the progress year (what `currentValue` holds for increment indicators). */
function sumToDate(progress: IndicatorProgress): number {
  return progress.currentValue ?? 0;
}

/**
 * The measure for "next year the value is `value`": a level or running total is the value itself;
 * a 新增 value is added to the plan-to-date sum.
 */
export function buildMeasureInput(indicator: Indicator, progress: IndicatorProgress, year: number, value: number): MeasureInput {
  return {
    baseYear: progress.baseYear,
    baseValue: progress.baseValue,
    currentYear: year,
    currentValue: indicator.accumulation === 'increment' ? sumToDate(progress) + value : value,
    targetYear: indicator.targetYear,
    target: progress.targetValue,
    direction: directionSign(indicator.direction),
    limit: indicator.limit,
    accumulation: indicator.accumulation,
  };
}

/** Where the search for a required value starts: "no change" (no new additions for 新增). */
export function searchStart(indicator: Indicator, progress: IndicatorProgress): number {
  if (indicator.accumulation === 'increment') return 0;
  return progress.currentValue ?? progress.baseValue ?? 0;
}

/** The target in the panel's terms (for 新增: what is still missing from the plan-to-date sum). */
export function searchTarget(indicator: Indicator, progress: IndicatorProgress): number | null {
  if (progress.targetValue === null) return null;
  return indicator.accumulation === 'increment' ? progress.targetValue - sumToDate(progress) : progress.targetValue;
}

export interface RequiredSearch {
  direction: 1 | -1;
  start: number;
  target: number | null;
  /** the smallest step that matters (10^-decimals) */
  step: number;
  /** the least favourable value allowed (0 for counts and rates); the search does not go beyond it */
  worst: number | null;
  maxCalls?: number;
}

export interface RequiredValue {
  /** the least favourable value that still gives on_track or better */
  value: number;
  /** even the least favourable allowed value is on track */
  alwaysGood: boolean;
  calls: number;
}

/**
 * Searches the status function (monotone in the value: better values never give worse statuses)
 * for the threshold of "on track", with as few measures as a bisection needs. null when no value
 * within reach gives on track.
 */
export async function findRequiredValue(measure: (value: number) => Promise<ProgressStatus>, search: RequiredSearch): Promise<RequiredValue | null> {
  const { direction, step } = search;
  const maxCalls = search.maxCalls ?? 40;
  let calls = 0;
  const good = async (value: number) => {
    calls += 1;
    return isGood(await measure(value));
  };
  const better = (a: number, b: number) => (direction === 1 ? Math.max(a, b) : Math.min(a, b));
  const clampWorst = (value: number) => (search.worst === null ? value : better(value, search.worst));

  let bad = clampWorst(search.start);
  let ok: number;
  if (await good(bad)) {
    // Already on track: look the other way for where it stops being so.
    ok = bad;
    let stride = Math.max(Math.abs(bad) * 0.1, step);
    for (;;) {
      if (calls >= maxCalls) return null;
      const next = clampWorst(ok - direction * stride);
      if (next === ok) return { value: ok, alwaysGood: true, calls };
      if (!(await good(next))) {
        bad = next;
        break;
      }
      ok = next;
      stride *= 2;
    }
  } else {
    ok = search.target ?? bad + direction * Math.max(Math.abs(bad) * 0.1, step);
    if (direction * (ok - bad) <= 0) ok = bad + direction * step;
    let stride = Math.max(Math.abs(ok - bad), step);
    while (!(await good(ok))) {
      if (calls >= maxCalls) return null;
      bad = ok;
      ok += direction * stride;
      stride *= 2;
    }
  }
  while (Math.abs(ok - bad) > step && calls < maxCalls) {
    const mid = (ok + bad) / 2;
    if (await good(mid)) ok = mid;
    else bad = mid;
  }
  // The threshold lies in (bad, ok], at most one step wide: the first step multiple past `bad` is
  // the answer when it is on track, else the one after it (beyond `ok`, so on track).
  const decimals = Math.max(0, Math.round(-Math.log10(step)));
  const first = direction === 1 ? (Math.floor(bad / step + 1e-9) + 1) * step : (Math.ceil(bad / step - 1e-9) - 1) * step;
  let rounded = first;
  if (direction * (ok - first) > 1e-12 && !(await good(Number(first.toFixed(decimals))))) rounded = first + direction * step;
  return { value: Number(rounded.toFixed(decimals)), alwaysGood: false, calls };
}
