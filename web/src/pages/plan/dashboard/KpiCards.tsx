import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { STATUS_COLOR } from '../shared/labels';
import type { Kpis } from './kpis';

interface KpiProps {
  title: string;
  value: number;
  color?: string;
  note?: ReactNode;
  to?: string;
}

function Kpi({ title, value, color, note, to }: KpiProps) {
  const body = (
    <Card size="small" hoverable={!!to} style={{ height: '100%' }}>
      <Statistic title={title} value={value} styles={{ content: { color, fontWeight: 600 } }} />
      {note ? <Typography.Text type="secondary">{note}</Typography.Text> : null}
    </Card>
  );
  return to ? <Link to={to}>{body}</Link> : body;
}

export function KpiCards({ kpis, canReview }: { kpis: Kpis; canReview: boolean }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={8} xl={4}>
        <Kpi title="规划指标" value={kpis.indicators} note={kpis.noData > 0 ? `暂无数据 ${kpis.noData} 项` : '全部有数据'} to="/plan/indicators" />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Kpi title="已达成" value={kpis.achieved} color={STATUS_COLOR.target_achieved} note="已达到规划目标值" />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Kpi title="进展顺利" value={kpis.onTrack} color={STATUS_COLOR.on_track} note="按时间进度推进" />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Kpi
          title="滞后指标"
          value={kpis.lagging}
          color={STATUS_COLOR.deterioration}
          note={`需加快推进 ${kpis.moderate}、进展有限或倒退 ${kpis.lagging - kpis.moderate}`}
        />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Kpi title="待审核数据" value={kpis.pendingReview} color="#1d4f91" note="已报送待市局审核" to={canReview ? '/plan/review' : undefined} />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Kpi
          title="逾期节点"
          value={kpis.overdueMilestones}
          color={kpis.overdueMilestones > 0 ? STATUS_COLOR.deterioration : undefined}
          note="重点项目逾期未完成"
          to="/plan/projects"
        />
      </Col>
    </Row>
  );
}
