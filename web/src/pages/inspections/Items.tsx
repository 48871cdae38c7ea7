import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Flex, Form, Input, Popconfirm, Radio, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { createItem, type InspectionItem, type ItemInput, retireItem, reviseItem, useInspectionMutation, useItems } from '../../api/inspections';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { useLocalise } from '../../i18n';
import { showFormError } from '../../lib/form-errors';
import { useMeUser } from '../../session';
import { DemoTag } from '../plan/shared/DemoTag';
import { ITEM_KIND_LABELS } from './labels';

const STATUS_LABEL = { current: '现行', superseded: '已修订', retired: '已废止' } as const;
const FIELDS = ['code', 'name', 'kind', 'legalBasis', 'subject', 'method'] as const;

function ItemModal({ item, open, onClose }: { item: InspectionItem | null; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<ItemInput>();
  const save = useInspectionMutation((v: ItemInput) =>
    item ? reviseItem(item.id, { name: v.name, kind: v.kind, legalBasis: v.legalBasis, subject: v.subject, method: v.method }) : createItem(v),
  );
  return (
    <FormModal
      title={item ? `修订：${item.code}（生成第 ${item.version + 1} 版）` : '新增抽查事项'}
      open={open}
      onClose={onClose}
      onSubmit={() => form.submit()}
      saving={save.isPending}
      width={640}
    >
      <Form<ItemInput>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          item
            ? { code: item.code, name: item.name, kind: item.kind, legalBasis: item.legalBasis, subject: item.subject, method: item.method }
            : { kind: 'general' }
        }
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              message.success('已保存');
              onClose();
            },
            onError: (error) => {
              showFormError(error, form, FIELDS, localise, (text) => message.error(text));
            },
          })
        }
      >
        <Space size={16} align="start" wrap>
          <Form.Item name="code" label="编码" rules={[{ required: true, pattern: /^[A-Za-z0-9-]{1,32}$/, message: '字母、数字或连字符' }]}>
            <Input disabled={item !== null} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="kind" label="类别">
            <Radio.Group options={(['general', 'key'] as const).map((k) => ({ value: k, label: ITEM_KIND_LABELS[k] }))} />
          </Form.Item>
        </Space>
        <Form.Item name="name" label="抽查事项" rules={[{ required: true, whitespace: true }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="legalBasis" label="法律依据" rules={[{ required: true, whitespace: true, message: '无法律依据不得开展检查' }]}>
          <Input.TextArea rows={2} placeholder="如：《中华人民共和国产品质量法》第十五条" />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="subject" label="检查对象">
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="method" label="检查方式">
            <Input style={{ width: 260 }} />
          </Form.Item>
        </Space>
      </Form>
    </FormModal>
  );
}

/** 随机抽查事项清单: versioned and public; only the city bureau edits it (a revision is a new version). */
export default function Items() {
  const me = useMeUser();
  const { message } = App.useApp();
  const localise = useLocalise();
  const [history, setHistory] = useState(false);
  const [editing, setEditing] = useState<InspectionItem | null | 'new'>(null);
  const items = useItems(history);
  const retire = useInspectionMutation(retireItem);
  const canEdit = me.role === 'city_admin';
  const columns: TableColumnsType<InspectionItem> = [
    { title: '编码', dataIndex: 'code', width: 110 },
    { title: '抽查事项', dataIndex: 'name' },
    {
      title: '类别',
      dataIndex: 'kind',
      width: 120,
      render: (k: InspectionItem['kind']) => <Tag color={k === 'key' ? 'red' : 'blue'}>{ITEM_KIND_LABELS[k]}</Tag>,
    },
    { title: '法律依据', dataIndex: 'legalBasis' },
    { title: '检查对象', dataIndex: 'subject', width: 150 },
    {
      title: '版本',
      key: 'version',
      width: 110,
      render: (_v, i) => (
        <span>
          第 {i.version} 版 {i.status === 'current' ? null : <Tag>{STATUS_LABEL[i.status]}</Tag>}
        </span>
      ),
    },
    ...(canEdit
      ? [
          {
            title: '',
            key: 'actions',
            width: 120,
            render: (_v: unknown, i: InspectionItem) =>
              i.status === 'current' ? (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing(i)}>
                    修订
                  </Button>
                  <Popconfirm
                    title="废止后新计划和任务不能再选用该事项"
                    okText="废止"
                    cancelText="取消"
                    onConfirm={() => retire.mutate(i.id, { onError: (e) => message.error(localise(e.message)) })}
                  >
                    <Button type="link" size="small" danger>
                      废止
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Flex align="center" gap={8}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                随机抽查事项清单
              </Typography.Title>
              <DemoTag demo={items.data?.some((i) => i.isDemo)} />
            </Flex>
            <Typography.Text type="secondary">法无授权不可为：每项抽查须有法律依据；分一般检查事项和重点检查事项，向社会公开</Typography.Text>
          </div>
          <Flex gap={12} align="center">
            <Checkbox checked={history} onChange={(e) => setHistory(e.target.checked)}>
              显示历史版本
            </Checkbox>
            {canEdit ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新增事项
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Card>
      <Card>
        {items.isError ? <ErrorAlert error={items.error} onRetry={() => void items.refetch()} /> : null}
        <Table
          rowKey="id"
          columns={columns}
          dataSource={items.data ?? []}
          loading={items.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty description="清单为空" /> }}
        />
      </Card>
      {canEdit ? <ItemModal item={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} /> : null}
    </Flex>
  );
}
