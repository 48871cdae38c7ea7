import { Alert, App, Button, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { type Indicator, type IndicatorValue, saveValue, updateValue, usePlanMutation, type ValueWarning } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { type AttachmentRef, AttachmentUpload } from '../shared/AttachmentUpload';
import { formatValue } from '../shared/format';
import { type Cell, isEditable, isRate, rateFrom } from '../shared/values';
import { WarningList } from './Warnings';

interface EntryFormProps {
  planId: string;
  indicator: Indicator;
  regionCode: string;
  year: number;
  cell: Cell | undefined;
  /** set when correcting an approved value: saving creates version n+1 */
  correctionReason: string | null;
  onDone: () => void;
}

interface EntryValues {
  value: number;
  numerator?: number | null;
  denominator?: number | null;
  sourceNote?: string;
}

/** Entry of one cell (indicator × region × year), shown in the expanded table row. Saving keeps it a draft. */
export function EntryForm({ planId, indicator, regionCode, year, cell, correctionReason, onDone }: EntryFormProps) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<EntryValues>();
  const current = cell?.current;
  const patching = !!current && isEditable(current.status) && correctionReason === null;
  const base: IndicatorValue | undefined = current;
  const [attachment, setAttachment] = useState<AttachmentRef | null>(base?.attachment ?? null);
  const [warnings, setWarnings] = useState<readonly ValueWarning[] | null>(null);
  const rate = isRate(indicator.unit);

  const save = usePlanMutation((values: EntryValues) => {
    const fields = {
      value: values.value,
      numerator: rate ? (values.numerator ?? null) : null,
      denominator: rate ? (values.denominator ?? null) : null,
      sourceNote: values.sourceNote?.trim() || null,
      attachmentId: attachment?.id ?? null,
    };
    if (patching && current) return updateValue(current.id, fields);
    return saveValue(planId, { indicatorId: indicator.id, regionCode, year, ...fields, ...(correctionReason ? { correctionReason } : {}) });
  });

  const onValuesChange = (changed: Partial<EntryValues>, all: EntryValues) => {
    if (!rate || !('numerator' in changed || 'denominator' in changed)) return;
    const computed = rateFrom(all.numerator, all.denominator, indicator.decimals);
    if (computed !== null) form.setFieldValue('value', computed);
  };

  const shownWarnings = warnings ?? (current && isEditable(current.status) ? current.warnings : []);

  return (
    <Flex vertical gap={12} style={{ padding: '4px 8px 8px' }}>
      {correctionReason ? (
        <Alert
          type="info"
          showIcon
          title={`更正已审定数值（将生成第 ${(current?.version ?? 0) + 1} 版，原值在新版本审定前继续有效）`}
          description={`更正原因：${correctionReason}`}
        />
      ) : null}
      {current?.status === 'returned' && current.returnReason ? <Alert type="error" showIcon title={`退回原因：${current.returnReason}`} /> : null}
      <Form<EntryValues>
        form={form}
        layout="inline"
        style={{ rowGap: 12 }}
        initialValues={{
          value: base?.value,
          numerator: base?.numerator ?? undefined,
          denominator: base?.denominator ?? undefined,
          sourceNote: base?.sourceNote ?? undefined,
        }}
        onValuesChange={onValuesChange}
        onFinish={(values) =>
          save.mutate(values, {
            onSuccess: (saved) => {
              setWarnings(saved.warnings);
              message.success(saved.warnings.length > 0 ? `已保存草稿，有 ${saved.warnings.length} 条提示请核实` : '已保存草稿');
              if (saved.warnings.length === 0) onDone();
            },
            onError: (error) => message.error(`保存失败：${localise(error.message)}`),
          })
        }
      >
        {rate ? (
          <>
            <Form.Item name="numerator" label="分子">
              <InputNumber aria-label="分子" min={0} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="denominator" label="分母">
              <InputNumber aria-label="分母" min={0} style={{ width: 120 }} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="value" label={`${year}年数值`} rules={[{ required: true, message: '请输入数值' }]}>
          <InputNumber aria-label="数值" style={{ width: 160 }} suffix={indicator.unit} />
        </Form.Item>
        <Form.Item name="sourceNote" label="数据来源">
          <Input aria-label="数据来源" placeholder="如 统计年鉴、部门台账" style={{ width: 260 }} maxLength={200} />
        </Form.Item>
      </Form>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>佐证材料：</Typography.Text>
        <AttachmentUpload value={attachment} onChange={setAttachment} />
      </Flex>
      {indicator.accumulation === 'increment' ? (
        <Typography.Text type="secondary">本指标为新增类：请填写 {year} 年当年新增数，不是累计数。</Typography.Text>
      ) : null}
      {cell?.published ? (
        <Typography.Text type="secondary">
          现行已审定值：{formatValue(cell.published.value, indicator.unit, indicator.decimals)}（第 {cell.published.version} 版）
        </Typography.Text>
      ) : null}
      <WarningList warnings={shownWarnings} />
      <Flex gap={8}>
        <Button type="primary" onClick={() => form.submit()} loading={save.isPending}>
          保存草稿
        </Button>
        <Button onClick={onDone}>收起</Button>
      </Flex>
    </Flex>
  );
}
