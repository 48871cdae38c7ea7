import { Modal } from 'antd';
import type { ReactNode } from 'react';

/**
 * A dialog around one form: 保存 (or `okText`) submits the form (`onSubmit`, usually `() => form.submit()`), 取消 closes, the OK
 * button spins while saving, and the form is unmounted on close so the next opening starts fresh.
 */
export function FormModal({
  title,
  open = true,
  onClose,
  onSubmit,
  saving,
  width,
  okText = '保存',
  children,
}: {
  title: ReactNode;
  open?: boolean;
  onClose: () => void;
  onSubmit: () => void;
  saving: boolean;
  width?: number;
  okText?: string;
  children: ReactNode;
}) {
  return (
    <Modal title={title} open={open} onCancel={onClose} onOk={onSubmit} okText={okText} cancelText="取消" confirmLoading={saving} destroyOnHidden width={width}>
      {children}
    </Modal>
  );
}
