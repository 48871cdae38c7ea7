import { FileExcelOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type Evaluation, type Plan, planFiles, useEvaluations } from '../../api/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { can } from '../../lib/access';
import { shanghaiTime } from '../../lib/time';
import { useMeUser } from '../../session';
import { CreateEvaluationModal } from './evaluation/CreateEvaluationModal';
import { EVALUATION_KIND_LABEL, EVALUATION_STATUS } from './shared/labels';
import { PlanFrame } from './shared/PlanFrame';

function EvaluationList({ plan, year, creating, onCloseCreate }: { plan: Plan; year: number; creating: boolean; onCloseCreate: () => void }) {
  const evaluations = useEvaluations(plan.id);
  return (
    <Card>
      {evaluations.isError ? <ErrorAlert error={evaluations.error} title="评估列表加载失败" onRetry={() => void evaluations.refetch()} /> : null}
      <Table<Evaluation>
        rowKey="id"
        size="middle"
        loading={evaluations.isFetching}
        dataSource={evaluations.data ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={evaluations.isError ? '加载失败' : '尚无评估'} /> }}
        pagination={{ hideOnSinglePage: true, pageSize: 20 }}
        columns={[
          { title: '标题', key: 'title', render: (_v, item) => <Link to={`/plan/evaluations/${item.id}`}>{item.title}</Link> },
          { title: '类型', key: 'kind', width: 100, render: (_v, item) => EVALUATION_KIND_LABEL[item.kind] },
          { title: '数据年度', key: 'dataYear', width: 90, render: (_v, item) => `${item.dataYear}年` },
          { title: '截止日期', dataIndex: 'asOf', width: 110 },
          {
            title: '状态',
            key: 'status',
            width: 90,
            render: (_v, item) => <Tag color={EVALUATION_STATUS[item.status].color}>{EVALUATION_STATUS[item.status].text}</Tag>,
          },
          { title: '冻结时间', key: 'frozenAt', width: 150, render: (_v, item) => shanghaiTime(item.frozenAt) },
          {
            title: '报告',
            key: 'report',
            width: 170,
            render: (_v, item) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<FileExcelOutlined />} href={planFiles.evaluationReport(item.id, 'xlsx')} download>
                  Excel
                </Button>
                <Button type="link" size="small" icon={<FilePdfOutlined />} href={planFiles.evaluationReport(item.id, 'pdf')} download>
                  PDF
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <CreateEvaluationModal plan={plan} defaultYear={year} open={creating} onClose={onCloseCreate} />
    </Card>
  );
}

export default function PlanEvaluations() {
  const me = useMeUser();
  const [creating, setCreating] = useState(false);
  return (
    <PlanFrame
      title="评估"
      description="年度评估、中期评估和终期评估；冻结后的评估数值和状态永久不变"
      withYear={false}
      extra={() =>
        can(me.role, 'planReview') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建评估
          </Button>
        ) : null
      }
    >
      {(plan, year) => <EvaluationList plan={plan} year={year} creating={creating} onCloseCreate={() => setCreating(false)} />}
    </PlanFrame>
  );
}
