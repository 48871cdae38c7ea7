import { Alert, Descriptions, Drawer, Empty, Flex, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { type CaptureJob, useCaptureJob } from '../../../api/trace';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLocalise } from '../../../i18n';
import { shanghaiTime } from '../../../lib/time';
import { documentTypeLabel, ERROR_BEHAVIOUR_LABEL, type ErrorIssue, readCaptureError, refusedCount, STATUS_COLOR, STATUS_LABEL } from './labels';

const time = (iso: string | null) => shanghaiTime(iso, true);

/** What became of a capture with errors: nothing stored (the whole document, or every event, refused) or part of it. */
function OutcomeNotice({ job }: { job: CaptureJob }) {
  if (job.status === 'partial') {
    return (
      <Alert
        type="warning"
        showIcon
        title={`部分入库：${job.storedCount} 个事件已入库，${refusedCount(job)} 个被退回`}
        description="本次上报选择了“合格事件入库”：下列事件未保存，其余已入库。修改被退回的事件后可重新上报整份文件，已入库的事件会被识别为重复，不会重复保存。"
      />
    );
  }
  if (job.status !== 'failed') return null;
  if (job.errorBehaviour === 'proceed') {
    const each = job.errorCount === job.eventCount;
    return (
      <Alert
        type="warning"
        showIcon
        title="没有事件入库"
        description={
          each
            ? '本次上报选择了“合格事件入库”，但每个事件都有下列错误，均未保存。请修改后重新上报。'
            : '文件本身有下列错误，无法逐个处理其中的事件，整份未保存。请修改后重新上报。'
        }
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      title="整份文档未入库"
      description="上报按“全部成功或全部退回”处理：文档中任何一个事件有误，整份文档都不会保存。请按下列错误修改后重新上报。"
    />
  );
}

/** One capture job: what was reported, by whom, how much was stored, and every error, field by field. */
export function CaptureDrawer({ captureId, onClose }: { captureId: string | null; onClose: () => void }) {
  const localise = useLocalise();
  const job = useCaptureJob(captureId);
  const data = job.data;
  // The stored list is fixed once the job is written: its position is the error's identity.
  const errors = (data?.errors ?? []).map((error, position) => ({ ...readCaptureError(error), id: `error-${position}` }));

  return (
    <Drawer open={captureId !== null} title="上报记录详情" size={760} onClose={onClose} destroyOnHidden>
      {job.isPending && captureId ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {job.isError ? <ErrorAlert error={job.error} title="上报记录加载失败" onRetry={() => void job.refetch()} /> : null}
      {data ? (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            bordered
            column={2}
            items={[
              { key: 'status', label: '状态', children: <Tag color={STATUS_COLOR[data.status]}>{STATUS_LABEL[data.status]}</Tag> },
              { key: 'type', label: '上报内容', children: documentTypeLabel(data.documentType) },
              { key: 'behaviour', label: '出错处理', span: 2, children: ERROR_BEHAVIOUR_LABEL[data.errorBehaviour] },
              { key: 'created', label: '上报时间', children: time(data.createdAt) },
              { key: 'finished', label: '完成时间', children: time(data.finishedAt) },
              { key: 'events', label: '事件数', children: data.eventCount },
              { key: 'stored', label: '新入库', children: data.storedCount },
              { key: 'duplicates', label: '重复（已存在，未重复入库）', children: data.duplicateCount },
              { key: 'errors', label: '错误', children: data.errorCount },
              {
                key: 'enterprise',
                label: '企业',
                span: 2,
                children: data.enterpriseName ? (
                  <span>
                    {data.enterpriseName}
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {data.enterpriseCreditCode}
                    </Typography.Text>
                  </span>
                ) : (
                  (data.enterpriseCreditCode ?? '未关联企业（市局代录）')
                ),
              },
              {
                key: 'by',
                label: '上报账号',
                span: 2,
                children: data.createdBy ? `${data.createdBy.displayName}（${data.createdBy.username}）` : '—',
              },
              {
                key: 'id',
                label: '上报编号',
                span: 2,
                children: <Typography.Text copyable>{data.captureID}</Typography.Text>,
              },
            ]}
          />
          <OutcomeNotice job={data} />
          <section aria-label="错误">
            <Typography.Title level={5}>错误</Typography.Title>
            {errors.length === 0 ? (
              data.status === 'success' ? (
                <Result status="success" title="上报成功，没有错误" subTitle={`${data.storedCount} 个事件已入库`} style={{ padding: 16 }} />
              ) : (
                <Empty description="没有记录错误" />
              )
            ) : (
              <Flex vertical gap={12}>
                {errors.map((error) => (
                  <Flex key={error.id} vertical gap={8}>
                    <Alert
                      type="error"
                      showIcon
                      title={localise(error.title)}
                      description={error.code ? <Typography.Text type="secondary">错误代码：{error.code}</Typography.Text> : undefined}
                    />
                    {error.issues.length > 0 ? (
                      <Table<ErrorIssue>
                        size="small"
                        rowKey={(issue) => `${issue.field ?? ''}|${issue.rule ?? ''}|${issue.message}`}
                        dataSource={error.issues}
                        pagination={error.issues.length > 10 ? { pageSize: 10, size: 'small' } : false}
                        columns={[
                          {
                            title: '位置',
                            dataIndex: 'field',
                            key: 'field',
                            width: 260,
                            render: (field: string | null) => (field ? <Typography.Text code>{field}</Typography.Text> : '—'),
                          },
                          { title: '规则', dataIndex: 'rule', key: 'rule', width: 130, render: (rule: string | null) => rule ?? '—' },
                          { title: '说明', dataIndex: 'message', key: 'message', render: (message: string) => localise(message) },
                        ]}
                      />
                    ) : null}
                  </Flex>
                ))}
              </Flex>
            )}
          </section>
        </Flex>
      ) : null}
    </Drawer>
  );
}
