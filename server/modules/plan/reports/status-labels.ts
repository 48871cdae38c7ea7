/**
 * Chinese labels and colours of the plan module's code values, as printed in the xlsx and PDF reports.
 * The web keeps its own copy in its locale files; keep the two in step.
 */
import type { Accumulation, Direction, EvaluationKind, IndicatorDirection, ProgressStatus, RegionRollup, ValueStatus } from '../../../../common/plan-api.ts';
import { PROGRESS_METHODS, PROGRESS_STATUS_LABELS } from '../../../../common/progress/methods.ts';

/** What an evaluation report prints besides the snapshot. */
export interface EvaluationReportMeta {
  title: string;
  narrative: string;
  /** the platform holds demo data: every report says so */
  demo: boolean;
}

export const DEMO_NOTE = '演示数据：本报告中的数值为演示用模拟数据，不代表真实统计结果。';

/** 已达成 / 进展顺利 / 需加快推进 / 进展有限 / 倒退 / 暂无数据 (the progress engine's own labels). */
export const STATUS_LABELS: Record<ProgressStatus, string> = PROGRESS_STATUS_LABELS;

/** Status colours (Ant Design palette), `#rrggbb`. */
export const STATUS_COLORS: Record<ProgressStatus, string> = {
  target_achieved: '#237804',
  on_track: '#52c41a',
  moderate_progress: '#faad14',
  limited_progress: '#fa8c16',
  deterioration: '#f5222d',
  not_available: '#bfbfbf',
};

/** Report order: best first, no data last. */
export const STATUS_ORDER: readonly ProgressStatus[] = [
  'target_achieved',
  'on_track',
  'moderate_progress',
  'limited_progress',
  'deterioration',
  'not_available',
];

export const EVALUATION_KIND_LABELS: Record<EvaluationKind, string> = {
  annual: '年度评估',
  midterm: '中期评估',
  final: '终期评估',
};

export const ACCUMULATION_LABELS: Record<Accumulation, string> = {
  level: '水平值',
  increment: '新增',
  cumulative: '累计',
};

export const REGION_ROLLUP_LABELS: Record<RegionRollup, string> = {
  sum: '求和',
  none: '不汇总',
};

export const DIRECTION_LABELS: Record<'1' | '-1', string> = {
  '1': '正向',
  '-1': '逆向',
};

/** 正向 / 逆向, from d (±1) or the indicator's direction name. */
export function directionLabel(direction: Direction | IndicatorDirection): string {
  return direction === 1 || direction === 'higher_is_better' ? DIRECTION_LABELS['1'] : DIRECTION_LABELS['-1'];
}

export const VALUE_STATUS_LABELS: Record<ValueStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  approved: '已审核',
  superseded: '已被更正',
};

/** Zero for every status, in report order. */
export function zeroCounts(): Record<ProgressStatus, number> {
  return { target_achieved: 0, on_track: 0, moderate_progress: 0, limited_progress: 0, deterioration: 0, not_available: 0 };
}

function isMethodName(method: string): method is keyof typeof PROGRESS_METHODS {
  return Object.hasOwn(PROGRESS_METHODS, method);
}

/** The Chinese label of a progress method name (common/progress/methods.ts); an unknown name is shown as is. */
export function methodLabel(method: string): string {
  return isMethodName(method) ? PROGRESS_METHODS[method].label : method;
}

/** Black or white text, whichever reads better on the given `#rrggbb` background (WCAG relative luminance). */
export function textColorOn(hex: string): '#000000' | '#ffffff' {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast against white (1.05 / (L + 0.05)) beats contrast against black ((L + 0.05) / 0.05) below L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}
