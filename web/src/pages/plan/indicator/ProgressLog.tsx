import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ProgressLogEntry } from '../../../api/plan';
import { useProgressLog } from '../../../api/plan';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLocalise } from '../../../i18n';
import { formatRatio, formatValue } from '../shared/format';
import { describeMethod } from '../shared/labels';
import { StatusTag } from '../shared/StatusTag';

const time = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

/** 测算记录: every change of the computed result, with the method version and what caused it (plan_progress_log). */
export function ProgressLog({ indicatorId, unit, decimals }: { indicatorId: string; unit: string; decimals: number }) {
  const log = useProgressLog(indicatorId);
  const localise = useLocalise();
  const columns: ColumnsType<ProgressLogEntry> = [
    { title: '时间', key: 'at', width: 150, render: (_v, row) => time(row.computedAt) },
    { title: '区划', dataIndex: 'regionName', width: 90 },
    { title: '数据年度', dataIndex: 'dataYear', width: 90 },
    {
      title: '测算值',
      key: 'value',
      width: 120,
      align: 'right',
      render: (_v, row) => (row.currentValue === null ? '—' : formatValue(row.currentValue, unit, decimals)),
    },
    { title: '状态', key: 'status', width: 110, render: (_v, row) => <StatusTag status={row.status} /> },
    { title: 'R', key: 'r', width: 80, align: 'right', render: (_v, row) => formatRatio(row.progressValue) },
    { title: '方法（版本）', key: 'method', width: 200, render: (_v, row) => `${describeMethod(row.method).name}（${row.methodVersion}）` },
    { title: '触发原因', key: 'cause', render: (_v, row) => <Typography.Text type="secondary">{localise(row.cause)}</Typography.Text> },
  ];
  return (
    <Card title="测算记录" extra={<Typography.Text type="secondary">每当测算结果变化时记录一次，含方法版本</Typography.Text>}>
      {log.isError ? <ErrorAlert error={log.error} title="测算记录加载失败" onRetry={() => void log.refetch()} /> : null}
      <Table<ProgressLogEntry>
        rowKey="id"
        size="small"
        loading={log.isPending}
        columns={columns}
        dataSource={log.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: '暂无测算记录' }}
      />
    </Card>
  );
}
