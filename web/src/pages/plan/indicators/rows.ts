/** Rows of the indicator list: each indicator with its progress for the chosen year and region. */
import type { Indicator, IndicatorProgress, ProgressStatus } from '../../../api/plan';

export interface IndicatorRow {
  indicator: Indicator;
  progress: IndicatorProgress | null;
  status: ProgressStatus;
}

export function joinProgress(indicators: readonly Indicator[], progress: readonly IndicatorProgress[]): IndicatorRow[] {
  const byId = new Map(progress.map((item) => [item.indicatorId, item]));
  return indicators.map((indicator) => {
    const item = byId.get(indicator.id) ?? null;
    return { indicator, progress: item, status: item?.progress.status ?? 'not_available' };
  });
}

/** "产品质量" or "综合指标 · 标准建设" */
export function categoryLabel(indicator: Pick<Indicator, 'category' | 'subCategory'>): string {
  return indicator.subCategory ? `${indicator.category} · ${indicator.subCategory}` : indicator.category;
}

/** Category filter choices in 表1 order. */
export function categoriesOf(indicators: readonly Pick<Indicator, 'category'>[]): string[] {
  return [...new Set(indicators.map((indicator) => indicator.category))];
}

/** Name or code contains the search text (case-insensitive, trimmed). */
export function matchesSearch(indicator: Pick<Indicator, 'name' | 'code'>, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return indicator.name.toLowerCase().includes(q) || indicator.code.toLowerCase().includes(q);
}

/** Compares numbers that may be missing; a missing value sorts below every number. */
export function compareNullable(a: number | null | undefined, b: number | null | undefined): number {
  const left = a ?? Number.NEGATIVE_INFINITY;
  const right = b ?? Number.NEGATIVE_INFINITY;
  return left === right ? 0 : left < right ? -1 : 1;
}
