import { Alert, Button, Card, Empty, Flex, Layout, Result, Select, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type PublicIndicator, usePublicIndicators, usePublicPlans } from '../../api/plan';
import { Logo } from '../../layout/Logo';
import { BRAND } from '../../theme';
import { countStatuses, groupByCategory } from './public/group';
import { formatTarget, formatValue, pickPlan } from './shared/format';
import { STATUS_COLOR, STATUS_LABEL, STATUS_ORDER } from './shared/labels';
import { StatusTag } from './shared/StatusTag';

function IndicatorLine({ item, targetYear }: { item: PublicIndicator; targetYear: number }) {
  return (
    <Flex justify="space-between" align="center" gap={12} wrap style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex vertical style={{ flex: '1 1 180px', minWidth: 0 }}>
        <Typography.Text>{item.name}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.subCategory ? `${item.subCategory} · ` : ''}
          {targetYear}年目标 {formatTarget(item.target, item.unit)}
        </Typography.Text>
      </Flex>
      <Flex align="center" gap={12}>
        <Flex vertical align="flex-end">
          <Typography.Text strong>{formatValue(item.latestValue, item.unit)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.latestYear ? `${item.latestYear}年` : '暂无数据'}
          </Typography.Text>
        </Flex>
        <StatusTag status={item.status} />
      </Flex>
    </Flex>
  );
}

function Summary({ items }: { items: PublicIndicator[] }) {
  const counts = countStatuses(items);
  return (
    <Flex gap={8} wrap>
      {STATUS_ORDER.map((status) => (
        <Tag key={status} color={STATUS_COLOR[status]} style={{ fontSize: 14, padding: '2px 10px' }}>
          {STATUS_LABEL[status]} {counts[status]}
        </Tag>
      ))}
    </Flex>
  );
}

function PlanBody() {
  const plans = usePublicPlans();
  const [planId, setPlanId] = useState<string | null>(null);
  const plan = plans.data ? pickPlan(plans.data, planId) : undefined;
  const indicators = usePublicIndicators(plan?.id);

  if (plans.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (plans.isError)
    return <Result status="error" title="暂时无法获取公开信息" subTitle="请稍后再试" extra={<Button onClick={() => void plans.refetch()}>重试</Button>} />;
  if (!plan) return <Empty description="暂无公开的规划信息" />;
  const data = indicators.data;
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {plan.name}
        </Typography.Title>
        <Typography.Text type="secondary">
          规划期 {plan.startYear}–{plan.endYear} 年 · 共 {plan.indicatorCount} 项主要指标{data?.year ? ` · 数据截至 ${data.year} 年（已审定的全市数据）` : ''}
        </Typography.Text>
        {plans.data.length > 1 ? (
          <Select
            aria-label="规划"
            style={{ maxWidth: 320, marginTop: 8 }}
            value={plan.id}
            onChange={setPlanId}
            options={plans.data.map((item) => ({ value: item.id, label: item.name }))}
          />
        ) : null}
      </Flex>
      {data?.demo ? <Alert type="warning" showIcon banner title="演示数据：本页数值为系统演示数据，不代表真实统计数据。" /> : null}
      {indicators.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {indicators.isError ? <Result status="error" title="指标数据加载失败" extra={<Button onClick={() => void indicators.refetch()}>重试</Button>} /> : null}
      {data ? (
        <>
          <Summary items={data.items} />
          {data.items.length === 0 ? <Empty description="暂无已发布的指标数据" /> : null}
          {groupByCategory(data.items).map((group) => (
            <Card key={group.category} size="small" title={`${group.category}（${group.items.length}项）`}>
              {group.items.map((item) => (
                <IndicatorLine key={item.code} item={item} targetYear={plan.endYear} />
              ))}
            </Card>
          ))}
          <Card size="small" title="状态说明">
            <Flex vertical gap={6}>
              <Typography.Text>
                <StatusTag status="target_achieved" /> 已达到 {plan.endYear} 年目标值
              </Typography.Text>
              <Typography.Text>
                <StatusTag status="on_track" /> 按目前速度可如期实现目标
              </Typography.Text>
              <Typography.Text>
                <StatusTag status="moderate_progress" /> 有进展，但需加快才能实现目标
              </Typography.Text>
              <Typography.Text>
                <StatusTag status="limited_progress" /> 进展明显慢于实现目标所需
              </Typography.Text>
              <Typography.Text>
                <StatusTag status="deterioration" /> 较基期出现倒退
              </Typography.Text>
              <Typography.Text>
                <StatusTag status="not_available" /> 数据不足，暂无法评价
              </Typography.Text>
            </Flex>
          </Card>
        </>
      ) : null}
    </Flex>
  );
}

/** 公众端: the published city figures of the plan, no sign-in, readable on a phone. */
export default function PublicPlan() {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 10, background: BRAND.header, paddingInline: 16 }}>
        <Logo size={30} />
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          质量数智平台
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.8)', marginInlineStart: 8 }} ellipsis>
          规划实施公开信息
        </Typography.Text>
      </Layout.Header>
      <Layout.Content style={{ padding: '16px 12px', width: '100%', maxWidth: 960, margin: '0 auto' }}>
        <PlanBody />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c', padding: '12px 16px' }}>
        湖州市市场监督管理局 主办 · <Link to="/login">工作人员登录</Link>
      </Layout.Footer>
    </Layout>
  );
}
