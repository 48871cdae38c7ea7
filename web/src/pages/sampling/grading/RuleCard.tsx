import { SettingOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import { type GradingRule, type GradingRuleVersion, setGradingRule, useSamplingMutation } from '../../../api/sampling';
import { useLocalise } from '../../../i18n';

function RuleModal({ rule, onClose }: { rule: GradingRuleVersion; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<GradingRule & { reason: string; redPct: number; yellowPct: number; bluePct: number }>();
  const save = useSamplingMutation(setGradingRule);
  const p = rule.params;
  return (
    <Modal
      open
      title="调整分类分色规则"
      okText="保存为新版本"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={620}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...p, redPct: p.colour.red * 100, yellowPct: p.colour.yellow * 100, bluePct: p.colour.blue * 100, reason: '' }}
        onFinish={(v) =>
          save.mutate(
            {
              params: {
                windowYears: v.windowYears,
                cMinFailures: v.cMinFailures,
                cOnHighRiskFailure: v.cOnHighRiskFailure,
                aaMinBatches: v.aaMinBatches,
                aaMinYears: v.aaMinYears,
                minGradedForColour: v.minGradedForColour,
                colour: { red: v.redPct / 100, yellow: v.yellowPct / 100, blue: v.bluePct / 100 },
              },
              reason: v.reason,
            },
            {
              onSuccess: () => {
                message.success('已保存新版本规则');
                onClose();
              },
              onError: (e) =>
                message.error(isApiError(e) ? e.details.map((d) => localise(d.message ?? '')).join('；') || localise(e.message) : localise(e.message)),
            },
          )
        }
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="windowYears" label="统计年数">
              <InputNumber min={1} max={10} addonAfter="年" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="cMinFailures" label="C 类：不合格批次 ≥">
              <InputNumber min={1} max={20} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="cOnHighRiskFailure" label="高风险产品不合格即 C 类" valuePropName="checked">
              <Checkbox />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="aaMinBatches" label="AA 类：抽检批次 ≥">
              <InputNumber min={1} max={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="aaMinYears" label="AA 类：抽检年份 ≥">
              <InputNumber min={1} max={10} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="minGradedForColour" label="着色最少企业数">
              <InputNumber min={1} max={1000} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="redPct" label="红色：C 类占比 ≥">
              <InputNumber min={0.1} max={100} step={0.5} addonAfter="%" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="yellowPct" label="黄色 ≥">
              <InputNumber min={0.1} max={100} step={0.5} addonAfter="%" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="bluePct" label="蓝色 ≥">
              <InputNumber min={0.1} max={100} step={0.5} addonAfter="%" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="reason" label="调整理由（记入版本与审计日志）" rules={[{ required: true, whitespace: true, message: '请说明理由' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RuleCard({ rule, canEdit }: { rule: GradingRuleVersion; canEdit: boolean }) {
  const localise = useLocalise();
  const [editing, setEditing] = useState(false);
  const p = rule.params;
  return (
    <Card
      title="分类规则"
      extra={
        canEdit ? (
          <Button size="small" icon={<SettingOutlined />} onClick={() => setEditing(true)}>
            调整
          </Button>
        ) : null
      }
      style={{ height: '100%' }}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'c',
            label: 'C（差）',
            children: `近 ${p.windowYears} 年不合格 ≥ ${p.cMinFailures} 批次${p.cOnHighRiskFailure ? '，或高风险产品不合格' : ''}`,
          },
          { key: 'b', label: 'B（一般）', children: '有不合格批次，未达 C 类' },
          { key: 'aa', label: 'AA（好）', children: `无不合格，抽检 ≥ ${p.aaMinBatches} 批次且分布于 ≥ ${p.aaMinYears} 个年度` },
          { key: 'a', label: 'A（较好）', children: '无不合格，未达 AA 类' },
          { key: 'v', label: '版本', children: `第 ${rule.version} 版 · ${localise(rule.reason)}` },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0, marginTop: 8 }}>
        依据浙江“三分”机制（企业按近三年监督抽查结果分 AA/A/B/C，区域按 C 类企业占比分红黄蓝绿）；具体阈值为平台建议值，待市局确认。未抽查企业不分级。
      </Typography.Paragraph>
      {editing ? <RuleModal rule={rule} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

/** 分级分类分色: enterprise grades AA–C from 3 years of sampling, and the region colour grid (红/黄/蓝/绿 by C share). */
