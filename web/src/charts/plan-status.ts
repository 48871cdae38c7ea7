/** Progress statuses of the plan module: display order, Chinese labels and colours (shared by charts, tags and legends). */
import { PROGRESS_STATUSES, type ProgressStatus } from '../../../common/plan-api.ts';
import { LAGGING_STATUSES } from '../../../common/progress/core.ts';

/** Best first, "no data" last: the order of stacks, legends and sorting. */
export const STATUS_ORDER: readonly ProgressStatus[] = PROGRESS_STATUSES;

export const STATUS_LABEL: Record<ProgressStatus, string> = {
  target_achieved: '已达成',
  on_track: '进展顺利',
  moderate_progress: '需加快推进',
  limited_progress: '进展有限',
  deterioration: '倒退',
  not_available: '暂无数据',
};

export const STATUS_COLOR: Record<ProgressStatus, string> = {
  target_achieved: '#237804',
  on_track: '#52c41a',
  moderate_progress: '#faad14',
  limited_progress: '#fa8c16',
  deterioration: '#f5222d',
  not_available: '#bfbfbf',
};

/** 0 for the best status, 5 for "no data" (sorting and the heat map's value). */
export function statusRank(status: ProgressStatus): number {
  return STATUS_ORDER.indexOf(status);
}

// 滞后 is defined once, with the engine (common/progress/core.ts), so the dashboard and the evaluations agree.
export { LAGGING_STATUSES };

export function isLagging(status: ProgressStatus): boolean {
  return LAGGING_STATUSES.includes(status);
}
