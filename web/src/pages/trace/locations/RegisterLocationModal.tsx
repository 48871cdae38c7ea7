import { App, Form, Input, Modal, TreeSelect } from 'antd';
import { checkCreditCode } from '../../../../../common/credit-code.ts';
import { checkGs1Key, isCset82 } from '../../../../../common/gs1/index.ts';
import { isApiError } from '../../../api/client';
import type { RegionNode } from '../../../api/platform-types';
import { type RegisterLocationInput, useRegisterLocation } from '../../../api/trace';
import { useLocalise } from '../../../i18n';
import { fieldErrorsFrom } from '../../../lib/form-errors';
import { toTreeSelectData } from '../../../lib/regions';

type LocationForm = Omit<RegisterLocationInput, 'address' | 'extension'> & { address?: string; extension?: string };

const FIELDS = ['gln', 'extension', 'name', 'enterpriseCreditCode', 'enterpriseName', 'regionCode', 'address'] as const;

/** Chinese message for a GLN (13 digits, GS1 check digit); null when fine. */
export function glnProblem(value: string): string | null {
  const gln = value.trim();
  if (gln === '') return '请输入 GLN';
  const problem = checkGs1Key('gln', gln);
  if (!problem) return null;
  switch (problem.rule) {
    case 'length':
      return `GLN 应为 13 位数字，当前为 ${problem.actual} 位`;
    case 'charset':
      return 'GLN 只能包含数字';
    case 'check':
      return `GLN 校验位错误：最后一位应为 ${problem.expected}，请核对`;
  }
}

const validator = (problem: (value: string) => string | null) => (_rule: unknown, value: string | undefined) => {
  const text = problem(value ?? '');
  return text ? Promise.reject(new Error(text)) : Promise.resolve();
};

function creditCodeProblem(value: string): string | null {
  if (!value.trim()) return '请输入统一社会信用代码';
  const problem = checkCreditCode(value.trim());
  if (!problem) return null;
  return problem.rule === 'check' ? `第 18 位校验码应为 ${problem.expected}` : '统一社会信用代码格式不正确（18 位，GB 32100-2015）';
}

const extensionProblem = (value: string) =>
  value.trim() === '' || (value.trim().length <= 20 && isCset82(value.trim())) ? null : '扩展码为 1–20 个字母、数字或 GS1 允许的符号';

interface RegisterLocationModalProps {
  open: boolean;
  /** The region subtree the caller may register in. */
  scope: RegionNode[];
  onClose: () => void;
}

/** 登记地点: an enterprise's site by its GLN; events captured there belong to that enterprise and region. */
export function RegisterLocationModal({ open, scope, onClose }: RegisterLocationModalProps) {
  const localise = useLocalise();
  const { message } = App.useApp();
  const [form] = Form.useForm<LocationForm>();
  const register = useRegisterLocation();

  const submit = (values: LocationForm) => {
    const input: RegisterLocationInput = {
      gln: values.gln.trim(),
      ...(values.extension?.trim() ? { extension: values.extension.trim() } : {}),
      name: values.name.trim(),
      enterpriseName: values.enterpriseName.trim(),
      enterpriseCreditCode: values.enterpriseCreditCode.trim(),
      regionCode: values.regionCode,
      address: values.address?.trim() || null,
    };
    register.mutate(input, {
      onSuccess: (location) => {
        message.success(`已登记地点「${location.name}」（GLN ${location.gln ?? ''}）`);
        form.resetFields();
        onClose();
      },
      onError: (error) => {
        const fieldErrors = isApiError(error) ? fieldErrorsFrom(error, FIELDS, localise) : [];
        if (fieldErrors.length > 0) form.setFields(fieldErrors);
        else if (isApiError(error) && error.code === 'TRACE_LOCATION_TAKEN') form.setFields([{ name: 'gln', errors: ['该 GLN 已登记'] }]);
        else message.error(localise(error.message));
      },
    });
  };

  return (
    <Modal
      title="登记企业地点"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      cancelText="取消"
      confirmLoading={register.isPending}
      destroyOnHidden
      width={600}
    >
      <Form<LocationForm> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item label="GLN / 扩展码" required style={{ marginBottom: 0 }}>
          <Form.Item
            name="gln"
            rules={[{ validator: validator(glnProblem) }]}
            style={{ display: 'inline-block', width: 'calc(62% - 6px)' }}
            extra="全球位置码，13 位数字"
          >
            <Input aria-label="GLN" inputMode="numeric" maxLength={13} autoComplete="off" placeholder="如 6970000000017" />
          </Form.Item>
          <Form.Item
            name="extension"
            rules={[{ validator: validator(extensionProblem) }]}
            style={{ display: 'inline-block', width: 'calc(38% - 6px)', marginInlineStart: 12 }}
            extra="可选，区分同一场所内的车间、库区"
          >
            <Input aria-label="扩展码" maxLength={20} autoComplete="off" placeholder="扩展码（AI 254）" />
          </Form.Item>
        </Form.Item>
        <Form.Item name="name" label="地点名称" rules={[{ required: true, whitespace: true, message: '请输入地点名称' }, { max: 100 }]}>
          <Input placeholder="如 某某食品有限公司 生产基地" />
        </Form.Item>
        <Form.Item name="enterpriseName" label="所属企业" rules={[{ required: true, whitespace: true, message: '请输入企业名称' }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="enterpriseCreditCode"
          label="统一社会信用代码"
          normalize={(value: string) => value.toUpperCase()}
          rules={[{ validator: validator(creditCodeProblem) }]}
        >
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="regionCode" label="所在区划" extra="该地点上报的事件归属此区划监管" rules={[{ required: true, message: '请选择所在区划' }]}>
          <TreeSelect
            placeholder="选择区县或乡镇（街道）"
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={toTreeSelectData(scope)}
            treeDefaultExpandedKeys={scope.map((node) => node.code)}
          />
        </Form.Item>
        <Form.Item name="address" label="详细地址" rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
