import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { type Plan, useDashboard, useIndicators } from '../../api/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { can } from '../../lib/access';
import { useMeUser } from '../../session';
import { DashboardCharts } from './dashboard/DashboardCharts';
import { KpiCards } from './dashboard/KpiCards';
import { dashboardKpis } from './dashboard/kpis';
import { TrendCard } from './dashboard/TrendCard';
import { DemoTag } from './shared/DemoTag';
import { PlanFrame } from './shared/PlanFrame';
import { regionName as nameOf } from './shared/regions';
import { usePlanRegion } from './shared/use-plan-region';

function DashboardBody({ plan, year }: { plan: Plan; year: number }) {
  const me = useMeUser();
  const { regionCode: code, regions } = usePlanRegion();
  const dashboard = useDashboard(plan.id, year, code);
  const indicators = useIndicators(plan.id);
  const kpis = useMemo(() => (dashboard.data ? dashboardKpis(dashboard.data) : null), [dashboard.data]);

  if (dashboard.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (dashboard.isError) return <ErrorAlert error={dashboard.error} title="规划总览加载失败" onRetry={() => void dashboard.refetch()} />;
  const data = dashboard.data;
  return (
    <>
      <Flex align="center" gap={8} wrap>
        <Typography.Text type="secondary">
          {nameOf(data.regionCode, regions)} · {data.year}年 · 统计口径：已审定数据
        </Typography.Text>
        <DemoTag demo={data.demo} />
        <Button size="small" icon={<ReloadOutlined />} loading={dashboard.isFetching} onClick={() => void dashboard.refetch()}>
          刷新
        </Button>
      </Flex>
      {kpis ? <KpiCards kpis={kpis} canReview={can(me.role, 'planReview')} /> : null}
      <DashboardCharts dashboard={data} indicators={indicators.data} />
      <TrendCard plan={plan} regionName={nameOf(data.regionCode, regions)} progress={data.indicators} indicators={indicators.data ?? []} />
    </>
  );
}

export default function PlanDashboard() {
  return (
    <PlanFrame title="规划总览" description="湖州市质量发展“十四五”规划 44 项主要指标的实施进展">
      {(plan, year) => <DashboardBody plan={plan} year={year} />}
    </PlanFrame>
  );
}
