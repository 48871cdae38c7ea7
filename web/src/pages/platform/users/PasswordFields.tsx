import { Form, Input } from 'antd';
import { meetsPasswordPolicy } from '../../../../../common/password-policy.ts';

export const PASSWORD_HINT = '至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类，不得包含用户名';

/** Password and its confirmation, with the account policy checked before the server checks it again. */
export function PasswordFields({ label = '初始密码' }: { label?: string }) {
  return (
    <>
      <Form.Item
        name="password"
        label={label}
        extra={PASSWORD_HINT}
        rules={[
          { required: true, message: '请输入密码' },
          {
            validator: (_rule, value: string | undefined) =>
              !value || meetsPasswordPolicy(value) ? Promise.resolve() : Promise.reject(new Error(`密码不符合要求：${PASSWORD_HINT}`)),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label="确认密码"
        dependencies={['password']}
        rules={[
          { required: true, message: '请再次输入密码' },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) =>
              !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
