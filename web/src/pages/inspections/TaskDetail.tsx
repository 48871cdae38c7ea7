import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Flex, Result, Skeleton, Tabs, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { RISK_CLASSES } from '../../../../common/draw/types.ts';
import { isApiError } from '../../api/client';
import { type TaskDetail as Task, useTask } from '../../api/inspections';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DemoTag } from '../plan/shared/DemoTag';
import { ITEM_KIND_LABELS, percent, REGION_RULE_LABELS } from './labels';
import { KindTag, PublicationTag, TaskStatusTag } from './tags';
import { DrawCeremony } from './task/DrawCeremony';
import { TargetsPanel } from './task/TargetsPanel';
import { AssignPanel, FinishPanel, RecusalsPanel } from './task/TaskPanels';

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
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t.name}
            </Typography.Title>
            <KindTag kind={t.kind} />
            <TaskStatusTag status={t.status} />
            <DemoTag demo={t.isDemo} />
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
