import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { TASK_STATUSES, type TaskKind, type TaskStatus, type TaskSummary, useTasks } from '../../api/inspections';
import { ErrorAlert } from '../../components/ErrorAlert';
import { can } from '../../lib/access';
import { useMeUser } from '../../session';
import { DemoTag } from '../plan/shared/DemoTag';
import { TASK_STATUS_LABELS } from './labels';
import { KindTag, PublicationTag, TaskStatusTag } from './tags';
import { NewTaskModal } from './task/TaskModals';

const columns: TableColumnsType<TaskSummary> = [
  {
    title: '任务',
    dataIndex: 'name',
    render: (_v, t) => (
      <Flex vertical gap={2}>
        <Link to={`/inspections/tasks/${t.id}`}>{t.name}</Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t.items.map((i) => i.name).join('、')}
        </Typography.Text>
      </Flex>
    ),
  },
  { title: '类型', dataIndex: 'kind', width: 90, render: (k: TaskKind) => <KindTag kind={k} /> },
  { title: '区域', dataIndex: 'regionName', width: 90 },
  { title: '状态', dataIndex: 'status', width: 110, render: (s: TaskStatus) => <TaskStatusTag status={s} /> },
  {
    title: '检查对象',
    key: 'progress',
    width: 120,
    render: (_v, t) => (t.targetCount === 0 ? '—' : `${t.resultCount} / ${t.targetCount} 已录入`),
  },
  { title: '检查截止', dataIndex: 'deadline', width: 110, render: (d: string | null) => d ?? '—' },
  { title: '公示期限', key: 'publication', width: 260, render: (_v, t) => <PublicationTag publication={t.publication} /> },
];

/** 抽查任务: the tasks of the caller's region, with their state in the ceremony and the publication deadline. */
export default function Tasks() {
  const me = useMeUser();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [status, setStatus] = useState<TaskStatus | undefined>();
  const [kind, setKind] = useState<TaskKind | undefined>();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const tasks = useTasks({ page, pageSize, ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(q ? { q } : {}) });
  const canCreate = can(me.role, 'inspections');

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Flex align="center" gap={8}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                抽查任务
              </Typography.Title>
              <DemoTag demo={tasks.data?.items.some((t) => t.isDemo)} />
            </Flex>
            <Typography.Text type="secondary">随机抽取检查对象、随机选派执法检查人员，抽查情况及查处结果及时向社会公开</Typography.Text>
          </div>
          <Flex gap={8}>
            <Button icon={<ReloadOutlined />} loading={tasks.isFetching} onClick={() => void tasks.refetch()}>
              刷新
            </Button>
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建任务
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Card>
      <Card>
        <Flex vertical gap={16}>
          <Flex gap={8} wrap>
            <Input.Search
              placeholder="任务名称"
              allowClear
              style={{ width: 240 }}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
            />
            <Select
              allowClear
              placeholder="状态"
              style={{ width: 140 }}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }))}
            />
            <Select
              allowClear
              placeholder="类型"
              style={{ width: 120 }}
              value={kind}
              onChange={(v) => {
                setKind(v);
                setPage(1);
              }}
              options={[
                { value: 'random', label: '双随机' },
                { value: 'non_random', label: '非随机' },
              ]}
            />
          </Flex>
          {tasks.isError ? <ErrorAlert error={tasks.error} title="任务加载失败" onRetry={() => void tasks.refetch()} /> : null}
          <Table
            rowKey="id"
            columns={columns}
            dataSource={tasks.data?.items ?? []}
            loading={tasks.isFetching}
            scroll={{ x: 1000 }}
            locale={{ emptyText: <Empty description={tasks.isError ? '加载失败' : '暂无抽查任务'} /> }}
            pagination={{
              current: page,
              pageSize,
              total: tasks.data?.total ?? 0,
              showTotal: (n) => `共 ${n} 项`,
              onChange: (p, s) => {
                setPage(s === pageSize ? p : 1);
                setPageSize(s);
              },
            }}
          />
        </Flex>
      </Card>
      {canCreate ? <NewTaskModal open={creating} onClose={() => setCreating(false)} /> : null}
    </Flex>
  );
}
