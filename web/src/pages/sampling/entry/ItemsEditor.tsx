import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Flex,
  Form,
  type FormListFieldData,
  type FormRule,
  Input,
  InputNumber,
  Select,
  Table,
  type TableColumnType,
  Tag,
  Typography,
} from 'antd';
import { judgeItem } from '../../../../../common/sampling/conclusion.ts';
import type { TestItemInput, Verdict } from '../../../api/sampling';
import { VERDICT_LABELS } from '../labels';
import { VerdictTag } from '../shared';

export type VerdictChoice = 'auto' | Verdict;

export interface ItemForm {
  name?: string;
  method?: string;
  standard?: string;
  unit?: string;
  limitMin?: number | null;
  limitMax?: number | null;
  limitText?: string;
  resultValue?: number | null;
  resultText?: string;
  verdict?: VerdictChoice;
}

const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const txt = (v: string | undefined) => v?.trim() || null;

export function toItemInput(item: ItemForm): TestItemInput {
  return {
    name: item.name?.trim() ?? '',
    method: txt(item.method),
    standard: txt(item.standard),
    unit: txt(item.unit),
    limitMin: num(item.limitMin),
    limitMax: num(item.limitMax),
    limitText: txt(item.limitText),
    resultValue: num(item.resultValue),
    resultText: txt(item.resultText),
    verdict: item.verdict === 'pass' || item.verdict === 'fail' ? item.verdict : null,
  };
}

/** The verdict the server will compute for an item as typed (same rule: common/sampling/conclusion.ts). */
export function previewVerdict(item: ItemForm | undefined): { verdict: Verdict | null; problem: string | null } {
  if (!item) return { verdict: null, problem: null };
  const i = toItemInput(item);
  const judged = judgeItem(
    { limitMin: i.limitMin ?? null, limitMax: i.limitMax ?? null, limitText: i.limitText ?? null },
    { value: i.resultValue ?? null, text: i.resultText ?? null, enteredVerdict: i.verdict ?? null },
  );
  return judged.ok ? { verdict: judged.verdict, problem: null } : { verdict: null, problem: judged.reason.split(' / ')[0] ?? judged.reason };
}

/** A column of free-text inputs; its key is the field's name and the cell is labelled by the column's title. */
function textColumn(c: { title: string; field: keyof ItemForm; width: number; placeholder: string; rules?: FormRule[] }): TableColumnType<FormListFieldData> {
  return {
    title: c.title,
    key: c.field,
    width: c.width,
    render: (_v, f) => (
      <Form.Item name={[f.name, c.field]} noStyle rules={c.rules}>
        <Input aria-label={`第 ${f.name + 1} 项 ${c.title}`} placeholder={c.placeholder} />
      </Form.Item>
    ),
  };
}

/** A column of number inputs, the cell labelled `label`. */
function numberColumn(c: { title: string; label: string; key: string; field: keyof ItemForm; width: number }): TableColumnType<FormListFieldData> {
  return {
    title: c.title,
    key: c.key,
    width: c.width,
    render: (_v, f) => (
      <Form.Item name={[f.name, c.field]} noStyle>
        <InputNumber aria-label={`第 ${f.name + 1} 项 ${c.label}`} style={{ width: '100%' }} />
      </Form.Item>
    ),
  };
}

export function ItemsEditor() {
  const form = Form.useFormInstance();
  const items = (Form.useWatch('items', form) ?? []) as ItemForm[];
  return (
    <Form.List name="items">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            scroll={{ x: 1250 }}
            columns={[
              { title: '序号', key: 'seq', width: 46, render: (_v, _f, i) => i + 1 },
              textColumn({
                title: '检验项目',
                field: 'name',
                width: 140,
                placeholder: '如 甲醛含量',
                rules: [{ required: true, whitespace: true, message: '请填写项目名称' }],
              }),
              textColumn({ title: '检验方法', field: 'method', width: 120, placeholder: 'GB/T 2912.1' }),
              textColumn({ title: '判定依据', field: 'standard', width: 130, placeholder: 'GB 18401-2010' }),
              textColumn({ title: '单位', field: 'unit', width: 76, placeholder: 'mg/kg' }),
              numberColumn({ title: '下限 ≥', label: '下限', key: 'min', field: 'limitMin', width: 82 }),
              numberColumn({ title: '上限 ≤', label: '上限', key: 'max', field: 'limitMax', width: 82 }),
              textColumn({ title: '文字要求', field: 'limitText', width: 130, placeholder: '无数值限值时填写' }),
              numberColumn({ title: '实测值', label: '实测值', key: 'value', field: 'resultValue', width: 90 }),
              textColumn({ title: '文字结果', field: 'resultText', width: 104, placeholder: '未检出、符合…' }),
              {
                title: '判定',
                key: 'verdict',
                width: 100,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'verdict']} noStyle initialValue="auto">
                    <Select<VerdictChoice>
                      aria-label={`第 ${f.name + 1} 项 判定`}
                      options={[
                        { value: 'auto', label: '按限值' },
                        { value: 'pass', label: VERDICT_LABELS.pass },
                        { value: 'fail', label: VERDICT_LABELS.fail },
                      ]}
                    />
                  </Form.Item>
                ),
              },
              {
                title: '结果',
                key: 'preview',
                width: 86,
                fixed: 'right',
                render: (_v, f) => {
                  const p = previewVerdict(items[f.name]);
                  if (p.problem) return <Typography.Text type="danger">{p.problem}</Typography.Text>;
                  return p.verdict ? <VerdictTag verdict={p.verdict} final /> : <Tag>待判定</Tag>;
                },
              },
              {
                title: '',
                key: 'remove',
                width: 40,
                fixed: 'right',
                render: (_v, f) => (
                  <Button
                    type="text"
                    aria-label={`删除第 ${f.name + 1} 项`}
                    icon={<DeleteOutlined />}
                    disabled={fields.length <= 1}
                    onClick={() => remove(f.name)}
                  />
                ),
              },
            ]}
          />
          <Button icon={<PlusOutlined />} onClick={() => add({ verdict: 'auto' })} style={{ alignSelf: 'flex-start' }}>
            添加检验项目
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

export function ConclusionPreview() {
  const form = Form.useFormInstance();
  const items = (Form.useWatch('items', form) ?? []) as ItemForm[];
  const verdicts = items.map((i) => previewVerdict(i).verdict);
  const failing = items.filter((_i, k) => verdicts[k] === 'fail').map((i) => i.name?.trim() || '（未命名）');
  const pending = verdicts.filter((v) => v === null).length;
  if (failing.length > 0) return <Alert type="error" showIcon title={`按检验项目判定：不合格（不合格项目：${failing.join('、')}）`} />;
  if (items.length > 0 && pending === 0) return <Alert type="success" showIcon title="按检验项目判定：合格" />;
  return <Alert type="info" showIcon title={`尚有 ${pending} 个项目未判定；全部判定后方可出具结论`} />;
}

/** Enter a sample (draft) with its test items, or edit a draft. Conclusions are previewed as typed, computed by the server. */
