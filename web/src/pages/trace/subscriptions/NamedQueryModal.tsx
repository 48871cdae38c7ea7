import { App, Form, Input, Select } from 'antd';
import { useCreateNamedQuery } from '../../../api/trace-subscriptions';
import { FormModal } from '../../../components/FormModal';
import { useLocalise } from '../../../i18n';
import { showFormError } from '../../../lib/form-errors';
import { BIZ_STEP_LABEL, EVENT_TYPE_LABEL } from '../shared/cbv';

interface NamedQueryForm {
  name: string;
  bizSteps?: string[];
  eventTypes?: string[];
}

const FIELDS = ['name', 'bizSteps', 'eventTypes'] as const;
const STEP_OPTIONS = Object.entries(BIZ_STEP_LABEL).map(([value, label]) => ({ value, label: `${label}（${value}）` }));
const TYPE_OPTIONS = Object.entries(EVENT_TYPE_LABEL).map(([value, label]) => ({ value, label: `${label}（${value}）` }));

/**
 * 新建命名查询, for subscribing from the web: a name and, optionally, which business steps and event types (none: every
 * event the subscriber may see). Other SimpleEventQuery parameters are for systems: POST /epcis/queries takes them all.
 */
export function NamedQueryModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (name: string) => void }) {
  const localise = useLocalise();
  const { message } = App.useApp();
  const [form] = Form.useForm<NamedQueryForm>();
  const create = useCreateNamedQuery();

  const submit = (v: NamedQueryForm) => {
    const query: Record<string, string[]> = {};
    if (v.bizSteps?.length) query.EQ_bizStep = v.bizSteps;
    if (v.eventTypes?.length) query.eventType = v.eventTypes;
    create.mutate(
      { name: v.name.trim(), query },
      {
        onSuccess: () => {
          message.success(`已创建命名查询「${v.name.trim()}」`);
          onCreated(v.name.trim());
          onClose();
        },
        onError: (error) => {
          showFormError(error, form, FIELDS, localise, (text) => message.error(text));
        },
      },
    );
  };

  return (
    <FormModal title="新建命名查询" open={open} onClose={onClose} onSubmit={() => form.submit()} okText="创建" saving={create.isPending} width={560}>
      <Form<NamedQueryForm> form={form} layout="vertical" preserve={false} onFinish={submit}>
        <Form.Item
          name="name"
          label="查询名称"
          extra="字母、数字或 . _ ~ -，以字母或数字开头，如 shipping-events。命名查询全平台共享名称，但每个账号运行时只得到自己可见的事件。"
          rules={[
            { required: true, whitespace: true, message: '请输入查询名称' },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/, message: '只能用字母、数字或 . _ ~ -，以字母或数字开头，至多 128 个字符' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="bizSteps" label="业务步骤（可选，不选则为全部）">
          <Select mode="multiple" allowClear options={STEP_OPTIONS} optionFilterProp="label" placeholder="全部业务步骤" />
        </Form.Item>
        <Form.Item name="eventTypes" label="事件类型（可选，不选则为全部）">
          <Select mode="multiple" allowClear options={TYPE_OPTIONS} optionFilterProp="label" placeholder="全部事件类型" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
