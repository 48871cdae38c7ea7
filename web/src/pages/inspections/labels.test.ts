import { describe, expect, it } from 'vitest';
import { deadlineText, groupHex, percent } from './labels';

describe('inspection labels', () => {
  it('shows basis points as percentages', () => {
    expect([percent(500), percent(2150), percent(10000), percent(0)]).toEqual(['5%', '21.5%', '100%', '0%']);
  });

  it('says where a publication deadline stands', () => {
    expect(deadlineText({ due: '2026-12-01', state: 'warning', workdaysLeft: 2, error: null })).toBe('2026-12-01 · 剩 2 个工作日');
    expect(deadlineText({ due: '2026-12-01', state: 'warning', workdaysLeft: 0, error: null })).toBe('2026-12-01 · 今日到期');
    expect(deadlineText({ due: '2026-11-05', state: 'overdue', workdaysLeft: -16, error: null })).toBe('2026-11-05 · 逾期 16 个工作日');
    expect(deadlineText({ due: null, state: 'unknown', workdaysLeft: null, error: 'x' })).toBe('期限无法计算');
    expect(deadlineText({ due: '2026-12-09', state: 'published', workdaysLeft: null, error: null })).toBe('期限 2026-12-09');
  });

  it('groups a digest for reading aloud', () => {
    expect(groupHex('0123456789abcdef01')).toBe('01234567 89abcdef 01');
    expect(groupHex(null)).toBe('—');
  });
});
