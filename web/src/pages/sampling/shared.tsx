import { Tag, Tooltip } from 'antd';
import type { RiskLevel, SampleSummary, Verdict } from '../../api/sampling';
import { RISK_COLORS, RISK_LABELS, STATUS_COLORS, STATUS_LABELS, VERDICT_COLORS, VERDICT_LABELS } from './labels';

/** Years the pages offer: this year back to 2021 (the plan period). */
export function yearOptions(): { value: number; label: string }[] {
  const now = new Date().getFullYear();
  return Array.from({ length: now - 2021 + 1 }, (_, i) => now - i).map((y) => ({ value: y, label: `${y} 年` }));
}

export function VerdictTag({ verdict, final = false }: { verdict: Verdict | null; final?: boolean }) {
  if (!verdict) return <Tag>未出结论</Tag>;
  return (
    <Tag color={VERDICT_COLORS[verdict]} style={{ marginInlineEnd: 0 }}>
      {VERDICT_LABELS[verdict]}
      {final ? '' : '（待定）'}
    </Tag>
  );
}

export function RiskTag({ level }: { level: RiskLevel | null }) {
  if (!level) return null;
  return (
    <Tooltip title="产品分级（三分）：该类产品的风险等级，抽样时的等级">
      <Tag color={RISK_COLORS[level]} style={{ marginInlineEnd: 0 }}>
        {RISK_LABELS[level]}
      </Tag>
    </Tooltip>
  );
}

export function StatusTag({ sample }: { sample: Pick<SampleSummary, 'status'> }) {
  return (
    <Tag color={STATUS_COLORS[sample.status]} style={{ marginInlineEnd: 0 }}>
      {STATUS_LABELS[sample.status]}
    </Tag>
  );
}

/** The conclusion that matters now: the final one, else the issued one marked 待定. */
export function ConclusionTag({ sample }: { sample: Pick<SampleSummary, 'conclusion' | 'finalConclusion' | 'status'> }) {
  if (sample.finalConclusion) return <VerdictTag verdict={sample.finalConclusion} final />;
  if (sample.status === 'draft') return <Tag>未出结论</Tag>;
  return <VerdictTag verdict={sample.conclusion} />;
}
