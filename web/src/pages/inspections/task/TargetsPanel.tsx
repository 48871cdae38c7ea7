import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Form, Input, Modal, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { applyRecusal, type TaskDetail, type TaskTarget, useInspectionMutation, useTargets } from '../../../api/inspections';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLocalise } from '../../../i18n';
import { ResultTag } from '../tags';
import { ResultModal } from './ResultModal';

function RecusalModal({ task, target, onClose }: { task: TaskDetail; target: TaskTarget | null; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<{ inspectorId: string; reason: string }>();
  const apply = useInspectionMutation((v: { inspectorId: string; reason: string }) =>
    applyRecusal(task.id, { targetId: target?.id ?? '', inspectorId: v.inspectorId, reason: v.reason.trim() }),
  );
  return (
    <Modal
      title={target ? `回避申请：${target.entityName}` : ''}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="提交申请"
      cancelText="取消"
      confirmLoading={apply.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        行政处罚法第 43
        条：执法人员与当事人有直接利害关系或其他可能影响公正执法的关系的，应当回避。申请须由负责人（申请人以外）审批，批准后系统按公开算法重抽一名人员。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          apply.mutate(v, {
            onSuccess: () => {
              message.success('回避申请已提交，待负责人审批');
              onClose();
            },
            onError: (e) => message.error(localise(e.message)),
          })
        }
      >
        <Form.Item name="inspectorId" label="申请回避的人员" rules={[{ required: true, message: '请选择人员' }]}>
          <Select options={(target?.inspectors ?? []).map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
        <Form.Item name="reason" label="回避事由" rules={[{ required: true, whitespace: true, message: '请写明事由' }, { max: 500 }]}>
          <Input.TextArea rows={3} placeholder="如：当事人申请，该执法人员与企业负责人系近亲属" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The drawn (or assigned) targets in draw order with their inspectors and results; result entry and recusal. */
export function TargetsPanel({ task }: { task: TaskDetail }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [recusing, setRecusing] = useState<TaskTarget | null>(null);
  const targets = useTargets(task.id, { page, pageSize, ...(q ? { q } : {}) }, task.targetCount > 0);
  const regulator = task.canManage;
  const canRecuse = task.kind === 'random' && (task.status === 'drawn' || task.status === 'in_progress');
  const editingTarget = targets.data?.items.find((t) => t.id === editing) ?? null;
  const actionable = task.status === 'drawn' || task.status === 'in_progress';

  const actionsColumn: TableColumnsType<TaskTarget>[number] = {
    title: '操作',
    key: 'actions',
    width: 170,
    render: (_v, t) => (
      <Space size={4}>
        {t.canRecord || (t.result && task.status !== 'published') ? (
          <Button type="link" size="small" disabled={!t.canRecord} onClick={() => setEditing(t.id)}>
            {t.result ? '修改结果' : '录入结果'}
          </Button>
        ) : null}
        {canRecuse && !t.result ? (
          <Button type="link" size="small" onClick={() => setRecusing(t)}>
            回避申请
          </Button>
        ) : null}
      </Space>
    ),
  };
  const columns: TableColumnsType<TaskTarget> = [
    { title: '序号', dataIndex: 'drawOrder', width: 64, render: (n: number) => n + 1 },
    {
      title: '检查对象',
      key: 'entity',
      render: (_v, t) => (
        <Flex vertical>
          <Typography.Text>{t.entityName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.creditCode} · {t.regionName}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(regulator && task.kind === 'random'
      ? [
          {
            title: (
              <Tooltip title="信用风险分类仅供内部配置监管资源，不对外公开">
                <span>信用分类（内部）</span>
              </Tooltip>
            ),
            dataIndex: 'riskClass',
            width: 120,
            render: (c: string | null) => (c ? <Tag>{c} 类</Tag> : '—'),
          },
        ]
      : []),
    { title: '检查人员', key: 'inspectors', width: 160, render: (_v, t) => t.inspectors.map((i) => i.name).join('、') },
    {
      title: '检查结果',
      key: 'result',
      width: 230,
      render: (_v, t) => (
        <Flex vertical gap={2}>
          <span>
            <ResultTag category={t.result?.category ?? null} />
            {t.evidence.length > 0 ? (
              <Tooltip title={`${t.evidence.length} 份证据`}>
                <PaperClipOutlined />
              </Tooltip>
            ) : null}
          </span>
          {t.result ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.result.inspectedOn} · {t.result.recordedBy ?? ''}
              {t.followUp.rectificationDue ? ` · 整改期限 ${t.followUp.rectificationDue}` : ''}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    ...(actionable ? [actionsColumn] : []),
  ];

  if (task.targetCount === 0) {
    return <Empty description={task.kind === 'random' ? '摇号后在此显示抽中的检查对象和检查人员' : '指定检查对象和人员后在此显示'} />;
  }
  return (
    <Flex vertical gap={12}>
      <Input.Search
        placeholder="主体名称或信用代码"
        allowClear
        style={{ maxWidth: 300 }}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
      />
      {targets.isError ? <ErrorAlert error={targets.error} title="检查对象加载失败" onRetry={() => void targets.refetch()} /> : null}
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={targets.data?.items ?? []}
        loading={targets.isFetching}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize,
          total: targets.data?.total ?? 0,
          showTotal: (n) => `共 ${n} 户`,
          onChange: (p, s) => {
            setPage(s === pageSize ? p : 1);
            setPageSize(s);
          },
        }}
      />
      <ResultModal target={editingTarget} onClose={() => setEditing(null)} />
      <RecusalModal task={task} target={recusing} onClose={() => setRecusing(null)} />
    </Flex>
  );
}
