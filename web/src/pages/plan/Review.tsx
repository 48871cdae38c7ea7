import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import {
  approveValue,
  approveValues,
  type IndicatorValue,
  type ListValuesInput,
  type Plan,
  returnValue,
  useAllValues,
  usePlanMutation,
  useValuePage,
} from '../../api/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise } from '../../i18n';
import { HistoryDrawer } from './entry/HistoryDrawer';
import { buildReviewColumns } from './review/columns';
import { approvedIndex, compare } from './review/compare';
import { PlanFrame } from './shared/PlanFrame';
import { ReasonModal } from './shared/ReasonModal';
import { usePlanRegion } from './shared/use-plan-region';

const SORT_BY_COLUMN: Record<string, ListValuesInput['sort']> = { region: 'region', indicator: 'indicator' };

function ReviewQueue({ plan, year }: { plan: Plan; year: number }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const { regions } = usePlanRegion();
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [sort, setSort] = useState<ListValuesInput['sort']>('updated_desc');
  const [selected, setSelected] = useState<string[]>([]);
  const [rejecting, setRejecting] = useState<IndicatorValue | null>(null);
  const [historyOf, setHistoryOf] = useState<IndicatorValue | null>(null);

  const queue = useValuePage(plan.id, { ...paging, year, regionCode, status: 'submitted', sort });
  const lastYear = useAllValues(plan.id, { year: year - 1, status: 'approved' }, year - 1 >= plan.baseYear);
  const thisYear = useAllValues(plan.id, { year, status: 'approved' });
  const lastIndex = useMemo(() => approvedIndex(lastYear.data ?? []), [lastYear.data]);
  const thisIndex = useMemo(() => approvedIndex(thisYear.data ?? []), [thisYear.data]);

  const approve = usePlanMutation(approveValue);
  const approveMany = usePlanMutation(approveValues);
  const reject = usePlanMutation(({ id, reason }: { id: string; reason: string }) => returnValue(id, reason));

  const columns = buildReviewColumns({
    compare: (value) => compare(value, lastIndex, thisIndex),
    approve: (value) =>
      approve.mutate(value.id, {
        onSuccess: () => message.success(`已通过：${value.regionName} ${value.indicatorName}`),
        onError: (error) => message.error(`审核失败：${localise(error.message)}`),
      }),
    reject: setRejecting,
    history: setHistoryOf,
    approvingId: approve.isPending ? (approve.variables ?? null) : null,
    localise,
  });

  const items = queue.data?.items ?? [];
  const chosen = selected.filter((id) => items.some((item) => item.id === id));

  return (
    <Card>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Flex gap={8} align="center" wrap>
            <Select
              aria-label="区划"
              allowClear
              placeholder="全部区划"
              style={{ width: 140 }}
              value={regionCode}
              onChange={(code) => {
                setRegionCode(code);
                setPaging((current) => ({ ...current, page: 1 }));
              }}
              options={regions.map((region) => ({ value: region.code, label: region.name }))}
            />
            <Typography.Text type="secondary">
              {year}年待审核 {queue.data?.total ?? 0} 项
            </Typography.Text>
          </Flex>
          <Flex gap={8}>
            <Button icon={<ReloadOutlined />} onClick={() => void queue.refetch()} loading={queue.isFetching}>
              刷新
            </Button>
            <Popconfirm
              title={`通过选中的 ${chosen.length} 项？`}
              description="通过后数值发布并锁定。"
              okText="通过"
              cancelText="取消"
              disabled={chosen.length === 0}
              onConfirm={() =>
                approveMany.mutate(chosen, {
                  onSuccess: (done) => {
                    message.success(`已通过 ${done.length} 项`);
                    setSelected([]);
                  },
                  onError: (error) => message.error(`批量审核失败（未通过任何数据）：${localise(error.message)}`),
                })
              }
            >
              <Button type="primary" icon={<CheckOutlined />} disabled={chosen.length === 0} loading={approveMany.isPending}>
                批量通过{chosen.length > 0 ? `（${chosen.length}）` : ''}
              </Button>
            </Popconfirm>
          </Flex>
        </Flex>
        {queue.isError ? <ErrorAlert error={queue.error} title="待审核数据加载失败" onRetry={() => void queue.refetch()} /> : null}
        <Table<IndicatorValue>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={queue.isFetching}
          scroll={{ x: 1170 }}
          rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setSelected(keys.map(String)) }}
          locale={{ emptyText: <Empty description={queue.isError ? '加载失败' : '没有待审核的数据'} /> }}
          onChange={(_pagination, _filters, sorter) => {
            const single = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = single?.order ? String(single.columnKey) : null;
            setSort((key && SORT_BY_COLUMN[key]) || 'updated_desc');
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: queue.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (page, pageSize) => setPaging((current) => ({ page: pageSize === current.pageSize ? page : 1, pageSize })),
          }}
        />
      </Flex>
      <ReasonModal
        open={rejecting !== null}
        title={`退回：${rejecting ? `${rejecting.regionName} ${rejecting.indicatorName}` : ''}`}
        description="退回后由填报单位修改再报送；退回原因将显示给填报单位。"
        label="退回原因"
        okText="退回"
        danger
        loading={reject.isPending}
        onCancel={() => setRejecting(null)}
        onOk={(reason) => {
          if (!rejecting) return;
          reject.mutate(
            { id: rejecting.id, reason },
            {
              onSuccess: () => {
                message.success('已退回');
                setRejecting(null);
              },
              onError: (error) => message.error(`退回失败：${localise(error.message)}`),
            },
          );
        }}
      />
      <HistoryDrawer
        valueId={historyOf?.id ?? null}
        title={historyOf ? `${historyOf.regionName} ${historyOf.indicatorName}` : ''}
        onClose={() => setHistoryOf(null)}
      />
    </Card>
  );
}

export default function PlanReview() {
  return (
    <PlanFrame title="数据审核" description="区县和市级报送的数据，逐项或批量审核；退回须填写原因">
      {(plan, year) => <ReviewQueue plan={plan} year={year} />}
    </PlanFrame>
  );
}
