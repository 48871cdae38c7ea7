import { Card, Col, Empty, Row } from 'antd';
import { useMemo } from 'react';
import type { Indicator, PlanDashboard } from '../../../api/plan';
import { PlanChart } from '../../../charts/plan-chart';
import { buildStatusByCategoryOption, buildStatusHeatmapOption } from '../../../charts/plan-options';

const HEIGHT = 340;

function ChartEmpty({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ height: HEIGHT - 48, paddingTop: 72 }} />;
}

/** Rows of about 40 px: a county officer's single row should not fill the whole card. */
function heatmapHeight(rows: number): number {
  return Math.min(HEIGHT, 100 + 40 * rows);
}

/** Indicator columns of the heat map: 表1 order when the indicator list is known, else the codes the dashboard sent. */
function heatmapColumns(dashboard: PlanDashboard, indicators: readonly Indicator[] | undefined): { code: string; name: string }[] {
  if (indicators && indicators.length > 0) return indicators.map((indicator) => ({ code: indicator.code, name: indicator.name }));
  const codes = new Set<string>();
  for (const row of dashboard.heatmap) for (const code of Object.keys(row.statuses)) codes.add(code);
  return [...codes].sort().map((code) => ({ code, name: '' }));
}

export function DashboardCharts({ dashboard, indicators }: { dashboard: PlanDashboard; indicators: readonly Indicator[] | undefined }) {
  const stacked = useMemo(() => buildStatusByCategoryOption(dashboard.statusCounts), [dashboard.statusCounts]);
  const heatmap = useMemo(() => buildStatusHeatmapOption(dashboard.heatmap, heatmapColumns(dashboard, indicators)), [dashboard, indicators]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={9}>
        <Card title="各类别指标进展" size="small">
          {dashboard.statusCounts.length > 0 ? (
            <PlanChart option={stacked} height={HEIGHT} ariaLabel="各类别指标进展状态堆叠柱状图" />
          ) : (
            <ChartEmpty text="暂无指标" />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        <Card title="区县 × 指标进展热力图" size="small">
          {dashboard.heatmap.length > 0 ? (
            <PlanChart option={heatmap} height={heatmapHeight(dashboard.heatmap.length)} ariaLabel="各区划各指标进展状态热力图" />
          ) : (
            <ChartEmpty text="暂无区县数据" />
          )}
        </Card>
      </Col>
    </Row>
  );
}
