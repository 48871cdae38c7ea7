import { Card, Col, Empty, Row } from 'antd';
import { useMemo } from 'react';
import type { DashboardSummary } from '../../../api/platform-types';
import { buildAuditTrendOption, buildUsersByRegionOption } from '../../../charts/dashboard-options';
import { EChart } from '../../../charts/EChart';

const CHART_HEIGHT = 300;

function ChartEmpty({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ height: CHART_HEIGHT - 48, paddingTop: 64 }} />;
}

export function SummaryCharts({ summary }: { summary: DashboardSummary }) {
  const trend = useMemo(() => buildAuditTrendOption(summary.auditByDay), [summary.auditByDay]);
  const byRegion = useMemo(() => buildUsersByRegionOption(summary.usersByRegion), [summary.usersByRegion]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title="近 14 日审计事件" size="small">
          {summary.auditByDay.length > 0 ? (
            <EChart option={trend} height={CHART_HEIGHT} ariaLabel="近 14 日每日审计事件数折线图" />
          ) : (
            <ChartEmpty text="近 14 日没有审计事件" />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={`${summary.regionName}用户分布（按区划）`} size="small">
          {summary.usersByRegion.length > 0 ? (
            <EChart option={byRegion} height={CHART_HEIGHT} ariaLabel="各区划用户数柱状图" />
          ) : (
            <ChartEmpty text="当前范围内没有下级区划" />
          )}
        </Card>
      </Col>
    </Row>
  );
}
