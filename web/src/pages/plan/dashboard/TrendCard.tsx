import { Card, Empty, Flex, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Indicator, IndicatorProgress, Plan } from '../../../api/plan';
import { PlanChart } from '../../../charts/plan-chart';
import { buildTrendOption, toTargetScale, yearRange } from '../../../charts/plan-options';
import { formatTarget } from '../shared/format';
import { ACCUMULATION_LABEL } from '../shared/labels';
import { StatusTag } from '../shared/StatusTag';

interface TrendCardProps {
  plan: Plan;
  regionName: string;
  progress: readonly IndicatorProgress[];
  indicators: readonly Indicator[];
}

/** One indicator's yearly values against its target, for the region the dashboard looks at. */
export function TrendCard({ plan, regionName, progress, indicators }: TrendCardProps) {
  const byId = useMemo(() => new Map(indicators.map((indicator) => [indicator.id, indicator])), [indicators]);
  const firstWithData = progress.find((item) => item.series.length > 0)?.indicatorId ?? progress[0]?.indicatorId ?? null;
  const [chosen, setChosen] = useState<string | null>(null);
  const selectedId = chosen && progress.some((item) => item.indicatorId === chosen) ? chosen : firstWithData;
  const item = progress.find((row) => row.indicatorId === selectedId);
  const indicator = selectedId ? byId.get(selectedId) : undefined;

  const option = useMemo(() => {
    if (!item || !indicator) return null;
    return buildTrendOption({
      lines: [{ name: regionName, series: toTargetScale(item.series, indicator.accumulation, plan.startYear) }],
      years: yearRange(Math.min(item.baseYear, plan.startYear), plan.endYear),
      unit: indicator.unit,
      target: item.targetValue,
      targetLabel: `${indicator.targetYear}年目标`,
    });
  }, [item, indicator, regionName, plan]);

  return (
    <Card
      size="small"
      title="指标趋势"
      extra={
        <Select
          aria-label="选择指标"
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 360 }}
          value={selectedId ?? undefined}
          onChange={setChosen}
          options={progress.map((row) => ({ value: row.indicatorId, label: `${row.indicatorCode} ${byId.get(row.indicatorId)?.name ?? ''}` }))}
        />
      }
    >
      {item && indicator && option ? (
        <Flex vertical gap={8}>
          <Flex gap={12} wrap align="center">
            <Link to={`/plan/indicators/${indicator.id}`}>
              <Typography.Text strong>{indicator.name}</Typography.Text>
            </Link>
            <StatusTag status={item.progress.status} />
            <Typography.Text type="secondary">
              目标：{formatTarget(indicator.target, indicator.unit, indicator.decimals)} · {ACCUMULATION_LABEL[indicator.accumulation]}
              {indicator.accumulation === 'increment' ? '（图中为规划期内累计新增）' : ''}
            </Typography.Text>
          </Flex>
          {item.series.length > 0 ? (
            <PlanChart option={option} height={300} ariaLabel={`${indicator.name}历年数值与目标折线图`} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该指标暂无已审定数据" />
          )}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无指标" />
      )}
    </Card>
  );
}
