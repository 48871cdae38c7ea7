import { Alert, App, Button, Checkbox, Flex, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import { type NamedQuery, type QuerySchedule, type SubscribeInput, useNamedQueries, useSubscribe } from '../../../api/trace-subscriptions';
import { FormModal } from '../../../components/FormModal';
import { useLocalise } from '../../../i18n';
import { fieldErrorsFrom } from '../../../lib/form-errors';
import { randomToken } from './labels';
import { NamedQueryModal } from './NamedQueryModal';

type Mode = 'stream' | 'daily' | 'hourly';

interface SubscribeForm {
  queryName: string;
  dest: string;
  signatureToken?: string;
  mode: Mode;
  hour?: number;
  minute?: number;
  reportIfEmpty?: boolean;
}

const FIELDS = ['queryName', 'dest', 'signatureToken', 'mode', 'hour', 'minute', 'reportIfEmpty'] as const;

/** A named query's parameters in one line (EQ_bizStep=shipping; …), or 全部可见事件 for none. */
function describeQuery(q: NamedQuery): string {
  const entries = Object.entries(q.query);
  if (entries.length === 0) return '全部可见事件';
  return entries.map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`).join('；');
}

/**
 * 新建订阅: a named query, the receiver's https address, an optional signing key (random, shown for copying), and when
 * to push — on every capture, daily at a time, or hourly at a minute (Beijing time). Posted to the EPCIS binding's
 * POST /epcis/queries/{queryName}/subscriptions.
 */
export function SubscribeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const localise = useLocalise();
  const { message } = App.useApp();
  const [form] = Form.useForm<SubscribeForm>();
  const queries = useNamedQueries(open);
  const save = useSubscribe();
  const mode = Form.useWatch('mode', form);
  const [creatingQuery, setCreatingQuery] = useState(false);

  const submit = (v: SubscribeForm) => {
    const schedule: QuerySchedule | undefined =
      v.mode === 'daily' ? { hour: String(v.hour ?? 0), minute: String(v.minute ?? 0) } : v.mode === 'hourly' ? { minute: String(v.minute ?? 0) } : undefined;
    const input: SubscribeInput = {
      queryName: v.queryName,
      dest: v.dest.trim(),
      ...(v.signatureToken?.trim() ? { signatureToken: v.signatureToken.trim() } : {}),
      ...(schedule ? { schedule, reportIfEmpty: v.reportIfEmpty === true } : { stream: true }),
    };
    save.mutate(input, {
      onSuccess: () => {
        message.success(`已订阅命名查询「${input.queryName}」`);
        onClose();
      },
      onError: (error) => {
        if (!isApiError(error)) return void message.error(localise(error.message));
        const fieldErrors = fieldErrorsFrom(error, FIELDS, localise);
        // body.stream / body.schedule (which of the two, or a schedule that never fires) belong to 推送方式.
        const modeErrors = error.details.filter((d) => /^body\.(stream|schedule)$/.test(d.field ?? '')).map((d) => localise(d.message ?? error.message));
        if (modeErrors.length > 0) fieldErrors.push({ name: 'mode', errors: modeErrors });
        if (fieldErrors.length > 0) form.setFields(fieldErrors);
        else message.error(localise(error.message));
      },
    });
  };

  const options = (queries.data ?? []).map((q) => ({ value: q.name, label: `${q.name}（${describeQuery(q)}）` }));
  return (
    <FormModal title="新建数据订阅" open={open} onClose={onClose} onSubmit={() => form.submit()} okText="订阅" saving={save.isPending} width={640}>
      <Form<SubscribeForm> form={form} layout="vertical" preserve={false} initialValues={{ mode: 'stream', hour: 1, minute: 0 }} onFinish={submit}>
        {queries.isSuccess && options.length === 0 ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="还没有命名查询"
            description="订阅的对象是命名查询（按业务步骤、事件类型等条件筛选事件）。可点“新建命名查询”，或由对接系统调用 POST /epcis/queries 创建（接口文档 /api/docs）。"
          />
        ) : null}
        <Form.Item label="命名查询" required>
          <Flex gap={8}>
            <Form.Item name="queryName" noStyle rules={[{ required: true, message: '请选择要订阅的命名查询' }]}>
              <Select showSearch options={options} loading={queries.isLoading} placeholder="选择命名查询" optionFilterProp="label" aria-label="命名查询" />
            </Form.Item>
            <Button onClick={() => setCreatingQuery(true)}>新建命名查询</Button>
          </Flex>
        </Form.Item>
        <Form.Item
          name="dest"
          label="接收地址"
          extra="平台以 POST 推送 EPCIS 查询结果文档（EPCISQueryDocument）到此地址，每次至多 1,000 个事件；须为 https 地址。"
          rules={[
            { required: true, whitespace: true, message: '请输入接收地址' },
            { type: 'url', message: '请输入完整的 URL，如 https://erp.example.com/epcis/hook' },
          ]}
        >
          <Input autoComplete="off" placeholder="https://" />
        </Form.Item>
        <Form.Item
          label="签名密钥（可选）"
          extra="填写后，每次推送带 GS1-Signature 头（以此密钥对请求体做 HMAC-SHA256）。请在接收端配置同一密钥；保存后平台不再显示。"
        >
          <Flex gap={8}>
            <Form.Item name="signatureToken" noStyle rules={[{ max: 256 }]}>
              <Input.Password autoComplete="new-password" visibilityToggle aria-label="签名密钥" />
            </Form.Item>
            <Button onClick={() => form.setFieldValue('signatureToken', randomToken())}>随机生成</Button>
          </Flex>
        </Form.Item>
        <Form.Item name="mode" label="推送方式">
          <Radio.Group>
            <Radio value="stream">实时推送（有新事件上报后数秒内）</Radio>
            <Radio value="daily">每天定时</Radio>
            <Radio value="hourly">每小时</Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'daily' || mode === 'hourly' ? (
          <>
            <Space align="baseline" wrap>
              {mode === 'daily' ? (
                <Form.Item name="hour" label="时（北京时间）" rules={[{ required: true, message: '请填写小时' }]}>
                  <InputNumber min={0} max={23} precision={0} />
                </Form.Item>
              ) : null}
              <Form.Item name="minute" label="分" rules={[{ required: true, message: '请填写分钟' }]}>
                <InputNumber min={0} max={59} precision={0} />
              </Form.Item>
            </Space>
            <Form.Item name="reportIfEmpty" valuePropName="checked">
              <Checkbox>没有新事件时也推送（空结果，便于接收端确认连接正常）</Checkbox>
            </Form.Item>
          </>
        ) : null}
        <Typography.Text type="secondary">推送的事件以您的账号权限为准：企业只收到本企业的事件，区县只收到辖区内的事件。</Typography.Text>
      </Form>
      <NamedQueryModal open={creatingQuery} onClose={() => setCreatingQuery(false)} onCreated={(name) => form.setFieldValue('queryName', name)} />
    </FormModal>
  );
}
