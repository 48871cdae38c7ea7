import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Input, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { RegionNode } from '../../api/platform-types';
import { type TraceLocation, useLocations } from '../../api/trace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { canRegisterLocations } from '../../lib/access';
import { findRegion, regionPath, scopeTree } from '../../lib/regions';
import { useRegion } from '../../region-context';
import { useMeUser } from '../../session';
import { RegisterLocationModal } from './locations/RegisterLocationModal';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
/** The API answers at most this many locations (server/modules/trace/location-routes.ts). */
const SERVER_LIMIT = 500;

/** Every region code at and below `code`. */
function subtreeCodes(tree: readonly RegionNode[], code: string): Set<string> {
  const codes = new Set<string>();
  const walk = (node: RegionNode) => {
    codes.add(node.code);
    for (const child of node.children) walk(child);
  };
  const root = findRegion(tree, code);
  if (root) walk(root);
  return codes;
}

/** "吴兴区织里镇": the county and township of a location (the city is the same for all of them). */
function regionLabel(tree: readonly RegionNode[] | undefined, location: TraceLocation): string {
  if (!tree) return location.regionName;
  const names = regionPath(tree, location.regionCode).map((code) => findRegion(tree, code)?.name ?? code);
  return (names.length > 1 ? names.slice(1) : names).join('') || location.regionName;
}

const buildColumns = (tree: readonly RegionNode[] | undefined): ColumnsType<TraceLocation> => [
  {
    title: '地点名称',
    dataIndex: 'name',
    key: 'name',
  },
  {
    title: 'GLN',
    dataIndex: 'gln',
    key: 'gln',
    width: 170,
    render: (gln: string | null, location) =>
      gln ? (
        <Typography.Text copyable={{ text: location.identifier, tooltips: ['复制地点标识（数字链接）', '已复制'] }} style={{ fontFamily: 'monospace' }}>
          {gln}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{location.identifier}</Typography.Text>
      ),
  },
  {
    title: '所属企业',
    key: 'enterprise',
    render: (_value, location) => (
      <Flex vertical>
        <span>{location.enterpriseName}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {location.enterpriseCreditCode}
        </Typography.Text>
      </Flex>
    ),
  },
  { title: '所在区划', key: 'region', width: 160, render: (_value, location) => regionLabel(tree, location) },
  { title: '地址', dataIndex: 'address', key: 'address', ellipsis: true, render: (address: string | null) => address ?? dash },
];

/** 登记地点: the GLNs where enterprises may capture events; events belong to the region of their location. */
export default function LocationsPage() {
  const me = useMeUser();
  const enterprise = me.role === 'enterprise';
  const { regionCode, regionName, tree } = useRegion();
  const [q, setQ] = useState<string | undefined>(undefined);
  const [registering, setRegistering] = useState(false);
  const locations = useLocations(q);
  const inRegion = useMemo(() => (tree && !enterprise ? subtreeCodes(tree, regionCode) : null), [tree, regionCode, enterprise]);
  const rows = useMemo(() => {
    const items = locations.data ?? [];
    return inRegion ? items.filter((location) => inRegion.has(location.regionCode)) : items;
  }, [locations.data, inRegion]);
  const createScope = useMemo(() => (tree ? scopeTree(tree, me.regionCode) : []), [tree, me.regionCode]);

  return (
    <Card>
      <Flex vertical gap={16}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            登记地点
          </Typography.Title>
          <Typography.Text type="secondary">
            {enterprise
              ? '本企业登记的生产、仓储、经营地点（GLN）。本企业只能上报发生在这些地点的追溯事件；如需新增地点，请向所在区县市场监管部门申请登记。'
              : `${regionName}范围内企业登记的地点（GLN）。企业只能上报发生在本企业登记地点的追溯事件，事件按地点归属区县监管。`}
          </Typography.Text>
        </div>
        <Flex justify="space-between" wrap gap={12}>
          <Input.Search
            allowClear
            aria-label="搜索地点"
            placeholder="地点名称、企业名称、GLN 或信用代码"
            enterButton="查询"
            style={{ width: 380 }}
            onSearch={(value) => setQ(value.trim() || undefined)}
          />
          <Flex gap={8}>
            <Button icon={<ReloadOutlined />} loading={locations.isFetching} onClick={() => void locations.refetch()}>
              刷新
            </Button>
            {canRegisterLocations(me.role) ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                登记地点
              </Button>
            ) : null}
          </Flex>
        </Flex>
        {locations.isError ? <ErrorAlert error={locations.error} title="地点加载失败" onRetry={() => void locations.refetch()} /> : null}
        {(locations.data?.length ?? 0) >= SERVER_LIMIT ? (
          <Alert type="info" showIcon title={`只显示前 ${SERVER_LIMIT} 个地点，请输入企业名称、GLN 等关键字缩小范围`} />
        ) : null}
        <Table<TraceLocation>
          rowKey="id"
          columns={buildColumns(tree)}
          dataSource={rows}
          loading={locations.isFetching}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={locations.isError ? '加载失败' : q ? '没有符合条件的地点' : '还没有登记地点'} /> }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (total) => `共 ${total} 个地点` }}
        />
      </Flex>
      <RegisterLocationModal open={registering} scope={createScope} onClose={() => setRegistering(false)} />
    </Card>
  );
}
