import { Badge, Button, Card, Empty, Flex, Select, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type KeyProject, type Plan, PROJECT_KINDS, PROJECT_STATUSES, type ProjectKind, type ProjectStatus, useProjects } from '../../api/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { can } from '../../lib/access';
import { useMeUser } from '../../session';
import { ProjectDrawer } from './project/ProjectDrawer';
import { PROJECT_KIND_LABEL, PROJECT_STATUS } from './shared/labels';
import { PlanFrame } from './shared/PlanFrame';

function ProjectList({ plan }: { plan: Plan }) {
  const me = useMeUser();
  const [kind, setKind] = useState<ProjectKind>('reform');
  const [status, setStatus] = useState<ProjectStatus | undefined>(undefined);
  const [openId, setOpenId] = useState<string | null>(null);
  const projects = useProjects(plan.id, { kind, status });

  return (
    <Card>
      <Tabs
        activeKey={kind}
        onChange={(key) => setKind(PROJECT_KINDS.find((item) => item === key) ?? 'reform')}
        items={PROJECT_KINDS.map((item) => ({ key: item, label: PROJECT_KIND_LABEL[item] }))}
        tabBarExtraContent={
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 120 }}
            value={status}
            onChange={setStatus}
            options={PROJECT_STATUSES.map((item) => ({ value: item, label: PROJECT_STATUS[item].text }))}
          />
        }
      />
      {projects.isError ? <ErrorAlert error={projects.error} title="重点项目加载失败" onRetry={() => void projects.refetch()} /> : null}
      <Table<KeyProject>
        rowKey="id"
        size="middle"
        loading={projects.isFetching}
        dataSource={projects.data ?? []}
        scroll={{ x: 900 }}
        pagination={{ hideOnSinglePage: true, pageSize: 50 }}
        locale={{ emptyText: <Empty description={projects.isError ? '加载失败' : `暂无${PROJECT_KIND_LABEL[kind]}项目`} /> }}
        onRow={(project) => ({ onClick: () => setOpenId(project.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 64 },
          {
            title: '名称',
            key: 'name',
            render: (_v, project) => (
              <Button type="link" style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => setOpenId(project.id)}>
                {project.name}
              </Button>
            ),
          },
          { title: '牵头单位', key: 'leadUnit', width: 200, render: (_v, project) => project.leadUnit ?? '—' },
          {
            title: '状态',
            key: 'status',
            width: 90,
            render: (_v, project) => <Tag color={PROJECT_STATUS[project.status].color}>{PROJECT_STATUS[project.status].text}</Tag>,
          },
          {
            title: '逾期节点',
            key: 'overdue',
            width: 90,
            align: 'center',
            render: (_v, project) =>
              project.overdueMilestones > 0 ? (
                <Badge count={project.overdueMilestones} color="#f5222d" />
              ) : (
                <Typography.Text type="secondary">0</Typography.Text>
              ),
          },
          { title: '下一节点日期', key: 'nextDue', width: 120, render: (_v, project) => project.nextDue ?? '—' },
        ]}
      />
      <ProjectDrawer projectId={openId} cityAdmin={can(me.role, 'planReview')} canReport={can(me.role, 'planEntry')} onClose={() => setOpenId(null)} />
    </Card>
  );
}

export default function PlanProjects() {
  return (
    <PlanFrame title="重点项目" description="规划附件所列重大改革、重大工程、重大平台和重大政策的推进情况" withYear={false}>
      {(plan) => (
        <Flex vertical>
          <ProjectList plan={plan} />
        </Flex>
      )}
    </PlanFrame>
  );
}
