import { Button, Flex, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Indicator, IndicatorProgress } from '../../../api/plan';
import { formatNumber, formatTarget } from '../shared/format';
import { ACCUMULATION_LABEL } from '../shared/labels';
import { StatusTag, ValueStatusTag } from '../shared/StatusTag';
import { type Cell, isEditable, isSubmittable } from '../shared/values';
import { WarningIcon } from './Warnings';

export interface EntryRow {
  indicator: Indicator;
  cell: Cell | undefined;
  progress: IndicatorProgress | undefined;
}

export interface EntryActions {
  edit: (row: EntryRow) => void;
  submit: (row: EntryRow) => void;
  correct: (row: EntryRow) => void;
  history: (row: EntryRow) => void;
  submittingId: string | null;
}

/** A city cell of a summed indicator left empty is the counties' sum: say so instead of "not reported". */
function summedHint(row: EntryRow): string | null {
  if (!row.progress?.summedFromCounties) return null;
  const point = row.progress.series.find((item) => item.year === row.progress?.year);
  return point ? `区县合计 ${formatNumber(point.value, row.indicator.decimals)}` : '按区县合计';
}

export function buildEntryColumns(actions: EntryActions): ColumnsType<EntryRow> {
  return [
    { title: '编号', key: 'code', width: 64, render: (_v, row) => row.indicator.code },
    {
      title: '指标',
      key: 'name',
      width: 280,
      render: (_v, row) => (
        <Flex vertical>
          <Typography.Text>{row.indicator.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.indicator.unit} · {ACCUMULATION_LABEL[row.indicator.accumulation]} · 目标{' '}
            {formatTarget(row.indicator.target, row.indicator.unit, row.indicator.decimals)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '本年数值',
      key: 'value',
      width: 130,
      align: 'right',
      render: (_v, row) =>
        row.cell ? (
          <Space size={4}>
            <WarningIcon warnings={isEditable(row.cell.current.status) || row.cell.current.status === 'submitted' ? row.cell.current.warnings : []} />
            <Typography.Text strong>{formatNumber(row.cell.current.value, row.indicator.decimals)}</Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">{summedHint(row) ?? '未填报'}</Typography.Text>
        ),
    },
    {
      title: '填报状态',
      key: 'status',
      width: 200,
      render: (_v, row) =>
        row.cell ? (
          <Flex vertical gap={2}>
            <Space size={4}>
              <ValueStatusTag status={row.cell.current.status} />
              {row.cell.current.version > 1 ? <Typography.Text type="secondary">第 {row.cell.current.version} 版</Typography.Text> : null}
            </Space>
            {row.cell.current.status === 'returned' && row.cell.current.returnReason ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                退回原因：{row.cell.current.returnReason}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : null,
    },
    {
      title: '进展',
      key: 'progress',
      width: 110,
      render: (_v, row) => (row.progress ? <StatusTag status={row.progress.progress.status} /> : null),
    },
    {
      title: '操作',
      key: 'actions',
      width: 210,
      fixed: 'right',
      render: (_v, row) => {
        const status = row.cell?.current.status;
        return (
          <Space size={0} wrap>
            {!row.cell || (status && isEditable(status)) ? (
              <Button type="link" size="small" onClick={() => actions.edit(row)}>
                {row.cell ? '编辑' : '填报'}
              </Button>
            ) : null}
            {row.cell && status && isSubmittable(status) ? (
              <Button type="link" size="small" loading={actions.submittingId === row.cell.current.id} onClick={() => actions.submit(row)}>
                提交
              </Button>
            ) : null}
            {status === 'approved' ? (
              <Button type="link" size="small" onClick={() => actions.correct(row)}>
                更正
              </Button>
            ) : null}
            {row.cell ? (
              <Button type="link" size="small" onClick={() => actions.history(row)}>
                历史
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];
}
