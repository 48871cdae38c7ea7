import { CheckCircleFilled } from '@ant-design/icons';
import { Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useCreditCodeCheck } from '../../api/entities';
import { useLocalise } from '../../i18n';
import { type CodeHint, codeHint } from './code-hint';
import { normaliseTypedCode } from './labels';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The hint under the credit-code input, from the public check once 17 characters are in (debounced). */
export function useCreditCodeHint(value: string): CodeHint {
  const localise = useLocalise();
  const code = useDebounced(value, 200);
  const check = useCreditCodeCheck(code);
  const hint = codeHint(value, code === value ? check.data : null);
  return { ...hint, text: localise(hint.text) };
}

interface CreditCodeInputProps {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  valid?: boolean;
}

/** The credit-code input: upper-cases and drops blanks as you type; 18 characters at most. */
export function CreditCodeInput({ id, value = '', onChange, valid }: CreditCodeInputProps) {
  return (
    <Input
      id={id}
      value={value}
      maxLength={18}
      autoComplete="off"
      spellCheck={false}
      placeholder="如 91330502MA2B3C4D58"
      style={{ fontFamily: 'monospace', letterSpacing: 1 }}
      suffix={valid ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <Typography.Text type="secondary">{value.length}/18</Typography.Text>}
      onChange={(event) => onChange?.(normaliseTypedCode(event.target.value))}
    />
  );
}
