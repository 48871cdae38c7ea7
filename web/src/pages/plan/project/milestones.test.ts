import { describe, expect, it } from 'vitest';
import { milestoneState, sortMilestones } from './milestones';

describe('milestones', () => {
  it('is done once completed, else overdue or pending as the server says', () => {
    expect(milestoneState({ completedAt: '2024-01-01', overdue: true })).toBe('done');
    expect(milestoneState({ completedAt: null, overdue: true })).toBe('overdue');
    expect(milestoneState({ completedAt: null, overdue: false })).toBe('pending');
  });

  it('sorts by due date', () => {
    expect(sortMilestones([{ dueDate: '2025-06-30' }, { dueDate: '2023-12-31' }]).map((m) => m.dueDate)).toEqual(['2023-12-31', '2025-06-30']);
  });
});
