import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
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
              {
                title: '检验项目',
                key: 'name',
                width: 140,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
                    <Input aria-label={`第 ${f.name + 1} 项 检验项目`} placeholder="如 甲醛含量" />
                  </Form.Item>
                ),
              },
              {
                title: '检验方法',
                key: 'method',
                width: 120,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'method']} noStyle>
                    <Input aria-label={`第 ${f.name + 1} 项 检验方法`} placeholder="GB/T 2912.1" />
                  </Form.Item>
                ),
              },
              {
                title: '判定依据',
                key: 'standard',
                width: 130,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'standard']} noStyle>
                    <Input aria-label={`第 ${f.name + 1} 项 判定依据`} placeholder="GB 18401-2010" />
                  </Form.Item>
                ),
              },
              {
                title: '单位',
                key: 'unit',
                width: 76,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'unit']} noStyle>
                    <Input aria-label={`第 ${f.name + 1} 项 单位`} placeholder="mg/kg" />
                  </Form.Item>
                ),
              },
              {
                title: '下限 ≥',
                key: 'min',
                width: 82,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'limitMin']} noStyle>
                    <InputNumber aria-label={`第 ${f.name + 1} 项 下限`} style={{ width: '100%' }} />
                  </Form.Item>
                ),
              },
              {
                title: '上限 ≤',
                key: 'max',
                width: 82,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'limitMax']} noStyle>
                    <InputNumber aria-label={`第 ${f.name + 1} 项 上限`} style={{ width: '100%' }} />
                  </Form.Item>
                ),
              },
              {
                title: '文字要求',
                key: 'limitText',
                width: 130,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'limitText']} noStyle>
                    <Input aria-label={`第 ${f.name + 1} 项 文字要求`} placeholder="无数值限值时填写" />
                  </Form.Item>
                ),
              },
              {
                title: '实测值',
                key: 'value',
                width: 90,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'resultValue']} noStyle>
                    <InputNumber aria-label={`第 ${f.name + 1} 项 实测值`} style={{ width: '100%' }} />
                  </Form.Item>
                ),
              },
              {
                title: '文字结果',
                key: 'resultText',
                width: 104,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'resultText']} noStyle>
                    <Input aria-label={`第 ${f.name + 1} 项 文字结果`} placeholder="未检出、符合…" />
                  </Form.Item>
                ),
              },
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
