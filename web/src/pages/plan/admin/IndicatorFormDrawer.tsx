import { App, Button, Col, Divider, Drawer, Flex, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { isApiError } from '../../../api/client';
import { createIndicator, type Indicator, type Plan, updateIndicator, usePlanMutation } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { CITY_CODE } from '../shared/regions';
import { usePlanRegion } from '../shared/use-plan-region';
import { ACCUMULATION_CHOICES, choiceHelp, DIRECTION_CHOICES, ROLLUP_CHOICES } from './choices';
import {
  filledUnits,
  formToInput,
  INDICATOR_CODE_PATTERN,
  type IndicatorFormValues,
  indicatorFieldErrors,
  indicatorPatch,
  indicatorToForm,
  newIndicatorForm,
} from './indicator-form';

interface IndicatorFormDrawerProps {
  open: boolean;
  plan: Pick<Plan, 'id' | 'name' | 'baseYear' | 'startYear' | 'endYear'>;
  /** the indicator to edit; null adds a new one to the plan */
  indicator: Indicator | null;
  /** the plan's other indicators (a new one continues their sequence and code) */
  siblings?: readonly Indicator[];
  onClose: () => void;
}

type Saved = { indicator: Indicator; unitsError: unknown };

const half = { xs: 24, md: 12 } as const;
const third = { xs: 24, md: 8 } as const;

/** Create or edit an indicator definition (city_admin): 表1 fields, how progress is measured, lead and responsible units. */
export function IndicatorFormDrawer(props: IndicatorFormDrawerProps) {
  // A fresh form for every opening: a reused antd form instance keeps the previous opening's values over new initialValues.
  return <IndicatorDrawer key={props.open ? `open:${props.indicator?.id ?? 'new'}` : 'closed'} {...props} />;
}

function IndicatorDrawer({ open, plan, indicator, siblings = [], onClose }: IndicatorFormDrawerProps) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<IndicatorFormValues>();
  const { regions } = usePlanRegion();
  const counties = useMemo(() => regions.filter((region) => region.code !== CITY_CODE), [regions]);
  const countyCodes = useMemo(() => counties.map((region) => region.code), [counties]);
  const targetKind = Form.useWatch('targetKind', form);
  const direction = Form.useWatch('direction', form);
  const accumulation = Form.useWatch('accumulation', form);
  const regionRollup = Form.useWatch('regionRollup', form);
  const unit = Form.useWatch('unit', form);
  const initialValues = useMemo(() => (indicator ? indicatorToForm(indicator) : newIndicatorForm(plan, siblings)), [indicator, plan, siblings]);

  // A new indicator is created first; its responsible units go in a second request (PATCH is where the API takes them).
  const save = usePlanMutation(async (values: IndicatorFormValues): Promise<Saved> => {
    if (indicator) return { indicator: await updateIndicator(indicator.id, indicatorPatch(indicator, values, countyCodes)), unitsError: null };
    const created = await createIndicator(plan.id, formToInput(values));
    const units = filledUnits(values, countyCodes);
    if (Object.keys(units).length === 0) return { indicator: created, unitsError: null };
    try {
      return { indicator: await updateIndicator(created.id, { responsibleUnits: units }), unitsError: null };
    } catch (unitsError) {
      return { indicator: created, unitsError };
    }
  });

  const submit = (values: IndicatorFormValues) => {
    if (indicator && Object.keys(indicatorPatch(indicator, values, countyCodes)).length === 0) {
      message.info('没有修改');
      onClose();
      return;
    }
    save.mutate(values, {
      onSuccess: ({ indicator: saved, unitsError }) => {
        if (unitsError) {
          const reason = unitsError instanceof Error ? localise(unitsError.message) : '';
          message.warning(`已新增指标 ${saved.code}，但区县责任单位未保存${reason ? `：${reason}` : ''}；请通过“编辑”重新填写`);
        } else {
          message.success(indicator ? `已保存指标 ${saved.code}` : `已新增指标 ${saved.code}`);
        }
        onClose();
      },
      onError: (error) => {
        const fields = isApiError(error) ? indicatorFieldErrors(error, localise) : [];
        if (fields.length > 0) {
          form.setFields(fields);
          const first = fields[0];
          if (first) form.scrollToField(first.name);
          message.error('保存失败，请按提示修改');
        } else {
          message.error(`保存失败：${localise(error.message)}`);
        }
      },
    });
  };

  const title = indicator ? `编辑指标 ${indicator.code} · ${indicator.name}` : `新增指标 · ${plan.name}`;
  const unitSuffix = unit?.trim() ? unit.trim() : undefined;

  return (
    <Drawer
      open={open}
      title={title}
      size={760}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {indicator ? '保存' : '新增'}
          </Button>
        </Flex>
      }
    >
      <Form<IndicatorFormValues> form={form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={submit} scrollToFirstError>
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          基本信息
        </Divider>
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item
              name="code"
              label="指标编码"
              extra="规划内唯一，如 I01；Excel 导入按编码匹配"
              rules={[
                { required: true, whitespace: true, message: '请输入指标编码' },
                { pattern: INDICATOR_CODE_PATTERN, message: '1–16 位字母、数字、_ 或 -' },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="seq" label="序号" extra="表1 中的顺序" rules={[{ required: true, message: '请输入序号' }]}>
              <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="unit" label="单位" rules={[{ required: true, whitespace: true, message: '请输入单位' }, { max: 30 }]}>
              <Input placeholder="如 %、个、项、微克/立方米" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="category" label="类别" rules={[{ required: true, whitespace: true, message: '请输入类别' }, { max: 50 }]}>
              <Input placeholder="如 产品质量、综合指标" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="subCategory" label="子类" rules={[{ max: 50 }]}>
              <Input placeholder="可空，如 质量建设" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="name" label="指标名称" rules={[{ required: true, whitespace: true, message: '请输入指标名称' }, { max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">目标与基期</Divider>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item
              name="targetKind"
              label="目标类型"
              extra={targetKind === 'text' ? '文字目标（如“达到省指标”）按每年录入的省级参照值测算进展' : '数字目标直接与实际值比较'}
            >
              <Radio.Group
                options={[
                  { value: 'value', label: '数值目标' },
                  { value: 'text', label: '文字目标' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            {targetKind === 'text' ? (
              <Form.Item name="targetText" label="目标说明" rules={[{ required: true, whitespace: true, message: '请输入目标说明' }, { max: 100 }]}>
                <Input placeholder="如 达到省指标、达到省均" />
              </Form.Item>
            ) : (
              <Form.Item name="targetValue" label="目标值" rules={[{ required: true, message: '请输入目标值' }]}>
                <InputNumber style={{ width: '100%' }} suffix={unitSuffix} />
              </Form.Item>
            )}
          </Col>
          <Col {...half}>
            <Form.Item
              name="targetYear"
              label="目标年"
              extra={`规划期 ${plan.startYear}–${plan.endYear} 年`}
              rules={[
                { required: true, message: '请输入目标年' },
                {
                  validator: (_rule, value: number | null) =>
                    value === null || value === undefined || (value >= plan.startYear && value <= plan.endYear)
                      ? Promise.resolve()
                      : Promise.reject(new Error(`目标年应在规划期 ${plan.startYear}–${plan.endYear} 年内`)),
                  warningOnly: true,
                },
              ]}
            >
              <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="baselineValue" label={`基期值（${plan.baseYear}年）`}>
              <InputNumber style={{ width: '100%' }} suffix={unitSuffix} placeholder="可空" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="baselineSource" label="基期值来源" rules={[{ max: 500 }]}>
              <Input placeholder="如 《规划》“十四五”回顾、统计年鉴" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">进展测算方式</Divider>
        <Form.Item name="direction" label="指标方向" extra={choiceHelp(DIRECTION_CHOICES, direction)} rules={[{ required: true }]}>
          <Radio.Group options={DIRECTION_CHOICES.map(({ value, label }) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="accumulation" label="统计方式" extra={choiceHelp(ACCUMULATION_CHOICES, accumulation)} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={ACCUMULATION_CHOICES.map(({ value, label }) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="regionRollup" label="区县汇总" extra={choiceHelp(ROLLUP_CHOICES, regionRollup)} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={ROLLUP_CHOICES.map(({ value, label }) => ({ value, label }))} />
        </Form.Item>

        <Divider titlePlacement="start">牵头单位与区县责任单位</Divider>
        <Form.Item name="leadUnit" label="牵头单位" rules={[{ max: 100 }]}>
          <Input placeholder="如 市市场监管局" />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          各区县负责本指标落实和数据填报的单位；留空表示未指定。
        </Typography.Paragraph>
        <Row gutter={16}>
          {counties.map((region) => (
            <Col key={region.code} {...half}>
              <Form.Item name={['responsibleUnits', region.code]} label={region.name} rules={[{ max: 100 }]}>
                <Input placeholder={`${region.name}责任单位`} />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <Divider titlePlacement="start">填报校验</Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="valueMin" label="合理范围下限" extra="填报值低于下限不能保存；百分比类一般为 0">
              <InputNumber style={{ width: '100%' }} suffix={unitSuffix} placeholder="不限" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="valueMax"
              label="合理范围上限"
              extra="填报值高于上限不能保存；百分比类一般为 100"
              dependencies={['valueMin']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_rule, value: number | null) => {
                    const min: number | null = getFieldValue('valueMin') ?? null;
                    return value === null || value === undefined || min === null || value >= min
                      ? Promise.resolve()
                      : Promise.reject(new Error('上限不能小于下限'));
                  },
                }),
              ]}
            >
              <InputNumber style={{ width: '100%' }} suffix={unitSuffix} placeholder="不限" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name="yoyBand"
              label="同比预警幅度"
              extra="与上年相比变化超过该幅度时提示核实，不阻止保存"
              rules={[{ required: true, message: '请输入同比预警幅度' }]}
            >
              <InputNumber min={1} max={1000} style={{ width: '100%' }} suffix="%" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="limit" label="自然极限" extra="无数值目标时测算用的上限，百分比类一般为 100">
              <InputNumber style={{ width: '100%' }} placeholder="可空" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="decimals" label="小数位" extra="显示和导出时保留的位数" rules={[{ required: true, message: '请输入小数位' }]}>
              <InputNumber min={0} max={6} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label="备注" rules={[{ max: 1000 }]}>
              <Input.TextArea rows={3} placeholder="统计口径、数据来源部门等" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
