import { CalculatorOutlined, ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Table,
  Tag,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  CREDIT_CLASSES,
  type CreditClass,
  type CreditClassItem,
  type CreditClassList,
  type CreditClassSort,
  type ListCreditClassesInput,
  recomputeCreditClasses,
  useCreditClasses,
  useCreditMutation,
} from '../../../api/credit';
import { EChart } from '../../../charts/EChart';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLocalise } from '../../../i18n';
import { scopeTree, toTreeSelectData } from '../../../lib/regions';
import { useRegion } from '../../../region-context';
import { DemoTag } from '../../plan/shared/DemoTag';
import { AdjustClassModal, type AdjustTarget } from './AdjustClassModal';
import { CreditBreakdownDrawer } from './CreditBreakdownDrawer';
import { CreditModelDrawer } from './CreditModelDrawer';
import { buildCreditRegionOption } from './chart-options';
import './credit-echarts';
import {
  CLASS_COLORS,
  CLASS_TAG_COLORS,
  CREDIT_CLASS_LABELS,
  CREDIT_CLASS_POLICIES,
  CREDIT_FACTOR_LABELS,
  formatFactorValue,
  formatPoints,
  share,
} from './labels';

interface Filters {
  period?: string;
  regionCode?: string;
  class?: CreditClass;
  q?: string;
  adjusted?: boolean;
}

interface ScopedState {
  scope: string;
  filters: Filters;
  page: number;
}

/** The four class tiles: count, share and what the class means for supervision; a click filters the table. */
function ClassTiles({ list, selected, onSelect }: { list: CreditClassList; selected?: CreditClass; onSelect: (c: CreditClass | undefined) => void }) {
  const total = CREDIT_CLASSES.reduce((sum, c) => sum + list.counts[c], 0);
  return (
    <Row gutter={[12, 12]}>
      {CREDIT_CLASSES.map((c) => {
        const active = selected === c;
        return (
          <Col key={c} xs={12}>
            <button
              type="button"
              aria-pressed={active}
              aria-label={`${c} 类 ${CREDIT_CLASS_LABELS[c]} ${list.counts[c]} 户`}
              onClick={() => onSelect(active ? undefined : c)}
              style={{
                width: '100%',
                textAlign: 'left',
                cursor: 'pointer',
                background: active ? `${CLASS_COLORS[c]}14` : '#fff',
                border: `1px solid ${active ? CLASS_COLORS[c] : '#f0f0f0'}`,
                borderLeft: `4px solid ${CLASS_COLORS[c]}`,
                borderRadius: 8,
                padding: '12px 14px',
                font: 'inherit',
              }}
            >
              <Flex justify="space-between" align="baseline">
                <Typography.Text strong style={{ color: CLASS_COLORS[c] }}>
                  {c} 类 · {CREDIT_CLASS_LABELS[c]}
                </Typography.Text>
                <Typography.Text type="secondary">{share(list.counts[c], total)}</Typography.Text>
              </Flex>
              <div style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3, fontVariantNumeric: 'tabular-nums' }}>
                {list.counts[c].toLocaleString('zh-CN')}
                <span style={{ fontSize: 13, fontWeight: 400, color: 'rgba(0,0,0,0.45)', marginInlineStart: 4 }}>户</span>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {CREDIT_CLASS_POLICIES[c]}
              </Typography.Text>
            </button>
          </Col>
        );
      })}
    </Row>
  );
}

function mainFactorTags(item: CreditClassItem) {
  if (item.mainFactors.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {item.mainFactors.map((f) => (
        <Tag key={f.factor} color={f.points > 0 ? 'default' : 'green'} style={{ marginInlineEnd: 0 }}>
          {CREDIT_FACTOR_LABELS[f.factor]}
          {typeof f.value === 'number' && f.factor !== 'years_in_business' ? ` ${formatFactorValue(f.factor, f.value)}` : ''} {formatPoints(f.points)}
        </Tag>
      ))}
    </Flex>
  );
}

