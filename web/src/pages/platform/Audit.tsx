import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useAudit, useVerifyAudit } from '../../api/platform';
import type { AuditEntry, RegionNode } from '../../api/platform-types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { type Translate, useT } from '../../i18n';
import { findRegion } from '../../lib/regions';
import { shanghaiTime } from '../../lib/time';
import { useRegion } from '../../region-context';
import { AuditDetail } from './audit/AuditDetail';
import { AuditFilters, type AuditFilterValues } from './audit/AuditFilters';
import { ACTION_LABEL, actionColor, ENTITY_TYPE_LABEL } from './audit/labels';
import { VerifyChainButton, VerifyChainResult } from './audit/VerifyChain';

const DEFAULT_PAGE_SIZE = 20;
const dash = <Typography.Text type="secondary">—</Typography.Text>;

function buildColumns(t: Translate, tree: RegionNode[] | undefined): ColumnsType<AuditEntry> {
  return [
    {
      title: '时间',
      dataIndex: 'occurredAt',
      key: 'occurredAt',
      width: 170,
      render: (_value, entry) => shanghaiTime(entry.occurredAt, true),
    },
    { title: '操作人', dataIndex: 'actorUsername', key: 'actor', width: 120, render: (_value, entry) => entry.actorUsername ?? dash },
    {
      title: '角色',
      dataIndex: 'actorRole',
      key: 'actorRole',
      width: 110,
      render: (_value, entry) => (entry.actorRole ? t(`role.${entry.actorRole}`) : dash),
    },
    {
      title: '动作',
      dataIndex: 'action',
      key: 'action',
      width: 120,
      render: (_value, entry) => (
        <Tag color={actionColor(entry.action)} title={entry.action}>
          {ACTION_LABEL[entry.action] ?? entry.action}
        </Tag>
      ),
    },
    {
      title: '对象类型',
      dataIndex: 'entityType',
      key: 'entityType',
      width: 80,
      render: (_value, entry) => ENTITY_TYPE_LABEL[entry.entityType] ?? entry.entityType,
    },
    {
      title: '对象ID',
      dataIndex: 'entityId',
      key: 'entityId',
      width: 110,
      ellipsis: true,
      render: (_value, entry) => (entry.entityId ? <Typography.Text copyable={{ text: entry.entityId }}>{entry.entityId.slice(0, 8)}</Typography.Text> : dash),
    },
    {
      title: '区划',
      dataIndex: 'regionCode',
      key: 'regionCode',
      width: 100,
      render: (_value, entry) => (entry.regionCode ? (tree && findRegion(tree, entry.regionCode)?.name) || entry.regionCode : dash),
    },
    { title: 'IP', dataIndex: 'ip', key: 'ip', width: 110, render: (_value, entry) => entry.ip ?? dash },
    {
      title: '请求ID',
      dataIndex: 'requestId',
      key: 'requestId',
      width: 120,
      ellipsis: true,
      render: (_value, entry) =>
        entry.requestId ? <Typography.Text copyable={{ text: entry.requestId }}>{entry.requestId.slice(0, 10)}</Typography.Text> : dash,
    },
  ];
}

export default function Audit() {
  const t = useT();
  const { tree } = useRegion();
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const audit = useAudit({ ...page, ...filters });
  const verify = useVerifyAudit();

  return (
    <Card>
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="flex-start" wrap gap={12}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              审计日志
            </Typography.Title>
            <Typography.Text type="secondary">全市所有操作的留痕记录，按时间倒序；每条记录与上一条以哈希相链，可校验是否被篡改。</Typography.Text>
          </div>
          <VerifyChainButton verify={verify} />
        </Flex>
        <VerifyChainResult verify={verify} />
        <AuditFilters
          onChange={(next) => {
            setFilters(next);
            setPage((current) => ({ ...current, page: 1 }));
          }}
        />
        {audit.isError ? <ErrorAlert error={audit.error} title="审计日志加载失败" onRetry={() => void audit.refetch()} /> : null}
        <Table<AuditEntry>
          rowKey="seq"
          size="middle"
          columns={buildColumns(t, tree)}
          dataSource={audit.data?.items ?? []}
          loading={audit.isFetching}
          scroll={{ x: 1080 }}
          expandable={{ expandedRowRender: (entry) => <AuditDetail entry={entry} /> }}
          locale={{ emptyText: <Empty description={audit.isError ? '加载失败' : '没有符合条件的审计记录'} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => `共 ${total} 条`,
            onChange: (nextPage, pageSize) => setPage((current) => ({ page: pageSize === current.pageSize ? nextPage : 1, pageSize })),
          }}
        />
      </Flex>
    </Card>
  );
}
