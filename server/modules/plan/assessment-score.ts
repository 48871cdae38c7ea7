import type { AssessmentAdjustment, ProgressStatus, RegionScore, ScoreLine } from '../../../common/plan-api.ts';

/**
 * 考核 scoring, pure: each district/county earns, per indicator, weight × the share its progress status
 * is worth under the year's rubric, plus bonus and minus penalty items; ranked by total (ties share a
 * rank, listed by region order). Every line of the sheet is kept so a score can be re-added by hand.
 */

export const DEFAULT_STATUS_POINTS: Record<ProgressStatus, number> = {
  target_achieved: 1,
  on_track: 0.9,
  moderate_progress: 0.7,
  limited_progress: 0.4,
  deterioration: 0,
  not_available: 0,
};

/** Equal weights adding up to 100 (two decimals; the last indicator takes the rounding remainder). */
export function defaultWeights(indicatorIds: string[]): Record<string, number> {
  const n = indicatorIds.length;
  if (n === 0) return {};
  const each = Math.floor((100 / n) * 100) / 100;
  const out: Record<string, number> = {};
  indicatorIds.forEach((id, i) => {
    out[id] = i === n - 1 ? Math.round((100 - each * (n - 1)) * 100) / 100 : each;
  });
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface RegionStatuses {
  regionCode: string;
  regionName: string;
  /** indicator id → status */
  statuses: Record<string, ProgressStatus>;
}

export interface IndicatorRef {
  id: string;
  code: string;
  name: string;
}

/** Scores and ranks the regions. */
export function scoreRegions(
  indicators: IndicatorRef[],
  weights: Record<string, number>,
  statusPoints: Record<ProgressStatus, number>,
  regions: RegionStatuses[],
  adjustments: AssessmentAdjustment[],
): RegionScore[] {
  const scored = regions.map((r, order) => {
    const lines: ScoreLine[] = indicators
      .filter((ind) => (weights[ind.id] ?? 0) > 0)
      .map((ind) => {
        const weight = weights[ind.id] ?? 0;
        const status = r.statuses[ind.id] ?? 'not_available';
        const share = statusPoints[status] ?? 0;
        return { indicatorId: ind.id, code: ind.code, name: ind.name, weight, status, share, points: round2(weight * share) };
      });
    const own = adjustments.filter((a) => a.regionCode === r.regionCode);
    const base = round2(lines.reduce((a, l) => a + l.points, 0));
    const bonus = round2(own.filter((a) => a.kind === 'bonus').reduce((a, x) => a + x.points, 0));
    const penalty = round2(own.filter((a) => a.kind === 'penalty').reduce((a, x) => a + x.points, 0));
    return {
      order,
      score: {
        regionCode: r.regionCode,
        regionName: r.regionName,
        rank: 0,
        base,
        bonus,
        penalty,
        total: round2(base + bonus - penalty),
        lines,
        adjustments: own,
      },
    };
  });
  scored.sort((a, b) => b.score.total - a.score.total || a.order - b.order);
  let rank = 0;
  let previous: number | null = null;
  scored.forEach((s, i) => {
    if (previous === null || s.score.total !== previous) rank = i + 1;
    s.score.rank = rank;
    previous = s.score.total;
  });
  return scored.map((s) => s.score);
}
