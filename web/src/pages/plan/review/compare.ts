/** What the reviewer compares a submitted value with: last year's approved value, and the approved value a correction replaces. */
import type { IndicatorValue } from '../../../api/plan';
import { relativeChange } from '../shared/format';
import { cellKey } from '../shared/values';

export interface Comparison {
  previousYear: IndicatorValue | null;
  /** the approved version a correction (version > 1) would replace */
  replaces: IndicatorValue | null;
  yoy: number | null;
}

export function approvedIndex(values: readonly IndicatorValue[]): Map<string, IndicatorValue> {
  const index = new Map<string, IndicatorValue>();
  for (const value of values) {
    if (value.status !== 'approved') continue;
    const key = cellKey(value.indicatorId, value.regionCode);
    const known = index.get(key);
    if (!known || value.version > known.version) index.set(key, value);
  }
  return index;
}

export function compare(value: IndicatorValue, lastYear: Map<string, IndicatorValue>, thisYear: Map<string, IndicatorValue>): Comparison {
  const key = cellKey(value.indicatorId, value.regionCode);
  const previousYear = lastYear.get(key) ?? null;
  const replaced = thisYear.get(key) ?? null;
  return {
    previousYear,
    replaces: replaced && replaced.id !== value.id ? replaced : null,
    yoy: relativeChange(value.value, previousYear?.value),
  };
}
