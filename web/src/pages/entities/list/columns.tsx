import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType, SortOrder } from 'antd/es/table/interface';
import { Link } from 'react-router';
import type { EntitySort, EntitySummary } from '../../../api/entities';
import { daysUntil, ENTITY_STATUS_LABELS, ENTITY_TYPE_LABELS, SPECIAL_LIST_LABELS, STATUS_COLORS } from '../labels';

export interface SortState {
  sort: EntitySort;
  order: 'asc' | 'desc';
}

const antOrder = (state: SortState, key: EntitySort): SortOrder => (state.sort === key ? (state.order === 'asc' ? 'ascend' : 'descend') : null);

function NextExpiry({ entity, today }: { entity: EntitySummary; today: string }) {
  if (entity.licenceCount === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!entity.nextLicenceExpiry) return <Typography.Text type="secondary">{entity.licenceCount} 张（均已到期或失效）</Typography.Text>;
  const days = daysUntil(entity.nextLicenceExpiry, today);
  const tone = days <= 30 ? 'red' : days <= 90 ? 'orange' : null;
  return (
    <Flex gap={4} align="center" wrap>
      <span>{entity.nextLicenceExpiry}</span>
      {tone ? <Tag color={tone}>{days} 天后到期</Tag> : null}
    </Flex>
  );
}

/** The registry table's columns; the sortable ones are sorted by the server. */
export function buildEntityColumns(sort: SortState, today: string): ColumnsType<EntitySummary> {
  return [
    {
      title: '名称',
      key: 'name',
      sorter: true,
      sortOrder: antOrder(sort, 'name'),
      render: (_v, e) => (
        <Flex vertical gap={2}>
          <Link to={`/entities/${e.id}`} style={{ fontWeight: 500 }}>
            {e.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {ENTITY_TYPE_LABELS[e.type]}
            {e.industryCode ? (
              <Tooltip title={`国民经济行业分类 GB/T 4754-2017 代码 ${e.industryCode}`}>
                <span> · {e.industryName ?? e.industryCode}</span>
              </Tooltip>
            ) : null}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '统一社会信用代码',
      key: 'creditCode',
      width: 190,
      sorter: true,
      sortOrder: antOrder(sort, 'creditCode'),
      render: (_v, e) => <Typography.Text style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{e.creditCode}</Typography.Text>,
    },
    {
      title: '所属区划',
      key: 'region',
      width: 160,
      sorter: true,
      sortOrder: antOrder(sort, 'region'),
      render: (_v, e) => (
        <span>
          {e.countyName ? <Typography.Text type="secondary">{e.countyName} · </Typography.Text> : null}
          {e.regionName}
        </span>
      ),
    },
    {
      title: '登记状态',
      key: 'status',
      width: 90,
      render: (_v, e) => <Tag color={STATUS_COLORS[e.status]}>{ENTITY_STATUS_LABELS[e.status]}</Tag>,
    },
    {
      title: '特殊名录',
      key: 'specialLists',
      width: 150,
      render: (_v, e) =>
        e.specialLists.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {e.specialLists.map((l) => (
              <Tag key={l} color="red" style={{ marginInlineEnd: 0 }}>
                {SPECIAL_LIST_LABELS[l]}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      title: '成立日期',
      key: 'establishedOn',
      width: 112,
      sorter: true,
      sortOrder: antOrder(sort, 'establishedOn'),
      render: (_v, e) => e.establishedOn ?? '—',
    },
    {
      title: '许可证最近到期',
      key: 'nextLicenceExpiry',
      width: 200,
      sorter: true,
      sortOrder: antOrder(sort, 'nextLicenceExpiry'),
      render: (_v, e) => <NextExpiry entity={e} today={today} />,
    },
  ];
}
