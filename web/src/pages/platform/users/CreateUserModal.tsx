import { App, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { checkCreditCode } from '../../../../../common/credit-code.ts';
import { useCreateUser } from '../../../api/platform';
import type { CreateUserInput, RegionNode, Role } from '../../../api/platform-types';
import { useLocalise, useT } from '../../../i18n';
import { creatableRoles } from '../../../lib/access';
import { showFormError } from '../../../lib/form-errors';
import { findRegion, toTreeSelectData } from '../../../lib/regions';
import { PHONE_PATTERN, regionLevelFits, USERNAME_PATTERN } from './labels';
import { PasswordFields } from './PasswordFields';

type CreateUserForm = Omit<CreateUserInput, 'role'> & { role?: Role; confirmPassword: string };

const FIELDS = ['username', 'displayName', 'role', 'regionCode', 'password', 'enterpriseName', 'enterpriseCreditCode', 'phone'] as const;

interface CreateUserModalProps {
  open: boolean;
  actorRole: Role;
  scope: RegionNode[];
  onClose: () => void;
}

function toInput(values: CreateUserForm, role: Role): CreateUserInput {
  const enterprise = role === 'enterprise';
  return {
    username: values.username.trim(),
    displayName: values.displayName.trim(),
    role,
    regionCode: values.regionCode,
    password: values.password,
    ...(enterprise && values.enterpriseName ? { enterpriseName: values.enterpriseName.trim() } : {}),
    ...(enterprise && values.enterpriseCreditCode ? { enterpriseCreditCode: values.enterpriseCreditCode.trim() } : {}),
    ...(values.phone ? { phone: values.phone.trim() } : {}),
  };
}

function validateCreditCode(_rule: unknown, value: string | undefined): Promise<void> {
  if (!value) return Promise.resolve();
  const problem = checkCreditCode(value.trim());
  if (!problem) return Promise.resolve();
  if (problem.rule === 'check') return Promise.reject(new Error(`第 18 位校验码应为 ${problem.expected}`));
  return Promise.reject(new Error('统一社会信用代码格式不正确（18 位，GB 32100-2015）'));
}

export function CreateUserModal({ open, actorRole, scope, onClose }: CreateUserModalProps) {
  const t = useT();
  const localise = useLocalise();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateUserForm>();
  const role = Form.useWatch('role', form);
  const create = useCreateUser();

  const onRoleChange = (next: Role) => {
    const region = findRegion(scope, form.getFieldValue('regionCode') ?? '');
    if (region && !regionLevelFits(next, region.level)) form.setFieldValue('regionCode', undefined);
  };

  const submit = (values: CreateUserForm) => {
    if (!values.role) return;
    create.mutate(toInput(values, values.role), {
      onSuccess: (user) => {
        message.success(`已创建用户 ${user.username}，首次登录须修改密码`);
        form.resetFields();
        onClose();
      },
      onError: (error) => {
        showFormError(error, form, FIELDS, localise, (text) => message.error(text));
      },
    });
  };

  return (
    <Modal
      title="新建用户"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      destroyOnHidden
      width={560}
    >
      <Form<CreateUserForm> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="username"
          label="用户名"
          extra="3–32 位，以字母开头，可含字母、数字、_ . -"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: USERNAME_PATTERN, message: '用户名格式不正确' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select<Role>
            placeholder="请选择角色"
            onChange={onRoleChange}
            options={creatableRoles(actorRole).map((value) => ({ value, label: t(`role.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label="所属区划"
          extra={role === 'city_admin' ? '市级管理员须属于市级区划' : role === 'county_officer' ? '区县监管人员须属于区县' : undefined}
          rules={[{ required: true, message: '请选择所属区划' }]}
        >
          <TreeSelect
            placeholder="请选择所属区划"
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={toTreeSelectData(scope, (node) => regionLevelFits(role, node.level))}
            treeDefaultExpandedKeys={scope.map((node) => node.code)}
          />
        </Form.Item>
        {role === 'enterprise' ? (
          <>
            <Form.Item name="enterpriseName" label="企业名称" rules={[{ required: true, whitespace: true, message: '请输入企业名称' }, { max: 100 }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="enterpriseCreditCode"
              label="统一社会信用代码"
              normalize={(value: string) => value.toUpperCase()}
              rules={[{ validator: validateCreditCode }]}
            >
              <Input maxLength={18} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="phone" label="联系电话" rules={[{ pattern: PHONE_PATTERN, message: '电话号码格式不正确' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <PasswordFields />
      </Form>
    </Modal>
  );
}
