import { Empty, Flex, Table, Tooltip, Typography } from 'antd';
import type { RecallHolder } from '../../../api/trace';
import { CodeLabel } from '../shared/CodeLabel';
import { locationText } from '../shared/codes';

const byText = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'zh-CN');
const SHOWN_CODES = 6;

/** Where the recalled goods are now: each location, its enterprise and county, and the codes last seen there. */
export function HoldersTable({ holders }: { holders: readonly RecallHolder[] }) {
  return (
    <Table<RecallHolder>
      rowKey="location"
      size="small"
      dataSource={[...holders]}
      scroll={{ x: 1000 }}
      pagination={{ hideOnSinglePage: true, pageSize: 20, showSizeChanger: false }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有找到持有这些批次的地点" /> }}
      columns={[
        {
          title: '地点',
          key: 'location',
          sorter: (a, b) => byText(a.name ?? a.location, b.name ?? b.location),
          render: (_v, holder) => (
            <Flex vertical>
              <span>{holder.name ?? <Typography.Text type="warning">未登记地点</Typography.Text>}</span>
              <Typography.Text type="secondary">{locationText(holder.location)}</Typography.Text>
            </Flex>
          ),
        },
        {
          title: '企业',
          key: 'enterprise',
          sorter: (a, b) => byText(a.enterpriseName, b.enterpriseName),
          render: (_v, holder) =>
            holder.enterpriseCreditCode ? (
              <Flex vertical>
                <span>{holder.enterpriseName ?? '—'}</span>
                <Typography.Text type="secondary" copyable>
                  {holder.enterpriseCreditCode}
                </Typography.Text>
              </Flex>
            ) : (
              '—'
            ),
        },
        {
          title: '所在区划',
          key: 'region',
          width: 140,
          sorter: (a, b) => byText(a.regionCode, b.regionCode),
          render: (_v, holder) => holder.regionName ?? '—',
        },
        {
          title: '涉及批次',
          key: 'codes',
          defaultSortOrder: 'descend',
          sorter: (a, b) => a.codes.length - b.codes.length,
          render: (_v, holder) => (
            <Flex vertical gap={2}>
              {holder.codes.slice(0, SHOWN_CODES).map((code) => (
                <CodeLabel key={code} code={code} />
              ))}
              {holder.codes.length > SHOWN_CODES ? (
                <Tooltip title={holder.codes.slice(SHOWN_CODES).join('\n')}>
                  <Typography.Text type="secondary">等共 {holder.codes.length} 个</Typography.Text>
                </Tooltip>
              ) : null}
            </Flex>
          ),
        },
      ]}
    />
  );
}
