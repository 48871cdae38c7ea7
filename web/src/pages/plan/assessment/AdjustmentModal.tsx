import { App, Form, Input, InputNumber, Radio, Select } from 'antd';
import { type AdjustmentInput, addAdjustment, usePlanMutation } from '../../../api/plan';
import { FormModal } from '../../../components/FormModal';
import { useLocalise } from '../../../i18n';
import type { PlanRegion } from '../shared/regions';

/** A bonus or penalty for one district/county, with the reason the score sheet shows. */
export function AdjustmentModal({
  planId,
  year,
  regions,
  open,
  onClose,
}: {
  planId: string;
  year: number;
  regions: PlanRegion[];
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<AdjustmentInput>();
  const add = usePlanMutation((input: AdjustmentInput) => addAdjustment(planId, year, { ...input, reason: input.reason.trim() }));
  return (
    <FormModal title={`${year} 年考核加减分`} open={open} onClose={onClose} onSubmit={() => form.submit()} saving={add.isPending}>
      <Form<AdjustmentInput>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'bonus' }}
        onFinish={(input) =>
          add.mutate(input, {
            onSuccess: () => {
              message.success('已记录加减分');
              onClose();
            },
            onError: (error) => message.error(`保存失败：${localise(error.message)}`),
          })
        }
      >
        <Form.Item name="regionCode" label="区县" rules={[{ required: true, message: '请选择区县' }]}>
          <Select options={regions.map((region) => ({ value: region.code, label: region.name }))} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'bonus', label: '加分' },
              { value: 'penalty', label: '扣分' },
            ]}
          />
        </Form.Item>
        <Form.Item name="points" label="分值" rules={[{ required: true, message: '请输入分值' }]}>
          <InputNumber min={0.1} max={100} step={0.5} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如 获评国家级质量工作先进单位" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
