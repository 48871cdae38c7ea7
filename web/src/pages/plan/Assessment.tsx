import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { type Plan, type RegionScore, useAssessment, useIndicators } from '../../api/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise } from '../../i18n';
import { can } from '../../lib/access';
import { useMeUser } from '../../session';
import { AdjustmentModal } from './assessment/AdjustmentModal';
import { RubricModal } from './assessment/RubricModal';
import { ScoreSheet } from './assessment/ScoreSheet';
import { PlanFrame } from './shared/PlanFrame';
import { CITY_CODE } from './shared/regions';
import { usePlanRegion } from './shared/use-plan-region';

const RANK_COLOR: Record<number, string> = { 1: 'gold', 2: 'lime', 3: 'cyan' };

function AssessmentBody({ plan, year }: { plan: Plan; year: number }) {
  const me = useMeUser();
  const cityAdmin = can(me.role, 'planReview');
  const localise = useLocalise();
  const { regions } = usePlanRegion();
  const assessment = useAssessment(plan.id, year);
  const indicators = useIndicators(cityAdmin ? plan.id : undefined);
  const [editing, setEditing] = useState(false);
  const [adjusting, setAdjusting] = useState(false);

  if (assessment.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (assessment.isError) return <ErrorAlert error={assessment.error} title="考核结果加载失败" onRetry={() => void assessment.refetch()} />;
  const result = assessment.data;
  const { rubric } = result;

  return (
    <Card>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Typography.Text type="secondary">
            {year}年 ·{' '}
            {rubric.version > 0 ? `评分细则第 ${rubric.version} 版（${dayjs(rubric.createdAt).format('YYYY-MM-DD')}）` : '默认评分细则（本年尚未设定）'}
            {rubric.note ? `：${localise(rubric.note)}` : ''} · 测算方法 {result.methodVersion}
          </Typography.Text>
          {cityAdmin ? (
            <Flex gap={8}>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑评分细则
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setAdjusting(true)}>
                加减分
              </Button>
            </Flex>
          ) : null}
        </Flex>
        <Table<RegionScore>
          rowKey="regionCode"
          size="middle"
          loading={assessment.isFetching}
          dataSource={result.regions}
          pagination={false}
          locale={{ emptyText: <Empty description="暂无考核结果" /> }}
          expandable={{ expandedRowRender: (score) => <ScoreSheet score={score} /> }}
          columns={[
            { title: '排名', key: 'rank', width: 70, render: (_v, score) => <Tag color={RANK_COLOR[score.rank] ?? 'default'}>{score.rank}</Tag> },
            { title: '区县', dataIndex: 'regionName', width: 120 },
            {
              title: '总分',
              key: 'total',
              width: 100,
              align: 'right',
              sorter: (a, b) => a.total - b.total,
              render: (_v, score) => <Typography.Text strong>{score.total.toFixed(2)}</Typography.Text>,
            },
            { title: '指标得分', key: 'base', width: 100, align: 'right', render: (_v, score) => score.base.toFixed(2) },
            {
              title: '加分',
              key: 'bonus',
              width: 90,
              align: 'right',
              render: (_v, score) => (score.bonus ? <Typography.Text type="success">+{score.bonus}</Typography.Text> : '0'),
            },
            {
              title: '扣分',
              key: 'penalty',
              width: 90,
              align: 'right',
              render: (_v, score) => (score.penalty ? <Typography.Text type="danger">-{score.penalty}</Typography.Text> : '0'),
            },
            { title: '计分指标', key: 'lines', render: (_v, score) => `${score.lines.length} 项（展开查看评分表）` },
          ]}
        />
      </Flex>
      {cityAdmin && editing ? (
        <RubricModal planId={plan.id} year={year} result={result} indicators={indicators.data ?? []} open={editing} onClose={() => setEditing(false)} />
      ) : null}
      <AdjustmentModal
        planId={plan.id}
        year={year}
        regions={regions.filter((region) => region.code !== CITY_CODE)}
        open={adjusting}
        onClose={() => setAdjusting(false)}
      />
    </Card>
  );
}

export default function PlanAssessment() {
  return (
    <PlanFrame title="考核" description="按评分细则对五个区县的指标完成情况计分排名（加减分单列）">
      {(plan, year) => <AssessmentBody plan={plan} year={year} />}
    </PlanFrame>
  );
}
