import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { type Plan, planFiles, useIndicators, useProgress } from '../../api/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise } from '../../i18n';
import { buildIndicatorColumns } from './indicators/columns';
import { categoriesOf, type IndicatorRow, joinProgress, matchesSearch } from './indicators/rows';
import { PlanFrame } from './shared/PlanFrame';
import { regionName } from './shared/regions';
import { StatusLegend } from './shared/StatusTag';
import { usePlanRegion } from './shared/use-plan-region';

function IndicatorTable({ plan, year }: { plan: Plan; year: number }) {
  const navigate = useNavigate();
  const { regionCode, regions } = usePlanRegion();
  const indicators = useIndicators(plan.id);
  const progress = useProgress(plan.id, year, regionCode);
  const [query, setQuery] = useState('');
  const rows = useMemo(() => joinProgress(indicators.data ?? [], progress.data ?? []), [indicators.data, progress.data]);
  const visible = useMemo(() => rows.filter((row) => matchesSearch(row.indicator, query)), [rows, query]);
  const localise = useLocalise();
  const columns = useMemo(() => buildIndicatorColumns(categoriesOf(indicators.data ?? []), localise), [indicators.data, localise]);
  const error = indicators.error ?? progress.error;

  return (
    <Card>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Input.Search
            allowClear
            placeholder="按指标名称或编号搜索"
            style={{ width: 300 }}
            onSearch={setQuery}
            onChange={(event) => setQuery(event.target.value)}
          />
          <Flex align="center" gap={8} wrap>
            <Typography.Text type="secondary">
              {regionName(regionCode, regions)} · {year}年
            </Typography.Text>
            <StatusLegend />
          </Flex>
        </Flex>
        {error ? (
          <ErrorAlert
            error={error}
            title="指标加载失败"
            onRetry={() => {
              void indicators.refetch();
              void progress.refetch();
            }}
          />
        ) : null}
        <Table<IndicatorRow>
          rowKey={(row) => row.indicator.id}
          size="middle"
          columns={columns}
          dataSource={visible}
          loading={indicators.isFetching || progress.isFetching}
          scroll={{ x: 1330 }}
          onRow={(row) => ({ onDoubleClick: () => navigate(`/plan/indicators/${row.indicator.id}`) })}
          locale={{ emptyText: <Empty description={error ? '加载失败' : query ? '没有符合条件的指标' : '该规划暂无指标'} /> }}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (total) => `共 ${total} 项` }}
        />
      </Flex>
    </Card>
  );
}

export default function PlanIndicators() {
  return (
    <PlanFrame
      title="指标一览"
      description="表1 主要指标的目标、基期与最新进展；点击指标名称查看详情"
      extra={(plan) => (
        <Button icon={<DownloadOutlined />} href={planFiles.indicatorsXlsx(plan.id)} download>
          导出Excel
        </Button>
      )}
    >
      {(plan, year) => <IndicatorTable plan={plan} year={year} />}
    </PlanFrame>
  );
}
