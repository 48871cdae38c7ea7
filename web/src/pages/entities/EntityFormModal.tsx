import { App, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { INDUSTRY_SECTIONS, industryOf } from '../../../../common/industry.ts';
import { isApiError } from '../../api/client';
import {
  createEntity,
  ENTITY_STATUSES,
  ENTITY_TYPES,
  type EntityDetail,
  type EntityInput,
  type EntityStatus,
  type EntityType,
  SPECIAL_LISTS,
  type SpecialList,
  updateEntity,
  useEntityMutation,
} from '../../api/entities';
import { useLocalise } from '../../i18n';
import { fieldErrorsFrom } from '../../lib/form-errors';
import { scopeTree, toTreeSelectData } from '../../lib/regions';
import { useRegion } from '../../region-context';
import { useMeUser } from '../../session';
import { CreditCodeInput, useCreditCodeHint } from './CreditCodeField';
import { ENTITY_STATUS_LABELS, ENTITY_TYPE_LABELS, entityTypeFromCreditCode, SPECIAL_LIST_LABELS } from './labels';

interface EntityForm {
  creditCode: string;
  name: string;
  type?: EntityType;
  industryCode?: string;
  regionCode?: string;
  address?: string;
  legalRepresentative?: string;
  establishedOn?: Dayjs | null;
  status: EntityStatus;
  specialLists: SpecialList[];
}

const FIELDS = [
  'creditCode',
  'name',
  'type',
  'industryCode',
  'regionCode',
  'address',
  'legalRepresentative',
  'establishedOn',
  'status',
  'specialLists',
] as const;

/** Sections → divisions; a finer code already on the entity (e.g. 1713 from an import) is kept as its own option. */
function industryTree(current: string | null | undefined) {
  const finer = current && current.length > 2 ? industryOf(current) : null;
  return INDUSTRY_SECTIONS.map((section) => ({
    title: `${section.code} ${section.name}`,
    value: section.code,
    selectable: false,
    children: section.divisions.map((division) => ({
      title: `${division.code} ${division.name}`,
      value: division.code,
      ...(finer && current && finer.division.code === division.code ? { children: [{ title: `${current}（细分代码）`, value: current }] } : {}),
    })),
  }));
}

function toForm(entity: EntityDetail | null): EntityForm {
  if (!entity) return { creditCode: '', name: '', status: 'subsisting', specialLists: [] };
  return {
    creditCode: entity.creditCode,
    name: entity.name,
    type: entity.type,
    industryCode: entity.industryCode ?? undefined,
    regionCode: entity.regionCode,
    address: entity.address ?? undefined,
    legalRepresentative: entity.legalRepresentative ?? undefined,
    establishedOn: entity.establishedOn ? dayjs(entity.establishedOn) : null,
    status: entity.status,
    specialLists: entity.specialLists,
  };
}

function toInput(values: EntityForm): EntityInput {
  return {
    creditCode: values.creditCode,
    name: values.name.trim(),
    // The form's required rule has run: type and region are set.
    type: values.type ?? 'enterprise',
    regionCode: values.regionCode ?? '',
    industryCode: values.industryCode ?? null,
    address: values.address?.trim() || null,
    legalRepresentative: values.legalRepresentative?.trim() || null,
    establishedOn: values.establishedOn ? values.establishedOn.format('YYYY-MM-DD') : null,
    status: values.status,
    specialLists: values.specialLists,
  };
}

interface EntityFormModalProps {
  open: boolean;
  /** null: register a new entity; else edit this one. */
  entity: EntityDetail | null;
  onClose: () => void;
}

/** Register or edit an entity. The credit code is checked as it is typed (public GB 32100 check). */
export function EntityFormModal({ open, entity, onClose }: EntityFormModalProps) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const navigate = useNavigate();
  const me = useMeUser();
  const { tree } = useRegion();
  const [form] = Form.useForm<EntityForm>();
  const typedCode = Form.useWatch('creditCode', form) ?? '';
  const hint = useCreditCodeHint(typedCode);
  const [typeTouched, setTypeTouched] = useState(false);
  // A server verdict on the code (already registered …) shows instead of the typing hint until the code changes.
  const [codeError, setCodeError] = useState<string | null>(null);
  const save = useEntityMutation((input: EntityInput) => (entity ? updateEntity(entity.id, input) : createEntity(input)));
  const scope = useMemo(() => (tree ? scopeTree(tree, me.regionCode) : []), [tree, me.regionCode]);
  const townships = useMemo(() => toTreeSelectData(scope, (node) => node.level === 'township'), [scope]);

  const onCodeChange = (code: string) => {
    setCodeError(null);
    if (entity || typeTouched) return;
    const implied = entityTypeFromCreditCode(code);
    if (implied) form.setFieldValue('type', implied);
  };

  const submit = (values: EntityForm) => {
    save.mutate(toInput(values), {
      onSuccess: (saved) => {
        message.success(entity ? `已保存 ${saved.name}` : `已登记 ${saved.name}`);
        onClose();
        if (!entity) navigate(`/entities/${saved.id}`);
      },
      onError: (error) => {
        const fieldErrors = isApiError(error) ? fieldErrorsFrom(error, FIELDS, localise) : [];
        const onCode = fieldErrors.find((f) => f.name === 'creditCode');
        if (onCode) setCodeError(onCode.errors.join('；'));
        const others = fieldErrors.filter((f) => f.name !== 'creditCode');
        if (others.length > 0) form.setFields(others);
        if (fieldErrors.length === 0) message.error(localise(error.message));
      },
    });
  };

  return (
    <Modal
      title={entity ? `编辑主体：${entity.name}` : '登记市场主体'}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={entity ? '保存' : '登记'}
      cancelText="取消"
      confirmLoading={save.isPending}
      destroyOnHidden
      width={760}
    >
      <Form<EntityForm>
        form={form}
        layout="vertical"
        initialValues={toForm(entity)}
        onFinish={submit}
        preserve={false}
        onValuesChange={(changed: Partial<EntityForm>) => {
          if (changed.creditCode !== undefined) onCodeChange(changed.creditCode);
          if (changed.type !== undefined) setTypeTouched(true);
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="creditCode"
              label="统一社会信用代码"
              validateStatus={codeError ? 'error' : hint.status || undefined}
              help={codeError ?? (hint.text || undefined)}
              rules={[{ required: true, message: '请输入统一社会信用代码' }]}
            >
              <CreditCodeInput valid={hint.status === 'success'} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="type" label="主体类型" rules={[{ required: true, message: '请选择主体类型' }]}>
              <Select<EntityType> placeholder="按代码第 1–2 位自动识别" options={ENTITY_TYPES.map((t) => ({ value: t, label: ENTITY_TYPE_LABELS[t] }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请输入名称' }, { max: 200 }]}>
          <Input placeholder="与营业执照一致" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="regionCode" label="所属乡镇（街道）" rules={[{ required: true, message: '请选择住所所在乡镇（街道）' }]}>
              <TreeSelect
                placeholder="请选择"
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeData={townships}
                treeDefaultExpandedKeys={scope.map((node) => node.code)}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="industryCode" label="行业（GB/T 4754-2017）">
              <TreeSelect allowClear placeholder="请选择行业大类" showSearch={{ treeNodeFilterProp: 'title' }} treeData={industryTree(entity?.industryCode)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label="住所（经营场所）" rules={[{ max: 300 }]}>
          <Input />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="legalRepresentative" label="法定代表人（经营者）" rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="establishedOn" label="成立日期">
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="status" label="登记状态" rules={[{ required: true }]}>
              <Select<EntityStatus> options={ENTITY_STATUSES.map((s) => ({ value: s, label: ENTITY_STATUS_LABELS[s] }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="specialLists" label="特殊名录" style={{ marginBottom: 0 }}>
          <Checkbox.Group options={SPECIAL_LISTS.map((l) => ({ value: l, label: SPECIAL_LIST_LABELS[l] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
