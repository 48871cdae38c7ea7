import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import type { AuditListParams } from '../../../api/platform-types';
import { ACTION_LABEL, ENTITY_TYPE_LABEL, labelled } from './labels';

export type AuditFilterValues = Pick<AuditListParams, 'actor' | 'action' | 'entityType' | 'entityId' | 'from' | 'to'>;

interface AuditFilterForm {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const trimmed = (value: string | undefined) => value?.trim() || undefined;

/** Form values → query: the API takes whole Shanghai calendar days, inclusive, as YYYY-MM-DD. */
export function toAuditFilter(values: AuditFilterForm): AuditFilterValues {
  const [from, to] = values.range ?? [null, null];
  return {
    actor: trimmed(values.actor),
    action: trimmed(values.action),
    entityType: trimmed(values.entityType),
    entityId: trimmed(values.entityId),
    from: from?.format('YYYY-MM-DD'),
    to: to?.format('YYYY-MM-DD'),
  };
}

export function AuditFilters({ onChange }: { onChange: (values: AuditFilterValues) => void }) {
  const [form] = Form.useForm<AuditFilterForm>();
  return (
    <Form<AuditFilterForm> form={form} layout="inline" style={{ rowGap: 12 }} onFinish={(values) => onChange(toAuditFilter(values))}>
      <Form.Item name="actor" label="操作人">
        <Input allowClear placeholder="用户名" style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="action" label="动作">
        <AutoComplete allowClear placeholder="如 auth.login" options={labelled(ACTION_LABEL)} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="entityType" label="对象类型">
        <AutoComplete allowClear placeholder="如 user" options={labelled(ENTITY_TYPE_LABEL)} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="entityId" label="对象ID">
        <Input allowClear style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="range" label="日期">
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          查询
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          重置
        </Button>
      </Form.Item>
    </Form>
  );
}
