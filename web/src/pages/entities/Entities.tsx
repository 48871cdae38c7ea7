import { DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Empty, Flex, Skeleton, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Navigate } from 'react-router';
import { type EntitySort, importTemplateUrl, type ListEntitiesInput, useEntities } from '../../api/entities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { can } from '../../lib/access';
import { scopeTree } from '../../lib/regions';
import { useRegion } from '../../region-context';
import { useMeUser } from '../../session';
import { DemoTag } from '../plan/shared/DemoTag';
import { EntityFormModal } from './EntityFormModal';
import { ImportModal } from './ImportModal';
import { todayInShanghai } from './labels';
import { buildEntityColumns, type SortState } from './list/columns';
import { EntityFilters, type EntityFilterValues } from './list/EntityFilters';

const DEFAULT_PAGE_SIZE = 20;

/** Filters belong to the region they were chosen in; switching region in the header starts afresh. */
interface ScopedFilters {
  scope: string;
  values: EntityFilterValues;
  page: number;
}

/** 市场主体名录: the entities in the caller's region, filtered, sorted and paged on the server. */
export default function Entities() {
  const me = useMeUser();
  const { regionCode, regionName, tree } = useRegion();
  const enterprise = me.role === 'enterprise';
  const [filters, setFilters] = useState<ScopedFilters>({ scope: regionCode, values: {}, page: 1 });
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [sort, setSort] = useState<SortState>({ sort: 'region', order: 'asc' });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const canEdit = can(me.role, 'entitiesEdit');

  const current = filters.scope === regionCode ? filters : { scope: regionCode, values: {}, page: 1 };
  const values = current.values;
  const params: ListEntitiesInput = {
    page: current.page,
    pageSize,
    ...values,
    ...(enterprise ? {} : { regionCode: values.regionCode ?? regionCode }),
    sort: sort.sort,
    order: sort.order,
  };
  const entities = useEntities(params);
  const scope = useMemo(() => (tree ? scopeTree(tree, regionCode) : []), [tree, regionCode]);
  const today = todayInShanghai();
  const columns = useMemo(() => buildEntityColumns(sort, today), [sort, today]);

  // An enterprise account has one entity: its own record is the page it wants.
  const own = enterprise && entities.data?.items.length === 1 ? entities.data.items[0] : undefined;
  if (own) return <Navigate to={`/entities/${own.id}`} replace />;

  const onFilter = (next: EntityFilterValues) => setFilters({ scope: regionCode, values: next, page: 1 });
  const demo = entities.data?.items.some((e) => e.isDemo);

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Flex align="center" gap={8}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                市场主体名录
              </Typography.Title>
              <DemoTag demo={demo} />
            </Flex>
            <Typography.Text type="secondary">
              {enterprise ? '本企业的登记信息' : `范围：${regionName}及其下辖乡镇（街道）登记的企业、个体工商户和农民专业合作社`}
            </Typography.Text>
          </div>
          <Flex gap={8} wrap>
            <Button icon={<ReloadOutlined />} loading={entities.isFetching} onClick={() => void entities.refetch()}>
              刷新
            </Button>
            {canEdit ? (
              <>
                <Dropdown
                  menu={{
                    items: [
                      { key: 'xlsx', label: <a href={importTemplateUrl('xlsx')}>Excel 模板（.xlsx，含区划与行业代码表）</a> },
                      { key: 'csv', label: <a href={importTemplateUrl('csv')}>CSV 模板（.csv）</a> },
                    ],
                  }}
                >
                  <Button icon={<DownloadOutlined />}>下载导入模板</Button>
                </Dropdown>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  批量导入
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  登记主体
                </Button>
              </>
            ) : null}
          </Flex>
        </Flex>
      </Card>
      <Card>
        <Flex vertical gap={16}>
          {enterprise ? null : <EntityFilters key={regionCode} value={values} scope={scope} onChange={onFilter} />}
          {entities.isError ? <ErrorAlert error={entities.error} title="市场主体加载失败" onRetry={() => void entities.refetch()} /> : null}
          {entities.isPending ? (
            <Skeleton active paragraph={{ rows: 8 }} />
          ) : (
            <Table
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={entities.data?.items ?? []}
              loading={entities.isFetching}
              scroll={{ x: 1120 }}
              locale={{ emptyText: <Empty description={entities.isError ? '加载失败' : '没有符合条件的市场主体'} /> }}
              onChange={(_pagination, _filters, sorter) => {
                const one = Array.isArray(sorter) ? sorter[0] : sorter;
                // Only the sortable columns (keyed by their EntitySort name) report an order.
                const key = one?.order ? (one.columnKey as EntitySort) : 'region';
                setSort({ sort: key, order: one?.order === 'descend' ? 'desc' : 'asc' });
              }}
              pagination={{
                current: current.page,
                pageSize,
                total: entities.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [10, 20, 50, 100],
                showTotal: (total) => `共 ${total} 户`,
                onChange: (nextPage, nextSize) => {
                  setFilters({ ...current, page: nextSize === pageSize ? nextPage : 1 });
                  setPageSize(nextSize);
                },
              }}
            />
          )}
        </Flex>
      </Card>
      {canEdit ? <EntityFormModal open={creating} entity={null} onClose={() => setCreating(false)} /> : null}
      {canEdit ? <ImportModal open={importing} onClose={() => setImporting(false)} /> : null}
    </Flex>
  );
}
