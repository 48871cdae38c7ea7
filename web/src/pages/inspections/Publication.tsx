import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type PublicationQueueEntry, type TaskKind, usePublicationQueue } from '../../api/inspections';
import { ErrorAlert } from '../../components/ErrorAlert';
import { KindTag, PublicationTag } from './tags';

const columns: TableColumnsType<PublicationQueueEntry> = [
  { title: '任务', dataIndex: 'name', render: (_v, t) => <Link to={`/inspections/tasks/${t.id}`}>{t.name}</Link> },
  { title: '类型', dataIndex: 'kind', width: 90, render: (k: TaskKind) => <KindTag kind={k} /> },
  { title: '区域', dataIndex: 'regionName', width: 90 },
  { title: '检查对象', dataIndex: 'targetCount', width: 90, render: (n: number) => `${n} 户` },
  { title: '检查结束', dataIndex: 'endedOn', width: 110 },
  { title: '公示期限（20 个工作日）', key: 'publication', width: 330, render: (_v, t) => <PublicationTag publication={t.publication} /> },
];

/** 待公示: finished tasks and their publication deadlines, the most urgent first. */
export default function Publication() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const queue = usePublicationQueue({ page, pageSize });
  const items = queue.data?.items ?? [];
  const overdue = items.filter((t) => t.publication.state === 'overdue').length;
  const warning = items.filter((t) => t.publication.state === 'warning').length;
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              待公示结果
            </Typography.Title>
            <Typography.Text type="secondary">
              抽查检查结果自检查结束之日起 20 个工作日内公示（企业信息公示暂行条例第六条），按法定节假日和调休计算，到期前 3 个工作日提醒
            </Typography.Text>
          </div>
          <Button icon={<ReloadOutlined />} loading={queue.isFetching} onClick={() => void queue.refetch()}>
            刷新
          </Button>
        </Flex>
      </Card>
      {overdue > 0 ? <Alert type="error" showIcon title={`${overdue} 项任务已超过公示期限，请尽快公示。`} /> : null}
      {warning > 0 ? <Alert type="warning" showIcon title={`${warning} 项任务将在 3 个工作日内到期。`} /> : null}
      <Card>
        {queue.isError ? <ErrorAlert error={queue.error} title="待公示队列加载失败" onRetry={() => void queue.refetch()} /> : null}
        <Table
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={queue.isFetching}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description="没有待公示的任务" /> }}
          pagination={{
            current: page,
            pageSize,
            total: queue.data?.total ?? 0,
            showTotal: (n) => `共 ${n} 项`,
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
        />
      </Card>
    </Flex>
  );
}
