import { PlusOutlined, ReloadOutlined, ScheduleOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, Popconfirm, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SortOrder } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  finalizeDue,
  type ListSamplesInput,
  SAMPLE_STATUSES,
  type SampleSort,
  type SampleStatus,
  type SampleSummary,
  useCategories,
  useSamples,
  useSamplingMutation,
  type Verdict,
} from '../../api/sampling';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise } from '../../i18n';
import { can } from '../../lib/access';
import { useRegion } from '../../region-context';
import { useMeUser } from '../../session';
import { DemoTag } from '../plan/shared/DemoTag';
import { STATUS_LABELS, stageText } from './labels';
import { SampleFormModal } from './SampleFormModal';
import { ConclusionTag, RiskTag, StatusTag, yearOptions } from './shared';

interface Filters {
  q?: string;
  year?: number;
  categoryId?: string;
  status?: SampleStatus;
  finalConclusion?: Verdict;
}

function columns(enterprise: boolean, sort: { sort: SampleSort; order: 'asc' | 'desc' }): ColumnsType<SampleSummary> {
  const order = (key: SampleSort): SortOrder => (sort.sort === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);
  return [
    {
      title: '抽样单编号',
      key: 'sampleNo',
      width: 196,
      sorter: true,
      sortOrder: order('sampleNo'),
      render: (_v, s) => (
        <Link to={`/sampling/samples/${s.id}`} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
          {s.sampleNo}
        </Link>
      ),
    },
    ...(enterprise
      ? []
      : [
          {
            title: '受检企业',
            key: 'entityName',
            width: 240,
            sorter: true,
            sortOrder: order('entityName'),
            render: (_v: unknown, s: SampleSummary) => (
              <Flex vertical gap={0}>
                <span>{s.entityName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.countyName ?? ''}
                  {s.regionName} · <span style={{ fontFamily: 'monospace' }}>{s.creditCode}</span>
                </Typography.Text>
              </Flex>
            ),
          },
        ]),
    {
      title: '产品',
      key: 'product',
      width: enterprise ? undefined : 200,
      render: (_v, s) => (
        <Flex vertical gap={0}>
          <span>{s.productName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[s.spec, s.batch ? `批号 ${s.batch}` : null].filter(Boolean).join(' · ') || '—'}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '产品类别',
      key: 'category',
      width: 150,
      render: (_v, s) => (
        <Flex vertical gap={2} align="flex-start">
          <span>{s.categoryName}</span>
          <RiskTag level={s.riskLevel} />
        </Flex>
      ),
    },
    { title: '抽样日期', key: 'sampledOn', dataIndex: 'sampledOn', width: 112, sorter: true, sortOrder: order('sampledOn') },
    {
      title: '进度',
      key: 'status',
      width: 200,
      render: (_v, s) => (
        <Flex vertical gap={2} align="flex-start">
          <StatusTag sample={s} />
          {s.status === 'issued' || s.status === 'retest_requested' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {stageText(s)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: '结论', key: 'conclusion', width: 92, render: (_v, s) => <ConclusionTag sample={s} /> },
  ];
}

/** 监督抽查样品: the samples in the caller's region (an enterprise: its own), filtered and paged on the server. */
export default function Samples() {
  const me = useMeUser();
  const { message } = App.useApp();
  const localise = useLocalise();
  const { regionCode, regionName } = useRegion();
  const enterprise = me.role === 'enterprise';
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [sort, setSort] = useState<{ sort: SampleSort; order: 'asc' | 'desc' }>({ sort: 'sampledOn', order: 'desc' });
  const [creating, setCreating] = useState(false);
  const categories = useCategories(false, !enterprise);
  const params: ListSamplesInput = { page, pageSize, ...filters, ...(enterprise ? {} : { regionCode }), sort: sort.sort, order: sort.order };
  const samples = useSamples(params);
  const sweep = useSamplingMutation(() => finalizeDue(regionCode));
  const set = (patch: Filters) => {
    setFilters({ ...filters, ...patch });
    setPage(1);
  };

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Flex align="center" gap={8}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {enterprise ? '本企业抽检结果' : '监督抽查样品'}
              </Typography.Title>
              <DemoTag demo={samples.data?.items.some((s) => s.isDemo)} />
            </Flex>
            <Typography.Text type="secondary">
              {enterprise
                ? '已出具检验报告的本企业样品；对不合格结论有异议的，可在规定期限内申请复检'
                : `范围：${regionName}辖区内企业被抽样的产品批次，含检验项目、结论与复检`}
            </Typography.Text>
          </div>
          <Flex gap={8} wrap>
            <Button icon={<ReloadOutlined />} loading={samples.isFetching} onClick={() => void samples.refetch()}>
              刷新
            </Button>
            {can(me.role, 'samplingDecide') ? (
              <Popconfirm
                title="结转复检期满的不合格结论？"
                description="复检申请期已满且企业未申请复检的不合格样品，结论转为最终结论（记入企业时间轴并推送风险信号）。"
                okText="结转"
                cancelText="取消"
                onConfirm={() =>
                  sweep.mutate(undefined, {
                    onSuccess: (r) => message.success(r.finalized > 0 ? `已确定 ${r.finalized} 个样品的最终结论` : '没有到期待结转的样品'),
                    onError: (e) => message.error(localise(e.message)),
                  })
                }
              >
                <Button icon={<ScheduleOutlined />} loading={sweep.isPending}>
                  结转到期结论
                </Button>
              </Popconfirm>
            ) : null}
            {can(me.role, 'samplingEntry') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                录入样品
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Card>
      <Card>
        <Flex vertical gap={16}>
          <Form layout="inline" style={{ rowGap: 12 }}>
            <Form.Item label="关键字" htmlFor="sampling-filter-q">
              <Input.Search
                id="sampling-filter-q"
                allowClear
                placeholder={enterprise ? '编号或产品' : '企业、信用代码、编号或产品'}
                onSearch={(q) => set({ q: q.trim() || undefined })}
                style={{ width: 260 }}
                enterButton="查询"
              />
            </Form.Item>
            <Form.Item label="年度">
              <Select<number>
                aria-label="年度"
                allowClear
                placeholder="全部"
                style={{ width: 110 }}
                value={filters.year}
                options={yearOptions()}
                onChange={(year) => set({ year })}
              />
            </Form.Item>
            {enterprise ? null : (
              <Form.Item label="产品类别">
                <Select<string>
                  aria-label="产品类别"
                  allowClear
                  placeholder="全部"
                  style={{ width: 200 }}
                  value={filters.categoryId}
                  loading={categories.isPending}
                  options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                  onChange={(categoryId) => set({ categoryId })}
                />
              </Form.Item>
            )}
            <Form.Item label="进度">
              <Select<SampleStatus>
                aria-label="进度"
                allowClear
                placeholder="全部"
                style={{ width: 130 }}
                value={filters.status}
                options={SAMPLE_STATUSES.filter((s) => !enterprise || s !== 'draft').map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
                onChange={(status) => set({ status })}
              />
            </Form.Item>
            <Form.Item label="最终结论">
              <Select<Verdict>
                aria-label="最终结论"
                allowClear
                placeholder="全部"
                style={{ width: 110 }}
                value={filters.finalConclusion}
                options={[
                  { value: 'pass', label: '合格' },
                  { value: 'fail', label: '不合格' },
                ]}
                onChange={(finalConclusion) => set({ finalConclusion })}
              />
            </Form.Item>
          </Form>
          {samples.isError ? <ErrorAlert error={samples.error} title="样品加载失败" onRetry={() => void samples.refetch()} /> : null}
          {samples.isPending ? (
            <Skeleton active paragraph={{ rows: 8 }} />
          ) : (
            <Table<SampleSummary>
              rowKey="id"
              size="middle"
              columns={columns(enterprise, sort)}
              dataSource={samples.data?.items ?? []}
              loading={samples.isFetching}
              scroll={{ x: enterprise ? 900 : 1150 }}
              locale={{ emptyText: <Empty description={enterprise ? '暂无本企业的抽检记录' : '没有符合条件的样品'} /> }}
              onChange={(_p, _f, sorter) => {
                const one = Array.isArray(sorter) ? sorter[0] : sorter;
                const key = one?.order ? (one.columnKey as SampleSort) : 'sampledOn';
                setSort({ sort: key, order: one?.order === 'ascend' ? 'asc' : 'desc' });
              }}
              pagination={{
                current: page,
                pageSize,
                total: samples.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [10, 20, 50, 100],
                showTotal: (total) => `共 ${total} 批次`,
                onChange: (nextPage, nextSize) => {
                  setPage(nextSize === pageSize ? nextPage : 1);
                  setPageSize(nextSize);
                },
              }}
            />
          )}
        </Flex>
      </Card>
      {creating ? <SampleFormModal sample={null} onClose={() => setCreating(false)} /> : null}
    </Flex>
  );
}
