import { Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';

interface ReasonModalProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  label: string;
  okText: string;
  danger?: boolean;
  loading?: boolean;
  onOk: (reason: string) => void;
  onCancel: () => void;
}

/** Asks for a mandatory reason (returning a value, correcting an approved one). */
export function ReasonModal({ open, title, description, label, okText, danger, loading, onOk, onCancel }: ReasonModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger, loading }}
      destroyOnHidden
      onCancel={onCancel}
      onOk={() => form.submit()}
    >
      {description ? <Typography.Paragraph type="secondary">{description}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" preserve={false} onFinish={(values) => onOk(values.reason.trim())}>
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}>
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
