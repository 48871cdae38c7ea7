import { ApartmentOutlined, AuditOutlined, ClusterOutlined, LoginOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { DashboardSummary } from '../../../api/platform-types';

interface StatCardProps {
  title: string;
  value: number;
  icon: ReactNode;
  color: string;
  note?: ReactNode;
}

function StatCard({ title, value, icon, color, note }: StatCardProps) {
  return (
    <Card size="small" style={{ height: '100%' }} styles={{ body: { padding: '16px 20px' } }}>
      <Statistic title={title} value={value} prefix={icon} styles={{ content: { color } }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {note ?? '\u00a0'}
      </Typography.Text>
    </Card>
  );
}

export function SummaryCards({ counts }: { counts: DashboardSummary['counts'] }) {
  const cards: StatCardProps[] = [
    { title: '区县数', value: counts.regions.county, icon: <ClusterOutlined />, color: '#1d4f91' },
    { title: '乡镇街道数', value: counts.regions.township, icon: <ApartmentOutlined />, color: '#1d4f91' },
    {
      title: '用户数',
      value: counts.users.total,
      icon: <TeamOutlined />,
      color: '#1d4f91',
      note: `其中正常 ${counts.users.active} 个`,
    },
    { title: '今日审计事件', value: counts.auditEventsToday, icon: <AuditOutlined />, color: '#2f7dd1' },
    { title: '今日登录', value: counts.loginsToday, icon: <LoginOutlined />, color: '#389e0d' },
    {
      title: '今日登录失败',
      value: counts.failedLoginsToday,
      icon: <WarningOutlined />,
      color: counts.failedLoginsToday > 0 ? '#cf1322' : '#8c8c8c',
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col key={card.title} xs={12} md={8} xl={4}>
          <StatCard {...card} />
        </Col>
      ))}
    </Row>
  );
}
