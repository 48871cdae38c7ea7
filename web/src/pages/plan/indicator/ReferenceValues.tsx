import { App, Button, Card, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import type { Indicator } from '../../../api/plan';
import { putReferenceValue, type ReferenceValue, usePlanMutation } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { formatNumber } from '../shared/format';

interface ReferenceForm {
  year: number;
  value: number;
  source: string;
}

/** The provincial series a text target ("达到省指标") is measured against; the city bureau keeps it up to date. */
export function ReferenceValues({ indicator, values, years, canEdit }: { indicator: Indicator; values: ReferenceValue[]; years: number[]; canEdit: boolean }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<ReferenceForm>();
  const save = usePlanMutation((input: ReferenceForm) => putReferenceValue(indicator.id, input.year, { value: input.value, source: input.source.trim() }));
  const sorted = [...values].sort((a, b) => a.year - b.year);
  return (
    <Card size="small" title="参照值（省级数据）">
      <Typography.Paragraph type="secondary">
        目标为“{'text' in indicator.target ? indicator.target.text : '参照值'}”时，按当年参照值作为测算目标。
      </Typography.Paragraph>
      <Table<ReferenceValue>
        rowKey="year"
        size="small"
        pagination={false}
        dataSource={sorted}
        locale={{ emptyText: '尚未录入参照值' }}
        columns={[
          { title: '年度', dataIndex: 'year', width: 80 },
          { title: '参照值', key: 'value', width: 110, align: 'right', render: (_v, row) => `${formatNumber(row.value, indicator.decimals)}${indicator.unit}` },
          { title: '来源', key: 'source', render: (_v, row) => row.source ?? '—' },
        ]}
      />
      {canEdit ? (
        <Form<ReferenceForm>
          form={form}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          initialValues={{ year: years[years.length - 1] }}
          onFinish={(input) =>
            save.mutate(input, {
              onSuccess: () => {
                message.success(`已保存 ${input.year} 年参照值`);
                form.resetFields(['value', 'source']);
              },
              onError: (error) => message.error(localise(error.message)),
            })
          }
        >
          <Form.Item name="year" rules={[{ required: true }]}>
            <Select aria-label="参照年度" style={{ width: 100 }} options={years.map((year) => ({ value: year, label: `${year}年` }))} />
          </Form.Item>
          <Form.Item name="value" rules={[{ required: true, message: '请输入参照值' }]}>
            <InputNumber aria-label="参照值" placeholder="参照值" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="source" rules={[{ required: true, whitespace: true, message: '请填写来源' }]}>
            <Input aria-label="来源" placeholder="来源，如 浙江省统计公报" style={{ width: 220 }} maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存参照值
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
