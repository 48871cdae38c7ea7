/** Number, target and year formatting for the plan pages. */
import type { Plan, Target } from '../../../api/plan';

export const DASH = '—';

/** A value with the indicator's decimals (fixed), or up to two decimals when they are unknown; "—" for none. */
export function formatNumber(value: number | null | undefined, decimals?: number | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const fixed = decimals ?? null;
  return value.toLocaleString('zh-CN', {
    minimumFractionDigits: fixed ?? 0,
    maximumFractionDigits: fixed ?? 2,
    useGrouping: Math.abs(value) >= 10_000,
  });
}

/** "98.5%", "200家", "25微克/立方米": Chinese writes the unit straight after the number. */
export function formatValue(value: number | null | undefined, unit: string, decimals?: number | null): string {
  const text = formatNumber(value, decimals);
  return text === DASH ? DASH : `${text}${unit}`;
}

export function formatTarget(target: Target, unit: string, decimals?: number | null): string {
  return 'value' in target ? formatValue(target.value, unit, decimals) : target.text;
}

/** 0.625 → "62.5%" (ESCAP current-status share, rubric shares). */
export function formatShare(share: number | null | undefined, decimals = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return DASH;
  return `${(share * 100).toFixed(decimals)}%`;
}

/** The progress ratio R with two decimals. */
export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value.toFixed(2);
}

/** Relative change from the previous value; null when there is none or it is zero. */
export function relativeChange(current: number, previous: number | null | undefined): number | null {
  if (previous === null || previous === undefined || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

export function formatChange(change: number | null): string {
  if (change === null) return DASH;
  const percent = (change * 100).toFixed(1);
  return change > 0 ? `+${percent}%` : `${percent}%`;
}

export function planYears(plan: Pick<Plan, 'startYear' | 'endYear'>): number[] {
  const years: number[] = [];
  for (let year = plan.startYear; year <= plan.endYear; year += 1) years.push(year);
  return years;
}

/** Figures for a year are reported in the next: default to last year, within the plan period. */
export function defaultYear(plan: Pick<Plan, 'startYear' | 'endYear'>, today = new Date()): number {
  return Math.min(plan.endYear, Math.max(plan.startYear, today.getFullYear() - 1));
}

/** The plan asked for if it exists, else the active one, else the newest. */
export function pickPlan<T extends Pick<Plan, 'id' | 'status' | 'startYear'>>(plans: readonly T[], wanted: string | null): T | undefined {
  return plans.find((plan) => plan.id === wanted) ?? plans.find((plan) => plan.status === 'active') ?? [...plans].sort((a, b) => b.startYear - a.startYear)[0];
}

/** "1.2 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A plausibility range: "0 ~ 100%", "不低于 0个", "不限". */
export function formatRange({ valueMin, valueMax, unit }: { valueMin: number | null; valueMax: number | null; unit: string }): string {
  if (valueMin !== null && valueMax !== null) return `${formatNumber(valueMin)} ~ ${formatNumber(valueMax)}${unit}`;
  if (valueMin !== null) return `不低于 ${formatNumber(valueMin)}${unit}`;
  if (valueMax !== null) return `不高于 ${formatNumber(valueMax)}${unit}`;
  return '不限';
}
