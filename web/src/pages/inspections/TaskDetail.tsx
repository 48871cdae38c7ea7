import { ArrowLeftOutlined, EditOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Result, Skeleton, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { RISK_CLASSES } from '../../../../common/draw/types.ts';
import { isApiError } from '../../api/client';
import { type TaskDetail as Task, useTask } from '../../api/inspections';
import { ErrorAlert } from '../../components/ErrorAlert';
import { can } from '../../lib/access';
import { useMeUser } from '../../session';
import { DemoTag } from '../plan/shared/DemoTag';
import { ITEM_KIND_LABELS, percent, REGION_RULE_LABELS } from './labels';
import { KindTag, PublicationTag, TaskStatusTag } from './tags';
import { DrawCeremony } from './task/DrawCeremony';
import { TargetsPanel } from './task/TargetsPanel';
import { EditTaskModal } from './task/TaskModals';
import { AssignPanel, FinishPanel, RecusalsPanel } from './task/TaskPanels';
import { taskEditability } from './task/task-form';

function Overview({ task }: { task: Task }) {
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
      <Descriptions.Item label="区域">{task.regionName}</Descriptions.Item>
      <Descriptions.Item label="年度计划">{task.planName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="检查期间">{task.startsOn || task.deadline ? `${task.startsOn ?? '—'} 至 ${task.deadline ?? '—'}` : '未设定'}</Descriptions.Item>
      <Descriptions.Item label="抽查事项" span={{ xs: 1, md: 2, xl: 3 }}>
        {task.items.map((i) => `${i.code} ${i.name}（${ITEM_KIND_LABELS[i.kind]}，第 ${i.version} 版）`).join('；')}
      </Descriptions.Item>
      {task.kind === 'random' ? (
        <Descriptions.Item label="抽查比例">{RISK_CLASSES.map((c) => `${c} 类 ${percent(task.ratioBasisPoints[c])}`).join('，')}</Descriptions.Item>
      ) : (
        <Descriptions.Item label="触发原因">{task.triggerReason ?? '—'}</Descriptions.Item>
      )}
      <Descriptions.Item label="人员规则">
        每户 {task.inspectorsPerTarget} 人 · {REGION_RULE_LABELS[task.regionRule]}
        {task.maxTargetsPerInspector ? ` · 每人最多 ${task.maxTargetsPerInspector} 户` : ''}
      </Descriptions.Item>
      {task.publication ? (
        <Descriptions.Item label="公示期限">
          <PublicationTag publication={task.publication} />
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

/** 编辑 for a draft the caller manages; for a frozen or committed one, how to get back to a draft first. */
function EditAction({ task }: { task: Task }) {
  const me = useMeUser();
  const [editing, setEditing] = useState(false);
  const editability = taskEditability(task, can(me.role, 'inspections'));
  if (editability === 'unfreeze-first') {
    const step = task.status === 'frozen' ? '撤回冻结' : '撤回承诺';
    return (
      <Typography.Text type="secondary">
        <LockOutlined /> 名录已{task.status === 'frozen' ? '冻结' : '冻结并发布承诺'}，任务参数不可修改；如需修改，请先在下方摇号仪式中“{step}”退回草稿。
      </Typography.Text>
    );
  }
  if (editability !== 'edit') return null;
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
        编辑
      </Button>
      <EditTaskModal task={task} open={editing} onClose={() => setEditing(false)} />
    </>
  );
}

/** One 抽查任务: overview, the draw ceremony (random tasks) or the assignment (非随机), targets and results, recusals, end and publication. */
export default function TaskDetail() {
  const { id = '' } = useParams();
  const task = useTask(id);
  if (task.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (task.isError) {
    if (isApiError(task.error) && task.error.status === 404) {
      return (
        <Result status="404" title="任务不存在" subTitle="该任务不存在，或不在您的管辖范围内。" extra={<Link to="/inspections/tasks">返回任务列表</Link>} />
      );
    }
    return <ErrorAlert error={task.error} title="任务加载失败" onRetry={() => void task.refetch()} />;
  }
  const t = task.data;
  const afterDraw = t.targetCount > 0;
  const tabs = [
    { key: 'targets', label: `检查对象与结果（${t.resultCount}/${t.targetCount}）`, children: <TargetsPanel task={t} /> },
    ...(t.kind === 'random' && afterDraw ? [{ key: 'recusals', label: `回避申请（${t.recusals.length}）`, children: <RecusalsPanel task={t} /> }] : []),
    ...(t.canManage && afterDraw ? [{ key: 'finish', label: '检查结束与公示', children: <FinishPanel task={t} /> }] : []),
  ];
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={8}>
          <Link to="/inspections/tasks">
            <ArrowLeftOutlined /> 抽查任务
          </Link>
          <Flex justify="space-between" align="center" gap={12} wrap>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t.name}
              </Typography.Title>
              <KindTag kind={t.kind} />
              <TaskStatusTag status={t.status} />
              <DemoTag demo={t.isDemo} />
            </Flex>
            <EditAction task={t} />
          </Flex>
          <Overview task={t} />
        </Flex>
      </Card>
      {t.kind === 'random' ? <DrawCeremony task={t} /> : null}
      {t.kind === 'non_random' && t.status === 'draft' && t.canManage ? (
        <Card title="指定检查对象和人员">
          <AssignPanel task={t} />
        </Card>
      ) : null}
      {t.kind === 'non_random' ? <Alert type="info" showIcon title="非随机检查：因投诉举报、线索或转办开展，未经随机抽取，公示时标注“非随机”。" /> : null}
      <Card>
        <Tabs items={tabs} />
      </Card>
    </Flex>
  );
}
