import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkCheckCharacterPair,
  checkGs1CheckDigit,
  checkGs1Key,
  checkGtin,
  gs1CheckCharacterPair,
  gs1CheckDigit,
  gs1KeyError,
  isValidGtin,
  normaliseGtin,
} from './check-digit.ts';

interface CsumVector {
  data: string;
  valid: boolean;
  error: string | null;
  errorMarkup: string | null;
}
const { csum } = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../shared/fixtures/gs1-digital-link/derived-gs1-reference-test-vectors.json'), 'utf8'),
) as { csum: CsumVector[] };

const RULE_OF_LINTER_ERROR: Record<string, string> = {
  GS1_LINTER_TOO_SHORT_FOR_CHECK_DIGIT: 'length',
  GS1_LINTER_NON_DIGIT_CHARACTER: 'charset',
  GS1_LINTER_INCORRECT_CHECK_DIGIT: 'check',
};

describe('GS1 mod-10 check digit (GS1 General Specifications §7.9.1)', () => {
  it('has the 14 reference vectors of gs1-syntax-dictionary lint_csum.c', () => expect(csum).toHaveLength(14));

  it.each(csum.map((v) => [JSON.stringify(v.data), v] as const))('lint_csum vector %s', (_name, v) => {
    const problem = checkGs1CheckDigit(v.data);
    if (v.valid) {
      expect(problem).toBeNull();
      return;
    }
    expect(problem?.rule).toBe(RULE_OF_LINTER_ERROR[v.error ?? '']);
    // errorMarkup wraps the offending character in *…*: the same 1-based position as ours.
    if (problem && problem.rule !== 'length') expect(problem.position).toBe((v.errorMarkup ?? '').indexOf('*') + 1);
  });

  it('computes the worked examples of shared/research/traceability.md §2.2', () => {
    expect(gs1CheckDigit('0952012345678')).toBe('8');
    expect(gs1CheckDigit('952012345678')).toBe('8');
    expect(gs1CheckDigit('95201234567891234')).toBe('5');
    expect(gs1CheckDigit('690123456789')).toBe('2');
    expect(gs1CheckDigit('')).toBeNull();
    expect(gs1CheckDigit('12a')).toBeNull();
  });

  it('checks each key type for length, digits and check digit', () => {
    expect(checkGs1Key('gln', '6901234567892')).toBeNull();
    expect(checkGs1Key('sscc', '952012345678912345')).toBeNull();
    expect(checkGs1Key('sscc', '95201234567891234')).toEqual({ rule: 'length', actual: 17, expected: [18] });
    expect(checkGs1Key('gsin', '12345678901234561')).toEqual({ rule: 'check', position: 17, expected: '0', actual: '1' });
    expect(gs1KeyError('gsrn', '123456789012345670')).toBe('GSRN check digit is 0, expected 5');
  });
});

describe('GTIN', () => {
  it.each(['02345673', '416000336108', '6901234567892', '09520123456788', '12345678901231'])('accepts %s', (gtin) => {
    expect(isValidGtin(gtin)).toBe(true);
  });

  it('gives each failure reason, naming the expected check digit', () => {
    expect(checkGtin('69012345678')).toEqual({ rule: 'length', actual: 11, expected: [8, 12, 13, 14] });
    expect(checkGtin('690123456789A')).toEqual({ rule: 'charset', position: 13, char: 'A' });
    expect(checkGtin('6901234567890')).toEqual({ rule: 'check', position: 13, expected: '2', actual: '0' });
    expect(gs1KeyError('gtin', '69012345678')).toBe('GTIN must have 8, 12, 13 or 14 digits, got 11');
    expect(gs1KeyError('gtin', '6901 34567892')).toBe("GTIN must contain digits only, found ' ' at position 5");
    expect(gs1KeyError('gtin', '6901234567890')).toBe('GTIN check digit is 0, expected 2');
  });

  it('normalises to GTIN-14 and throws with the reason otherwise', () => {
    expect(normaliseGtin('02345673')).toBe('00000002345673');
    expect(normaliseGtin('416000336108')).toBe('00416000336108');
    expect(normaliseGtin('6901234567892')).toBe('06901234567892');
    expect(normaliseGtin('09520123456788')).toBe('09520123456788');
    expect(() => normaliseGtin('6901234567890')).toThrow(new RangeError('GTIN check digit is 0, expected 2'));
  });
});

describe('GS1 check character pair (GS1 General Specifications §7.9.5; lint_csumalpha.c vectors)', () => {
  it.each([
    '22',
    '!22',
    '1987654Ad4X4bL5ttr2310c2K',
    '12345678901234567890123NT',
    '12345_ABCDEFGHIJKLMCP',
    `12345_!"%&'()*+,-./LC`,
    '12345_0123456789:;<=>?62',
    '00000!HV',
    '99999zzzzzzzzzzzzzzzzzzT2',
  ])('accepts %s', (gmn) => {
    expect(checkCheckCharacterPair(gmn)).toBeNull();
  });

  it('rejects wrong pairs and characters', () => {
    expect(checkCheckCharacterPair('33')).toEqual({ rule: 'check', position: 1, expected: '22', actual: '33' });
    expect(checkCheckCharacterPair('1987654Ad4X4bL5ttr2310cXK')).toEqual({ rule: 'check', position: 24, expected: '2K', actual: 'XK' });
    expect(checkCheckCharacterPair(' 2345678901234567890123NT')).toEqual({ rule: 'charset', position: 1, char: ' ' });
    expect(checkCheckCharacterPair('12345678901234567890123N ')).toEqual({ rule: 'charset', position: 25, char: ' ' });
    expect(checkCheckCharacterPair('2')).toEqual({ rule: 'length', actual: 1, expected: [] });
    expect(gs1CheckCharacterPair('1987654Ad4X4bL5ttr2310c')).toBe('2K');
  });
});
