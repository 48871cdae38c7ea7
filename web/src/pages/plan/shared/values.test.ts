import { describe, expect, it } from 'vitest';
import type { IndicatorValue } from '../../../api/plan';
import { cellsByIndicator, isEditable, isRate, rateFrom } from './values';

function value(overrides: Partial<IndicatorValue>): IndicatorValue {
  return {
    id: 'v',
    indicatorId: 'i1',
    indicatorCode: 'I01',
    indicatorName: '指标',
    unit: '%',
    regionCode: '330502',
    regionName: '吴兴区',
    year: 2024,
    period: 'Y',
    version: 1,
    value: 1,
    numerator: null,
    denominator: null,
    sourceNote: null,
    attachment: null,
    status: 'draft',
    correctionReason: null,
    returnReason: null,
    warnings: [],
    createdBy: null,
    createdAt: '2025-01-01T00:00:00Z',
    submittedAt: null,
    reviewedBy: null,
    reviewedAt: null,
    isDemo: false,
    ...overrides,
  };
}

describe('cellsByIndicator', () => {
  it('shows the newest live version and keeps the approved one while a correction is under way', () => {
    const cells = cellsByIndicator([
      value({ id: 'a1', version: 1, status: 'approved' }),
      value({ id: 'a2', version: 2, status: 'draft' }),
      value({ id: 'b1', indicatorId: 'i2', version: 1, status: 'submitted' }),
    ]);
    expect(cells.get('i1')?.current.id).toBe('a2');
    expect(cells.get('i1')?.published?.id).toBe('a1');
    expect(cells.get('i2')?.current.id).toBe('b1');
    expect(cells.get('i2')?.published).toBeNull();
  });

  it('ignores superseded versions once the correction is approved', () => {
    const cells = cellsByIndicator([value({ id: 'a1', version: 1, status: 'superseded' }), value({ id: 'a2', version: 2, status: 'approved' })]);
    expect(cells.get('i1')?.current.id).toBe('a2');
    expect(cells.get('i1')?.published).toBeNull();
  });
});

describe('value helpers', () => {
  it('lets drafts and returned values be edited, nothing else', () => {
    expect(isEditable('draft')).toBe(true);
    expect(isEditable('returned')).toBe(true);
    expect(isEditable('submitted')).toBe(false);
    expect(isEditable('approved')).toBe(false);
  });

  it('computes a rate from numerator and denominator', () => {
    expect(isRate('%')).toBe(true);
    expect(isRate('家')).toBe(false);
    expect(rateFrom(49, 50, 1)).toBe(98);
    expect(rateFrom(1, 3, 2)).toBe(33.33);
    expect(rateFrom(1, 0, 1)).toBeNull();
    expect(rateFrom(null, 5, 1)).toBeNull();
  });
});
