import { App, Descriptions, Divider, Drawer, Input, Select, Skeleton, Tag, Typography } from 'antd';
import { PROJECT_STATUSES, type ProjectStatus, updateProject, usePlanMutation, useProject } from '../../../api/plan';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLocalise } from '../../../i18n';
import { PROJECT_KIND_LABEL, PROJECT_STATUS } from '../shared/labels';
import { Milestones } from './Milestones';
import { Updates } from './Updates';

interface ProjectDrawerProps {
  projectId: string | null;
  cityAdmin: boolean;
  canReport: boolean;
  onClose: () => void;
}

export function ProjectDrawer({ projectId, cityAdmin, canReport, onClose }: ProjectDrawerProps) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const project = useProject(projectId);
  const patch = usePlanMutation(({ id, ...input }: { id: string; leadUnit?: string | null; status?: ProjectStatus }) => updateProject(id, input));
  const save = (input: { leadUnit?: string | null; status?: ProjectStatus }) => {
    if (!project.data) return;
    patch.mutate({ id: project.data.id, ...input }, { onSuccess: () => message.success('已保存'), onError: (error) => message.error(localise(error.message)) });
  };
  const item = project.data;

  return (
    <Drawer open={projectId !== null} size={640} title={item ? item.name : '重点项目'} onClose={onClose} destroyOnHidden>
      {project.isPending ? <Skeleton active /> : null}
      {project.isError ? <ErrorAlert error={project.error} title="项目加载失败" onRetry={() => void project.refetch()} /> : null}
      {item ? (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'kind', label: '类别', children: `${PROJECT_KIND_LABEL[item.kind]} · 第 ${item.seq} 项` },
              {
                key: 'status',
                label: '状态',
                children: cityAdmin ? (
                  <Select
                    aria-label="项目状态"
                    size="small"
                    style={{ width: 120 }}
                    value={item.status}
                    onChange={(status) => save({ status })}
                    options={PROJECT_STATUSES.map((status) => ({ value: status, label: PROJECT_STATUS[status].text }))}
                  />
                ) : (
                  <Tag color={PROJECT_STATUS[item.status].color}>{PROJECT_STATUS[item.status].text}</Tag>
                ),
              },
              {
                key: 'lead',
                label: '牵头单位',
                children: cityAdmin ? (
                  <Input
                    key={item.leadUnit ?? ''}
                    aria-label="牵头单位"
                    size="small"
                    defaultValue={item.leadUnit ?? ''}
                    style={{ maxWidth: 320 }}
                    maxLength={200}
                    onBlur={(event) => {
                      const next = event.target.value.trim() || null;
                      if (next !== item.leadUnit) save({ leadUnit: next });
                    }}
                  />
                ) : (
                  (item.leadUnit ?? '—')
                ),
              },
              { key: 'next', label: '下一节点', children: item.nextDue ?? '—' },
            ]}
          />
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{item.description}</Typography.Paragraph>
          <Divider titlePlacement="start">推进节点</Divider>
          <Milestones project={item} canEdit={cityAdmin} />
          <Divider titlePlacement="start">进展情况</Divider>
          <Updates project={item} canAdd={canReport} />
        </>
      ) : null}
    </Drawer>
  );
}
