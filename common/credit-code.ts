/**
 * 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015: 18 characters from a 31-symbol set
 * (no I, O, Z, S, V); positions 3–8 a region code; position 18 a check character over positions 1–17
 * with weights 3^i mod 31. Unknown registration-department prefixes are accepted (see
 * shared/research/regulation.md §4).
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when one is outside the charset. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17.charAt(i));
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31);
}

export type CreditCodeProblem =
  | { rule: 'length'; actual: number }
  | { rule: 'charset'; position: number; char: string }
  | { rule: 'region'; position: number }
  | { rule: 'check'; position: 18; expected: string; actual: string };

/** Returns null for a valid code, else the first problem found (1-based positions). */
export function checkCreditCode(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return { rule: 'length', actual: code.length };
  for (let i = 0; i < 18; i++) {
    const ch = code.charAt(i);
    if (!CREDIT_CODE_CHARSET.includes(ch)) return { rule: 'charset', position: i + 1, char: ch };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { rule: 'region', position: 3 };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  const actual = code.charAt(17);
  if (expected !== actual) return { rule: 'check', position: 18, expected: expected ?? '?', actual };
  return null;
}
