import type { CreditClass } from '../../../api/credit';

export {
  CREDIT_CLASS_LABELS,
  CREDIT_CLASS_POLICIES,
  CREDIT_FACTOR_LABELS,
  describeFactorRule,
  formatFactorValue,
  formatPoints,
} from '../../../../../common/credit-risk/labels.ts';

/** One colour per class, the same on tags, tiles and the chart: low risk green … high risk red. */
export const CLASS_COLORS: Record<CreditClass, string> = {
  A: '#389e0d',
  B: '#1677ff',
  C: '#d46b08',
  D: '#cf1322',
};

/** antd Tag presets matching CLASS_COLORS. */
export const CLASS_TAG_COLORS: Record<CreditClass, string> = {
  A: 'green',
  B: 'blue',
  C: 'orange',
  D: 'red',
};

/** "12.3%" of a total, or "—" when there is nothing to share. */
export function share(count: number, total: number): string {
  return total > 0 ? `${((count / total) * 100).toFixed(1)}%` : '—';
}
