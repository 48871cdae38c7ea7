import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { DEFAULT_DRAW_PARAMS, RATIO_BANDS, RISK_CLASSES, type RiskClass } from '../../../../common/draw/types.ts';
import { createPlan, type InspectionPlan, type PlanInput, type RegionRule, updatePlan, useInspectionMutation, useItems, usePlans } from '../../api/inspections';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { useLocalise } from '../../i18n';
import { showFormError } from '../../lib/form-errors';
import { scopeTree, toTreeSelectData } from '../../lib/regions';
import { useRegion } from '../../region-context';
import { useMeUser } from '../../session';
import { DemoTag } from '../plan/shared/DemoTag';
import { ITEM_KIND_LABELS, percent, REGION_RULE_LABELS } from './labels';

interface PlanForm {
  year: number;
  name: string;
  regionCode: string;
  itemIds: string[];
  ratios: Record<RiskClass, number>;
  inspectorsPerTarget: number;
  regionRule: RegionRule;
}

const FIELDS = ['year', 'name', 'regionCode', 'itemIds', 'inspectorsPerTarget'] as const;
const toPercent = (r: Record<RiskClass, number>) => Object.fromEntries(RISK_CLASSES.map((c) => [c, r[c] / 100])) as Record<RiskClass, number>; // every class mapped
const toBasisPoints = (r: Record<RiskClass, number>) => Object.fromEntries(RISK_CLASSES.map((c) => [c, Math.round(r[c] * 100)])) as Record<RiskClass, number>; // every class mapped

