import { Card, Descriptions, Typography } from 'antd';
import type { Indicator, IndicatorProgress } from '../../../api/plan';
import { categoryLabel } from '../indicators/rows';
import { formatRange, formatTarget, formatValue } from '../shared/format';
import { ACCUMULATION_TEXT, DIRECTION_TEXT, ROLLUP_TEXT, TARGET_SOURCE_LABEL } from '../shared/labels';

/** What the indicator is, in plain Chinese: target, baseline and the rules its progress is measured by. */
export function Facts({ indicator, city }: { indicator: Indicator; city: IndicatorProgress | undefined }) {
  const { baseline } = indicator;
  const resolved =
    city && city.targetValue !== null && 'text' in indicator.target
      ? `（${TARGET_SOURCE_LABEL[city.targetSource]}：${formatValue(city.targetValue, indicator.unit, indicator.decimals)}）`
      : '';
  return (
    <Card size="small" title="指标说明">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'category', label: '类别', children: categoryLabel(indicator) },
          { key: 'unit', label: '单位', children: indicator.unit },
          {
            key: 'target',
            label: `${indicator.targetYear}年目标`,
            children: (
              <span>
                <Typography.Text strong>{formatTarget(indicator.target, indicator.unit, indicator.decimals)}</Typography.Text>
                {resolved}
              </span>
            ),
          },
          {
            key: 'baseline',
            label: `基期值（${baseline.year}年）`,
            children: (
              <span>
                {formatValue(baseline.value, indicator.unit, indicator.decimals)}
                {baseline.source ? <Typography.Text type="secondary">（来源：{baseline.source}）</Typography.Text> : null}
              </span>
            ),
          },
          { key: 'direction', label: '指标方向', children: DIRECTION_TEXT[indicator.direction] },
          { key: 'accumulation', label: '统计方式', children: ACCUMULATION_TEXT[indicator.accumulation] },
          { key: 'rollup', label: '区县汇总', children: ROLLUP_TEXT[indicator.regionRollup] },
          { key: 'lead', label: '牵头单位', children: indicator.leadUnit ?? '—' },
          {
            key: 'checks',
            label: '填报校验',
            children: `合理范围 ${formatRange(indicator)}；同比变动超过 ±${Math.round(indicator.yoyBand * 100)}% 时提示`,
          },
          ...(indicator.note ? [{ key: 'note', label: '备注', children: indicator.note, span: 3 }] : []),
        ]}
      />
    </Card>
  );
}
