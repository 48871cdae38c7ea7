import type {
  EnterpriseGrade,
  FinalVia,
  GradeReason,
  RegionColour,
  RetestRule,
  RetestWindow,
  RiskLevel,
  SampleStatus,
  SampleSummary,
  TestItem,
  Verdict,
} from '../../api/sampling';

/** Chinese names and colours of the sampling codes (the API speaks codes). */

export const VERDICT_LABELS: Record<Verdict, string> = { pass: '合格', fail: '不合格' };
export const VERDICT_COLORS: Record<Verdict, string> = { pass: 'green', fail: 'red' };

export const STATUS_LABELS: Record<SampleStatus, string> = { draft: '录入中', issued: '已出具报告', retest_requested: '复检中', final: '结论已确定' };
export const STATUS_COLORS: Record<SampleStatus, string> = { draft: 'default', issued: 'gold', retest_requested: 'purple', final: 'blue' };

export const RISK_LABELS: Record<RiskLevel, string> = { high: '高风险', medium: '中风险', low: '低风险' };
export const RISK_COLORS: Record<RiskLevel, string> = { high: 'red', medium: 'orange', low: 'green' };

export const FINAL_VIA_LABELS: Record<FinalVia, string> = { issued: '出具报告即确定', window_closed: '复检期满未申请', retest: '复检结论' };

export const RETEST_RULE_LABELS: Record<RetestRule, string> = {
  product_15d: '产品质量法 第十五条：收到结论之日起 15 日内（自然日）',
  drug_7wd: '药品管理法 第一百零二条：收到结果之日起 7 个工作日内',
  food_7wd: '食品安全法 第八十八条：收到结论之日起 7 个工作日内',
};
export const RETEST_RULE_SHORT: Record<RetestRule, string> = { product_15d: '15 日', drug_7wd: '7 个工作日', food_7wd: '7 个工作日' };

export const GRADE_LABELS: Record<EnterpriseGrade, string> = { AA: 'AA（好）', A: 'A（较好）', B: 'B（一般）', C: 'C（差）' };
/** Jiaxing 质量安全健康码 order: AA→绿, A→蓝, B→黄, C→红. */
export const GRADE_COLORS: Record<EnterpriseGrade, string> = { AA: 'green', A: 'blue', B: 'gold', C: 'red' };

export const GRADE_REASON_LABELS: Record<GradeReason, string> = {
  repeated_failures: '近三年 2 批次及以上不合格',
  high_risk_failure: '高风险产品不合格',
  one_failure: '近三年 1 批次不合格',
  consistently_passed: '连续多年抽查均合格',
  passed: '抽查合格',
};

export const REGION_COLOUR_LABELS: Record<RegionColour, string> = { red: '红', yellow: '黄', blue: '蓝', green: '绿' };
/** Map colours: muted enough for white text, distinct for colour-blind readers by label as well. */
export const REGION_COLOUR_HEX: Record<RegionColour, string> = { red: '#cf1322', yellow: '#d48806', blue: '#1d39c4', green: '#389e0d' };
export const NO_COLOUR_HEX = '#bfbfbf';

/** "≤ 75 mg/kg", "4–8.5", "≥ 0.8 mm", or the text requirement. */
export function limitText(item: Pick<TestItem, 'limitMin' | 'limitMax' | 'limitText' | 'unit'>): string {
  const unit = item.unit ? ` ${item.unit}` : '';
  if (item.limitMin !== null && item.limitMax !== null) return `${item.limitMin}–${item.limitMax}${unit}`;
  if (item.limitMax !== null) return `≤ ${item.limitMax}${unit}`;
  if (item.limitMin !== null) return `≥ ${item.limitMin}${unit}`;
  return item.limitText ?? '—';
}

/** The result as reported: number with unit, or text. */
export function resultText(value: number | null, text: string | null, unit: string | null): string {
  if (value !== null) return `${value}${unit ? ` ${unit}` : ''}`;
  return text ?? '—';
}

/** One line on where a sample stands, for lists and the detail header. */
export function stageText(s: Pick<SampleSummary, 'status' | 'conclusion' | 'finalConclusion' | 'retestWindow'>): string {
  if (s.status === 'draft') return '检验结果录入中';
  if (s.status === 'final') return s.finalConclusion === 'fail' ? '最终结论：不合格' : '最终结论：合格';
  if (s.status === 'retest_requested') return '企业已申请复检，等待复检结果';
  return windowText(s.retestWindow);
}

export function windowText(w: RetestWindow | null): string {
  if (!w) return '不合格，结论尚未送达企业';
  if (w.lastDay === null) return '复检期内（节假日安排未发布，截止日待定）';
  if (!w.open) return `复检期已满（${w.lastDay}），待确认最终结论`;
  return w.daysLeft === 0 ? `复检申请今日截止（${w.lastDay}）` : `复检申请期内，剩 ${w.daysLeft} 天（至 ${w.lastDay}）`;
}

/** Percent with two decimals, or a dash. */
export const percent = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);
