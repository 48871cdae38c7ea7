import { describe, expect, it } from 'vitest';
import { huzhouToday, shanghaiTime, shanghaiTimeShort } from './time';

describe('shanghaiTime', () => {
  it('shows an instant in Asia/Shanghai (UTC+8), across midnight, with or without seconds', () => {
    expect(shanghaiTime('2025-05-06T02:00:00.000Z')).toBe('2025-05-06 10:00');
    expect(shanghaiTime('2025-12-31T16:30:05Z', true)).toBe('2026-01-01 00:30:05');
    expect(shanghaiTime(null)).toBe('—');
    expect(shanghaiTime('not a time')).toBe('not a time');
  });

  it('has a short month-day form for lists, with the same time zone', () => {
    expect(shanghaiTimeShort('2025-12-31T16:30:05Z')).toBe('01-01 00:30');
    expect(shanghaiTimeShort(undefined)).toBe('—');
  });
});

describe('huzhouToday', () => {
  it('names the day in Huzhou, which starts eight hours before UTC’s', () => {
    expect(huzhouToday(new Date('2026-12-07T15:59:59Z'))).toBe('2026年12月7日星期一');
    expect(huzhouToday(new Date('2026-12-07T16:00:00Z'))).toBe('2026年12月8日星期二');
  });
});
