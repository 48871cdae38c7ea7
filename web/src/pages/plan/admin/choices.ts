/** The definition choices of an indicator, with the plain-Chinese help the form shows under each. */
import type { Accumulation, IndicatorDirection, RegionRollup } from '../../../api/plan';

export const DIRECTION_CHOICES: { value: IndicatorDirection; label: string; help: string }[] = [
  { value: 'higher_is_better', label: '正向', help: '数值越高越好，如合格率、企业数量。' },
  { value: 'lower_is_better', label: '逆向', help: '数值越低越好，如 PM2.5 平均浓度、事故死亡率。' },
];

export const ACCUMULATION_CHOICES: { value: Accumulation; label: string; help: string }[] = [
  {
    value: 'level',
    label: '水平值',
    help: '每年测一次的水平或比率（如合格率、每万人拥有量），看最新一年的数值是否达到目标。',
  },
  {
    value: 'increment',
    label: '新增',
    help: '每年填报当年新增的数量，规划期内逐年相加，以合计数与目标比较（如“新增制定标准200项”）。',
  },
  {
    value: 'cumulative',
    label: '累计',
    help: '每年填报截至当年的累计总数，看最新一年的累计值（如“累计通过绿色认证企业150个”）。',
  },
];

export const ROLLUP_CHOICES: { value: RegionRollup; label: string; help: string }[] = [
  {
    value: 'sum',
    label: '求和',
    help: '全市数值等于五个区县数值之和，适用于数量类指标；全市目标可在指标详情页分解到各区县。',
  },
  {
    value: 'none',
    label: '不汇总',
    help: '全市数值单独填报，不由区县相加，适用于比率、均值类指标（如合格率、PM2.5 浓度）。',
  },
];

export function choiceLabel<T extends string>(choices: readonly { value: T; label: string }[], value: T): string {
  return choices.find((choice) => choice.value === value)?.label ?? value;
}

export function choiceHelp<T extends string>(choices: readonly { value: T; help: string }[], value: T | undefined): string | undefined {
  return choices.find((choice) => choice.value === value)?.help;
}
