import { describe, expect, it } from 'vitest';
import { shanghaiTime, shanghaiTimeShort } from './time';

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
