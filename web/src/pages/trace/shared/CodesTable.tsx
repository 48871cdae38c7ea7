import { Button, Empty, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { KIND_COLOR, KIND_LABEL, KIND_ORDER, kindRank } from '../../../charts/trace-kinds';
import { type CodeInfo, describeCode } from './codes';

interface CodeRow {
  info: CodeInfo;
  depth: number | null;
}

interface CodesTableProps {
  codes: readonly { code: string; depth?: number }[];
  /** show the 距起点 (hops) column */
  withDepth?: boolean;
  /** for a narrow card: no identifier column (the identifier is in the number cell's tooltip) */
  compact?: boolean;
  /** "从此追溯": start a new trace at this code */
  onTrace?: (code: string) => void;
  emptyText?: string;
  loading?: boolean;
}

const compare = (a: string | undefined, b: string | undefined) => (a ?? '').localeCompare(b ?? '');
const numberOf = (info: CodeInfo) => info.lot ?? info.serial ?? info.sscc ?? info.gln;

/** The codes of a trace or recall: what each is (kind, 商品条码, lot or serial) and how far it is from the start. */
export function CodesTable({ codes, withDepth = false, compact = false, onTrace, emptyText = '没有追溯码', loading }: CodesTableProps) {
  const rows = useMemo<CodeRow[]>(() => codes.map(({ code, depth }) => ({ info: describeCode(code), depth: depth ?? null })), [codes]);
  const kinds = KIND_ORDER.filter((kind) => rows.some((row) => row.info.kind === kind));
  const columns: TableColumnsType<CodeRow> = [
    {
      title: '类型',
      key: 'kind',
      width: 90,
      sorter: (a, b) => kindRank(a.info.kind) - kindRank(b.info.kind),
      filters: kinds.map((kind) => ({ text: KIND_LABEL[kind], value: kind })),
      onFilter: (value, row) => row.info.kind === value,
      render: (_v, row) => <Tag color={KIND_COLOR[row.info.kind]}>{row.info.kindLabel}</Tag>,
    },
    { title: '商品条码', key: 'gtin', width: 150, sorter: (a, b) => compare(a.info.gtin, b.info.gtin), render: (_v, row) => row.info.gtin ?? '—' },
    {
      title: '批次号 / 序列号 / 编码',
      key: 'number',
      width: compact ? undefined : 220,
      sorter: (a, b) => compare(numberOf(a.info), numberOf(b.info)),
      render: (_v, row) =>
        compact ? (
          <Tooltip title={row.info.code}>
            <Typography.Text copyable={{ text: row.info.code }}>{numberOf(row.info) ?? row.info.compact}</Typography.Text>
          </Tooltip>
        ) : (
          (numberOf(row.info) ?? '—')
        ),
    },
  ];
  if (withDepth) {
    columns.push({
      title: '距起点',
      key: 'depth',
      width: 100,
      defaultSortOrder: 'ascend',
      sorter: (a, b) => (a.depth ?? 0) - (b.depth ?? 0),
      render: (_v, row) => (row.depth === 0 ? <Tag color="red">起点</Tag> : `${row.depth} 步`),
    });
  }
  if (!compact) {
    columns.push({
      title: '追溯码（GS1 数字链接）',
      key: 'code',
      sorter: (a, b) => compare(a.info.code, b.info.code),
      render: (_v, row) => (
        <Typography.Text copyable={{ text: row.info.code }} style={{ wordBreak: 'break-all' }} type="secondary">
          {row.info.code}
        </Typography.Text>
      ),
    });
  }
  if (onTrace) {
    columns.push({
      title: '操作',
      key: 'action',
      width: 96,
      render: (_v, row) => (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => onTrace(row.info.code)}>
          从此追溯
        </Button>
      ),
    });
  }
  return (
    <Table<CodeRow>
      rowKey={(row) => row.info.code}
      size="small"
      loading={loading}
      dataSource={rows}
      scroll={compact ? undefined : { x: 900 }}
      pagination={{ hideOnSinglePage: true, pageSize: 20, showSizeChanger: false }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
      columns={columns}
    />
  );
}
