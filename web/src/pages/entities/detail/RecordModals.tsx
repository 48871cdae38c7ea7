import { App, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { isApiError } from '../../../api/client';
import {
  addCertification,
  addLicence,
  CERTIFICATION_KINDS,
  CERTIFICATION_STATUSES,
  type Certification,
  type CertificationInput,
  LICENCE_KINDS,
  LICENCE_STATUSES,
  type Licence,
  type LicenceInput,
  updateCertification,
  updateLicence,
  useEntityMutation,
} from '../../../api/entities';
import { FormModal } from '../../../components/FormModal';
import { useLocalise } from '../../../i18n';
import { fieldErrorsFrom } from '../../../lib/form-errors';
import { CERTIFICATION_KIND_LABELS, CERTIFICATION_STATUS_LABELS, LICENCE_KIND_LABELS, LICENCE_STATUS_LABELS } from '../labels';

const day = (value: string | null | undefined) => (value ? dayjs(value) : null);
const text = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);
const noFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

interface RecordModalProps<F, I> {
  /** The record being edited, or null to add one. */
  record: { id: string; number: string } | null;
  /** 许可证 / 认证证书: used in the title and the success message. */
  noun: string;
  /** Form field names that server field errors may point at. */
  fields: readonly string[];
  /** Antd form store: dates as dayjs (or null). */
  initialValues: Record<string, unknown>;
  toInput: (values: F) => I;
  save: (input: I) => Promise<unknown>;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
}

/** The add / edit modal shared by licences and certifications: submit, success message, field errors onto the form. */
function RecordModal<F extends object, I>({ record, noun, fields, initialValues, toInput, save: saveRecord, open, onClose, children }: RecordModalProps<F, I>) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<F>();
  const save = useEntityMutation(saveRecord);
  const submit = (v: F) =>
    save.mutate(toInput(v), {
      onSuccess: () => {
        message.success(record ? `${noun}已更新` : `${noun}已添加`);
        onClose();
      },
      onError: (error) => {
        const errors = isApiError(error) ? fieldErrorsFrom(error, fields, localise) : [];
        if (errors.length > 0) form.setFields(errors as Parameters<typeof form.setFields>[0]);
        else message.error(localise(error.message));
      },
    });
  return (
    <FormModal
      title={record ? `编辑${noun} ${record.number}` : `新增${noun}`}
      open={open}
      onClose={onClose}
      onSubmit={() => form.submit()}
      saving={save.isPending}
      width={640}
    >
      <Form<F> form={form} layout="vertical" preserve={false} onFinish={submit} initialValues={initialValues}>
        {children}
      </Form>
    </FormModal>
  );
}

interface LicenceForm {
  kind: LicenceInput['kind'];
  number: string;
  productCategory: string;
  issuer?: string;
  issuedOn: Dayjs;
  expiresOn: Dayjs;
  status: LicenceInput['status'];
}

const LICENCE_FIELDS = ['kind', 'number', 'productCategory', 'issuer', 'issuedOn', 'expiresOn', 'status'] as const;

/** Add a licence to an entity, or edit one (`licence` set). */
export function LicenceModal({ entityId, licence, open, onClose }: { entityId: string; licence: Licence | null; open: boolean; onClose: () => void }) {
  return (
    <RecordModal<LicenceForm, LicenceInput>
      record={licence}
      noun="许可证"
      fields={LICENCE_FIELDS}
      initialValues={
        licence
          ? { ...licence, issuer: licence.issuer ?? undefined, issuedOn: day(licence.issuedOn), expiresOn: day(licence.expiresOn) }
          : { kind: 'industrial_product', status: 'valid' }
      }
      toInput={(v) => ({
        kind: v.kind,
        number: v.number.trim(),
        productCategory: v.productCategory.trim(),
        issuer: v.issuer?.trim() || null,
        issuedOn: text(v.issuedOn) ?? '',
        expiresOn: text(v.expiresOn) ?? '',
        status: v.status,
      })}
      save={(input) => (licence ? updateLicence(licence.id, input) : addLicence(entityId, input))}
      open={open}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="kind" label="许可类别" rules={[{ required: true }]}>
            <Select options={LICENCE_KINDS.map((k) => ({ value: k, label: LICENCE_KIND_LABELS[k] }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="number" label="证书编号" rules={[{ required: true, whitespace: true, message: '请输入证书编号' }, { max: 60 }]}>
            <Input placeholder="如 (浙)XK06-001-00123、SC10633050200123" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="productCategory" label="产品类别 / 许可范围" rules={[{ required: true, whitespace: true, message: '请输入产品类别' }, { max: 200 }]}>
        <Input />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="issuer" label="发证机关" rules={[{ max: 100 }]}>
            <Input placeholder="如 浙江省市场监督管理局" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="status" label="状态" rules={[{ required: true }]}>
            <Select options={LICENCE_STATUSES.map((s) => ({ value: s, label: LICENCE_STATUS_LABELS[s] }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="issuedOn" label="发证日期" rules={[{ required: true, message: '请选择发证日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="expiresOn" label="有效期至" rules={[{ required: true, message: '请选择有效期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </RecordModal>
  );
}

interface CertificationForm {
  kind: CertificationInput['kind'];
  number: string;
  issuer: string;
  scope?: string;
  issuedOn: Dayjs;
  expiresOn?: Dayjs | null;
  status: CertificationInput['status'];
}

const CERT_FIELDS = ['kind', 'number', 'issuer', 'scope', 'issuedOn', 'expiresOn', 'status'] as const;

/** Add a certification (绿色产品认证, 品字标浙江制造, ISO 9001 …), or edit one. */
export function CertificationModal({
  entityId,
  certification,
  open,
  onClose,
}: {
  entityId: string;
  certification: Certification | null;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <RecordModal<CertificationForm, CertificationInput>
      record={certification}
      noun="认证证书"
      fields={CERT_FIELDS}
      initialValues={
        certification
          ? {
              ...certification,
              scope: certification.scope ?? undefined,
              issuedOn: day(certification.issuedOn),
              expiresOn: day(certification.expiresOn),
            }
          : { kind: 'iso9001', status: 'valid' }
      }
      toInput={(v) => ({
        kind: v.kind,
        number: v.number.trim(),
        issuer: v.issuer.trim(),
        scope: v.scope?.trim() || null,
        issuedOn: text(v.issuedOn) ?? '',
        expiresOn: text(v.expiresOn),
        status: v.status,
      })}
      save={(input) => (certification ? updateCertification(certification.id, input) : addCertification(entityId, input))}
      open={open}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="kind" label="认证类别" rules={[{ required: true }]}>
            <Select options={CERTIFICATION_KINDS.map((k) => ({ value: k, label: CERTIFICATION_KIND_LABELS[k] }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="number" label="证书编号" rules={[{ required: true, whitespace: true, message: '请输入证书编号' }, { max: 80 }]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="issuer" label="认证机构" rules={[{ required: true, whitespace: true, message: '请输入认证机构' }, { max: 100 }]}>
            <Input placeholder="如 中国质量认证中心" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="status" label="状态" rules={[{ required: true }]}>
            <Select options={CERTIFICATION_STATUSES.map((s) => ({ value: s, label: CERTIFICATION_STATUS_LABELS[s] }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="scope" label="认证范围" rules={[{ max: 300 }]}>
        <Input />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="issuedOn" label="颁证日期" rules={[{ required: true, message: '请选择颁证日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="expiresOn" label="有效期至（长期有效可不填）">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </RecordModal>
  );
}
