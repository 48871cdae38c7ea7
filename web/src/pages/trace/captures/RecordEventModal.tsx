import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import {
  buildRecordEvent,
  checkRecordEvent,
  RECORD_STEP_LABEL,
  RECORD_STEPS,
  RECORD_UNITS,
  type RecordEventInput,
  type RecordStep,
  randomEventId,
} from '../../../../../common/trace-record-event.ts';
import { type TraceProduct, useCaptureOneEvent, useLocations, useProducts } from '../../../api/trace';
import { useLocalise } from '../../../i18n';
import { showFormError } from '../../../lib/form-errors';
import { shanghaiTime } from '../../../lib/time';
import { uomLabel } from '../shared/cbv';
import { composeBatchCode, displayGtin } from '../shared/codes';

interface RecordForm {
  step: RecordStep;
  productId?: string;
  lot?: string;
  quantity?: number | null;
  uom: string;
  localTime?: Dayjs;
  location?: string;
  destinationGln?: string;
  reference?: string;
  conformant: boolean;
  expiryDate?: Dayjs | null;
}

const FIELDS = ['productId', 'lot', 'quantity', 'localTime', 'location', 'destinationGln', 'reference', 'expiryDate'] as const;

const STEP_HELP: Record<RecordStep, string> = {
  commissioning: '该批次在本企业生产完成、开始追溯（批次的第一条记录）',
  shipping: '该批次从本企业地点发出，送往收货方',
  receiving: '该批次到达本企业地点',
  inspecting: '对该批次抽样检验，登记检验结论和报告编号（消费者扫码可见结论和报告编号）',
};

const REFERENCE_LABEL: Record<RecordStep, string> = {
  commissioning: '',
  shipping: '发货单号',
  receiving: '发货单号（来自发货方）',
  inspecting: '检验报告编号或链接',
};

/** Now, as a Huzhou wall-clock time (whatever the browser's own time zone). */
const huzhouNow = () => dayjs(shanghaiTime(new Date().toISOString()).replace(' ', 'T'));

interface RecordEventModalProps {
  open: boolean;
  /** Opened from a product's batch: the product and lot come filled in. */
  initial?: { product: TraceProduct; lot: string } | null;
  onClose: () => void;
  onRecorded: (summary: string) => void;
}

/**
 * 登记批次事件: a production, shipment, receipt or inspection of one batch, recorded in the web by an enterprise that
 * has no ERP to send EPCIS events. The form builds the EPCIS 2.0 event (common/trace-record-event.ts) and sends it to
 * POST /epcis/events, like any machine client; the eventID is made when the form opens, so a repeated submission is
 * stored once.
 */
