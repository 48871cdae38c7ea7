import { useQuery } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Flex, Form, Input, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { listEntities } from '../../api/entities';
import { createSample, type SampleDetail, type SampleInput, updateSample, useCategories, usePlans, useSamplingMutation } from '../../api/sampling';
import { useLocalise } from '../../i18n';
import { fieldErrorsFrom } from '../../lib/form-errors';
import { ConclusionPreview, type ItemForm, ItemsEditor, toItemInput, txt } from './entry/ItemsEditor';

interface SampleForm {
  creditCode: string;
  categoryId?: string;
  planId?: string;
  productName: string;
  spec?: string;
  brand?: string;
  batch?: string;
  sampledOn?: Dayjs;
  samplingPlace?: string;
  lab?: string;
  items: ItemForm[];
}

const FIELDS = ['creditCode', 'categoryId', 'planId', 'productName', 'spec', 'brand', 'batch', 'sampledOn', 'samplingPlace', 'lab'] as const;

function toForm(sample: SampleDetail | null): SampleForm {
  if (!sample) return { creditCode: '', productName: '', sampledOn: dayjs(), items: [{ verdict: 'auto' }] };
  return {
    creditCode: sample.creditCode,
    categoryId: sample.categoryId,
    planId: sample.planId ?? undefined,
    productName: sample.productName,
    spec: sample.spec ?? undefined,
    brand: sample.brand ?? undefined,
    batch: sample.batch ?? undefined,
    sampledOn: dayjs(sample.sampledOn),
    samplingPlace: sample.samplingPlace ?? undefined,
    lab: sample.lab ?? undefined,
    items: sample.items.map((i) => ({
      name: i.name,
      method: i.method ?? undefined,
      standard: i.standard ?? undefined,
      unit: i.unit ?? undefined,
      limitMin: i.limitMin,
      limitMax: i.limitMax,
      limitText: i.limitText ?? undefined,
      resultValue: i.resultValue,
      resultText: i.resultText ?? undefined,
      verdict: i.verdictSource === 'entered' && i.verdict ? i.verdict : 'auto',
    })),
  };
}

/** The entity a typed credit code belongs to, from the registry (the caller's scope). */
function EntityHint({ code }: { code: string }) {
  const normalised = code.trim().toUpperCase();
  const lookup = useQuery({
    queryKey: ['entities', 'lookup', normalised],
    queryFn: ({ signal }) => listEntities({ page: 1, pageSize: 1, q: normalised }, signal),
    enabled: normalised.length === 18,
    staleTime: 60_000,
  });
  if (normalised.length !== 18) return <Typography.Text type="secondary">输入 18 位代码后显示企业名称</Typography.Text>;
  if (lookup.isPending) return <Typography.Text type="secondary">查询中…</Typography.Text>;
  const hit = lookup.data?.items.find((e) => e.creditCode === normalised);
  return hit ? (
    <Typography.Text type="success">
      {hit.name}（{hit.countyName ?? ''}
      {hit.regionName}）
    </Typography.Text>
  ) : (
    <Typography.Text type="danger">本辖区市场主体名录中没有该代码</Typography.Text>
  );
}

export function SampleFormModal({ sample, onClose }: { sample: SampleDetail | null; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const navigate = useNavigate();
  const [form] = Form.useForm<SampleForm>();
  const code = Form.useWatch('creditCode', form) ?? '';
  const categoryId = Form.useWatch('categoryId', form);
  const sampledOn = Form.useWatch('sampledOn', form);
  const categories = useCategories();
  const plans = usePlans({ page: 1, pageSize: 100, year: sampledOn ? sampledOn.year() : undefined, categoryId }, Boolean(categoryId && sampledOn));
  const save = useSamplingMutation((input: SampleInput) => (sample ? updateSample(sample.id, input) : createSample(input)));
  const [itemErrors, setItemErrors] = useState<string[]>([]);

  const submit = (values: SampleForm) => {
    setItemErrors([]);
    const input: SampleInput = {
      creditCode: values.creditCode.trim().toUpperCase(),
      categoryId: values.categoryId ?? '',
      planId: values.planId ?? null,
      productName: values.productName.trim(),
      spec: txt(values.spec),
      brand: txt(values.brand),
      batch: txt(values.batch),
      sampledOn: (values.sampledOn ?? dayjs()).format('YYYY-MM-DD'),
      samplingPlace: txt(values.samplingPlace),
      lab: txt(values.lab),
      items: values.items.map(toItemInput),
    };
    save.mutate(input, {
      onSuccess: (saved) => {
        message.success(sample ? `已保存 ${saved.sampleNo}` : `已录入 ${saved.sampleNo}`);
        onClose();
        if (!sample) navigate(`/sampling/samples/${saved.id}`);
      },
      onError: (error) => {
        if (!isApiError(error)) return void message.error(localise(error.message));
        const fieldErrors = fieldErrorsFrom(error, FIELDS, localise);
        if (fieldErrors.length > 0) form.setFields(fieldErrors);
        const onItems = error.details.filter((d) => d.field?.startsWith('body.items')).map((d) => localise(d.message ?? ''));
        setItemErrors(onItems);
        if (fieldErrors.length === 0 && onItems.length === 0) message.error(localise(error.message));
      },
    });
  };

  return (
    <Modal
      title={sample ? `修改样品 ${sample.sampleNo}（草稿）` : '录入监督抽查样品'}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={sample ? '保存' : '录入'}
      cancelText="取消"
      confirmLoading={save.isPending}
      destroyOnHidden
      width={1320}
      style={{ top: 24 }}
    >
      <Form<SampleForm> form={form} layout="vertical" initialValues={toForm(sample)} onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} md={9}>
            <Form.Item
              name="creditCode"
              label="受检企业统一社会信用代码"
              extra={<EntityHint code={code} />}
              rules={[{ required: true, whitespace: true, message: '请输入统一社会信用代码' }]}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} placeholder="18 位代码" />
            </Form.Item>
          </Col>
          <Col xs={24} md={7}>
            <Form.Item name="categoryId" label="产品类别" rules={[{ required: true, message: '请选择产品类别' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={categories.isPending}
                options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                placeholder="请选择"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="planId" label="所属抽查计划（可选）">
              <Select
                allowClear
                placeholder={categoryId ? '不属于计划' : '先选产品类别'}
                options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="productName" label="产品名称" rules={[{ required: true, whitespace: true, message: '请输入产品名称' }]}>
              <Input placeholder="如 儿童连衣裙" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="spec" label="规格型号">
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="brand" label="商标">
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="batch" label="生产日期 / 批号">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="sampledOn" label="抽样日期" rules={[{ required: true, message: '请选择抽样日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="samplingPlace" label="抽样地点">
              <Input placeholder="成品仓库、销售门店…" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="lab" label="承检机构">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          检验项目
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          有数值限值的项目按实测值自动判定（限值含端点）；文字要求或文字结果须选择“合格/不合格”。任一项目不合格，样品即判为不合格。
        </Typography.Paragraph>
        <Flex vertical gap={12}>
          <ItemsEditor />
          {itemErrors.length > 0 ? <Alert type="error" showIcon title="检验项目有误" description={itemErrors.map((e) => <div key={e}>{e}</div>)} /> : null}
          <ConclusionPreview />
        </Flex>
      </Form>
    </Modal>
  );
}
