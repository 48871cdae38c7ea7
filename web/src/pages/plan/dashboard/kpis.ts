/** The dashboard's key figures, from its per-category status counts. */
import type { PlanDashboard, ProgressStatus } from '../../../api/plan';
import { STATUS_ORDER } from '../shared/labels';

export function totalCounts(statusCounts: PlanDashboard['statusCounts']): Record<ProgressStatus, number> {
  const totals = Object.fromEntries(STATUS_ORDER.map((status) => [status, 0])) as Record<ProgressStatus, number>; // every key set just here
  for (const row of statusCounts) {
    for (const status of STATUS_ORDER) totals[status] += row.counts[status] ?? 0;
  }
  return totals;
}

export interface Kpis {
  indicators: number;
  achieved: number;
  onTrack: number;
  moderate: number;
  lagging: number;
  noData: number;
  pendingReview: number;
  overdueMilestones: number;
}

export function dashboardKpis(dashboard: PlanDashboard): Kpis {
  const totals = totalCounts(dashboard.statusCounts);
  const counted = STATUS_ORDER.reduce((sum, status) => sum + totals[status], 0);
  return {
    indicators: Math.max(counted, dashboard.indicators.length),
    achieved: totals.target_achieved,
    onTrack: totals.on_track,
    moderate: totals.moderate_progress,
    lagging: totals.moderate_progress + totals.limited_progress + totals.deterioration,
    noData: totals.not_available,
    pendingReview: dashboard.pendingReview,
    overdueMilestones: dashboard.overdueMilestones,
  };
}
