import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { formatNumber, formatRatio, formatTarget, formatValue } from '../shared/format';
import { ACCUMULATION_LABEL, STATUS_LABEL, statusRank } from '../shared/labels';
import { STATUS_FILTERS, StatusTag } from '../shared/StatusTag';
import { categoryLabel, compareNullable, type IndicatorRow } from './rows';

const muted = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

export function buildIndicatorColumns(categories: readonly string[], localise: (text: string) => string): ColumnsType<IndicatorRow> {
  return [
    {
      title: '编号',
      key: 'code',
      width: 72,
      fixed: 'left',
      sorter: (a, b) => a.indicator.seq - b.indicator.seq,
      defaultSortOrder: 'ascend',
      render: (_value, row) => row.indicator.code,
    },
    {
      title: '类别',
      key: 'category',
      width: 130,
      filters: categories.map((category) => ({ text: category, value: category })),
      onFilter: (value, row) => row.indicator.category === value,
      render: (_value, row) => categoryLabel(row.indicator),
    },
    {
      title: '指标名称',
      key: 'name',
      width: 240,
      render: (_value, row) => (
        <span>
          <Link to={`/plan/indicators/${row.indicator.id}`}>{row.indicator.name}</Link>{' '}
          {row.indicator.accumulation !== 'level' && !row.indicator.name.includes(ACCUMULATION_LABEL[row.indicator.accumulation])
            ? muted(`（${ACCUMULATION_LABEL[row.indicator.accumulation]}）`)
            : null}
        </span>
      ),
    },
    { title: '单位', key: 'unit', width: 90, render: (_value, row) => row.indicator.unit },
    {
      title: '目标值',
      key: 'target',
      width: 110,
      align: 'right',
      render: (_value, row) => formatTarget(row.indicator.target, '', row.indicator.decimals),
    },
    {
      title: '基期值',
      key: 'baseline',
      width: 100,
      align: 'right',
      render: (_value, row) => (
        <span title={row.indicator.baseline.source ?? undefined}>
          {formatNumber(row.indicator.baseline.value, row.indicator.decimals)}
          <br />
          {muted(`${row.indicator.baseline.year}年`)}
        </span>
      ),
    },
    {
      title: '最新值',
      key: 'latest',
      width: 110,
      align: 'right',
      sorter: (a, b) => compareNullable(a.progress?.currentValue, b.progress?.currentValue),
      render: (_value, row) =>
        row.progress?.currentValue !== null && row.progress?.currentValue !== undefined ? (
          <span>
            {formatNumber(row.progress.currentValue, row.indicator.decimals)}
            <br />
            {muted(row.progress.currentYear ? `${row.progress.currentYear}年${row.indicator.accumulation === 'increment' ? '止累计' : ''}` : '')}
          </span>
        ) : (
          muted('—')
        ),
    },
    {
      title: '进展状态',
      key: 'status',
      width: 110,
      filters: STATUS_FILTERS,
      onFilter: (value, row) => row.status === value,
      sorter: (a, b) => statusRank(a.status) - statusRank(b.status),
      render: (_value, row) => <StatusTag status={row.status} hint={row.progress?.progress.notes.map(localise).join('；') || STATUS_LABEL[row.status]} />,
    },
    {
      title: 'R',
      key: 'r',
      width: 70,
      align: 'right',
      sorter: (a, b) => compareNullable(a.progress?.progress.progressValue, b.progress?.progress.progressValue),
      render: (_value, row) => formatRatio(row.progress?.progress.progressValue),
    },
    {
      title: '预测',
      key: 'forecast',
      width: 110,
      align: 'right',
      render: (_value, row) => {
        const forecast = row.progress?.progress.forecast;
        return forecast ? (
          <span>
            {formatValue(forecast.value, '', row.indicator.decimals)}
            <br />
            {muted(`${forecast.year}年`)}
          </span>
        ) : (
          muted('—')
        );
      },
    },
    {
      title: '牵头单位',
      key: 'leadUnit',
      width: 140,
      ellipsis: true,
      render: (_value, row) => row.indicator.leadUnit ?? muted('—'),
    },
  ];
}
