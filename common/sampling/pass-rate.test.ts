import { describe, expect, it } from 'vitest';
import { passRatePercent, roundTo, sumTallies, tallyPassRate } from './pass-rate.ts';

describe('batch pass rate', () => {
  it('is passed ÷ final batches × 100, pending samples left out', () => {
    expect(tallyPassRate(['pass', 'pass', 'fail', null, null])).toEqual({ batches: 3, passed: 2, failed: 1, pending: 2, passRate: 66.67 });
    expect(tallyPassRate(['pass'])).toMatchObject({ passRate: 100 });
  });

  it('has no rate without a final batch', () => {
    expect(tallyPassRate([null, null])).toEqual({ batches: 0, passed: 0, failed: 0, pending: 2, passRate: null });
    expect(passRatePercent(0, 0)).toBeNull();
  });

  it('rounds half away from zero at two decimals (97.125 → 97.13; 1/8 → 12.5)', () => {
    expect(roundTo(97.125, 2)).toBe(97.13);
    expect(passRatePercent(1, 8)).toBe(12.5);
    expect(passRatePercent(777, 800)).toBe(97.13);
  });

  it('pools tallies by batches, not by averaging rates', () => {
    const a = tallyPassRate(['pass', 'pass', 'pass', 'fail']);
    const b = tallyPassRate(['fail']);
    expect(sumTallies([a, b])).toEqual({ batches: 5, passed: 3, failed: 2, pending: 0, passRate: 60 });
  });
});
