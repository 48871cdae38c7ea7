import { App, Button, Card, Empty, Flex, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type JobInfo, type JobRun, type JobRunStatus, useJobs, useRunJob } from '../../api/jobs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise } from '../../i18n';
import { shanghaiTime } from '../../lib/time';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const time = (iso: string | null) => (iso ? shanghaiTime(iso, true) : null);

const STATUS: Record<JobRunStatus, { color: string; label: string }> = {
  running: { color: 'processing', label: '运行中' },
  success: { color: 'success', label: '成功' },
  failed: { color: 'error', label: '失败' },
};

/** A run's result in words: the credit counts, or the samples finalised; the error when it failed. */
function summaryText(run: JobRun): string | null {
  if (run.status === 'failed') return run.error;
  const s = run.summary;
  if (!s) return null;
  if (typeof s.finalized === 'number') return `结案 ${s.finalized} 个样品`;
  const counts = s.counts as Record<string, number> | undefined;
  if (typeof s.entities === 'number' && counts) {
    return `${s.entities} 户：A ${counts.A ?? 0} / B ${counts.B ?? 0} / C ${counts.C ?? 0} / D ${counts.D ?? 0}`;
  }
  return JSON.stringify(s);
}

function RunStatus({ run }: { run: JobRun | undefined }) {
  if (!run) return <Tag>尚未运行</Tag>;
  const s = STATUS[run.status];
  return (
    <Tooltip title={run.attempts > 1 ? `第 ${run.attempts} 次尝试` : undefined}>
      <Tag color={s.color}>{s.label}</Tag>
    </Tooltip>
  );
}

/** The newest runs of one job (the expanded row). */
function RunHistory({ job }: { job: JobInfo }) {
  const columns: ColumnsType<JobRun> = [
    { title: '周期', dataIndex: 'slot', key: 'slot', width: 110 },
    { title: '状态', key: 'status', width: 90, render: (_v, run) => <RunStatus run={run} /> },
    { title: '触发', key: 'trigger', width: 120, render: (_v, run) => (run.trigger === 'manual' ? `手动（${run.requestedBy ?? '—'}）` : '定时') },
    { title: '开始', key: 'startedAt', width: 170, render: (_v, run) => time(run.startedAt) },
    { title: '结束', key: 'finishedAt', width: 170, render: (_v, run) => time(run.finishedAt) ?? dash },
    {
      title: '结果',
      key: 'summary',
      render: (_v, run) => {
        const text = summaryText(run);
        return text ? <Typography.Text type={run.status === 'failed' ? 'danger' : undefined}>{text}</Typography.Text> : dash;
      },
    },
  ];
  return (
    <Table<JobRun>
      rowKey="slot"
      size="small"
      columns={columns}
      dataSource={job.lastRuns}
      pagination={false}
      locale={{ emptyText: <Empty description="尚无运行记录" /> }}
    />
  );
}

/**
 * 定时任务 (city administrators): the jobs the server runs itself — 每月信用风险分类 on the 1st, 每日复检期满结案 at
 * 00:30 — with their schedule, next run and newest runs; 立即运行 runs a job's current period now when it has not
 * succeeded yet (a missed or failed run).
 */
export default function JobsPage() {
  const { message } = App.useApp();
  const localise = useLocalise();
  const jobs = useJobs();
  const run = useRunJob();

  const columns: ColumnsType<JobInfo> = [
    {
      title: '任务',
      dataIndex: 'title',
      key: 'title',
      width: 170,
      render: (title: string, job) => (
        <Typography.Text strong title={job.name}>
          {title}
        </Typography.Text>
      ),
    },
    { title: '执行时间', dataIndex: 'scheduleText', key: 'schedule', width: 190 },
    { title: '当前周期', dataIndex: 'currentSlot', key: 'currentSlot', width: 110 },
    {
      title: '最近一次运行',
      key: 'last',
      width: 260,
      render: (_v, job) => {
        const last = job.lastRuns[0];
        return (
          <Flex gap={8} align="center">
            <RunStatus run={last} />
            {last ? (
              <Typography.Text type="secondary">
                {last.slot} · {time(last.finishedAt ?? last.startedAt)}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      },
    },
    { title: '下次运行', dataIndex: 'nextRunAt', key: 'nextRunAt', width: 170, render: (iso: string) => time(iso) },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_v, job) => {
        const current = job.lastRuns.find((r) => r.slot === job.currentSlot);
        const blocked = current?.status === 'success' || current?.status === 'running';
        return (
          <Popconfirm
            title={`立即运行「${job.title}」？`}
            description={`将运行当前周期 ${job.currentSlot}，在后台执行。`}
            okText="运行"
            cancelText="取消"
            disabled={blocked}
            onConfirm={() =>
              run.mutateAsync(job.name).then(
                () => void message.success(`${job.title}（${job.currentSlot}）已开始运行`),
                (error: Error) => void message.error(`运行失败：${localise(error.message)}`),
              )
            }
          >
            <Button size="small" disabled={blocked} title={blocked ? '当前周期已成功运行或正在运行' : undefined}>
              立即运行
            </Button>
          </Popconfirm>
        );
      },
    },
  ];

  return (
    <Card>
      <Flex vertical gap={16}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            定时任务
          </Typography.Title>
          <Typography.Text type="secondary">
            平台按北京时间自动执行的任务。每个周期只运行一次；服务器停机错过的周期在启动后补运行，失败的周期稍后自动重试。
          </Typography.Text>
        </div>
        {jobs.isError ? <ErrorAlert error={jobs.error} title="定时任务加载失败" onRetry={() => void jobs.refetch()} /> : null}
        <Table<JobInfo>
          rowKey="name"
          size="middle"
          columns={columns}
          dataSource={jobs.data ?? []}
          loading={jobs.isLoading}
          scroll={{ x: 1010 }}
          expandable={{ expandedRowRender: (job) => <RunHistory job={job} /> }}
          locale={{ emptyText: <Empty description={jobs.isError ? '加载失败' : '没有定时任务'} /> }}
          pagination={false}
        />
      </Flex>
    </Card>
  );
}
