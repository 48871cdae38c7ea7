/**
 * Texts shown with a progress result: the method version, a plain-Chinese explanation of each method for the
 * indicator page, the Chinese status labels, and a bilingual note ("中文 / English") for each warning code.
 */
import type { ProgressMethodName, ProgressStatus, ProgressWarning } from './core.ts';

/**
 * Version of the progress rules as a whole; stored with every assessment so that a later change of rules does
 * not silently rewrite past statuses (shared/research/indicators.md §4 G4/G5). Bump on any change of results.
 */
export const PROGRESS_METHOD_VERSION = '1.0.0';

/** Chinese status labels (the web app and exports use these). */
export const PROGRESS_STATUS_LABELS = {
  target_achieved: '已达成',
  on_track: '进展顺利',
  moderate_progress: '需加快推进',
  limited_progress: '进展有限',
  deterioration: '倒退',
  not_available: '暂无数据',
} as const satisfies Record<ProgressStatus, string>;

/** One method as explained on the indicator page. */
export type ProgressMethodInfo = { label: string; explanation: string; source: string };

const BANDS = '比值≥0.95为“进展顺利”，0.60～0.95为“需加快推进”，0～0.60为“进展有限”，小于0为“倒退”；当前值已达到目标即为“已达成”。';

/** Each method in plain Chinese, with the source it follows. */
export const PROGRESS_METHODS = {
  'statcan-2.4': {
    label: '年均增速比法（有目标值）',
    explanation:
      '先算出从基期到现在实际的年均增速，再算出从基期到目标年要完成目标每年需要的增速，两者相比得到比值（指标越低越好时按下降幅度计算）。' +
      BANDS +
      '适用于基期值大于0、有明确目标值的指标。',
    source: 'Statistics Canada progress measure, Open SDG sdg-build 2.4.0 ProgressMeasure.py (Method 2)',
  },
  'statcan-2.4-no-target': {
    label: '年均增速法（无目标值）',
    explanation:
      '没有目标值时，只看按期望方向计算的实际年均增速：每年改善1.5%及以上为“进展顺利”，0.5%～1.5%为“需加快推进”，0～0.5%为“进展有限”，朝相反方向变化为“倒退”。' +
      '数值已接近上限（如接近100%）时，改善空间小，上述门槛会按比例降低。',
    source: 'Statistics Canada progress measure, Open SDG sdg-build 2.4.0 ProgressMeasure.py (Method 1)',
  },
  'linear-share': {
    label: '时间进度法',
    explanation:
      '假设从基期值到目标值按年平均推进，算出到今年应达到的数值；实际变化量除以应有变化量得到比值。' +
      BANDS +
      '适用于累计型指标，以及基期为0或基期值缺失（按0计算）的指标。',
    source: '本平台规则（按时间进度的线性期望值），分档与 StatCan Method 2 一致',
  },
  'increment-linear': {
    label: '新增累计法',
    explanation:
      '新增型指标把规划期内每年的新增量加总，与“目标总量×已过年数÷规划年数”（到今年应完成的量）相比得到比值；累计新增达到目标总量即为“已达成”。' +
      BANDS +
      '如果是越少越好的总量控制指标，超出时间进度同样比例按同档处理，一旦超过总量上限即为“倒退”。',
    source: '本平台规则（新增量按时间进度），分档与 StatCan Method 2 一致',
  },
} as const satisfies Record<ProgressMethodName, ProgressMethodInfo>;

/** A short bilingual note for each warning code, returned in `notes`. */
export const PROGRESS_NOTES = {
  missing_value: '缺少基期值或当前值，无法计算 / base or current value missing: not available',
  too_few_years: '不足两个年度的数据，暂无法评估 / fewer than 2 years of data: not available',
  target_zero: '目标值为0，按0.001计算 / target is 0: 0.001 used',
  base_zero: '基期值为0，按0.001计算 / base is 0: 0.001 used',
  opposite_signs: '基期值与当前值正负号相反，无法计算增速 / base and current values have opposite signs: not available',
  target_opposite_sign: '目标值与基期值正负号相反，无法计算增速 / target and base values have opposite signs: no ratio',
  target_equals_base: '目标值等于基期值，无法计算比值 / target equals the base: no ratio',
  target_year_not_after_base: '目标年份不晚于基期年份 / target year is not after the base year',
  base_above_limit: '基期值已高于上限，结果仅供参考 / base is above the limit: read with care',
  base_below_limit: '基期值已低于下限，结果仅供参考 / base is below the limit: read with care',
  limit_ignored: '已有目标值，不使用上限调整 / a target is set: the limit is ignored',
  base_missing_assumed_zero: '基期值缺失，按0计算，改用线性进度 / base value missing: treated as 0, linear share used',
  base_zero_linear: '基期为0，改用线性进度 / base is 0: linear share used',
  base_negative_linear: '基期值为负，改用线性进度 / base is negative: linear share used',
  no_target: '新增型指标须设定规划目标总量 / increment indicator needs a plan total as target',
  base_zero_no_target: '基期为0且无目标值，无法评估 / base is 0 and no target: not available',
  cap_exceeded: '累计新增已超过规划总量上限 / plan-to-date sum already exceeds the cap',
} as const satisfies Record<ProgressWarning, string>;
