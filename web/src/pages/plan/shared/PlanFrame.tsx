import { Card, Empty, Flex, Select, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Plan } from '../../../api/plan';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { planYears } from './format';
import { type PlanSelection, usePlanSelection } from './use-plan';

interface PlanFrameProps {
  title: string;
  description?: ReactNode;
  /** show the year selector (most pages look at one year) */
  withYear?: boolean;
  /** buttons at the right of the title card */
  extra?: (plan: Plan, year: number) => ReactNode;
  children: (plan: Plan, year: number, selection: PlanSelection) => ReactNode;
}

export function PlanPickers({ selection, withYear = true }: { selection: PlanSelection; withYear?: boolean }) {
  const { plans, plan, year, setPlanId, setYear } = selection;
  return (
    <Flex gap={8} wrap align="center">
      <Select
        aria-label="规划"
        style={{ minWidth: 260 }}
        value={plan?.id}
        onChange={setPlanId}
        options={(plans.data ?? []).map((item) => ({ value: item.id, label: item.name }))}
      />
      {withYear && plan ? (
        <Select
          aria-label="数据年度"
          style={{ width: 120 }}
          value={year}
          onChange={setYear}
          options={planYears(plan).map((item) => ({ value: item, label: `${item}年` }))}
        />
      ) : null}
    </Flex>
  );
}

/** A plan page: title card with the plan (and year) pickers, then the page body once a plan is known. */
export function PlanFrame({ title, description, withYear = true, extra, children }: PlanFrameProps) {
  const selection = usePlanSelection();
  const { plans, plan, year } = selection;
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {description ? <Typography.Text type="secondary">{description}</Typography.Text> : null}
          </div>
          <Flex gap={8} wrap align="center">
            {plan ? <PlanPickers selection={selection} withYear={withYear} /> : null}
            {plan && extra ? extra(plan, year) : null}
          </Flex>
        </Flex>
      </Card>
      {plans.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : null}
      {plans.isError ? <ErrorAlert error={plans.error} title="规划列表加载失败" onRetry={() => void plans.refetch()} /> : null}
      {plans.data && !plan ? (
        <Card>
          <Empty description="尚未建立规划，请由市级管理员先创建规划并导入指标" />
        </Card>
      ) : null}
      {plan ? children(plan, year, selection) : null}
    </Flex>
  );
}
