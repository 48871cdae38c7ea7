import { describe, expect, it } from 'vitest';
import { codeHint } from './code-hint';
import { daysUntil, licenceExpiryTone, normaliseTypedCode } from './labels';

describe('entity page helpers', () => {
  it('says how a licence stands: expired, due within 30 or 90 days, or nothing to flag', () => {
    const base = { status: 'valid' as const, expiresOn: '2027-01-01', expired: false };
    expect(licenceExpiryTone({ ...base, daysToExpiry: -3, expired: true })).toEqual({ text: '已过期', color: 'red' });
    expect(licenceExpiryTone({ ...base, daysToExpiry: 12 })).toEqual({ text: '12 天后到期', color: 'red' });
    expect(licenceExpiryTone({ ...base, daysToExpiry: 45 })).toEqual({ text: '45 天后到期', color: 'orange' });
    expect(licenceExpiryTone({ ...base, daysToExpiry: 400 })).toBeNull();
    expect(licenceExpiryTone({ ...base, status: 'revoked', daysToExpiry: 5 })).toBeNull();
    expect(daysUntil('2026-03-01', '2026-02-27')).toBe(2);
  });

  it('normalises a typed code and explains it as the user types', () => {
    expect(normaliseTypedCode(' 9133 0502ma2b3c4d58x ')).toBe('91330502MA2B3C4D58');
    expect(codeHint('', null).status).toBe('');
    expect(codeHint('913305', null).text).toBe('已输入 6 位，共 18 位');
    expect(codeHint('91330502MA2B3C4D5', null).status).toBe('validating');
    expect(codeHint('91330502MA2B3C4D5', { valid: false, reason: 'x', expectedCheckChar: '8' }).text).toContain('校验码应为 8');
    expect(codeHint('91330502MA2B3C4D58', { valid: true, reason: null, expectedCheckChar: '8' })).toEqual({ status: 'success', text: '代码有效（校验码 8）' });
    expect(codeHint('91330502MA2B3C4D59', { valid: false, reason: '第 18 位校验码应为 8，实际为 9 / …', expectedCheckChar: '8' }).status).toBe('error');
  });
});
