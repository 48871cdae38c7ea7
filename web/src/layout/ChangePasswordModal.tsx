import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { meetsPasswordPolicy } from '../../../common/password-policy.ts';
import { isApiError } from '../api/client';
import { useChangePassword } from '../api/platform';
import { useLocalise, useT } from '../i18n';
import { fieldErrorsFrom } from '../lib/form-errors';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

interface ChangePasswordModalProps {
  open: boolean;
  /** Forced after first login or a reset: cannot be closed, only completed (or the user signs out). */
  forced?: boolean;
  onClose: () => void;
  onLogout?: () => void;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function ChangePasswordModal({ open, forced = false, onClose, onLogout }: ChangePasswordModalProps) {
  const t = useT();
  const localise = useLocalise();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangePassword();

  /** Field issues go under their fields; the contract's AUTH_PASSWORD_POLICY / 401 forms are handled too. */
  const showServerError = (error: unknown) => {
    if (!isApiError(error)) return void message.error(String(error));
    const fieldErrors = fieldErrorsFrom(error, FIELDS, localise);
    if (fieldErrors.length > 0) return form.setFields(fieldErrors);
    if (error.code === 'AUTH_PASSWORD_POLICY') {
      const rules = error.details.map((detail) => detail.message ?? detail.rule).filter((text) => typeof text === 'string');
      const errors = (rules.length > 0 ? rules : [error.message]).map(localise);
      return form.setFields([{ name: 'newPassword', errors }]);
    }
    if (error.status === 401) return form.setFields([{ name: 'currentPassword', errors: [localise(error.message)] }]);
    message.error(localise(error.message));
  };

  const submit = (values: PasswordForm) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          message.success(t('password.done'));
          form.resetFields();
          onClose();
        },
        onError: showServerError,
      },
    );
  };

  const footer = [
    forced && onLogout ? (
      <Button key="logout" onClick={onLogout}>
        {t('user.logout')}
      </Button>
    ) : (
      <Button key="cancel" onClick={onClose}>
        {t('password.cancel')}
      </Button>
    ),
    <Button key="submit" type="primary" loading={change.isPending} onClick={() => form.submit()}>
      {t('password.submit')}
    </Button>,
  ];

  return (
    <Modal
      title={t('password.title')}
      open={open}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      keyboard={!forced}
      mask={{ closable: !forced }}
      footer={footer}
      destroyOnHidden
      forceRender={forced}
    >
      {forced ? <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.policy')}
          rules={[
            { required: true, message: t('password.required') },
            {
              validator: (_rule, value: string | undefined) =>
                !value || meetsPasswordPolicy(value) ? Promise.resolve() : Promise.reject(new Error(t('password.policyBroken'))),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
