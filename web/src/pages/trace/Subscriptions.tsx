import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { type Subscription, useSubscriptions, useUnsubscribe } from '../../api/trace-subscriptions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { useLocalise } from '../../i18n';
import { shanghaiTime } from '../../lib/time';
import { useMeUser } from '../../session';
import { deliveryState, describeSchedule } from './subscriptions/labels';
import { SubscribeModal } from './subscriptions/SubscribeModal';

const PAGE_SIZE = 20;

/**
 * 数据订阅: EPCIS webhook subscriptions — which named query's new events the platform pushes to which receiving
 * system, and whether pushing works (last success, failures and the next retry). Each account sees its own; the
 * city every one, with who subscribed. Subscribe and unsubscribe go through the EPCIS interface itself.
 */
export default function SubscriptionsPage() {
  const me = useMeUser();
  const localise = useLocalise();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useSubscriptions({ page, pageSize: PAGE_SIZE });
  const unsubscribe = useUnsubscribe();
  const [creating, setCreating] = useState(false);
  const city = me.role === 'city_admin';

  const columns: ColumnsType<Subscription> = [
    {
      title: '命名查询',
      dataIndex: 'queryName',
      key: 'queryName',
      width: 170,
      render: (name: string) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
          {name}
        </Typography.Text>
      ),
    },
    {
      title: '接收地址',
      dataIndex: 'dest',
      key: 'dest',
      render: (dest: string, s) => (
        <Flex vertical>
          <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
            {dest}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.signed ? '带签名（GS1-Signature）' : '未签名'}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '推送方式',
      key: 'mode',
      width: 160,
      render: (_v, s) =>
        s.schedule ? (
          <Flex vertical>
            <span>{describeSchedule(s.schedule)}</span>
            {s.nextRunAt ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                下次 {shanghaiTime(s.nextRunAt)}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          '实时推送'
        ),
    },
    {
      title: '推送状态',
      key: 'state',
      width: 200,
      render: (_v, s) => {
        const state = deliveryState(s);
        return (
          <Flex vertical gap={2}>
            <span>
              <Tag color={state.color}>{state.text}</Tag>
            </span>
            {s.failedAttempts > 0 && s.lastError ? (
              <Tooltip title={`${s.lastErrorAt ? `${shanghaiTime(s.lastErrorAt)}：` : ''}${s.lastError}`}>
                <Typography.Text type="danger" ellipsis style={{ fontSize: 12, maxWidth: 200 }}>
                  {s.lastError}
                </Typography.Text>
              </Tooltip>
            ) : null}
            {s.failedAttempts > 0 && s.nextAttemptAt ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                下次重试 {shanghaiTime(s.nextAttemptAt)}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      },
    },
    {
      title: '最近成功推送',
      dataIndex: 'lastNotifiedAt',
      key: 'lastNotifiedAt',
      width: 160,
      render: (value?: string) => (value ? shanghaiTime(value) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    ...(city
      ? [
          {
            title: '订阅账号',
            key: 'owner',
            width: 200,
            render: (_v: unknown, s: Subscription) => (
              <Flex vertical>
                <span>{s.owner.displayName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.owner.enterpriseName ?? s.owner.username}
                </Typography.Text>
              </Flex>
            ),
          },
        ]
      : []),
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', width: 160, render: (value: string) => shanghaiTime(value) },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_v, s) => (
        <Popconfirm
          title={`取消对「${s.queryName}」的订阅？`}
          description="取消后立即停止向该地址推送，不可恢复（可重新订阅，但只推送此后的新事件）。"
          okText="取消订阅"
          okButtonProps={{ danger: true }}
          cancelText="保留"
          onConfirm={() =>
            unsubscribe.mutateAsync(s).then(
              () => void message.success(`已取消对「${s.queryName}」的订阅`),
              (error: Error) => void message.error(localise(error.message)),
            )
          }
        >
          <Button type="link" danger size="small" aria-label={`取消订阅 ${s.dest}`}>
            取消订阅
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card>
      <Flex vertical gap={16}>
        <PageHeading
          title="数据订阅"
          action={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建订阅
            </Button>
          }
        >
          按 GS1 EPCIS 2.0 标准，平台把命名查询筛选出的新事件主动推送（Webhook）到企业或部门的信息系统，无需对方轮询。
          {city ? '市级管理员可查看全部订阅。' : '推送的事件以订阅账号的权限为准。'}
        </PageHeading>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Subscription>
          rowKey="subscriptionID"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: city ? 1300 : 1100 }}
          locale={{ emptyText: '暂无订阅' }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showTotal: (n) => `共 ${n} 个订阅`, onChange: setPage }}
        />
      </Flex>
      <SubscribeModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
