import { App, Button, DatePicker, Empty, Flex, Form, Input, Popconfirm, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  assignTask,
  decideRecusal,
  finishTask,
  publishTask,
  type Recusal,
  type TaskDetail,
  useInspectionMutation,
  useInspectors,
} from '../../../api/inspections';
import { useLocalise } from '../../../i18n';
import { shanghaiTimeShort } from '../../../lib/time';
import { useMeUser } from '../../../session';
import { RECUSAL_STATUS_LABELS } from '../labels';
import { PublicationTag } from '../tags';

/** 回避申请 of a task: applicant, reason, decision; the approver (not the applicant) approves, which redraws. */
export function RecusalsPanel({ task }: { task: TaskDetail }) {
  const { message, modal } = App.useApp();
  const localise = useLocalise();
  const me = useMeUser();
  const decide = useInspectionMutation((v: { id: string; decision: 'approve' | 'reject'; note: string | null }) => decideRecusal(v.id, v.decision, v.note));
  const ask = (r: Recusal, decision: 'approve' | 'reject') => {
    let note = '';
    modal.confirm({
      title: decision === 'approve' ? `批准回避并重抽：${r.inspectorName}` : `驳回回避申请：${r.inspectorName}`,
      content: (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">
            {decision === 'approve'
              ? '批准后系统按公开算法（重抽流 redraw/序号）从仍符合条件的人员中抽取一人替换，记录可被任何人复核。'
              : '驳回后原检查人员不变。'}
          </Typography.Text>
          <Input.TextArea rows={2} placeholder="审批意见（可选）" onChange={(e) => (note = e.target.value)} />
        </Flex>
      ),
      okText: decision === 'approve' ? '批准' : '驳回',
      cancelText: '取消',
      onOk: () =>
        decide
          .mutateAsync({ id: r.id, decision, note: note.trim() || null })
          .then((saved) => message.success(decision === 'approve' ? `已批准，重抽为 ${saved.replacementName}` : '已驳回'))
          .catch((e: Error) => message.error(localise(e.message))),
    });
  };
  const columns: TableColumnsType<Recusal> = [
    { title: '检查对象', dataIndex: 'entityName' },
    { title: '回避人员', dataIndex: 'inspectorName', width: 100 },
    { title: '事由', dataIndex: 'reason' },
    { title: '申请', key: 'applied', width: 170, render: (_v, r) => `${r.appliedBy} · ${shanghaiTimeShort(r.appliedAt)}` },
    {
      title: '处理',
      key: 'decision',
      width: 260,
      render: (_v, r) =>
        r.status === 'pending' ? (
          task.canManage ? (
            <Space>
              <Tag color="gold">{RECUSAL_STATUS_LABELS.pending}</Tag>
              <Button size="small" type="primary" disabled={r.appliedBy === me.displayName} onClick={() => ask(r, 'approve')}>
                批准并重抽
              </Button>
              <Button size="small" onClick={() => ask(r, 'reject')}>
                驳回
              </Button>
            </Space>
          ) : (
            <Tag color="gold">{RECUSAL_STATUS_LABELS.pending}</Tag>
          )
        ) : (
          <Flex vertical>
            <span>
              <Tag color={r.status === 'approved' ? 'green' : 'default'}>{RECUSAL_STATUS_LABELS[r.status]}</Tag>
              {r.status === 'approved' ? `第 ${r.redrawSeq} 次重抽 → ${r.replacementName}` : ''}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.decidedBy} · {r.decidedAt ? shanghaiTimeShort(r.decidedAt) : ''}
              {r.decisionNote ? ` · ${r.decisionNote}` : ''}
            </Typography.Text>
          </Flex>
        ),
    },
  ];
  return (
    <Table
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={task.recusals}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText: <Empty description="暂无回避申请（可在“检查对象与结果”中对未检查的对象提出）" /> }}
    />
  );
}

