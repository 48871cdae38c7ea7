import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import type { Indicator, IndicatorProgress, Plan } from '../../../api/plan';
import { PlanChart } from '../../../charts/plan-chart';
import { buildTrendOption, toTargetScale, yearRange } from '../../../charts/plan-options';
import { type PlanRegion, regionName } from '../shared/regions';

/** Every region's series on one chart, with the city target dashed. */
export function SeriesCard({
  plan,
  indicator,
  progress,
  regions,
}: {
  plan: Plan | undefined;
  indicator: Indicator;
  progress: IndicatorProgress[];
  regions: PlanRegion[];
}) {
  const startYear = plan?.startYear ?? indicator.baseline.year + 1;
  const endYear = plan?.endYear ?? indicator.targetYear;
  const city = progress.find((row) => row.regionCode === '330500') ?? progress[0];
  const option = useMemo(
    () =>
      buildTrendOption({
        lines: progress.map((row) => ({ name: regionName(row.regionCode, regions), series: toTargetScale(row.series, indicator.accumulation, startYear) })),
        years: yearRange(Math.min(indicator.baseline.year, startYear), endYear),
        unit: indicator.unit,
        target: city?.targetValue ?? null,
        targetLabel: `全市${indicator.targetYear}年目标`,
      }),
    [progress, regions, indicator, startYear, endYear, city],
  );
  const hasData = progress.some((row) => row.series.length > 0);
  return (
    <Card size="small" title={indicator.accumulation === 'increment' ? '历年累计新增（规划期内）' : '历年数值'}>
      {hasData ? (
        <PlanChart option={option} height={320} ariaLabel={`${indicator.name}各区划历年数值折线图`} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无已审定数据" />
      )}
    </Card>
  );
}
