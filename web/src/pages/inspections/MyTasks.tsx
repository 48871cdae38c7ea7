import { EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, List, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { type MyTarget, useMyTargets } from '../../api/inspections';
import { ErrorAlert } from '../../components/ErrorAlert';
import { KindTag, ResultTag } from './tags';
import { ResultModal } from './task/ResultModal';

function TargetCard({ t, onRecord }: { t: MyTarget; onRecord: () => void }) {
  return (
    <Card size="small" style={{ width: '100%' }}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t.entityName}
          </Typography.Text>
          <ResultTag category={t.result?.category ?? null} />
        </Flex>
        <Typography.Text type="secondary">{t.creditCode}</Typography.Text>
        <Typography.Text>
          <EnvironmentOutlined /> {t.regionName}
        </Typography.Text>
        <Typography.Text>
          <TeamOutlined /> {t.inspectors.map((i) => i.name).join('、')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          <KindTag kind={t.taskKind} />
          {t.taskName}
          {t.deadline ? ` · 截止 ${t.deadline}` : ''}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          检查事项：{t.items.map((i) => i.name).join('、')}
        </Typography.Text>
        {t.canRecord ? (
          <Button type={t.result ? 'default' : 'primary'} size="large" block onClick={onRecord}>
            {t.result ? '修改检查结果' : '录入检查结果'}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

/** 我的检查任务 (执法端): the targets this inspector was drawn for, as cards that read well on a phone. */
export default function MyTasks() {
  const [open, setOpen] = useState(true);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<string | null>(null);
  const targets = useMyTargets({ page, pageSize: 20, open });
  const editingTarget = targets.data?.items.find((t) => t.id === editing) ?? null;
  const todo = targets.data?.items.filter((t) => !t.result).length ?? 0;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            我的检查任务
          </Typography.Title>
          <Typography.Text type="secondary">{open ? `本页待录入 ${todo} 户` : '含已结束的任务'}</Typography.Text>
        </div>
        <Segmented
          value={open ? 'open' : 'all'}
          onChange={(v) => {
            setOpen(v === 'open');
            setPage(1);
          }}
          options={[
            { value: 'open', label: '进行中' },
            { value: 'all', label: '全部' },
          ]}
        />
      </Flex>
      {targets.isError ? <ErrorAlert error={targets.error} title="任务加载失败" onRetry={() => void targets.refetch()} /> : null}
      {targets.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <List
          dataSource={targets.data?.items ?? []}
          locale={{ emptyText: <Empty description={open ? '暂无进行中的检查任务' : '暂无检查任务'} /> }}
          renderItem={(t) => (
            <List.Item style={{ border: 'none', padding: '6px 0' }}>
              <TargetCard t={t} onRecord={() => setEditing(t.id)} />
            </List.Item>
          )}
          pagination={
            (targets.data?.total ?? 0) > 20 ? { current: page, pageSize: 20, total: targets.data?.total ?? 0, onChange: setPage, simple: true } : false
          }
        />
      )}
      <ResultModal target={editingTarget} onClose={() => setEditing(null)} />
    </Flex>
  );
}
