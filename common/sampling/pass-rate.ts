import type { Verdict } from './conclusion.ts';

/**
 * 监督抽查合格率 (batch pass rate): 合格批次 ÷ 抽查批次 × 100, over samples whose conclusion is final
 * (after the 复检 window or the 复检). A sample still open (being entered, or 不合格 within its window or
 * under 复检) is not counted in either and is reported as pending. This is the usual SAMR batch
 * definition (批次合格率); the research note gives no other, and the plan's 表1 rate indicators (e.g.
 * I02 基本药物抽检合格率, unit %) take the value with the batch counts as numerator/denominator.
 */

export interface PassRateTally {
  /** Batches with a final conclusion (the denominator). */
  batches: number;
  passed: number;
  failed: number;
  /** Samples not yet final: not in the rate. */
  pending: number;
  /** Percent, rounded to `decimals`; null when no batch is final. */
  passRate: number | null;
}

/** Rounds half away from zero at `decimals` places (the plan stores rates with 2 decimals). */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.sign(value) * (Math.round(Math.abs(value) * f + Number.EPSILON) / f);
}

export function passRatePercent(passed: number, batches: number, decimals = 2): number | null {
  return batches === 0 ? null : roundTo((passed / batches) * 100, decimals);
}

/** Tallies final conclusions (null = not final yet). */
export function tallyPassRate(finalConclusions: readonly (Verdict | null)[], decimals = 2): PassRateTally {
  let passed = 0;
  let failed = 0;
  let pending = 0;
  for (const c of finalConclusions) {
    if (c === 'pass') passed++;
    else if (c === 'fail') failed++;
    else pending++;
  }
  return { batches: passed + failed, passed, failed, pending, passRate: passRatePercent(passed, passed + failed, decimals) };
}

/** Adds tallies (a region's categories into the region's total). */
export function sumTallies(tallies: readonly PassRateTally[], decimals = 2): PassRateTally {
  const passed = tallies.reduce((a, t) => a + t.passed, 0);
  const failed = tallies.reduce((a, t) => a + t.failed, 0);
  const pending = tallies.reduce((a, t) => a + t.pending, 0);
  return { batches: passed + failed, passed, failed, pending, passRate: passRatePercent(passed, passed + failed, decimals) };
}
