import { App, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { checkCreditCode } from '../../../../../common/credit-code.ts';
import { type RegisterProductInput, type TraceProduct, useRegisterProduct } from '../../../api/trace';
import { useLocalise } from '../../../i18n';
import { showFormError } from '../../../lib/form-errors';
import { gtinProblem, productCodeText, productRefProblem } from './labels';

type Scheme = 'gtin' | 'platform';

interface ProductForm {
  scheme: Scheme;
  gtin?: string;
  productRef?: string;
  name: string;
  brand?: string;
  spec?: string;
  category?: string;
  origin?: string;
  shelfLifeDays?: number | null;
  enterpriseName?: string;
  enterpriseCreditCode?: string;
}

const FIELDS = ['gtin', 'productRef', 'name', 'brand', 'spec', 'category', 'origin', 'shelfLifeDays', 'enterpriseName', 'enterpriseCreditCode'] as const;

const optional = (value: string | undefined) => (value?.trim() ? value.trim() : null);

function toInput(values: ProductForm, forEnterprise: boolean): RegisterProductInput {
  return {
    ...(values.scheme === 'gtin' ? { gtin: values.gtin?.trim() ?? '' } : { productRef: values.productRef?.trim() ?? '' }),
    name: values.name.trim(),
    brand: optional(values.brand),
    spec: optional(values.spec),
    category: optional(values.category),
    origin: optional(values.origin),
    shelfLifeDays: values.shelfLifeDays ?? null,
    ...(forEnterprise ? {} : { enterpriseName: values.enterpriseName?.trim() ?? '', enterpriseCreditCode: values.enterpriseCreditCode?.trim() ?? '' }),
  };
}

const check = (problem: (value: string) => string | null) => (_rule: unknown, value: string | undefined) => {
  const text = problem(value ?? '');
  return text ? Promise.reject(new Error(text)) : Promise.resolve();
};

function creditCodeProblem(value: string): string | null {
  if (!value.trim()) return '请输入统一社会信用代码';
  const problem = checkCreditCode(value.trim());
  if (!problem) return null;
  return problem.rule === 'check' ? `第 18 位校验码应为 ${problem.expected}` : '统一社会信用代码格式不正确（18 位，GB 32100-2015）';
}

interface RegisterProductModalProps {
  open: boolean;
  /** An enterprise registers its own products; the city names the enterprise. */
  forEnterprise: boolean;
  onClose: () => void;
  onRegistered: (product: TraceProduct) => void;
}

/**
 * 登记产品: a GS1 product by its 商品条码, or one whose owner has no GS1 prefix by a product reference — the platform then
 * allocates it a GTIN under the platform's own GS1 Company Prefix.
 */
export function RegisterProductModal({ open, forEnterprise, onClose, onRegistered }: RegisterProductModalProps) {
  const localise = useLocalise();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductForm>();
  const scheme = Form.useWatch('scheme', form) ?? 'gtin';
  const register = useRegisterProduct();

  const submit = (values: ProductForm) =>
    register.mutate(toInput(values, forEnterprise), {
      onSuccess: (product) => {
        const code = productCodeText(product);
        message.success(`已登记产品「${product.name}」（${code.label} ${code.value}）`);
        form.resetFields();
        onRegistered(product);
      },
      onError: (error) => {
        showFormError(error, form, FIELDS, localise, (text) => message.error(text));
      },
    });

  return (
    <Modal
      title="登记追溯产品"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      cancelText="取消"
      confirmLoading={register.isPending}
      destroyOnHidden
      width={600}
    >
      <Form<ProductForm> form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ scheme: 'gtin' }}>
        <Form.Item name="scheme" label="编码方式">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'gtin', label: '已有商品条码（GS1）' },
              { value: 'platform', label: '无商品条码，由平台分配' },
            ]}
          />
        </Form.Item>
        {scheme === 'gtin' ? (
          <Form.Item name="gtin" label="商品条码" extra="包装上的 13 位（或 8、12、14 位）条码数字" rules={[{ validator: check(gtinProblem) }]}>
            <Input inputMode="numeric" maxLength={14} autoComplete="off" placeholder="如 6970000000116" />
          </Form.Item>
        ) : (
          <Form.Item
            name="productRef"
            label="产品编号"
            extra={
              <Typography.Text type="secondary">
                企业内部的产品编号。平台以自己的 GS1 厂商识别代码为该产品分配一个商品条码（GTIN），追溯码与自有条码的产品相同：
                {'<平台地址>'}/01/{'<商品条码>'}/10/{'<批次号>'}
              </Typography.Text>
            }
            rules={[{ validator: check(productRefProblem) }]}
          >
            <Input maxLength={30} autoComplete="off" placeholder="如 TEA-500G" />
          </Form.Item>
        )}
        <Form.Item name="name" label="产品名称" rules={[{ required: true, whitespace: true, message: '请输入产品名称' }, { max: 100 }]}>
          <Input placeholder="消费者扫码时看到的名称" />
        </Form.Item>
        <Form.Item label="品牌 / 规格" style={{ marginBottom: 0 }}>
          <Form.Item name="brand" rules={[{ max: 60 }]} style={{ display: 'inline-block', width: 'calc(50% - 6px)' }}>
            <Input placeholder="品牌" />
          </Form.Item>
          <Form.Item name="spec" rules={[{ max: 60 }]} style={{ display: 'inline-block', width: 'calc(50% - 6px)', marginInlineStart: 12 }}>
            <Input placeholder="规格，如 500 毫升/瓶" />
          </Form.Item>
        </Form.Item>
        <Form.Item label="类别 / 保质期" style={{ marginBottom: 0 }}>
          <Form.Item name="category" rules={[{ max: 60 }]} style={{ display: 'inline-block', width: 'calc(50% - 6px)' }}>
            <Input placeholder="类别，如 饮料" />
          </Form.Item>
          <Form.Item name="shelfLifeDays" style={{ display: 'inline-block', width: 'calc(50% - 6px)', marginInlineStart: 12 }}>
            <InputNumber min={1} max={36500} precision={0} suffix="天" placeholder="保质期" style={{ width: '100%' }} />
          </Form.Item>
        </Form.Item>
        <Form.Item name="origin" label="产地" extra="事件中没有原产地信息时，向消费者展示此产地" rules={[{ max: 100 }]}>
          <Input placeholder="如 浙江省湖州市吴兴区" />
        </Form.Item>
        {forEnterprise ? null : (
          <>
            <Form.Item name="enterpriseName" label="生产企业名称" rules={[{ required: true, whitespace: true, message: '请输入企业名称' }, { max: 100 }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="enterpriseCreditCode"
              label="统一社会信用代码"
              normalize={(value: string) => value.toUpperCase()}
              rules={[{ validator: check(creditCodeProblem) }]}
            >
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
