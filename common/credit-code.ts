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

/** What GET /api/v1/credit-codes/{code} answers, and what an entity form shows as you type. */
export interface CreditCodeVerdict {
  valid: boolean;
  /** A readable sentence, "中文 / English", naming the position; null when valid. */
  reason: string | null;
  /** The check character positions 1–17 call for (also when valid); null when they cannot be computed. */
  expectedCheckChar: string | null;
}

/** Codes are compared in upper case without surrounding blanks (a lower-case copy is the same code). */
export function normaliseCreditCode(code: string): string {
  return code.trim().toUpperCase();
}

/** A bilingual sentence for a problem found by checkCreditCode (positions are 1-based). */
export function describeCreditCodeProblem(problem: CreditCodeProblem, code = ''): string {
  switch (problem.rule) {
    case 'length': {
      const hint =
        problem.actual === 17 && creditCodeCheckChar(code) !== null
          ? `；按前 17 位计算，第 18 位校验码应为 ${creditCodeCheckChar(code)} / from the first 17 characters, position 18 should be ${creditCodeCheckChar(code)}`
          : '';
      return `统一社会信用代码应为 18 位，当前 ${problem.actual} 位 / must be 18 characters long, got ${problem.actual}${hint}`;
    }
    case 'charset':
      return `第 ${problem.position} 位字符“${problem.char}”不在代码字符集中（不使用 I、O、Z、S、V） / position ${problem.position}: character "${problem.char}" is not allowed (I, O, Z, S and V are never used)`;
    case 'region': {
      const offset = code.slice(2, 8).search(/\D/);
      const position = offset >= 0 ? offset + 3 : problem.position;
      return `第 ${position} 位应为数字：第 3–8 位是登记管理机关行政区划码 / position ${position} must be a digit: positions 3–8 are the registering authority's region code`;
    }
    case 'check':
      return `第 18 位校验码应为 ${problem.expected}，实际为 ${problem.actual} / position 18: check character should be ${problem.expected}, not ${problem.actual}`;
  }
}

/** The verdict on a code as typed (normalised first): valid or not, why, and the check character it needs. */
export function explainCreditCode(input: string): CreditCodeVerdict {
  const code = normaliseCreditCode(input);
  const problem = checkCreditCode(code);
  const expected = code.length >= 17 ? creditCodeCheckChar(code.slice(0, 17)) : null;
  if (!problem) return { valid: true, reason: null, expectedCheckChar: expected };
  return { valid: false, reason: describeCreditCodeProblem(problem, code), expectedCheckChar: expected };
}
