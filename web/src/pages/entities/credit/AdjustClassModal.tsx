import { Alert, App, Flex, Form, Input, Modal, Radio, Tag, Typography } from 'antd';
import { isApiError } from '../../../api/client';
import { adjustCreditClass, CREDIT_CLASSES, type CreditClass, useCreditMutation } from '../../../api/credit';
import { useLocalise } from '../../../i18n';
import { fieldErrorsFrom } from '../../../lib/form-errors';
import { CLASS_TAG_COLORS, CREDIT_CLASS_LABELS } from './labels';

/** What the modal adjusts: one entity's class in one period. */
export interface AdjustTarget {
  entityId: string;
  entityName: string;
  period: string;
  class: CreditClass;
  computedClass: CreditClass;
}

interface AdjustForm {
  toClass: CreditClass;
  reason: string;
}

const FIELDS = ['toClass', 'reason'] as const;

/** 人工调整: moves a class for one period; the reason is required and goes to the audit trail. */
export function AdjustClassModal({ target, onClose }: { target: AdjustTarget | null; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<AdjustForm>();
  const adjust = useCreditMutation((input: AdjustForm) =>
    adjustCreditClass(target?.entityId ?? '', { period: target?.period ?? '', toClass: input.toClass, reason: input.reason.trim() }),
  );
  if (!target) return null;
  return (
    <Modal
      open
      title={`人工调整信用风险分类 · ${target.entityName}`}
      okText="确认调整"
      cancelText="取消"
      okButtonProps={{ loading: adjust.isPending }}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => form.submit()}
      width={560}
    >
      <Flex vertical gap={16}>
        <Typography.Text>
          期次 {target.period}，当前为{' '}
          <Tag color={CLASS_TAG_COLORS[target.class]} style={{ marginInlineEnd: 4 }}>
            {target.class} 类
          </Tag>
          {target.class !== target.computedClass ? `（模型计算结果为 ${target.computedClass} 类）` : '（模型计算结果）'}
        </Typography.Text>
        <Alert type="info" showIcon title="调整仅对本期有效，重新计算本期时保留；调整理由与操作人记入审计日志。" style={{ padding: '6px 12px' }} />
        <Form<AdjustForm>
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(input) =>
            adjust.mutate(input, {
              onSuccess: (record) => {
                message.success(`已调整为 ${record.class} 类`);
                onClose();
              },
              onError: (error) => {
                const fields = isApiError(error) ? fieldErrorsFrom(error, FIELDS, localise) : [];
                if (fields.length > 0) form.setFields(fields);
                else message.error(`调整失败：${localise(error.message)}`);
              },
            })
          }
        >
          <Form.Item name="toClass" label="调整为" rules={[{ required: true, message: '请选择调整后的类别' }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={CREDIT_CLASSES.map((c) => ({
                value: c,
                label: `${c} 类 · ${CREDIT_CLASS_LABELS[c].replace('信用风险', '')}`,
                disabled: c === target.class,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label="调整理由"
            rules={[
              { required: true, whitespace: true, message: '请填写调整理由' },
              { min: 5, message: '调整理由至少 5 个字' },
            ]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount placeholder="如 近期接到多起实名投诉，经现场核查属实，提高监管频次" />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
