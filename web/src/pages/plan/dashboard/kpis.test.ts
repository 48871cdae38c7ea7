import { describe, expect, it } from 'vitest';
import type { PlanDashboard } from '../../../api/plan';
import { dashboardKpis, totalCounts } from './kpis';

const counts = (partial: Partial<Record<string, number>>) => ({
  target_achieved: 0,
  on_track: 0,
  moderate_progress: 0,
  limited_progress: 0,
  deterioration: 0,
  not_available: 0,
  ...partial,
});

describe('dashboard key figures', () => {
  const dashboard: PlanDashboard = {
    planId: 'p',
    year: 2024,
    regionCode: '330500',
    statusCounts: [
      { category: '产品质量', counts: counts({ target_achieved: 2, on_track: 5, limited_progress: 1 }) },
      { category: '环境质量', counts: counts({ moderate_progress: 2, deterioration: 1, not_available: 1 }) },
    ],
    heatmap: [],
    indicators: [],
    pendingReview: 7,
    overdueMilestones: 3,
    demo: true,
  };

  it('adds the categories up per status', () => {
    expect(totalCounts(dashboard.statusCounts)).toMatchObject({ target_achieved: 2, on_track: 5, deterioration: 1, not_available: 1 });
  });

  it('counts lagging as acceleration needed, limited progress and deterioration', () => {
    expect(dashboardKpis(dashboard)).toEqual({
      indicators: 12,
      achieved: 2,
      onTrack: 5,
      moderate: 2,
      lagging: 4,
      noData: 1,
      pendingReview: 7,
      overdueMilestones: 3,
    });
  });
});
