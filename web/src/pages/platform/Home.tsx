import { EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { useDashboardSummary } from '../../api/platform';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n';
import { can } from '../../lib/access';
import { huzhouToday } from '../../lib/time';
import { useRegion } from '../../region-context';
import { useMeUser } from '../../session';
import { EnterpriseHome } from './home/EnterpriseHome';
import { GradingOverview } from './home/GradingOverview';
import { SummaryCards } from './home/SummaryCards';
import { SummaryCharts } from './home/SummaryCharts';

function Welcome() {
  const t = useT();
  const me = useMeUser();
  return (
    <Flex align="center" wrap gap={8}>
      <Typography.Text style={{ fontSize: 15 }}>
        您好，<Typography.Text strong>{me.displayName}</Typography.Text>！今天是 {huzhouToday()}。
      </Typography.Text>
      <Tag color="blue">{t(`role.${me.role}`)}</Tag>
      <Tag icon={<EnvironmentOutlined />}>{me.regionName}</Tag>
      {me.enterpriseName ? <Tag>{me.enterpriseName}</Tag> : null}
    </Flex>
  );
}

function HomeSkeleton() {
  return (
    <Flex vertical gap={16}>
      <Card>
        <Skeleton active paragraph={{ rows: 2 }} />
      </Card>
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    </Flex>
  );
}

export default function Home() {
  const me = useMeUser();
  const { regionCode, regionName } = useRegion();
  const enterprise = me.role === 'enterprise';
  // An enterprise's workbench is its own (EnterpriseHome); the region summary is for the bureaus.
  const summary = useDashboardSummary(regionCode, !enterprise);
  // The colour map is for the supervising bureaus (监管端): the grading page's capability, less the inspectors
  // (执法端), who may open that page but do not steer regional supervision from this dashboard.
  const showGrading = can(me.role, 'samplingRegulator') && me.role !== 'inspector';

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex align="center" justify="space-between" wrap gap={12}>
          <div>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 8 }}>
              工作台
            </Typography.Title>
            <Welcome />
          </div>
          {enterprise ? null : (
            <Flex align="center" gap={12}>
              <Typography.Text type="secondary">当前查看：{summary.data?.regionName ?? regionName}</Typography.Text>
              <Button icon={<ReloadOutlined />} loading={summary.isFetching} onClick={() => void summary.refetch()}>
                刷新
              </Button>
            </Flex>
          )}
        </Flex>
      </Card>
      {enterprise ? <EnterpriseHome /> : null}
      {!enterprise && summary.isPending ? <HomeSkeleton /> : null}
      {summary.isError ? <ErrorAlert error={summary.error} title="工作台数据加载失败" onRetry={() => void summary.refetch()} /> : null}
      {summary.data ? <SummaryCards counts={summary.data.counts} /> : null}
      {showGrading ? <GradingOverview /> : null}
      {summary.data ? <SummaryCharts summary={summary.data} /> : null}
    </Flex>
  );
}
