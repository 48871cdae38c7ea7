import { Card, Table, Typography } from 'antd';
import type { Indicator, IndicatorProgress } from '../../../api/plan';
import { formatNumber, formatRatio, formatShare } from '../shared/format';
import { TARGET_SOURCE_LABEL } from '../shared/labels';
import { type PlanRegion, regionName } from '../shared/regions';
import { StatusTag } from '../shared/StatusTag';

const muted = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

/** Each region's latest value and progress for the indicator, with the unit responsible there. */
export function RegionTable({ indicator, progress, regions }: { indicator: Indicator; progress: IndicatorProgress[]; regions: PlanRegion[] }) {
  const d = indicator.decimals;
  return (
    <Card size="small" title="各区划进展">
      <Table<IndicatorProgress>
        rowKey="regionCode"
        size="small"
        pagination={false}
        dataSource={progress}
        scroll={{ x: 980 }}
        columns={[
          {
            title: '区划',
            key: 'region',
            width: 100,
            render: (_value, row) => (
              <span>
                {regionName(row.regionCode, regions)}
                {row.summedFromCounties ? <div>{muted('区县合计')}</div> : null}
              </span>
            ),
          },
          {
            title: '最新值',
            key: 'latest',
            width: 110,
            align: 'right',
            render: (_value, row) => (
              <span>
                {formatNumber(row.currentValue, d)}
                {row.currentYear ? <div>{muted(`${row.currentYear}年`)}</div> : null}
              </span>
            ),
          },
          {
            title: '测算目标',
            key: 'target',
            width: 130,
            align: 'right',
            render: (_value, row) => (
              <span>
                {formatNumber(row.targetValue, d)}
                <div>{muted(TARGET_SOURCE_LABEL[row.targetSource])}</div>
              </span>
            ),
          },
          { title: '进展状态', key: 'status', width: 110, render: (_value, row) => <StatusTag status={row.progress.status} /> },
          { title: 'R', key: 'r', width: 70, align: 'right', render: (_value, row) => formatRatio(row.progress.progressValue) },
          {
            title: '已完成所需变化',
            key: 'share',
            width: 120,
            align: 'right',
            render: (_value, row) => formatShare(row.progress.currentStatusShare),
          },
          {
            title: '预测',
            key: 'forecast',
            width: 110,
            align: 'right',
            render: (_value, row) =>
              row.progress.forecast ? (
                <span>
                  {formatNumber(row.progress.forecast.value, d)}
                  <div>{muted(`${row.progress.forecast.year}年`)}</div>
                </span>
              ) : (
                muted('—')
              ),
          },
          {
            title: '责任单位',
            key: 'unit',
            width: 180,
            render: (_value, row) => indicator.responsibleUnits[row.regionCode] ?? (row.regionCode === '330500' ? (indicator.leadUnit ?? '—') : '—'),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        “已完成所需变化”为基期以来实际变化占达到目标所需变化的比例（ESCAP 现状指数）；预测为按近年趋势外推的目标年数值。
      </Typography.Paragraph>
    </Card>
  );
}
