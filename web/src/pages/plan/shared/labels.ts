/** Chinese labels and plain-language explanations of the plan module's codes. */

import { PROGRESS_METHODS } from '../../../../../common/progress/methods.ts';
import type {
  Accumulation,
  EvaluationKind,
  IndicatorDirection,
  IndicatorProgress,
  ProjectKind,
  ProjectStatus,
  RegionRollup,
  ValueStatus,
} from '../../../api/plan';

export { isLagging, STATUS_COLOR, STATUS_LABEL, STATUS_ORDER, statusRank } from '../../../charts/plan-status';

export const ACCUMULATION_LABEL: Record<Accumulation, string> = { level: '水平值', increment: '新增', cumulative: '累计' };

export const ACCUMULATION_TEXT: Record<Accumulation, string> = {
  level: '水平值：每年测一次的比率或存量，看最新一年的数值。',
  increment: '新增：每年新增的数量，规划期内逐年相加，合计数与规划目标比较。',
  cumulative: '累计：截至当年的累计总数，看最新一年的累计值。',
};

export const DIRECTION_TEXT: Record<IndicatorDirection, string> = { higher_is_better: '越高越好（正向指标）', lower_is_better: '越低越好（逆向指标）' };

export const ROLLUP_TEXT: Record<RegionRollup, string> = {
  sum: '全市数值由五个区县的数值相加得出，区县可分解目标。',
  none: '全市数值单独填报，不由区县相加（比率类指标）。',
};

export const TARGET_SOURCE_LABEL: Record<IndicatorProgress['targetSource'], string> = {
  plan: '规划目标值',
  reference: '参照值（省级数据）',
  region_target: '区县分解目标',
  none: '无数值目标',
};

export const VALUE_STATUS: Record<ValueStatus, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  submitted: { text: '待审核', color: 'processing' },
  returned: { text: '已退回', color: 'error' },
  approved: { text: '已审定', color: 'success' },
  superseded: { text: '已被更正', color: 'default' },
};

export const EVALUATION_KIND_LABEL: Record<EvaluationKind, string> = { annual: '年度评估', midterm: '中期评估', final: '终期评估' };

export const EVALUATION_STATUS: Record<'draft' | 'frozen', { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  frozen: { text: '已冻结', color: 'blue' },
};

export const PROJECT_KIND_LABEL: Record<ProjectKind, string> = { reform: '重大改革', project: '重大工程', platform: '重大平台', policy: '重大政策' };

export const PROJECT_STATUS: Record<ProjectStatus, { text: string; color: string }> = {
  not_started: { text: '未启动', color: 'default' },
  in_progress: { text: '推进中', color: 'processing' },
  completed: { text: '已完成', color: 'success' },
  delayed: { text: '滞后', color: 'error' },
};

export const ADJUSTMENT_KIND_LABEL: Record<'bonus' | 'penalty', string> = { bonus: '加分', penalty: '扣分' };

export interface MethodInfo {
  name: string;
  text: string;
  source: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromEntry(entry: unknown): MethodInfo | null {
  if (!isRecord(entry)) return null;
  const text = entry.explanation ?? entry.description ?? entry.text;
  if (typeof text !== 'string') return null;
  const name = entry.label ?? entry.name;
  const source = entry.source;
  return { name: typeof name === 'string' ? name : '', text, source: typeof source === 'string' ? source : null };
}

/**
 * The method a result names (e.g. "statcan-2.4"), in plain Chinese: from the server's `methods` when
 * it sends them (GET /indicators/:id), else from the shared engine's texts (common/progress/methods.ts).
 */
export function describeMethod(method: string, serverMethods?: unknown): MethodInfo {
  const served = isRecord(serverMethods) ? fromEntry(serverMethods[method]) : null;
  if (served?.name) return served;
  const known = Object.hasOwn(PROGRESS_METHODS, method) ? fromEntry(PROGRESS_METHODS[method as keyof typeof PROGRESS_METHODS]) : null; // own key checked just before
  if (known) return known;
  if (method === '' || method === 'none' || method === 'not_available') {
    return { name: '暂无法测算', text: '缺少基期值或当年数值（至少需要两个年份的数据），暂时无法计算进展。', source: null };
  }
  return { name: method, text: served?.text ?? '按该方法计算进展状态。', source: null };
}
