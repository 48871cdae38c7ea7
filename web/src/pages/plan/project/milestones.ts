/** How a milestone is shown on the project timeline. */
import type { Milestone } from '../../../api/plan';

export type MilestoneState = 'done' | 'overdue' | 'pending';

export function milestoneState(milestone: Pick<Milestone, 'completedAt' | 'overdue'>): MilestoneState {
  if (milestone.completedAt) return 'done';
  return milestone.overdue ? 'overdue' : 'pending';
}

export const MILESTONE_COLOR: Record<MilestoneState, string> = { done: 'green', overdue: 'red', pending: 'blue' };
export const MILESTONE_LABEL: Record<MilestoneState, string> = { done: '已完成', overdue: '已逾期', pending: '未到期' };

/** Due date order, undated last. */
export function sortMilestones<T extends Pick<Milestone, 'dueDate'>>(milestones: readonly T[]): T[] {
  return [...milestones].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}
