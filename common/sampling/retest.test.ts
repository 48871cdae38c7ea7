import { describe, expect, it } from 'vitest';
import { statutoryCalendar as cal } from '../calendar/index.ts';
import { retestLastDay, retestRequestTiming, retestWindow } from './retest.ts';

describe('复检 window of products: 15 natural days, the day of receipt not counted', () => {
  it('ends on receipt + 15, across month and year ends', () => {
    expect(retestLastDay(cal, '2025-03-01')).toBe('2025-03-16');
    expect(retestLastDay(cal, '2025-02-20')).toBe('2025-03-07');
    expect(retestLastDay(cal, '2024-02-20')).toBe('2024-03-06');
    expect(retestLastDay(cal, '2025-12-25')).toBe('2026-01-09');
  });

  it('accepts a request on the receipt day and on day 15; refuses day 16 and one before receipt', () => {
    expect(retestRequestTiming(cal, '2025-03-01', '2025-03-01')).toBe('in_time');
    expect(retestRequestTiming(cal, '2025-03-01', '2025-03-16')).toBe('in_time');
    expect(retestRequestTiming(cal, '2025-03-01', '2025-03-17')).toBe('late');
    expect(retestRequestTiming(cal, '2025-03-01', '2025-02-28')).toBe('before_notice');
  });

  it('does not move a last day that falls in a holiday (no 民法典 §203 extension without the bureau’s word)', () => {
    // Received 2025-09-16: day 15 is 2025-10-01, National Day.
    expect(retestLastDay(cal, '2025-09-16')).toBe('2025-10-01');
    expect(retestRequestTiming(cal, '2025-09-16', '2025-10-02')).toBe('late');
  });

  it('reports the window as it stands on a day', () => {
    expect(retestWindow(cal, '2025-03-01', '2025-03-01')).toEqual({ rule: 'product_15d', lastDay: '2025-03-16', daysLeft: 15, open: true });
    expect(retestWindow(cal, '2025-03-01', '2025-03-16')).toMatchObject({ daysLeft: 0, open: true });
    expect(retestWindow(cal, '2025-03-01', '2025-03-17')).toMatchObject({ daysLeft: 0, open: false });
  });
});

describe('复验 of drugs and 复检 of food: 7 statutory working days', () => {
  it('counts working days on the statutory calendar (National Day 2025: 10-01…10-08 off, 09-28 and 10-11 make-up days)', () => {
    // Received Friday 2025-09-26: 09-28 (Sun, make-up), 09-29, 09-30, then 10-09, 10-10, 10-11 (Sat, make-up), 10-13.
    expect(retestLastDay(cal, '2025-09-26', 'drug_7wd')).toBe('2025-10-13');
    expect(retestRequestTiming(cal, '2025-09-26', '2025-10-13', 'food_7wd')).toBe('in_time');
    expect(retestRequestTiming(cal, '2025-09-26', '2025-10-14', 'drug_7wd')).toBe('late');
  });

  it('past the calendar’s data: no last day, a request within 7 natural days is in time, a later one undecided', () => {
    expect(retestWindow(cal, '2099-06-01', '2099-06-02', 'drug_7wd')).toEqual({ rule: 'drug_7wd', lastDay: null, daysLeft: null, open: true });
    expect(retestRequestTiming(cal, '2099-06-01', '2099-06-08', 'drug_7wd')).toBe('in_time');
    expect(retestRequestTiming(cal, '2099-06-01', '2099-06-09', 'drug_7wd')).toBe('unknown');
  });
});
