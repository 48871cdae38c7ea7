/** Which version of a reported cell the entry and review pages show. */
import type { IndicatorValue, ValueStatus } from '../../../api/plan';

export interface Cell {
  /** the version being worked on (or the published one when nothing newer exists) */
  current: IndicatorValue;
  /** the approved version, when one exists and is not `current` */
  published: IndicatorValue | null;
}

/** One cell per indicator: its newest live version, and the approved one still in force while a correction is under way. */
export function cellsByIndicator(values: readonly IndicatorValue[]): Map<string, Cell> {
  const groups = new Map<string, IndicatorValue[]>();
  for (const value of values) {
    const group = groups.get(value.indicatorId) ?? [];
    group.push(value);
    groups.set(value.indicatorId, group);
  }
  const cells = new Map<string, Cell>();
  for (const [indicatorId, group] of groups) {
    const live = group.filter((value) => value.status !== 'superseded');
    const pool = live.length > 0 ? live : group;
    const current = pool.reduce((best, value) => (value.version > best.version ? value : best));
    const approved = group.filter((value) => value.status === 'approved' && value.id !== current.id);
    const published = approved.length > 0 ? approved.reduce((best, value) => (value.version > best.version ? value : best)) : null;
    cells.set(indicatorId, { current, published });
  }
  return cells;
}

/** Drafts and returned values can still be changed by their region; everything else is in review or locked. */
export function isEditable(status: ValueStatus): boolean {
  return status === 'draft' || status === 'returned';
}

export function isSubmittable(status: ValueStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Rates are entered with an optional numerator and denominator. */
export function isRate(unit: string): boolean {
  return unit.trim() === '%';
}

/** numerator / denominator × 100, rounded to the indicator's decimals; null when it cannot be computed. */
export function rateFrom(numerator: number | null | undefined, denominator: number | null | undefined, decimals: number): number | null {
  if (numerator === null || numerator === undefined || !denominator) return null;
  return Number(((numerator / denominator) * 100).toFixed(decimals));
}

/** Key of a value by indicator and region (review page look-ups). */
export const cellKey = (indicatorId: string, regionCode: string) => `${indicatorId}@${regionCode}`;
