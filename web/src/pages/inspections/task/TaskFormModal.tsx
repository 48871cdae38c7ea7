import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Col, DatePicker, Divider, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { RATIO_BANDS, RISK_CLASSES } from '../../../../../common/draw/types.ts';
import { SPECIAL_LIST_LABELS } from '../../../../../common/entity-labels.ts';
import { INDUSTRY_SECTIONS } from '../../../../../common/industry.ts';
import { isApiError } from '../../../api/client';
import { SPECIAL_LISTS } from '../../../api/entities';
import { type ItemRef, type TaskKind, useItems, usePlans } from '../../../api/inspections';
import { useLocalise } from '../../../i18n';
import { regionPath, scopeTree, toTreeSelectData } from '../../../lib/regions';
import { useRegion } from '../../../region-context';
import { useMeUser } from '../../../session';
import { ITEM_KIND_LABELS, percent, REGION_RULE_LABELS } from '../labels';
import { ratiosToPercent, type TaskFormValues, taskFieldErrors } from './task-form';

const industryOptions = INDUSTRY_SECTIONS.map((s) => ({
  label: `${s.code} ${s.name}`,
  options: [{ value: s.code, label: `${s.code} ${s.name}（整个门类）` }, ...s.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` }))],
}));

const KIND_OPTIONS: { value: TaskKind; label: string }[] = [
  { value: 'random', label: '双随机抽查（摇号确定对象和人员）' },
  { value: 'non_random', label: '非随机检查（投诉举报、线索、转办）' },
];

/** A value fixed once the task exists (the PATCH takes neither kind nor region): shown as text, still in the form. */
function FixedValue({ text }: { text: string; value?: unknown }) {
  return (
    <Flex align="center" gap={8} style={{ minHeight: 32 }}>
      <Typography.Text strong>{text}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <LockOutlined /> 创建后不可更改
      </Typography.Text>
    </Flex>
  );
}

export interface TaskFormModalProps {
  open: boolean;
  onClose: () => void;
  title: string;
  okText: string;
  initialValues: TaskFormValues;
  /**
   * Saves the values. A rejection with the API's validation details puts each message at its field (and keeps the
   * dialog open); any other error is shown as a message. The caller closes the dialog on success.
   */
  onSubmit: (values: TaskFormValues) => Promise<unknown>;
  /**
   * Editing a saved draft: its kind and region are fixed (the PATCH takes neither); its items are offered even when
   * the list has since been revised.
   */
  editing?: { items: ItemRef[]; regionName: string };
}

/**
 * The 抽查任务 form, for a new task and for a draft being corrected: 双随机 (from an annual plan, ratios per credit
 * class) or 非随机 (triggered by a complaint or clue).
 */
export function TaskFormModal({ open, onClose, title, okText, initialValues, onSubmit, editing }: TaskFormModalProps) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const me = useMeUser();
  const { tree } = useRegion();
  const [form] = Form.useForm<TaskFormValues>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) ?? initialValues.kind;
  const regionCode = Form.useWatch('regionCode', form) ?? initialValues.regionCode;
  const ratios = Form.useWatch('ratios', form);
  const items = useItems();
  const plans = usePlans({ page: 1, pageSize: 100 });
  const scope = useMemo(() => (tree ? scopeTree(tree, me.regionCode) : []), [tree, me.regionCode]);
  const bureaus = useMemo(() => toTreeSelectData(scope, (n) => n.level !== 'township'), [scope]);
  const within = useMemo(() => (tree ? toTreeSelectData(scopeTree(tree, regionCode)) : []), [tree, regionCode]);
  const outside = RISK_CLASSES.filter((c) => ratios && (ratios[c] * 100 < RATIO_BANDS[c].min || ratios[c] * 100 > RATIO_BANDS[c].max));
  // A saved task keeps its region, so only plans of that region or one above it fit (the rule creation checks).
  const planRegions = useMemo(() => (editing && tree ? regionPath(tree, initialValues.regionCode) : null), [editing, tree, initialValues.regionCode]);
  const planOptions = (plans.data?.items ?? [])
    .filter((p) => planRegions === null || planRegions.includes(p.regionCode))
    .map((p) => ({ value: p.id, label: `${p.year} · ${p.name}` }));
  const itemOptions = useMemo(() => {
    const current = (items.data ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}（${ITEM_KIND_LABELS[i.kind]}）` }));
    const kept = (editing?.items ?? [])
      .filter((i) => !current.some((o) => o.value === i.id))
      .map((i) => ({ value: i.id, label: `${i.code} ${i.name}（${ITEM_KIND_LABELS[i.kind]}，第 ${i.version} 版，已修订）` }));
    return [...current, ...kept];
  }, [items.data, editing]);

  const onPlan = (planId: string | undefined) => {
    const plan = plans.data?.items.find((p) => p.id === planId);
    if (!plan) return;
    form.setFieldsValue({
      ...(editing ? {} : { regionCode: plan.regionCode }),
      itemIds: plan.items.map((i) => i.id),
      ratios: ratiosToPercent(plan.ratioBasisPoints),
      inspectorsPerTarget: plan.inspectorsPerTarget,
      regionRule: plan.regionRule,
    });
  };

  const submit = async (v: TaskFormValues) => {
    setSaving(true);
    try {
      await onSubmit(v);
    } catch (error) {
      const fieldErrors = isApiError(error) ? taskFieldErrors(error, localise) : [];
      if (fieldErrors.length > 0) form.setFields(fieldErrors);
      else message.error(localise(error instanceof Error ? error.message : String(error)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      width={820}
    >
      <Form<TaskFormValues> form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)} initialValues={initialValues}>
        {editing ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="草稿阶段可修改任务参数。冻结名录时，检查范围、抽查比例和人员规则计入名录哈希，此后不能再改。"
          />
        ) : null}
        <Form.Item name="kind" label="任务类型">
          {editing ? (
            <FixedValue text={KIND_OPTIONS.find((o) => o.value === initialValues.kind)?.label ?? ''} />
          ) : (
            <Radio.Group optionType="button" buttonStyle="solid" options={KIND_OPTIONS} />
          )}
        </Form.Item>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="name" label="任务名称" rules={[{ required: true, whitespace: true, message: '请输入任务名称' }, { max: 200 }]}>
              <Input placeholder="如：2026 年第五批 食品生产企业“双随机”抽查" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="planId" label="所属年度计划">
              <Select
                allowClear
                placeholder={kind === 'random' ? '选择后带出事项、比例和规则' : '可不选'}
                loading={plans.isPending}
                onChange={onPlan}
                options={planOptions}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="regionCode" label="任务所属区域" rules={editing ? [] : [{ required: true, message: '请选择区域' }]}>
              {editing ? <FixedValue text={editing.regionName} /> : <TreeSelect treeData={bureaus} treeDefaultExpandAll />}
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="period" label="检查期间（开始 — 截止）">
              <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['开始日期', '截止日期']} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="itemIds" label="抽查事项" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一项抽查事项' }]}>
          <Select
            mode="multiple"
            loading={items.isPending}
            placeholder="从抽查事项清单中选择（进一次门、查多项事）"
            optionFilterProp="label"
            options={itemOptions}
          />
        </Form.Item>
        {kind === 'non_random' ? (
          <Form.Item
            name="triggerReason"
            label="触发原因"
            extra="非随机检查不经摇号，结果公示时标注“非随机”。"
            rules={[{ required: true, whitespace: true, message: '请写明投诉举报、线索或转办的来源' }, { max: 1000 }]}
          >
            <Input.TextArea rows={2} placeholder="如：12315 平台投诉（编号……）反映……" />
          </Form.Item>
        ) : (
          <>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name="townships" label="检查对象范围：乡镇（街道）" extra="不选即为任务区域全部">
                  <TreeSelect multiple treeCheckable showCheckedStrategy="SHOW_PARENT" treeData={within} placeholder="全部" maxTagCount={3} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="industries" label="行业（国民经济行业分类）" extra="不选即为全部行业">
                  <Select mode="multiple" options={industryOptions} placeholder="全部" optionFilterProp="label" maxTagCount={3} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="specialLists" label="专项库" extra="只从列入所选名录的主体中抽取；不选则不限">
              <Select mode="multiple" allowClear options={SPECIAL_LISTS.map((s) => ({ value: s, label: SPECIAL_LIST_LABELS[s] }))} placeholder="不限" />
            </Form.Item>
          </>
        )}
        <Divider titlePlacement="start" plain>
          {kind === 'random' ? '抽查比例（按信用风险分类）与人员规则' : '人员规则'}
        </Divider>

        {kind === 'random' ? (
          <Row gutter={12}>
            {RISK_CLASSES.map((c) => (
              <Col span={6} key={c}>
                <Form.Item
                  name={['ratios', c]}
                  label={`${c} 类比例`}
                  extra={`参考 ${percent(RATIO_BANDS[c].min)}–${percent(RATIO_BANDS[c].max)}`}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={0} max={100} step={1} suffix="%" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        ) : null}
        {outside.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`${outside.join('、')} 类比例超出参考区间（临县 2024 年公开方案）：可以保存，请确认符合本地规定。`}
          />
        ) : null}
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="inspectorsPerTarget" label="每户检查人员" extra="行政处罚法第 42 条：不少于 2 人">
              <InputNumber min={2} max={20} suffix="人" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="regionRule" label="属地回避">
              <Select options={(['township', 'county', 'none'] as const).map((r) => ({ value: r, label: REGION_RULE_LABELS[r] }))} />
            </Form.Item>
          </Col>
          {kind === 'random' ? (
            <Col span={6}>
              <Form.Item name="maxTargetsPerInspector" label="每人最多（户）">
                <InputNumber min={1} placeholder="不限" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
