/** Rubric editing helpers: the total a rubric's weights add up to, and the form's initial values. */
import type { Indicator, ProgressStatus, Rubric } from '../../../api/plan';
import { STATUS_ORDER } from '../shared/labels';

export function totalWeight(weights: Record<string, number | null | undefined>): number {
  return Number(
    Object.values(weights)
      .reduce<number>((sum, weight) => sum + (weight ?? 0), 0)
      .toFixed(4),
  );
}

/** Every indicator gets a weight in the form (0 when the rubric has none), in 表1 order. */
export function weightRows(indicators: readonly Indicator[], rubric: Rubric): { indicator: Indicator; weight: number }[] {
  return indicators.map((indicator) => ({ indicator, weight: rubric.weights[indicator.id] ?? 0 }));
}

/** Drops zero weights so the stored rubric lists only indicators that count. */
export function cleanWeights(weights: Record<string, number | null | undefined>): Record<string, number> {
  const clean: Record<string, number> = {};
  for (const [id, weight] of Object.entries(weights)) if (weight) clean[id] = weight;
  return clean;
}

export function completeStatusPoints(points: Partial<Record<ProgressStatus, number | null>>): Record<ProgressStatus, number> {
  return Object.fromEntries(STATUS_ORDER.map((status) => [status, points[status] ?? 0])) as Record<ProgressStatus, number>; // every status set just here
}
