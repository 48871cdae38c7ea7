import { Card, Col, Empty, Flex, Row, Table, Typography } from 'antd';
import { useMemo } from 'react';
import type { EvaluationIndicatorRow, EvaluationSnapshot } from '../../../api/plan';
import { PlanChart } from '../../../charts/plan-chart';
import { buildStatusByCategoryOption } from '../../../charts/plan-options';
import { categoryLabel } from '../indicators/rows';
import { formatNumber, formatRatio, formatShare, formatTarget } from '../shared/format';
import { STATUS_COLOR, STATUS_LABEL, STATUS_ORDER, statusRank } from '../shared/labels';
import { STATUS_FILTERS, StatusTag } from '../shared/StatusTag';

const muted = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

export function CategorySummary({ snapshot }: { snapshot: EvaluationSnapshot }) {
  const option = useMemo(() => buildStatusByCategoryOption(snapshot.categories), [snapshot.categories]);
  const rows = snapshot.categories.map((row) => ({ ...row, total: STATUS_ORDER.reduce((sum, status) => sum + (row.counts[status] ?? 0), 0) }));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card size="small" title="分类汇总">
          <Table
            rowKey="category"
            size="small"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 640 }}
            columns={[
              { title: '类别', dataIndex: 'category', width: 80 },
              { title: '指标数', dataIndex: 'total', width: 60, align: 'right' },
              ...STATUS_ORDER.map((status) => ({
                title: <span style={{ color: STATUS_COLOR[status] }}>{STATUS_LABEL[status]}</span>,
                key: status,
                width: 84,
                align: 'right' as const,
                render: (_v: unknown, row: (typeof rows)[number]) => row.counts[status] ?? 0,
              })),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title="分类进展">
          <PlanChart option={option} height={260} ariaLabel="评估各类别指标进展状态堆叠柱状图" />
        </Card>
      </Col>
    </Row>
  );
}

export function LaggingList({ snapshot }: { snapshot: EvaluationSnapshot }) {
  return (
    <Card size="small" title={`滞后指标（${snapshot.lagging.length}）`}>
      {snapshot.lagging.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有滞后指标" />
      ) : (
        <Flex vertical style={{ maxHeight: 320, overflowY: 'auto' }}>
          {snapshot.lagging.map((item) => (
            <Flex key={item.code} gap={8} align="center" wrap style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <StatusTag status={item.status} />
              <Typography.Text>
                {item.code} {item.name}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
                {item.leadUnit ?? '—'}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function RegionStatuses({ row }: { row: EvaluationIndicatorRow }) {
  return (
    <Flex gap={16} wrap style={{ padding: '4px 8px' }}>
      {row.regions.map((region) => (
        <Flex key={region.regionCode} gap={4} align="center">
          <Typography.Text>{region.regionName}</Typography.Text>
          <Typography.Text type="secondary">{formatNumber(region.latestValue)}</Typography.Text>
          <StatusTag status={region.status} />
        </Flex>
      ))}
    </Flex>
  );
}

export function SnapshotIndicators({ snapshot }: { snapshot: EvaluationSnapshot }) {
  const categories = [...new Set(snapshot.rows.map((row) => row.category))];
  return (
    <Card size="small" title="指标进展明细">
      <Table<EvaluationIndicatorRow>
        rowKey="indicatorId"
        size="small"
        dataSource={snapshot.rows}
        scroll={{ x: 1200 }}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (row) => <RegionStatuses row={row} />, rowExpandable: (row) => row.regions.length > 0 }}
        columns={[
          { title: '编号', dataIndex: 'code', width: 64 },
          {
            title: '类别',
            key: 'category',
            width: 140,
            filters: categories.map((category) => ({ text: category, value: category })),
            onFilter: (value, row) => row.category === value,
            render: (_v, row) => categoryLabel(row),
          },
          { title: '指标', dataIndex: 'name', width: 240 },
          { title: '目标', key: 'target', width: 110, align: 'right', render: (_v, row) => formatTarget(row.target, row.unit) },
          { title: '基期值', key: 'baseline', width: 90, align: 'right', render: (_v, row) => formatNumber(row.baseline) },
          {
            title: '最新值',
            key: 'latest',
            width: 100,
            align: 'right',
            render: (_v, row) => (
              <span>
                {formatNumber(row.latestValue)}
                {row.latestYear ? <div>{muted(`${row.latestYear}年`)}</div> : null}
              </span>
            ),
          },
          {
            title: '状态',
            key: 'status',
            width: 110,
            filters: STATUS_FILTERS,
            onFilter: (value, row) => row.status === value,
            sorter: (a, b) => statusRank(a.status) - statusRank(b.status),
            render: (_v, row) => <StatusTag status={row.status} />,
          },
          { title: 'R', key: 'r', width: 64, align: 'right', render: (_v, row) => formatRatio(row.progressValue) },
          { title: '已完成所需变化', key: 'share', width: 110, align: 'right', render: (_v, row) => formatShare(row.currentStatusShare) },
          { title: '预测', key: 'forecast', width: 90, align: 'right', render: (_v, row) => formatNumber(row.forecast) },
          { title: '牵头单位', key: 'leadUnit', width: 140, ellipsis: true, render: (_v, row) => row.leadUnit ?? '—' },
        ]}
      />
    </Card>
  );
}