export function RecordEventModal({ open, initial = null, onClose, onRecorded }: RecordEventModalProps) {
  const localise = useLocalise();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordForm>();
  const step = Form.useWatch('step', form) ?? 'commissioning';
  const [eventID, setEventID] = useState(randomEventId);
  const [productQuery, setProductQuery] = useState('');
  const [chosen, setChosen] = useState<TraceProduct | null>(null);
  const products = useProducts({ page: 1, pageSize: 50, ...(productQuery ? { q: productQuery } : {}) });
  const locations = useLocations(undefined);
  const capture = useCaptureOneEvent();

  useEffect(() => {
    if (!open) return;
    setEventID(randomEventId());
    setChosen(initial?.product ?? null);
    setProductQuery('');
  }, [open, initial]);

  // One registered location (the usual small enterprise): it is where the event happened.
  const only = locations.data?.length === 1 ? locations.data[0]?.identifier : undefined;
  useEffect(() => {
    if (open && only && !form.getFieldValue('location')) form.setFieldValue('location', only);
  }, [open, only, form]);

  const productOptions = useMemo(() => {
    const list = products.data?.items ?? [];
    const all = chosen && !list.some((p) => p.id === chosen.id) ? [chosen, ...list] : list;
    return all.map((p) => ({ value: p.id, label: `${p.name}（${displayGtin(p.gtin)}）`, product: p }));
  }, [products.data, chosen]);
  const locationList = locations.data ?? [];

  const submit = (values: RecordForm) => {
    const product = chosen;
    const location = locationList.find((l) => l.identifier === values.location);
    if (!product || !location) {
      form.setFields([
        ...(product ? [] : [{ name: 'productId' as const, errors: ['请重新选择产品'] }]),
        ...(location ? [] : [{ name: 'location' as const, errors: ['请重新选择地点'] }]),
      ]);
      return;
    }
    const batch = composeBatchCode(product.gtin, values.lot ?? '');
    if (!batch.ok) {
      form.setFields([{ name: batch.field === 'lot' ? 'lot' : 'productId', errors: [batch.message] }]);
      return;
    }
    const input: RecordEventInput = {
      eventID,
      step: values.step,
      batch: batch.code,
      lot: (values.lot ?? '').trim(),
      quantity: values.quantity ?? null,
      uom: values.uom,
      localTime: values.localTime?.format('YYYY-MM-DDTHH:mm') ?? '',
      location: { identifier: location.identifier, gln: location.gln },
      destinationGln: values.destinationGln ?? null,
      reference: values.reference?.trim() || null,
      conformant: values.conformant,
      expiryDate: values.expiryDate?.format('YYYY-MM-DD') ?? null,
    };
    const problems = checkRecordEvent(input);
    if (problems.length > 0) {
      form.setFields(problems.map((p) => ({ name: p.field, errors: [p.message] })));
      return;
    }
    capture.mutate(buildRecordEvent(input), {
      onSuccess: (answer) => {
        const summary = `${RECORD_STEP_LABEL[input.step]} · ${product.name} 批次 ${input.lot}`;
        message.success(answer.created ? `已登记：${summary}` : `该事件已登记过，未重复保存：${summary}`);
        form.resetFields();
        onRecorded(summary);
      },
      onError: (error) => showFormError(error, form, FIELDS, localise, (text) => message.error(text)),
    });
  };

  const quantityOptional = step === 'inspecting';
  return (
    <Modal
      title="登记批次事件"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      cancelText="取消"
      confirmLoading={capture.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<RecordForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{
          step: 'commissioning',
          uom: 'H87',
          conformant: true,
          localTime: huzhouNow(),
          ...(initial ? { productId: initial.product.id, lot: initial.lot } : {}),
        }}
      >
        <Form.Item name="step" label="事件" extra={STEP_HELP[step]}>
          <Radio.Group optionType="button" options={RECORD_STEPS.map((s) => ({ value: s, label: RECORD_STEP_LABEL[s] }))} />
        </Form.Item>
        <Form.Item label="产品 / 批次号" required style={{ marginBottom: 0 }}>
          <Space.Compact block>
            <Form.Item name="productId" rules={[{ required: true, message: '请选择产品' }]} style={{ width: '62%' }}>
              <Select
                aria-label="产品"
                showSearch={{ filterOption: false, onSearch: setProductQuery }}
                placeholder="选择已登记的产品"
                loading={products.isFetching}
                options={productOptions}
                onChange={(_value, option) => setChosen(Array.isArray(option) ? null : (option?.product ?? null))}
                notFoundContent={products.isFetching ? '加载中…' : '没有匹配的产品，请先在“产品与赋码”中登记'}
              />
            </Form.Item>
            <Form.Item name="lot" rules={[{ required: true, whitespace: true, message: '请输入批次号' }]} style={{ width: '38%' }}>
              <Input aria-label="批次号" placeholder="批次号，如 DRINK-1" maxLength={20} autoComplete="off" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item label={quantityOptional ? '抽样数量（可不填）' : '数量'} required={!quantityOptional} style={{ marginBottom: 0 }}>
          <Space.Compact block>
            <Form.Item name="quantity" rules={quantityOptional ? [] : [{ required: true, message: '请输入数量' }]} style={{ width: '62%' }}>
              <InputNumber aria-label="数量" min={0} max={1e9} style={{ width: '100%' }} placeholder="数量" />
            </Form.Item>
            <Form.Item name="uom" style={{ width: '38%' }}>
              <Select aria-label="单位" options={RECORD_UNITS.map((u) => ({ value: u, label: `${uomLabel(u)}（${u}）` }))} />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="localTime" label="发生时间（北京时间）" rules={[{ required: true, message: '请选择发生时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="location"
          label="本企业地点"
          rules={[{ required: true, message: '请选择地点' }]}
          extra={locations.data && locationList.length === 0 ? '还没有登记地点：请先在“登记地点”中登记本企业的 GLN' : undefined}
        >
          <Select
            aria-label="本企业地点"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="事件发生的本企业地点"
            loading={locations.isFetching}
            options={locationList.map((l) => ({ value: l.identifier, label: l.gln ? `${l.name}（GLN ${l.gln}）` : l.name }))}
          />
        </Form.Item>
        {step === 'shipping' ? (
          <Form.Item
            name="destinationGln"
            label="收货方地点 GLN"
            extra="收货方的 13 位全球位置码（GLN），向收货方索取；收货方登记收货后，追溯链即可接续"
            rules={[{ required: true, whitespace: true, message: '请输入收货方地点的 GLN' }]}
          >
            <Input inputMode="numeric" maxLength={13} autoComplete="off" placeholder="如 6970000001021" />
          </Form.Item>
        ) : null}
        {step === 'inspecting' ? (
          <Form.Item name="conformant" label="检验结论">
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: '合格' },
                { value: false, label: '不合格' },
              ]}
            />
          </Form.Item>
        ) : null}
        {step === 'commissioning' ? (
          <Form.Item name="expiryDate" label="保质期至（可不填）" extra="不填时，消费者页面按产品登记的保质期推算">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item name="reference" label={`${REFERENCE_LABEL[step]}（可不填）`}>
            <Input maxLength={300} autoComplete="off" placeholder={step === 'inspecting' ? '如 JC2026-1203-001，或 https://… 报告链接' : '如 FH-20261202-07'} />
          </Form.Item>
        )}
        {step === 'shipping' || step === 'receiving' ? (
          <Typography.Text type="secondary">单据号仅监管部门和企业可见，不在消费者扫码页面展示。</Typography.Text>
        ) : null}
      </Form>
      <Alert type="info" showIcon style={{ marginTop: 16 }} title="登记后生成一条 EPCIS 2.0 标准事件，与企业系统通过接口上报的数据相同，记入“上报记录”。" />
    </Modal>
  );
}
