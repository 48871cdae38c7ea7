import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Input, Skeleton, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type Indicator, type Plan, planFiles, updatePlan, useIndicators, usePlanMutation, usePlans } from '../../api/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise } from '../../i18n';
import { CreatePlanModal } from './admin/CreatePlanModal';
import { buildDefinitionColumns, buildPlanColumns, PLAN_STATUS } from './admin/columns';
import { ImportIndicatorsModal } from './admin/ImportIndicatorsModal';
import { IndicatorFormDrawer } from './admin/IndicatorFormDrawer';
import { categoriesOf, matchesSearch } from './indicators/rows';
import { pickPlan } from './shared/format';
import { CITY_CODE } from './shared/regions';
import { usePlanRegion } from './shared/use-plan-region';

/** The drawer's subject: a new indicator, or the one being edited. */
type Editing = { indicator: Indicator | null } | null;

function Definitions({ plan }: { plan: Plan }) {
  const indicators = useIndicators(plan.id);
  const { regions } = usePlanRegion();
  const counties = useMemo(() => regions.filter((region) => region.code !== CITY_CODE), [regions]);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const items = indicators.data ?? [];
  const visible = useMemo(() => (indicators.data ?? []).filter((indicator) => matchesSearch(indicator, query)), [indicators.data, query]);
  const columns = useMemo(
    () => buildDefinitionColumns({ plan, counties, categories: categoriesOf(indicators.data ?? []), onEdit: (indicator) => setEditing({ indicator }) }),
    [plan, counties, indicators.data],
  );
  const add = () => setEditing({ indicator: null });
  const openImport = () => setImporting(true);

  return (
    <Card
      title={`指标定义 · ${plan.name}`}
      extra={
        <Flex gap={8} wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={add}>
            新增指标
          </Button>
          <Button icon={<UploadOutlined />} onClick={openImport}>
            导入指标表
          </Button>
          <Button icon={<DownloadOutlined />} href={planFiles.indicatorsXlsx(plan.id)} download>
            导出指标表
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Input.Search
            allowClear
            placeholder="按指标名称或编码搜索"
            style={{ width: 300 }}
            onSearch={setQuery}
            onChange={(event) => setQuery(event.target.value)}
          />
          <Typography.Text type="secondary">
            规划期 {plan.startYear}–{plan.endYear} 年，基期 {plan.baseYear} 年；“编辑”可修改目标、测算方式、牵头单位和区县责任单位
          </Typography.Text>
        </Flex>
        {indicators.isError ? <ErrorAlert error={indicators.error} title="指标加载失败" onRetry={() => void indicators.refetch()} /> : null}
        {indicators.isSuccess && items.length === 0 ? (
          <Empty description="该规划还没有指标：可逐项新增，或导入指标表（可先导出上一期规划的指标表作为模板）">
            <Flex gap={8} justify="center">
              <Button type="primary" icon={<PlusOutlined />} onClick={add}>
                新增指标
              </Button>
              <Button icon={<UploadOutlined />} onClick={openImport}>
                导入指标表
              </Button>
            </Flex>
          </Empty>
        ) : (
          <Table<Indicator>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={visible}
            loading={indicators.isFetching}
            scroll={{ x: 1130 }}
            locale={{ emptyText: <Empty description={indicators.isError ? '加载失败' : '没有符合条件的指标'} /> }}
            pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (total) => `共 ${total} 项` }}
          />
        )}
      </Flex>
      <IndicatorFormDrawer open={editing !== null} plan={plan} indicator={editing?.indicator ?? null} siblings={items} onClose={() => setEditing(null)} />
      <ImportIndicatorsModal plan={plan} open={importing} onClose={() => setImporting(false)} />
    </Card>
  );
}

/** 规划管理 (city_admin): the plans, a new plan (e.g. 2026–2030), and the chosen plan's indicator definitions. */
export default function PlanAdmin() {
  const plans = usePlans();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const plan = plans.data ? pickPlan(plans.data, params.get('plan')) : undefined;
  const select = (id: string) => setParams({ plan: id }, { replace: true });
  const { message } = App.useApp();
  const localise = useLocalise();
  const changeStatus = usePlanMutation(({ id, status }: { id: string; status: Plan['status'] }) => updatePlan(id, { status }));
  const planColumns = useMemo(
    () =>
      buildPlanColumns((target, status) =>
        changeStatus.mutate(
          { id: target.id, status },
          {
            onSuccess: (saved) => message.success(`${saved.name}：${PLAN_STATUS[saved.status].text}`),
            onError: (error) => message.error(localise(error.message)),
          },
        ),
      ),
    [changeStatus.mutate, message, localise],
  );

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              规划管理
            </Typography.Title>
            <Typography.Text type="secondary">新建规划（如“十五五”规划），维护各规划的指标定义、牵头单位和区县责任单位</Typography.Text>
          </div>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!plans.data}>
            新建规划
          </Button>
        </Flex>
      </Card>
      <Card title="规划列表">
        {plans.isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
        {plans.isError ? <ErrorAlert error={plans.error} title="规划列表加载失败" onRetry={() => void plans.refetch()} /> : null}
        {plans.data ? (
          <Table<Plan>
            rowKey="id"
            size="middle"
            columns={planColumns}
            dataSource={plans.data}
            loading={plans.isFetching}
            pagination={false}
            rowSelection={{
              type: 'radio',
              selectedRowKeys: plan ? [plan.id] : [],
              onChange: (keys) => {
                const id = keys[0];
                if (typeof id === 'string') select(id);
              },
              columnTitle: '查看',
            }}
            onRow={(row) => ({ onClick: () => select(row.id), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty description="尚未建立规划，请点击“新建规划”" /> }}
          />
        ) : null}
      </Card>
      {plan ? <Definitions key={plan.id} plan={plan} /> : null}
      <CreatePlanModal open={creating} plans={plans.data ?? []} onClose={() => setCreating(false)} onCreated={(created) => select(created.id)} />
    </Flex>
  );
}