/** 信用风险分类: a period's classes in the caller's region — counts, distribution, the list, breakdowns, adjustments. */
export default function CreditClasses() {
  const { message } = App.useApp();
  const localise = useLocalise();
  const { regionCode, regionName, tree } = useRegion();
  const [state, setState] = useState<ScopedState>({ scope: regionCode, filters: {}, page: 1 });
  const [pageSize, setPageSize] = useState(20);
  const [sort, setSort] = useState<{ sort: CreditClassSort; order: 'asc' | 'desc' }>({ sort: 'score', order: 'desc' });
  const [drawer, setDrawer] = useState<{ entityId: string; period: string | null } | null>(null);
  const [adjusting, setAdjusting] = useState<AdjustTarget | null>(null);
  const [modelOpen, setModelOpen] = useState(false);
  const recompute = useCreditMutation((period: string | undefined) => recomputeCreditClasses(period));

  const current = state.scope === regionCode ? state : { scope: regionCode, filters: {}, page: 1 };
  const f = current.filters;
  const params: ListCreditClassesInput = {
    page: current.page,
    pageSize,
    regionCode: f.regionCode ?? regionCode,
    ...(f.period ? { period: f.period } : {}),
    ...(f.class ? { class: f.class } : {}),
    ...(f.q ? { q: f.q } : {}),
    ...(f.adjusted ? { adjusted: true } : {}),
    sort: sort.sort,
    order: sort.order,
  };
  const list = useCreditClasses(params);
  const data = list.data;
  const scope = useMemo(() => (tree ? scopeTree(tree, regionCode) : []), [tree, regionCode]);
  const chartOption = useMemo(() => buildCreditRegionOption(data?.byRegion ?? []), [data?.byRegion]);
  const setFilters = (patch: Filters) => setState({ scope: regionCode, filters: { ...f, ...patch }, page: 1 });
  const demo = data?.items.some((i) => i.isDemo);
  const total = data ? CREDIT_CLASSES.reduce((sum, c) => sum + data.counts[c], 0) : 0;

  const runRecompute = () =>
    recompute.mutate(data?.period ?? undefined, {
      onSuccess: (r) =>
        message.success(
          `已重新计算 ${r.period}：${r.entities} 户（A ${r.counts.A} / B ${r.counts.B} / C ${r.counts.C} / D ${r.counts.D}），保留人工调整 ${r.adjustmentsKept} 户`,
        ),
      onError: (error) => message.error(`重新计算失败：${localise(error.message)}`),
    });

  const columns = [
    {
      title: '市场主体',
      key: 'name',
      sorter: true,
      sortOrder: sort.sort === 'name' ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
      render: (_v: unknown, item: CreditClassItem) => (
        <Flex vertical gap={0}>
          <Link to={`/entities/${item.entityId}`}>{item.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {item.creditCode}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '所属区划',
      key: 'region',
      width: 150,
      sorter: true,
      sortOrder: sort.sort === 'region' ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
      render: (_v: unknown, item: CreditClassItem) => `${item.countyName ?? ''} ${item.regionName}`,
    },
    {
      title: '风险类别',
      key: 'class',
      width: 200,
      sorter: true,
      sortOrder: sort.sort === 'class' ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
      render: (_v: unknown, item: CreditClassItem) => (
        <Flex gap={4} align="center" wrap>
          <Tag color={CLASS_TAG_COLORS[item.class]} style={{ marginInlineEnd: 0, fontWeight: 600 }}>
            {item.class} 类
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {CREDIT_CLASS_LABELS[item.class]}
          </Typography.Text>
          {item.adjusted ? (
            <Tooltip title={`模型计算结果为 ${item.computedClass} 类，已人工调整`}>
              <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                调整
              </Tag>
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    {
      title: '风险分',
      key: 'score',
      dataIndex: 'score',
      width: 96,
      align: 'right' as const,
      sorter: true,
      sortOrder: sort.sort === 'score' ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
      render: (score: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{score}</span>,
    },
    { title: '主要因素', key: 'factors', render: (_v: unknown, item: CreditClassItem) => mainFactorTags(item) },
    {
      title: '操作',
      key: 'actions',
      width: data?.canAdjust ? 130 : 80,
      render: (_v: unknown, item: CreditClassItem) => (
        <Flex gap={0}>
          <Button type="link" size="small" onClick={() => setDrawer({ entityId: item.entityId, period: data?.period ?? null })}>
            明细
          </Button>
          {data?.canAdjust && data.period ? (
            <Button
              type="link"
              size="small"
              onClick={() =>
                setAdjusting({
                  entityId: item.entityId,
                  entityName: item.name,
                  period: data.period ?? '',
                  class: item.class,
                  computedClass: item.computedClass,
                })
              }
            >
              调整
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Flex align="center" gap={8}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                企业信用风险分类
              </Typography.Title>
              <DemoTag demo={demo} />
            </Flex>
            <Typography.Text type="secondary">
              范围：{regionName}
              {data?.run
                ? ` · ${data.period} 期（事实截至 ${data.run.asOf}，评分模型第 ${data.run.modelVersion} 版）· 共 ${total.toLocaleString('zh-CN')} 户`
                : ''}
            </Typography.Text>
          </div>
          <Flex gap={8} wrap align="center">
            <Select
              aria-label="期次"
              placeholder="期次"
              value={data?.period ?? undefined}
              onChange={(period: string) => setFilters({ period })}
              options={(data?.periods ?? []).map((p) => ({ value: p, label: `${p} 期` }))}
              style={{ width: 130 }}
            />
            <Button icon={<ExperimentOutlined />} onClick={() => setModelOpen(true)}>
              评分模型
            </Button>
            <Button icon={<ReloadOutlined />} loading={list.isFetching && !recompute.isPending} onClick={() => void list.refetch()}>
              刷新
            </Button>
            {data?.canRecompute ? (
              <Popconfirm
                title={`重新计算 ${data.period ?? '本月'} 的分类？`}
                description="按当期生效的评分模型重算全市主体，保留人工调整。"
                okText="重新计算"
                cancelText="取消"
                onConfirm={runRecompute}
              >
                <Button type="primary" icon={<CalculatorOutlined />} loading={recompute.isPending}>
                  重新计算
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        </Flex>
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title="分类结果是按月计算的内部监管参考（国市监信发〔2022〕6号），用于差异化配置抽查比例和频次，不向企业和社会公开。"
        />
      </Card>

      {list.isError ? <ErrorAlert error={list.error} title="信用风险分类加载失败" onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : null}
      {data && data.period === null ? (
        <Card>
          <Empty description={data.canRecompute ? '尚未计算信用风险分类：点击“重新计算”生成本月结果' : '尚未计算信用风险分类（每月 1 日自动计算）'} />
        </Card>
      ) : null}

      {data && data.period !== null ? (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={11}>
              <Card title="分类统计" extra={<Typography.Text type="secondary">点击类别筛选下表</Typography.Text>} style={{ height: '100%' }}>
                <ClassTiles list={data} selected={f.class} onSelect={(c) => setFilters({ class: c })} />
              </Card>
            </Col>
            <Col xs={24} xl={13}>
              <Card
                title={data.byRegion.length > 0 && data.byRegion[0]?.regionCode.length === 9 ? '各乡镇（街道）分布' : '各区县分布'}
                extra={<Typography.Text type="secondary">单位：户</Typography.Text>}
                style={{ height: '100%' }}
              >
                {total > 0 ? (
                  <EChart
                    option={chartOption}
                    height={Math.max(300, data.byRegion.length >= 8 ? data.byRegion.length * 28 + 64 : 300)}
                    ariaLabel="各区域信用风险分类分布"
                  />
                ) : (
                  <Empty description="本期没有分类结果" />
                )}
              </Card>
            </Col>
          </Row>

          <Card>
            <Flex vertical gap={16}>
              <Form layout="inline" style={{ rowGap: 12 }}>
                <Form.Item label="关键字" htmlFor="credit-filter-q">
                  <Input.Search
                    id="credit-filter-q"
                    allowClear
                    placeholder="名称或信用代码"
                    defaultValue={f.q}
                    onSearch={(q) => setFilters({ q: q.trim() || undefined })}
                    enterButton="查询"
                    style={{ width: 260 }}
                  />
                </Form.Item>
                <Form.Item label="区划" htmlFor="credit-filter-region">
                  <TreeSelect
                    id="credit-filter-region"
                    allowClear
                    showSearch={{ treeNodeFilterProp: 'title' }}
                    placeholder="全部区划"
                    value={f.regionCode}
                    onChange={(code: string | undefined) => setFilters({ regionCode: code })}
                    treeData={toTreeSelectData(scope)}
                    treeDefaultExpandedKeys={scope.map((n) => n.code)}
                    style={{ width: 170 }}
                  />
                </Form.Item>
                <Form.Item label="风险类别" htmlFor="credit-filter-class">
                  <Select<CreditClass>
                    id="credit-filter-class"
                    allowClear
                    placeholder="全部类别"
                    value={f.class}
                    onChange={(c) => setFilters({ class: c })}
                    options={CREDIT_CLASSES.map((c) => ({ value: c, label: `${c} 类 ${CREDIT_CLASS_LABELS[c]}` }))}
                    style={{ width: 170 }}
                  />
                </Form.Item>
                <Form.Item>
                  <Checkbox checked={f.adjusted === true} onChange={(e) => setFilters({ adjusted: e.target.checked || undefined })}>
                    仅看人工调整
                  </Checkbox>
                </Form.Item>
              </Form>
              <Table<CreditClassItem>
                rowKey="entityId"
                size="middle"
                columns={columns}
                dataSource={data.items}
                loading={list.isFetching}
                scroll={{ x: 1000 }}
                locale={{ emptyText: <Empty description="没有符合条件的主体" /> }}
                onChange={(_p, _f, sorter) => {
                  const one = Array.isArray(sorter) ? sorter[0] : sorter;
                  const key = one?.order ? (one.columnKey as CreditClassSort) : 'score';
                  setSort({ sort: key, order: one?.order === 'ascend' ? 'asc' : 'desc' });
                }}
                pagination={{
                  current: current.page,
                  pageSize,
                  total: data.total,
                  showSizeChanger: true,
                  pageSizeOptions: [10, 20, 50, 100],
                  showTotal: (n) => `共 ${n} 户`,
                  onChange: (nextPage, nextSize) => {
                    setState({ ...current, page: nextSize === pageSize ? nextPage : 1 });
                    setPageSize(nextSize);
                  },
                }}
              />
            </Flex>
          </Card>
        </>
      ) : null}

      <CreditBreakdownDrawer entityId={drawer?.entityId ?? null} period={drawer?.period ?? null} onClose={() => setDrawer(null)} onAdjust={setAdjusting} />
      <AdjustClassModal target={adjusting} onClose={() => setAdjusting(null)} />
      <CreditModelDrawer open={modelOpen} onClose={() => setModelOpen(false)} />
    </Flex>
  );
}
