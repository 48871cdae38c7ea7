/**
 * GS1 check digits.
 *
 * Numeric keys (GTIN-8/12/13/14, GLN, SSCC, GSIN, GSRN, and the numeric key part of GDTI, GRAI, GCN): GS1 General
 * Specifications §7.9.1 — weight the data digits 3, 1, 3, 1, … starting from the rightmost data digit (the one left of
 * the check digit), sum them, check digit = (10 − sum mod 10) mod 10. Leading zeros do not change the sum, so a GTIN-13
 * and its GTIN-14 form share a check digit.
 *
 * Alphanumeric keys (GMN, AI 8013; MUDI, AI 8014): GS1 General Specifications §7.9.5 — each data character's value is
 * its position (0–81) in CSET 82, weighted by the primes 2, 3, 5, 7, … from the rightmost data character; the sum mod
 * 1021, split into two 5-bit halves, indexes CSET 32 for the two check characters.
 *
 * Checked against the 14 `csum` vectors of gs1/gs1-syntax-dictionary `src/lint_csum.c` (shared/fixtures/gs1-digital-link/
 * derived-gs1-reference-test-vectors.json) and vectors of its `lint_csumalpha.c`.
 */

/** A problem with a check-digit protected value; positions are 1-based. */
export type CheckDigitProblem =
  | { rule: 'length'; actual: number; expected: readonly number[] }
  | { rule: 'charset'; position: number; char: string }
  | { rule: 'check'; position: number; expected: string; actual: string };

/**
 * Digits of the numeric GS1 keys, check digit included (GS1 General Specifications §3.2 and Figure 7.9.1-1).
 * For GDTI, GCN and GRAI this is the fixed-length key part before the optional serial component.
 */
export const GS1_KEY_LENGTHS = {
  gtin: [8, 12, 13, 14],
  gln: [13],
  sscc: [18],
  gsin: [17],
  gsrn: [18],
  gdti: [13],
  gcn: [13],
  grai: [13],
} as const satisfies Record<string, readonly number[]>;

export type Gs1KeyType = keyof typeof GS1_KEY_LENGTHS;

const KEY_LABELS: Record<Gs1KeyType, string> = {
  gtin: 'GTIN',
  gln: 'GLN',
  sscc: 'SSCC',
  gsin: 'GSIN',
  gsrn: 'GSRN',
  gdti: 'GDTI',
  gcn: 'GCN',
  grai: 'GRAI',
};

/** The GS1 mod-10 check digit for a string of data digits (check digit excluded), or null if it is empty or not all digits. */
export function gs1CheckDigit(data: string): string | null {
  if (!/^\d+$/.test(data)) return null;
  let sum = 0;
  for (let i = data.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) sum += (data.charCodeAt(i) - 48) * weight;
  return String((10 - (sum % 10)) % 10);
}

/**
 * Checks a digit string whose last digit is a GS1 mod-10 check digit. `lengths` restricts the allowed total lengths;
 * without it any length of 2 or more is accepted. Returns null when valid, else the first problem found.
 */
export function checkGs1CheckDigit(value: string, lengths?: readonly number[]): CheckDigitProblem | null {
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch < '0' || ch > '9') return { rule: 'charset', position: i + 1, char: ch };
  }
  if (lengths ? !lengths.includes(value.length) : value.length < 2) return { rule: 'length', actual: value.length, expected: lengths ?? [] };
  const expected = gs1CheckDigit(value.slice(0, -1)) ?? '?';
  const actual = value.charAt(value.length - 1);
  return expected === actual ? null : { rule: 'check', position: value.length, expected, actual };
}

/** Checks a numeric GS1 key of the given type (length, digits only, check digit). */
export function checkGs1Key(type: Gs1KeyType, value: string): CheckDigitProblem | null {
  return checkGs1CheckDigit(value, GS1_KEY_LENGTHS[type]);
}

function listLengths(lengths: readonly number[]): string {
  if (lengths.length === 0) return 'at least 2';
  if (lengths.length === 1) return String(lengths[0]);
  return `${lengths.slice(0, -1).join(', ')} or ${lengths[lengths.length - 1]}`;
}

/** An English sentence for a check-digit problem, e.g. "GTIN check digit is 9, expected 8". */
export function describeCheckDigitProblem(problem: CheckDigitProblem, label = 'value'): string {
  switch (problem.rule) {
    case 'length':
      return `${label} must have ${listLengths(problem.expected)} digits, got ${problem.actual}`;
    case 'charset':
      return `${label} must contain digits only, found '${problem.char}' at position ${problem.position}`;
    case 'check':
      return `${label} check digit is ${problem.actual}, expected ${problem.expected}`;
  }
}

/** Describes the problem with a numeric GS1 key of the given type, or returns null when it is valid. */
export function gs1KeyError(type: Gs1KeyType, value: string): string | null {
  const problem = checkGs1Key(type, value);
  return problem ? describeCheckDigitProblem(problem, KEY_LABELS[type]) : null;
}

/** Checks a GTIN-8, GTIN-12, GTIN-13 or GTIN-14. */
export function checkGtin(value: string): CheckDigitProblem | null {
  return checkGs1Key('gtin', value);
}

export function isValidGtin(value: string): boolean {
  return checkGtin(value) === null;
}

/**
 * The GTIN-14 form of a valid GTIN-8/12/13/14, right-justified with leading zeros (GS1 General Specifications §3.2,
 * AI (01)). Throws a RangeError naming the problem otherwise.
 */
export function normaliseGtin(value: string): string {
  const error = gs1KeyError('gtin', value);
  if (error) throw new RangeError(error);
  return value.padStart(14, '0');
}

/** CSET 82 in GS1 order (GS1 General Specifications §7.11): a character's value in the alphanumeric check is its index. */
export const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
/** CSET 32 (GS1 General Specifications §7.11): the check characters of alphanumeric keys. */
export const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function nextPrime(after: number): number {
  for (let n = after + 1; ; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) return n;
  }
}

/** The two check characters for alphanumeric key data (check pair excluded), or null if a character is outside CSET 82. */
export function gs1CheckCharacterPair(data: string): string | null {
  let sum = 0;
  let weight = 2;
  for (let i = data.length - 1; i >= 0; i--, weight = nextPrime(weight)) {
    const v = CSET82.indexOf(data.charAt(i));
    if (v < 0) return null;
    sum += v * weight;
  }
  sum %= 1021;
  return CSET32.charAt(sum >> 5) + CSET32.charAt(sum & 31);
}

/** Checks alphanumeric key data ending in a GS1 check character pair; null when valid. */
export function checkCheckCharacterPair(value: string): CheckDigitProblem | null {
  if (value.length < 2) return { rule: 'length', actual: value.length, expected: [] };
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (!(i < value.length - 2 ? CSET82 : CSET32).includes(ch)) return { rule: 'charset', position: i + 1, char: ch };
  }
  const expected = gs1CheckCharacterPair(value.slice(0, -2)) ?? '??';
  const actual = value.slice(-2);
  return expected === actual ? null : { rule: 'check', position: value.length - 1, expected, actual };
}
