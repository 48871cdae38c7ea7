import { Alert, Descriptions, Drawer, Empty, Flex, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { useCaptureJob } from '../../../api/trace';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLocalise } from '../../../i18n';
import { shanghaiTime } from '../../../lib/time';
import { documentTypeLabel, type ErrorIssue, readCaptureError, STATUS_COLOR, STATUS_LABEL } from './labels';

const time = (iso: string | null) => shanghaiTime(iso, true);

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
          {data.status === 'failed' ? (
            <Alert
              type="warning"
              showIcon
              title="整份文档未入库"
              description="上报按“全部成功或全部退回”处理：文档中任何一个事件有误，整份文档都不会保存。请按下列错误修改后重新上报。"
            />
          ) : null}
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
