import { Alert, App, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { DEFAULT_DRAW_PARAMS, RATIO_BANDS, RISK_CLASSES, type RiskClass } from '../../../../../common/draw/types.ts';
import { SPECIAL_LIST_LABELS } from '../../../../../common/entity-labels.ts';
import { INDUSTRY_SECTIONS } from '../../../../../common/industry.ts';
import { isApiError } from '../../../api/client';
import { SPECIAL_LISTS, type SpecialList } from '../../../api/entities';
import { createTask, type RegionRule, type TaskInput, type TaskKind, useInspectionMutation, useItems, usePlans } from '../../../api/inspections';
import { useLocalise } from '../../../i18n';
import { fieldErrorsFrom } from '../../../lib/form-errors';
import { scopeTree, toTreeSelectData } from '../../../lib/regions';
import { useRegion } from '../../../region-context';
import { useMeUser } from '../../../session';
import { ITEM_KIND_LABELS, percent, REGION_RULE_LABELS } from '../labels';

interface TaskForm {
  kind: TaskKind;
  name: string;
  planId?: string;
  regionCode: string;
  itemIds: string[];
  townships: string[];
  industries: string[];
  specialLists: SpecialList[];
  ratios: Record<RiskClass, number>;
  inspectorsPerTarget: number;
  regionRule: RegionRule;
  maxTargetsPerInspector?: number | null;
  period?: [Dayjs, Dayjs] | null;
  triggerReason?: string;
}

const FIELDS = ['name', 'planId', 'regionCode', 'itemIds', 'triggerReason', 'inspectorsPerTarget'] as const;

const industryOptions = INDUSTRY_SECTIONS.map((s) => ({
  label: `${s.code} ${s.name}`,
  options: [{ value: s.code, label: `${s.code} ${s.name}（整个门类）` }, ...s.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` }))],
}));

const toPercent = (r: Record<RiskClass, number>) => Object.fromEntries(RISK_CLASSES.map((c) => [c, r[c] / 100])) as Record<RiskClass, number>; // every class mapped

/** New 抽查任务: 双随机 (from an annual plan, ratios per credit class) or 非随机 (triggered by a complaint or clue). */
export function TaskFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const navigate = useNavigate();
  const me = useMeUser();
  const { tree } = useRegion();
  const [form] = Form.useForm<TaskForm>();
  const kind = Form.useWatch('kind', form) ?? 'random';
  const regionCode = Form.useWatch('regionCode', form) ?? me.regionCode;
  const ratios = Form.useWatch('ratios', form);
  const items = useItems();
  const plans = usePlans({ page: 1, pageSize: 100 });
  const save = useInspectionMutation(createTask);
  const scope = useMemo(() => (tree ? scopeTree(tree, me.regionCode) : []), [tree, me.regionCode]);
  const bureaus = useMemo(() => toTreeSelectData(scope, (n) => n.level !== 'township'), [scope]);
  const within = useMemo(() => (tree ? toTreeSelectData(scopeTree(tree, regionCode)) : []), [tree, regionCode]);
  const outside = RISK_CLASSES.filter((c) => ratios && (ratios[c] * 100 < RATIO_BANDS[c].min || ratios[c] * 100 > RATIO_BANDS[c].max));

  const onPlan = (planId: string | undefined) => {
    const plan = plans.data?.items.find((p) => p.id === planId);
    if (!plan) return;
    form.setFieldsValue({
      regionCode: plan.regionCode,
      itemIds: plan.items.map((i) => i.id),
      ratios: toPercent(plan.ratioBasisPoints),
      inspectorsPerTarget: plan.inspectorsPerTarget,
      regionRule: plan.regionRule,
    });
  };

  const submit = (v: TaskForm) => {
    const input: TaskInput = {
      kind: v.kind,
      name: v.name.trim(),
      planId: v.planId ?? null,
      regionCode: v.regionCode,
      itemIds: v.itemIds,
      startsOn: v.period?.[0]?.format('YYYY-MM-DD') ?? null,
      deadline: v.period?.[1]?.format('YYYY-MM-DD') ?? null,
      ...(v.kind === 'random'
        ? {
            scope: { regionCodes: v.townships, industries: v.industries, specialLists: v.specialLists, statuses: [] },
            ratioBasisPoints: Object.fromEntries(RISK_CLASSES.map((c) => [c, Math.round(v.ratios[c] * 100)])) as Record<RiskClass, number>, // every class mapped
            inspectorsPerTarget: v.inspectorsPerTarget,
            regionRule: v.regionRule,
            maxTargetsPerInspector: v.maxTargetsPerInspector ?? null,
          }
        : { triggerReason: v.triggerReason?.trim() ?? '', inspectorsPerTarget: v.inspectorsPerTarget, regionRule: v.regionRule }),
    };
    save.mutate(input, {
      onSuccess: (task) => {
        message.success(`已创建任务：${task.name}`);
        onClose();
        navigate(`/inspections/tasks/${task.id}`);
      },
      onError: (error) => {
        const fieldErrors = isApiError(error) ? fieldErrorsFrom(error, FIELDS, localise) : [];
        if (fieldErrors.length > 0) form.setFields(fieldErrors);
        else message.error(localise(error.message));
      },
    });
  };

  return (
    <Modal
      title="新建抽查任务"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="创建"
      cancelText="取消"
      confirmLoading={save.isPending}
      destroyOnHidden
      width={820}
    >
      <Form<TaskForm>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={submit}
        initialValues={{
          kind: 'random',
          regionCode: me.regionCode,
          itemIds: [],
          townships: [],
          industries: [],
          specialLists: [],
          ratios: toPercent(DEFAULT_DRAW_PARAMS.ratioBasisPoints),
          inspectorsPerTarget: 2,
          regionRule: 'township',
        }}
      >
        <Form.Item name="kind" label="任务类型">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'random', label: '双随机抽查（摇号确定对象和人员）' },
              { value: 'non_random', label: '非随机检查（投诉举报、线索、转办）' },
            ]}
          />
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
                options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.year} · ${p.name}` }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="regionCode" label="任务所属区域" rules={[{ required: true, message: '请选择区域' }]}>
              <TreeSelect treeData={bureaus} treeDefaultExpandAll />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="period" label="检查期间（开始 — 截止）">
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="itemIds" label="抽查事项" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一项抽查事项' }]}>
          <Select
            mode="multiple"
            loading={items.isPending}
            placeholder="从抽查事项清单中选择（进一次门、查多项事）"
            optionFilterProp="label"
            options={(items.data ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}（${ITEM_KIND_LABELS[i.kind]}）` }))}
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
