import { App, Button, DatePicker, Flex, Form, Input, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { addMilestone, type KeyProject, setMilestoneDone, usePlanMutation } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { MILESTONE_COLOR, MILESTONE_LABEL, milestoneState, sortMilestones } from './milestones';

/** The project's milestones on a timeline (overdue in red); the city bureau adds them and marks them done. */
export function Milestones({ project, canEdit }: { project: KeyProject; canEdit: boolean }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<{ title: string; dueDate: Dayjs }>();
  const add = usePlanMutation((input: { title: string; dueDate: string }) => addMilestone(project.id, input));
  const mark = usePlanMutation(({ id, done }: { id: string; done: boolean }) => setMilestoneDone(id, done ? dayjs().format('YYYY-MM-DD') : null));
  const milestones = sortMilestones(project.milestones ?? []);

  return (
    <Flex vertical gap={12}>
      {milestones.length === 0 ? <Typography.Text type="secondary">尚无节点</Typography.Text> : null}
      <Timeline
        items={milestones.map((milestone) => {
          const state = milestoneState(milestone);
          return {
            key: milestone.id,
            color: MILESTONE_COLOR[state],
            content: (
              <Flex vertical gap={2}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong type={state === 'overdue' ? 'danger' : undefined}>
                    {milestone.title}
                  </Typography.Text>
                  <Tag color={state === 'overdue' ? 'red' : state === 'done' ? 'green' : 'blue'}>{MILESTONE_LABEL[state]}</Tag>
                </Flex>
                <Typography.Text type={state === 'overdue' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  计划 {milestone.dueDate}
                  {milestone.completedAt ? ` · 完成 ${dayjs(milestone.completedAt).format('YYYY-MM-DD')}` : ''}
                </Typography.Text>
                {canEdit ? (
                  <div>
                    <Button
                      type="link"
                      size="small"
                      style={{ paddingInline: 0 }}
                      loading={mark.isPending && mark.variables?.id === milestone.id}
                      onClick={() =>
                        mark.mutate(
                          { id: milestone.id, done: !milestone.completedAt },
                          { onError: (error) => message.error(`操作失败：${localise(error.message)}`) },
                        )
                      }
                    >
                      {milestone.completedAt ? '取消完成' : '标记完成'}
                    </Button>
                  </div>
                ) : null}
              </Flex>
            ),
          };
        })}
      />
      {canEdit ? (
        <Form
          form={form}
          layout="inline"
          style={{ rowGap: 8 }}
          onFinish={(input) =>
            add.mutate(
              { title: input.title.trim(), dueDate: input.dueDate.format('YYYY-MM-DD') },
              {
                onSuccess: () => {
                  message.success('已添加节点');
                  form.resetFields();
                },
                onError: (error) => message.error(`添加失败：${localise(error.message)}`),
              },
            )
          }
        >
          <Form.Item name="title" rules={[{ required: true, whitespace: true, message: '请输入节点名称' }]}>
            <Input aria-label="节点名称" placeholder="节点名称" style={{ width: 220 }} maxLength={200} />
          </Form.Item>
          <Form.Item name="dueDate" rules={[{ required: true, message: '请选择计划完成日期' }]}>
            <DatePicker aria-label="计划完成日期" placeholder="计划完成日期" />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            添加节点
          </Button>
        </Form>
      ) : null}
    </Flex>
  );
}
