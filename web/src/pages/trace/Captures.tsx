import { FormOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { type CaptureJob, type CaptureListParams, type CaptureStatus, useCaptureJobs } from '../../api/trace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise } from '../../i18n';
import { can } from '../../lib/access';
import { shanghaiTime } from '../../lib/time';
import { useRegion } from '../../region-context';
import { useMeUser } from '../../session';
import { CaptureDrawer } from './captures/CaptureDrawer';
import { documentTypeLabel, STATUS_COLOR, STATUS_LABEL } from './captures/labels';
import { RecordEventModal } from './captures/RecordEventModal';
import { UploadDocumentModal } from './captures/UploadDocumentModal';

const DEFAULT_PAGE_SIZE = 20;
const dash = <Typography.Text type="secondary">—</Typography.Text>;
type StatusFilter = CaptureStatus | 'all';

function buildColumns(open: (id: string) => void, localise: (text: string) => string, showEnterprise: boolean): ColumnsType<CaptureJob> {
  return [
    {
      title: '上报时间',
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 180,
      render: (value: string) => <span style={{ whiteSpace: 'nowrap' }}>{shanghaiTime(value, true)}</span>,
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 80,
      render: (status: CaptureStatus) => <Tag color={STATUS_COLOR[status]}>{STATUS_LABEL[status]}</Tag>,
    },
    { title: '上报内容', dataIndex: 'documentType', key: 'documentType', width: 150, render: (type: string | null) => documentTypeLabel(type) },
    { title: '事件数', dataIndex: 'eventCount', key: 'eventCount', width: 80, align: 'right' },
    { title: '新入库', dataIndex: 'storedCount', key: 'storedCount', width: 80, align: 'right' },
    {
      title: '错误',
      key: 'errors',
      width: 100,
      render: (_value, job) =>
        job.errorCount === 0 ? (
          dash
        ) : (
          <Tooltip title={job.firstError ? localise(job.firstError) : undefined}>
            <Typography.Text type="danger">{job.errorCount} 个错误</Typography.Text>
          </Tooltip>
        ),
    },
    ...(showEnterprise
      ? [
          {
            title: '企业',
            key: 'enterprise',
            ellipsis: true,
            render: (_value: unknown, job: CaptureJob) =>
              job.enterpriseName ?? job.enterpriseCreditCode ?? <Typography.Text type="secondary">市局代录</Typography.Text>,
          } satisfies ColumnsType<CaptureJob>[number],
        ]
      : []),
    {
      title: '上报账号',
      key: 'createdBy',
      width: 170,
      ellipsis: true,
      render: (_value, job) =>
        job.createdBy ? (
          <Tooltip title={`账号 ${job.createdBy.username}`}>
            <span>{job.createdBy.displayName}</span>
          </Tooltip>
        ) : (
          dash
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_value, job) => (
        <Button type="link" size="small" onClick={() => open(job.captureID)} aria-label={`上报记录详情 ${shanghaiTime(job.createdAt, true)}`}>
          详情
        </Button>
      ),
    },
  ];
}

/** 上报记录: EPCIS capture jobs — what was reported, what was stored, and why a document was refused. */
export default function CapturesPage() {
  const me = useMeUser();
  const localise = useLocalise();
  const enterprise = me.role === 'enterprise';
  const { regionCode, regionName } = useRegion();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [open, setOpen] = useState<string | null>(null);
  const [form, setForm] = useState<'record' | 'upload' | null>(null);
  const mayCapture = can(me.role, 'traceCapture');
  const params: CaptureListParams = {
    ...page,
    ...(status === 'all' ? {} : { status }),
    ...(enterprise ? {} : { regionCode }),
  };
  const jobs = useCaptureJobs(params);

  return (
    <Card>
      <Flex vertical gap={16}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            上报记录
          </Typography.Title>
          <Typography.Text type="secondary">
            {enterprise
              ? '本企业上报追溯数据（网页登记、上传文件或通过 EPCIS 接口）的记录，按时间倒序。文档默认整体入库或整体退回，也可选择只让合格事件入库（部分入库）；被退回的上报和事件也记录在此，点击“详情”查看原因。'
              : `${regionName}企业通过 EPCIS 接口上报追溯数据的记录，按时间倒序。文档默认整体入库或整体退回，企业也可选择只让合格事件入库（部分入库）；被退回的上报和事件也记录在此，便于指导企业改正。`}
          </Typography.Text>
        </div>
        <Flex justify="space-between" wrap gap={12}>
          <Segmented<StatusFilter>
            aria-label="按状态筛选"
            value={status}
            onChange={(next) => {
              setStatus(next);
              setPage((current) => ({ ...current, page: 1 }));
            }}
            options={[
              { value: 'all', label: '全部' },
              { value: 'success', label: '成功' },
              { value: 'partial', label: '部分入库' },
              { value: 'failed', label: '失败' },
              { value: 'running', label: '处理中' },
            ]}
          />
          <Flex gap={8} wrap>
            {mayCapture ? (
              <>
                <Button type="primary" icon={<FormOutlined />} onClick={() => setForm('record')}>
                  登记批次事件
                </Button>
                <Button icon={<UploadOutlined />} onClick={() => setForm('upload')}>
                  上传 EPCIS 文件
                </Button>
              </>
            ) : null}
            <Button icon={<ReloadOutlined />} loading={jobs.isFetching} onClick={() => void jobs.refetch()}>
              刷新
            </Button>
          </Flex>
        </Flex>
        {jobs.isError ? <ErrorAlert error={jobs.error} title="上报记录加载失败" onRetry={() => void jobs.refetch()} /> : null}
        <Table<CaptureJob>
          rowKey="captureID"
          columns={buildColumns(setOpen, localise, !enterprise)}
          dataSource={jobs.data?.items ?? []}
          loading={jobs.isFetching}
          scroll={{ x: 1000 }}
          locale={{
            emptyText: (
              <Empty
                description={
                  jobs.isError
                    ? '加载失败'
                    : status !== 'all'
                      ? `没有状态为“${STATUS_LABEL[status]}”的上报记录`
                      : enterprise
                        ? '还没有上报记录。可点击“登记批次事件”逐条登记，或“上传 EPCIS 文件”；企业系统可使用 API 密钥调用 /epcis/capture 上报'
                        : '该范围内还没有上报记录'
                }
              />
            ),
          }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: jobs.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => `共 ${total} 条`,
            onChange: (nextPage, pageSize) => setPage((current) => ({ page: pageSize === current.pageSize ? nextPage : 1, pageSize })),
          }}
        />
      </Flex>
      <CaptureDrawer captureId={open} onClose={() => setOpen(null)} />
      <RecordEventModal open={form === 'record'} onClose={() => setForm(null)} onRecorded={() => setForm(null)} />
      <UploadDocumentModal
        open={form === 'upload'}
        onClose={() => setForm(null)}
        onUploaded={(job) => {
          setForm(null);
          setOpen(job.captureID);
        }}
      />
    </Card>
  );
}
