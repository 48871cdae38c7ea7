import { WarningOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { Indicator, Plan } from '../../../api/plan';
import { categoryLabel } from '../indicators/rows';
import { formatNumber, formatTarget } from '../shared/format';
import type { PlanRegion } from '../shared/regions';
import { ACCUMULATION_CHOICES, choiceLabel, DIRECTION_CHOICES, ROLLUP_CHOICES } from './choices';
import { targetYearOutsidePlan, unitsFilled } from './indicator-form';

const muted = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

export const PLAN_STATUS: Record<Plan['status'], { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  active: { text: '实施中', color: 'processing' },
  closed: { text: '已结束', color: 'default' },
};

/** The status a plan can move to next, and the button that does it. */
export const NEXT_PLAN_STATUS: Record<Plan['status'], { status: Plan['status']; text: string; confirm: string }> = {
  draft: { status: 'active', text: '启用', confirm: '启用后，各页面默认打开此规划，公开页面也将展示。确认启用？' },
  active: { status: 'closed', text: '结束', confirm: '结束后规划转为已结束，数据与评估保留可查。确认结束？' },
  closed: { status: 'active', text: '重新启用', confirm: '确认重新启用此规划？' },
};

export function buildPlanColumns(onStatus?: (plan: Plan, status: Plan['status']) => void): ColumnsType<Plan> {
  return [
    {
      title: '规划名称',
      key: 'name',
      render: (_value, plan) => (
        <span>
          {plan.name}
          <br />
          {muted(plan.code)}
        </span>
      ),
    },
    { title: '规划期', key: 'period', width: 130, render: (_value, plan) => `${plan.startYear}–${plan.endYear}年` },
    { title: '基期年', dataIndex: 'baseYear', width: 80 },
    {
      title: '状态',
      key: 'status',
      width: 90,
      render: (_value, plan) => <Tag color={PLAN_STATUS[plan.status].color}>{PLAN_STATUS[plan.status].text}</Tag>,
    },
    { title: '指标数', dataIndex: 'indicatorCount', width: 80, align: 'right' },
    {
      title: '来源说明',
      key: 'sourceNote',
      ellipsis: { showTitle: true },
      render: (_value, plan) => plan.sourceNote ?? '—',
    },
    ...(onStatus
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 100,
            render: (_value: unknown, plan: Plan) => {
              const next = NEXT_PLAN_STATUS[plan.status];
              return (
                <Popconfirm title={next.confirm} okText={next.text} cancelText="取消" onConfirm={() => onStatus(plan, next.status)}>
                  <Button type="link" size="small" onClick={(e) => e.stopPropagation()}>
                    {next.text}
                  </Button>
                </Popconfirm>
              );
            },
          },
        ]
      : []),
  ];
}

interface DefinitionColumnOptions {
  plan: Pick<Plan, 'startYear' | 'endYear'>;
  counties: readonly PlanRegion[];
  categories: readonly string[];
  onEdit: (indicator: Indicator) => void;
}

/** The plan's indicator definitions, as the city bureau maintains them. */
export function buildDefinitionColumns({ plan, counties, categories, onEdit }: DefinitionColumnOptions): ColumnsType<Indicator> {
  const countyCodes = counties.map((region) => region.code);
  return [
    { title: '序号', dataIndex: 'seq', width: 64, fixed: 'left', sorter: (a, b) => a.seq - b.seq, defaultSortOrder: 'ascend' },
    { title: '编码', dataIndex: 'code', width: 64, fixed: 'left' },
    {
      title: '指标名称 / 类别',
      key: 'name',
      width: 250,
      filters: categories.map((category) => ({ text: category, value: category })),
      onFilter: (value, indicator) => indicator.category === value,
      render: (_value, indicator) => (
        <span>
          <Link to={`/plan/indicators/${indicator.id}`}>{indicator.name}</Link>
          <br />
          {muted(categoryLabel(indicator))}
        </span>
      ),
    },
    { title: '单位', dataIndex: 'unit', width: 72 },
    {
      title: '目标',
      key: 'target',
      width: 130,
      render: (_value, indicator) => {
        const outside = targetYearOutsidePlan(indicator, plan);
        return (
          <span>
            {formatTarget(indicator.target, indicator.unit, indicator.decimals)}
            <br />
            {outside ? (
              <Tooltip title={`目标年不在规划期 ${plan.startYear}–${plan.endYear} 年内，请核对`}>
                <Typography.Text type="warning">
                  <WarningOutlined /> {indicator.targetYear}年
                </Typography.Text>
              </Tooltip>
            ) : (
              muted(`${indicator.targetYear}年`)
            )}
          </span>
        );
      },
    },
    {
      title: '基期值',
      key: 'baseline',
      width: 84,
      align: 'right',
      render: (_value, indicator) => <span title={indicator.baseline.source ?? undefined}>{formatNumber(indicator.baseline.value, indicator.decimals)}</span>,
    },
    {
      title: '测算方式',
      key: 'rules',
      width: 150,
      render: (_value, indicator) =>
        [
          choiceLabel(DIRECTION_CHOICES, indicator.direction),
          choiceLabel(ACCUMULATION_CHOICES, indicator.accumulation),
          choiceLabel(ROLLUP_CHOICES, indicator.regionRollup),
        ].join(' · '),
    },
    { title: '牵头单位', key: 'leadUnit', width: 140, render: (_value, indicator) => indicator.leadUnit ?? muted('未指定') },
    {
      title: '区县责任单位',
      key: 'units',
      width: 110,
      render: (_value, indicator) => {
        const filled = unitsFilled(indicator, countyCodes);
        const list = (
          <div>
            {counties.map((region) => (
              <div key={region.code}>
                {region.name}：{indicator.responsibleUnits[region.code] ?? '未指定'}
              </div>
            ))}
          </div>
        );
        return (
          <Tooltip title={list}>
            <Tag color={filled === counties.length ? 'success' : filled === 0 ? 'default' : 'warning'}>
              已填 {filled}/{counties.length}
            </Tag>
          </Tooltip>
        );
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 72,
      fixed: 'right',
      render: (_value, indicator) => (
        <Button type="link" size="small" onClick={() => onEdit(indicator)} aria-label={`编辑 ${indicator.code}`}>
          编辑
        </Button>
      ),
    },
  ];
}
