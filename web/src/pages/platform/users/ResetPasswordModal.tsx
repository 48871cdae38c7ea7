import { App, Form, Modal, Typography } from 'antd';
import { useUpdateUser } from '../../../api/platform';
import type { User } from '../../../api/platform-types';
import { useLocalise } from '../../../i18n';
import { showFormError } from '../../../lib/form-errors';
import { PasswordFields } from './PasswordFields';

interface ResetForm {
  password: string;
  confirmPassword: string;
}

/** Sets a new password for someone else; the server makes them change it at next login. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const localise = useLocalise();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetForm>();
  const update = useUpdateUser();

  const submit = (values: ResetForm) => {
    if (!user) return;
    update.mutate(
      { id: user.id, input: { password: values.password } },
      {
        onSuccess: () => {
          message.success(`已重置 ${user.displayName} 的密码，其下次登录须修改密码`);
          onClose();
        },
        onError: (error) => {
          showFormError(error, form, ['password'] as const, localise, (text) => message.error(text));
        },
      },
    );
  };

  return (
    <Modal
      title="重置密码"
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="重置"
      cancelText="取消"
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        为用户 <Typography.Text strong>{user?.displayName}</Typography.Text>（{user?.username}）设置新密码。
      </Typography.Paragraph>
      <Form<ResetForm> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <PasswordFields label="新密码" />
      </Form>
    </Modal>
  );
}
