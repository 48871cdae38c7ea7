import { describe, expect, it } from 'vitest';
import { deliveryState, describeSchedule, randomToken } from './labels';

describe('subscription labels', () => {
  it('puts common schedules plainly and any other as its fields', () => {
    expect(describeSchedule({ hour: '1', minute: '5' })).toBe('每天 01:05');
    expect(describeSchedule({ hour: '8', minute: '0', dayOfWeek: '1' })).toBe('每周一 08:00');
    expect(describeSchedule({ minute: '30' })).toBe('每小时第 30 分');
    expect(describeSchedule({ hour: '[8-18]', minute: '0,30' })).toBe('定时：时 [8-18]，分 0,30');
    expect(describeSchedule({ month: '1', dayOfMonth: '1', hour: '0', minute: '0' })).toBe('定时：月 1，日 1，时 0，分 0');
  });

  it('tells failing, delivered and waiting subscriptions apart', () => {
    expect(deliveryState({ failedAttempts: 3, lastNotifiedAt: '2026-11-29T00:00:00Z' })).toEqual({ color: 'error', text: '推送失败 3 次，重试中' });
    expect(deliveryState({ failedAttempts: 0, lastNotifiedAt: '2026-11-29T00:00:00Z' }).color).toBe('success');
    expect(deliveryState({ failedAttempts: 0 }).text).toBe('尚未推送');
  });

  it('makes 64-hex-digit tokens, different each time', () => {
    const a = randomToken();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(randomToken()).not.toBe(a);
  });
});
