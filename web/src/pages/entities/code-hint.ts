/** What the field says under the input while the user types. */
export interface CodeHint {
  status: '' | 'success' | 'warning' | 'error' | 'validating';
  text: string;
}

/** The hint for a typed code and the public check's verdict on it (null while none has answered). */
export function codeHint(code: string, verdict: { valid: boolean; reason: string | null; expectedCheckChar: string | null } | null | undefined): CodeHint {
  if (code.length === 0) return { status: '', text: '18 位，GB 32100-2015；输入时自动校验' };
  if (code.length < 17) return { status: '', text: `已输入 ${code.length} 位，共 18 位` };
  if (!verdict) return { status: 'validating', text: '正在校验…' };
  if (code.length === 17) {
    return verdict.expectedCheckChar
      ? { status: 'warning', text: `还差第 18 位：按前 17 位计算，校验码应为 ${verdict.expectedCheckChar}` }
      : { status: 'error', text: verdict.reason ?? '代码格式不正确' };
  }
  if (verdict.valid) return { status: 'success', text: `代码有效（校验码 ${verdict.expectedCheckChar ?? code.charAt(17)}）` };
  return { status: 'error', text: verdict.reason ?? '统一社会信用代码无效' };
}