/** 检查结束 and 公示: the end date fixes the publication deadline (20 working days, statutory calendar). */
export function FinishPanel({ task }: { task: TaskDetail }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [endedOn, setEndedOn] = useState<Dayjs | null>(dayjs());
  const finish = useInspectionMutation(() => finishTask(task.id, { endedOn: endedOn?.format('YYYY-MM-DD') ?? '' }));
  const publish = useInspectionMutation(() => publishTask(task.id));
  const onError = (e: Error) => message.error(localise(e.message));
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>
        抽查检查结果自检查结束之日起 20 个工作日内通过国家企业信用信息公示系统等渠道向社会公示（按国务院办公厅公布的法定节假日和调休计算，到期前 3
        个工作日提醒）。
      </Typography.Paragraph>
      {task.publication ? (
        <Typography.Text>
          检查结束：{task.endedOn} · 公示期限：
          <PublicationTag publication={task.publication} />
        </Typography.Text>
      ) : null}
      {task.status === 'in_progress' || task.status === 'drawn' ? (
        <Flex gap={12} align="center" wrap>
          <Typography.Text>检查结束日期</Typography.Text>
          <DatePicker aria-label="检查结束日期" value={endedOn} onChange={setEndedOn} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          <Popconfirm
            title="确认检查结束？"
            description={`共 ${task.targetCount} 户，已录入 ${task.resultCount} 户；结束后不能再录入结果。`}
            okText="确认"
            cancelText="取消"
            onConfirm={() => finish.mutate(undefined, { onSuccess: () => message.success('检查已结束，公示期限已计算'), onError })}
          >
            <Button type="primary" loading={finish.isPending} disabled={task.resultCount < task.targetCount || task.targetCount === 0}>
              检查结束
            </Button>
          </Popconfirm>
          {task.resultCount < task.targetCount ? (
            <Typography.Text type="secondary">还有 {task.targetCount - task.resultCount} 户未录入结果</Typography.Text>
          ) : null}
        </Flex>
      ) : null}
      {task.status === 'finished' ? (
        <Popconfirm
          title="公示检查结果？"
          description="公示后，任务名称、检查对象（名称、信用代码）及检查结果向社会公开，并写入各主体的时间轴；信用分类和检查人员信息不公开。"
          okText="公示"
          cancelText="取消"
          onConfirm={() => publish.mutate(undefined, { onSuccess: () => message.success('检查结果已公示'), onError })}
        >
          <Button type="primary" loading={publish.isPending} style={{ alignSelf: 'flex-start' }}>
            公示检查结果
          </Button>
        </Popconfirm>
      ) : null}
    </Flex>
  );
}

/** A 非随机 task: the regulator names the targets and their inspectors (≥ 2, certified, no declared conflict). */
export function AssignPanel({ task }: { task: TaskDetail }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const inspectors = useInspectors({ page: 1, pageSize: 200, active: true, regionCode: task.regionCode });
  const [form] = Form.useForm<{ rows: { creditCode: string; inspectorIds: string[] }[] }>();
  const assign = useInspectionMutation((rows: { creditCode: string; inspectorIds: string[] }[]) =>
    assignTask(task.id, { targets: rows.map((r) => ({ creditCode: r.creditCode.trim().toUpperCase(), inspectorIds: r.inspectorIds })) }),
  );
  const options = (inspectors.data?.items ?? []).map((i) => ({
    value: i.id,
    label: `${i.name}（${i.homeRegionName}）${i.certified ? '' : ' · 执法证无效'}`,
    disabled: !i.certified,
  }));
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ rows: [{ creditCode: '', inspectorIds: [] }] }}
      onFinish={(v) =>
        assign.mutate(v.rows, {
          onSuccess: () => message.success('已指定检查对象和人员'),
          onError: (e) => message.error(localise(e.message)),
        })
      }
    >
      <Typography.Paragraph type="secondary">
        非随机检查不经摇号：请填写被投诉或涉及线索的主体，并指定至少 2 名持有效执法证、未申报回避的人员。
      </Typography.Paragraph>
      <Form.List name="rows">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} wrap align="flex-start">
                <Form.Item
                  name={[field.name, 'creditCode']}
                  rules={[{ required: true, len: 18, message: '请输入 18 位统一社会信用代码' }]}
                  style={{ flex: '1 1 220px' }}
                >
                  <Input placeholder="统一社会信用代码" maxLength={18} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'inspectorIds']}
                  rules={[{ required: true, type: 'array', min: 2, message: '至少 2 名执法人员' }]}
                  style={{ flex: '2 1 320px' }}
                >
                  <Select mode="multiple" placeholder="检查人员（至少 2 名）" options={options} optionFilterProp="label" loading={inspectors.isPending} />
                </Form.Item>
                {fields.length > 1 ? <Button onClick={() => remove(field.name)}>删除</Button> : null}
              </Flex>
            ))}
            <Space>
              <Button onClick={() => add({ creditCode: '', inspectorIds: [] })}>增加检查对象</Button>
              <Button type="primary" htmlType="submit" loading={assign.isPending}>
                确定检查对象和人员
              </Button>
            </Space>
          </Flex>
        )}
      </Form.List>
    </Form>
  );
}
