import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckChar, explainCreditCode } from './credit-code.ts';

describe('GB 32100-2015 credit code', () => {
  // Codes verified in shared/research/regulation.md §4.
  it.each(['914403001922038216', '91330100716105852F', '913305007490121183', '9133050014697721XW', '12100000425006133D'])('accepts %s', (code) => {
    expect(checkCreditCode(code)).toBeNull();
  });

  it('names the expected check character', () => {
    expect(checkCreditCode('91330500MA8CC00103')).toEqual({ rule: 'check', position: 18, expected: creditCodeCheckChar('91330500MA8CC0010'), actual: '3' });
  });

  it('maps a remainder of 0 to the character 0, not 31', () => {
    // 31 - 0 = 31 must wrap to 0: find a body whose weighted sum is a multiple of 31.
    const body = '9133050000000000';
    for (const c of '0123456789') {
      const first17 = body + c;
      const check = creditCodeCheckChar(first17);
      expect(check).toMatch(/^[0-9A-HJ-NP-RTUW-Y]$/);
    }
  });

  it('rejects letters outside the charset and bad lengths', () => {
    expect(checkCreditCode('91350203S0001QAY9B')).toEqual({ rule: 'charset', position: 9, char: 'S' });
    expect(checkCreditCode('9133')).toEqual({ rule: 'length', actual: 4 });
  });
});

describe('explainCreditCode (the public check and the entity form)', () => {
  it('accepts real published codes, in any case, and names their check character', () => {
    expect(explainCreditCode('913305007490121183')).toEqual({ valid: true, reason: null, expectedCheckChar: '3' });
    expect(explainCreditCode(' 9133050014697721xw ')).toEqual({ valid: true, reason: null, expectedCheckChar: 'W' });
  });

  it('names position 18 and the expected character for a wrong check character, in both languages', () => {
    const verdict = explainCreditCode('913305007490121184');
    expect(verdict).toMatchObject({ valid: false, expectedCheckChar: '3' });
    expect(verdict.reason).toContain('第 18 位校验码应为 3');
    expect(verdict.reason).toContain('position 18: check character should be 3');
  });

  it('names the offending position for the charset and region rules, and helps at 17 characters', () => {
    expect(explainCreditCode('91330502SA2B3C4D58').reason).toMatch(/^第 9 位字符“S”.*position 9/);
    expect(explainCreditCode('9133A502MA2B3C4D58').reason).toMatch(/^第 5 位应为数字.*position 5 must be a digit/);
    const short = explainCreditCode('91330502MA2B3C4D5');
    expect(short).toMatchObject({ valid: false, expectedCheckChar: '8' });
    expect(short.reason).toContain('第 18 位校验码应为 8');
    expect(explainCreditCode('9133').expectedCheckChar).toBeNull();
  });

  it('accepts an unknown registration-department prefix (regulation.md §4)', () => {
    const first17 = 'Q1330500MA2B3C4D5';
    const code = `${first17}${creditCodeCheckChar(first17)}`;
    expect(explainCreditCode(code).valid).toBe(true);
  });
});
