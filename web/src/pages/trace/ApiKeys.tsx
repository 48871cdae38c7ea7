import { CheckOutlined, CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { type ApiKey, useApiKeys, useCreateApiKey, useRevokeApiKey } from '../../api/platform';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { useLocalise } from '../../i18n';
import { shanghaiTime } from '../../lib/time';
import { useMeUser } from '../../session';

const time = (iso: string | null) => (iso ? shanghaiTime(iso) : null);

/** 新建密钥, then the key itself — shown this once, with a copy button and a plain warning. */
function CreateKeyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const localise = useLocalise();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateApiKey();
  const [created, setCreated] = useState<(ApiKey & { key: string }) | null>(null);
  const close = () => {
    setCreated(null);
    create.reset();
    onClose();
  };

  if (created) {
    return (
      <Modal
        title="API 密钥已创建"
        open={open}
        onCancel={close}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={close}>
            我已保存密钥
          </Button>
        }
        width={640}
      >
        <Flex vertical gap={16}>
          <Alert
            type="warning"
            showIcon
            title="请立即复制并妥善保存此密钥"
            description="出于安全考虑，平台只保存密钥的摘要，关闭此窗口后将无法再次查看。如遗失，请吊销后重新创建。密钥代表您的账号操作，请勿通过邮件、聊天工具明文传递。"
          />
          <div>
            <Typography.Text type="secondary">密钥名称：{created.name}</Typography.Text>
            <Typography.Paragraph
              copyable={{
                text: created.key,
                tooltips: false,
                icon: [
                  // Tags, not buttons: the copy control is itself a button.
                  <Tag key="copy" color="blue" icon={<CopyOutlined />} style={{ marginInlineStart: 8, fontSize: 13, padding: '2px 10px' }}>
                    复制密钥
                  </Tag>,
                  <Tag key="copied" color="success" icon={<CheckOutlined />} style={{ marginInlineStart: 8, fontSize: 13, padding: '2px 10px' }}>
                    已复制
                  </Tag>,
                ],
              }}
              code
              aria-label="新密钥"
              style={{ fontSize: 15, marginTop: 8, marginBottom: 0, wordBreak: 'break-all' }}
            >
              {created.key}
            </Typography.Paragraph>
          </div>
          <Typography.Text type="secondary">
            使用方式：企业系统在请求头中加入 <Typography.Text code>Authorization: Bearer {'<密钥>'}</Typography.Text>，向{' '}
            <Typography.Text code>/epcis/capture</Typography.Text> 上报 EPCIS 2.0 文档。
          </Typography.Text>
        </Flex>
      </Modal>
    );
  }

  return (
    <Modal
      title="新建 API 密钥"
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={({ name }) => create.mutate({ name: name.trim() }, { onSuccess: (key) => setCreated(key) })}
      >
        <Form.Item
          name="name"
          label="密钥名称"
          extra="写明哪个系统使用该密钥，便于日后识别和吊销，如“ERP 系统（生产车间）”"
          rules={[{ required: true, whitespace: true, message: '请输入密钥名称' }, { max: 100 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {create.isError ? <Alert type="error" showIcon title={localise(create.error.message)} /> : null}
      </Form>
    </Modal>
  );
}

/** API 密钥: the caller's own keys for machine clients (an ERP capturing EPCIS events); create, and revoke. */
export default function ApiKeysPage() {
  const me = useMeUser();
  const localise = useLocalise();
  const { message } = App.useApp();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<ApiKey> = [
    {
      title: '名称',
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: '密钥',
      dataIndex: 'prefix',
      key: 'prefix',
      width: 200,
      render: (prefix: string) => <Typography.Text code>{`zlk_${prefix}_••••••`}</Typography.Text>,
    },
    {
      title: '状态',
      key: 'status',
      width: 200,
      render: (_value, key) =>
        key.revokedAt ? (
          <span>
            <Tag>已吊销</Tag>
            <Typography.Text type="secondary">{time(key.revokedAt)}</Typography.Text>
          </span>
        ) : (
          <Tag color="success">有效</Tag>
        ),
    },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', width: 170, render: (value: string) => time(value) },
    {
      title: '最近使用',
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      width: 170,
      render: (value: string | null) => time(value) ?? <Typography.Text type="secondary">从未使用</Typography.Text>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_value, key) =>
        key.revokedAt ? null : (
          <Popconfirm
            title={`吊销密钥“${key.name}”？`}
            description="吊销后立即生效，使用该密钥的系统将无法再上报数据，且不可恢复。"
            okText="吊销"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() =>
              revoke.mutateAsync(key.id).then(
                () => void message.success(`已吊销密钥“${key.name}”`),
                (error: Error) => void message.error(localise(error.message)),
              )
            }
          >
            <Button type="link" danger size="small" aria-label={`吊销 ${key.name}`}>
              吊销
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card>
      <Flex vertical gap={16}>
        <PageHeading
          title="API 密钥"
          action={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建密钥
            </Button>
          }
        >
          企业的 ERP、MES 等信息系统凭 API 密钥调用平台的 EPCIS 接口，自动上报追溯数据。密钥以您的账号（{me.displayName}
          {me.enterpriseName ? `，${me.enterpriseName}` : ''}）的身份和权限操作；不再使用或怀疑泄露时，请立即吊销。
        </PageHeading>
        <Alert
          type="info"
          showIcon
          title={
            <span>
              调用方式：请求头加入 <Typography.Text code>Authorization: Bearer {'<密钥>'}</Typography.Text>，向{' '}
              <Typography.Text code>POST /epcis/capture</Typography.Text> 上报 EPCIS 2.0 文档；上报结果见“上报记录”。接口说明见{' '}
              <Typography.Link href="/api/docs" target="_blank">
                接口文档
              </Typography.Link>
              。
            </span>
          }
        />
        {keys.isError ? <ErrorAlert error={keys.error} title="密钥列表加载失败" onRetry={() => void keys.refetch()} /> : null}
        <Table<ApiKey>
          rowKey="id"
          columns={columns}
          dataSource={keys.data ?? []}
          loading={keys.isFetching}
          scroll={{ x: 880 }}
          pagination={false}
          locale={{ emptyText: <Empty description={keys.isError ? '加载失败' : '还没有 API 密钥'} /> }}
        />
      </Flex>
      <CreateKeyModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
