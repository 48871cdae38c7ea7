import { describe, expect, it } from 'vitest';
import type { IndicatorValue } from '../../../api/plan';
import { approvedIndex, compare } from './compare';

const value = (overrides: Partial<IndicatorValue>) =>
  ({ id: 'x', indicatorId: 'i1', regionCode: '330502', year: 2024, version: 1, value: 10, status: 'approved', ...overrides }) as IndicatorValue; // only the fields compared

describe('review comparison', () => {
  it('finds last year’s approved value and the year-on-year change', () => {
    const lastYear = approvedIndex([value({ id: 'p', year: 2023, value: 8 }), value({ id: 'q', year: 2023, value: 1, status: 'submitted' })]);
    const result = compare(value({ id: 'n', status: 'submitted' }), lastYear, new Map());
    expect(result.previousYear?.id).toBe('p');
    expect(result.yoy).toBeCloseTo(0.25);
    expect(result.replaces).toBeNull();
  });

  it('names the approved version a correction replaces, the newest one', () => {
    const thisYear = approvedIndex([value({ id: 'v1', version: 1 }), value({ id: 'v2', version: 2 })]);
    const result = compare(value({ id: 'v3', version: 3, status: 'submitted' }), new Map(), thisYear);
    expect(result.replaces?.id).toBe('v2');
    expect(result.yoy).toBeNull();
  });
});
