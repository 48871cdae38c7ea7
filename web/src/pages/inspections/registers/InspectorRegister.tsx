import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import {
  createInspector,
  declareConflict,
  type Inspector,
  type InspectorInput,
  updateInspector,
  useInspectionMutation,
  useInspectors,
  withdrawConflict,
} from '../../../api/inspections';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { useLocalise } from '../../../i18n';
import { showFormError } from '../../../lib/form-errors';
import { scopeTree, toTreeSelectData } from '../../../lib/regions';
import { useRegion } from '../../../region-context';
import { useMeUser } from '../../../session';
import { DemoTag } from '../../plan/shared/DemoTag';

interface InspectorForm {
  name: string;
  badgeNumber?: string;
  badgeValidUntil?: Dayjs | null;
  homeRegionCode: string;
  specialities: string[];
  active: boolean;
}

const FIELDS = ['name', 'badgeNumber', 'badgeValidUntil', 'homeRegionCode', 'specialities'] as const;

function InspectorModal({ inspector, open, onClose }: { inspector: Inspector | null; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const me = useMeUser();
  const { tree } = useRegion();
  const [form] = Form.useForm<InspectorForm>();
  const places = useMemo(() => toTreeSelectData(tree ? scopeTree(tree, me.regionCode) : [], (n) => n.level !== 'city'), [tree, me.regionCode]);
  const save = useInspectionMutation((input: InspectorInput) => (inspector ? updateInspector(inspector.id, input) : createInspector(input)));
  const submit = (v: InspectorForm) =>
    save.mutate(
      {
        name: v.name.trim(),
        badgeNumber: v.badgeNumber?.trim() || null,
        badgeValidUntil: v.badgeValidUntil ? v.badgeValidUntil.format('YYYY-MM-DD') : null,
        homeRegionCode: v.homeRegionCode,
        specialities: v.specialities,
        active: v.active,
      },
      {
        onSuccess: (saved) => {
          message.success(`已保存 ${saved.name}`);
          onClose();
        },
        onError: (error) => {
          showFormError(error, form, FIELDS, localise, (text) => message.error(text));
        },
      },
    );
  return (
    <FormModal
      title={inspector ? `编辑：${inspector.name}` : '新增执法检查人员'}
      open={open}
      onClose={onClose}
      onSubmit={() => form.submit()}
      saving={save.isPending}
      width={640}
    >
      <Form<InspectorForm>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={submit}
        initialValues={
          inspector
            ? {
                name: inspector.name,
                badgeNumber: inspector.badgeNumber ?? undefined,
                badgeValidUntil: inspector.badgeValidUntil ? dayjs(inspector.badgeValidUntil) : null,
                homeRegionCode: inspector.homeRegionCode,
                specialities: inspector.specialities,
                active: inspector.active,
              }
            : { specialities: [], active: true }
        }
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="homeRegionCode"
              label="属地（乡镇/街道）"
              extra="摇号时按规则不抽本乡镇（区县）的检查对象"
              rules={[{ required: true, message: '请选择' }]}
            >
              <TreeSelect treeData={places} showSearch={{ treeNodeFilterProp: 'title' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="badgeNumber" label="执法证号" rules={[{ pattern: /^[0-9A-Za-z-]{4,32}$/, message: '4–32 位字母、数字或连字符' }]}>
              <Input placeholder="无执法证可留空（不参与摇号）" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="badgeValidUntil" label="执法证有效期至">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="specialities" label="业务专长">
          <Select mode="tags" placeholder="如：产品质量、食品安全、特种设备" />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>在库（取消勾选即停用，不再参与摇号）</Checkbox>
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function ConflictModal({ inspector, onClose }: { inspector: Inspector | null; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<{ creditCode: string; reason: string }>();
  const declare = useInspectionMutation((v: { creditCode: string; reason: string }) => declareConflict(inspector?.id ?? '', v));
  const withdraw = useInspectionMutation((code: string) => withdrawConflict(inspector?.id ?? '', code));
  return (
    <Modal title={inspector ? `回避申报：${inspector.name}` : ''} open={inspector !== null} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <Typography.Paragraph type="secondary">申报后，从下一次冻结名录起，摇号不会为该人员抽中这些市场主体（行政处罚法第 43 条）。</Typography.Paragraph>
      <Table
        rowKey="creditCode"
        size="small"
        pagination={false}
        dataSource={inspector?.conflicts ?? []}
        locale={{ emptyText: '尚无回避申报' }}
        columns={[
          { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190 },
          { title: '事由', dataIndex: 'reason' },
          {
            title: '',
            key: 'x',
            width: 70,
            render: (_v, c) => (
              <Popconfirm
                title="撤回该回避申报？"
                okText="撤回"
                cancelText="取消"
                onConfirm={() => withdraw.mutate(c.creditCode, { onError: (e) => message.error(localise(e.message)) })}
              >
                <Button type="link" size="small">
                  撤回
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Form
        form={form}
        layout="inline"
        style={{ marginTop: 16, rowGap: 8 }}
        onFinish={(v) =>
          declare.mutate(
            { creditCode: v.creditCode.trim().toUpperCase(), reason: v.reason.trim() },
            {
              onSuccess: () => {
                message.success('已申报回避');
                form.resetFields();
              },
              onError: (e) => message.error(localise(e.message)),
            },
          )
        }
      >
        <Form.Item name="creditCode" rules={[{ required: true, len: 18, message: '18 位代码' }]}>
          <Input placeholder="统一社会信用代码" maxLength={18} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: '请写明事由' }]}>
          <Input placeholder="事由（如：近亲属在该企业任职）" style={{ width: 240 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={declare.isPending}>
          申报
        </Button>
      </Form>
    </Modal>
  );
}

/** 执法检查人员名录库: the inspectors of the caller's region, their certification, home region and declared conflicts. */
export function InspectorRegister() {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Inspector | null | 'new'>(null);
  const [conflicts, setConflicts] = useState<string | null>(null);
  const list = useInspectors({ page, pageSize: 20, ...(q ? { q } : {}) });
  const conflictOf = list.data?.items.find((i) => i.id === conflicts) ?? null;
  const columns: TableColumnsType<Inspector> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 130,
      render: (_v, i) => (
        <Flex vertical>
          <span>
            {i.name} {i.active ? null : <Tag>停用</Tag>}
          </span>
          {i.username ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              账户 {i.username}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: '执法资格',
      key: 'badge',
      width: 220,
      render: (_v, i) =>
        i.badgeNumber ? (
          <Flex vertical>
            <span>
              {i.certified ? <Tag color="green">有效</Tag> : <Tag color="red">已过期</Tag>}
              {i.badgeNumber}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              有效期至 {i.badgeValidUntil}
            </Typography.Text>
          </Flex>
        ) : (
          <Tag>无执法证</Tag>
        ),
    },
    { title: '属地', key: 'home', width: 150, render: (_v, i) => `${i.homeRegionName}` },
    { title: '业务专长', dataIndex: 'specialities', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
    {
      title: '回避申报',
      key: 'conflicts',
      width: 110,
      render: (_v, i) => (
        <Button type="link" size="small" onClick={() => setConflicts(i.id)}>
          {i.conflicts.length > 0 ? `${i.conflicts.length} 户` : '申报'}
        </Button>
      ),
    },
    {
      title: '',
      key: 'edit',
      width: 70,
      render: (_v, i) => (
        <Button type="link" size="small" onClick={() => setEditing(i)}>
          编辑
        </Button>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Flex gap={8} align="center">
          <Input.Search
            placeholder="姓名或执法证号"
            allowClear
            style={{ width: 240 }}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
          <DemoTag demo={list.data?.items.some((i) => i.isDemo)} />
        </Flex>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增人员
        </Button>
      </Flex>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description="名录库中暂无人员" /> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 人` }}
      />
      <InspectorModal inspector={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
      <ConflictModal inspector={conflictOf} onClose={() => setConflicts(null)} />
    </Flex>
  );
}
