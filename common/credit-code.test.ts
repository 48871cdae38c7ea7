import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckChar } from './credit-code.ts';

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