function PlanModal({ plan, open, onClose }: { plan: InspectionPlan | null; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const me = useMeUser();
  const { tree } = useRegion();
  const items = useItems();
  const [form] = Form.useForm<PlanForm>();
  const ratios = Form.useWatch('ratios', form);
  const bureaus = useMemo(() => toTreeSelectData(tree ? scopeTree(tree, me.regionCode) : [], (n) => n.level !== 'township'), [tree, me.regionCode]);
  const save = useInspectionMutation((v: PlanForm) => {
    const body: PlanInput = {
      year: v.year,
      name: v.name.trim(),
      regionCode: v.regionCode,
      itemIds: v.itemIds,
      ratioBasisPoints: toBasisPoints(v.ratios),
      inspectorsPerTarget: v.inspectorsPerTarget,
      regionRule: v.regionRule,
    };
    if (!plan) return createPlan(body);
    const { regionCode: _fixed, ...update } = body;
    return updatePlan(plan.id, update);
  });
  const outside = RISK_CLASSES.filter((c) => ratios && (ratios[c] * 100 < RATIO_BANDS[c].min || ratios[c] * 100 > RATIO_BANDS[c].max));
  return (
    <FormModal
      title={plan ? `编辑计划：${plan.name}` : '新建年度抽查计划'}
      open={open}
      onClose={onClose}
      onSubmit={() => form.submit()}
      saving={save.isPending}
      width={760}
    >
      <Form<PlanForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          plan
            ? {
                year: plan.year,
                name: plan.name,
                regionCode: plan.regionCode,
                itemIds: plan.items.map((i) => i.id),
                ratios: toPercent(plan.ratioBasisPoints),
                inspectorsPerTarget: plan.inspectorsPerTarget,
                regionRule: plan.regionRule,
              }
            : {
                year: new Date().getFullYear() + 1,
                regionCode: me.regionCode,
                itemIds: [],
                ratios: toPercent(DEFAULT_DRAW_PARAMS.ratioBasisPoints),
                inspectorsPerTarget: 2,
                regionRule: 'township',
              }
        }
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: (saved) => {
              message.success(saved.warnings.length > 0 ? '已保存（部分比例超出参考区间）' : '已保存');
              onClose();
            },
            onError: (error) => {
              showFormError(error, form, FIELDS, localise, (text) => message.error(text));
            },
          })
        }
      >
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="year" label="年度" rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label="计划名称" rules={[{ required: true, whitespace: true }, { max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="regionCode" label="区域" rules={[{ required: true }]}>
              <TreeSelect treeData={bureaus} disabled={plan !== null} treeDefaultExpandAll />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="itemIds" label="抽查事项" rules={[{ required: true, type: 'array', min: 1, message: '至少一项' }]}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(items.data ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}（${ITEM_KIND_LABELS[i.kind]}）` }))}
          />
        </Form.Item>
        <Typography.Text strong>按信用风险分类的抽查比例</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          A 类合理降低、B 类常规、C 类适当提高、D 类大幅提高（国市监信发〔2022〕6号）。参考区间取自已公开的地方方案，超出时提醒但允许保存。
        </Typography.Paragraph>
        <Row gutter={12}>
          {RISK_CLASSES.map((c) => (
            <Col span={6} key={c}>
              <Form.Item
                name={['ratios', c]}
                label={`${c} 类`}
                extra={`参考 ${percent(RATIO_BANDS[c].min)}–${percent(RATIO_BANDS[c].max)}`}
                rules={[{ required: true }]}
              >
                <InputNumber min={0} max={100} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {outside.length > 0 ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${outside.join('、')} 类比例超出参考区间，请确认符合本地规定。`} />
        ) : null}
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="inspectorsPerTarget" label="每户检查人员" extra="不少于 2 人">
              <InputNumber min={2} max={20} suffix="人" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="regionRule" label="属地回避">
              <Select options={(['township', 'county', 'none'] as const).map((r) => ({ value: r, label: REGION_RULE_LABELS[r] }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}

/** 年度抽查计划: items, ratios per credit class (warnings outside the bands) and the rules its tasks copy. */
export default function Plans() {
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<InspectionPlan | null | 'new'>(null);
  const plans = usePlans({ page, pageSize: 20 });
  const columns: TableColumnsType<InspectionPlan> = [
    { title: '年度', dataIndex: 'year', width: 70 },
    { title: '计划', dataIndex: 'name' },
    { title: '区域', dataIndex: 'regionName', width: 90 },
    { title: '抽查事项', key: 'items', render: (_v, p) => p.items.map((i) => i.name).join('、') },
    {
      title: '抽查比例（A/B/C/D）',
      key: 'ratios',
      width: 220,
      render: (_v, p) => (
        <span>
          {RISK_CLASSES.map((c) => percent(p.ratioBasisPoints[c])).join(' / ')}{' '}
          {p.warnings.length > 0 ? (
            <Tooltip title={p.warnings.map((w) => `${w.riskClass} 类 ${percent(w.basisPoints)} 超出 ${percent(w.min)}–${percent(w.max)}`).join('；')}>
              <WarningOutlined style={{ color: '#d46b08' }} />
            </Tooltip>
          ) : null}
        </span>
      ),
    },
    { title: '规则', key: 'rules', width: 200, render: (_v, p) => `每户 ${p.inspectorsPerTarget} 人 · ${REGION_RULE_LABELS[p.regionRule]}` },
    { title: '任务', dataIndex: 'taskCount', width: 70 },
    {
      title: '',
      key: 'edit',
      width: 70,
      render: (_v, p) => (
        <Button type="link" size="small" onClick={() => setEditing(p)}>
          编辑
        </Button>
      ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Flex align="center" gap={8}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                年度抽查计划
              </Typography.Title>
              <DemoTag demo={plans.data?.items.some((p) => p.isDemo)} />
            </Flex>
            <Typography.Text type="secondary">按年度制定，覆盖一般和重点检查事项，报上一级备案后分批次抽查</Typography.Text>
          </div>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建计划
          </Button>
        </Flex>
      </Card>
      <Card>
        {plans.isError ? <ErrorAlert error={plans.error} onRetry={() => void plans.refetch()} /> : null}
        <Table
          rowKey="id"
          columns={columns}
          dataSource={plans.data?.items ?? []}
          loading={plans.isFetching}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description="暂无年度计划" /> }}
          pagination={{ current: page, pageSize: 20, total: plans.data?.total ?? 0, onChange: setPage }}
        />
      </Card>
      <PlanModal plan={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
    </Flex>
  );
}
