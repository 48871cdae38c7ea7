import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, InputNumber, Progress, Select, Skeleton, Table, Tabs, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { createPlan, type SamplingPlan, useCategories, usePlans, useSamplingMutation } from '../../api/sampling';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { useLocalise } from '../../i18n';
import { can } from '../../lib/access';
import { fieldErrorsFrom } from '../../lib/form-errors';
import { scopeTree, toTreeSelectData } from '../../lib/regions';
import { useRegion } from '../../region-context';
import { useMeUser } from '../../session';
import { DemoTag } from '../plan/shared/DemoTag';
import { CategoriesTab } from './plans/CategoriesTab';
import { yearOptions } from './shared';

function PlanModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const me = useMeUser();
  const { tree } = useRegion();
  const categories = useCategories();
  const [form] = Form.useForm<{ year: number; categoryId?: string; regionCode?: string; title: string; plannedBatches?: number; notes?: string }>();
  const save = useSamplingMutation(createPlan);
  const regions = toTreeSelectData(tree ? scopeTree(tree, me.regionCode) : [], (n) => n.level !== 'township');
  return (
    <FormModal title="编制抽查计划" onClose={onClose} onSubmit={() => form.submit()} saving={save.isPending}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: new Date().getFullYear(), regionCode: me.regionCode, title: '' }}
        onFinish={(v) =>
          save.mutate(
            {
              year: v.year,
              categoryId: v.categoryId ?? '',
              regionCode: v.regionCode ?? me.regionCode,
              title: v.title.trim(),
              plannedBatches: v.plannedBatches ?? 1,
              notes: v.notes?.trim() || null,
            },
            {
              onSuccess: () => {
                message.success('已保存抽查计划');
                onClose();
              },
              onError: (e) => {
                const f = isApiError(e) ? fieldErrorsFrom(e, ['year', 'categoryId', 'regionCode', 'title', 'plannedBatches', 'notes'] as const, localise) : [];
                if (f.length > 0) form.setFields(f);
                else message.error(localise(e.message));
              },
            },
          )
        }
      >
        <Flex gap={16}>
          <Form.Item name="year" label="年度" rules={[{ required: true }]} style={{ width: 140 }}>
            <Select options={yearOptions()} />
          </Form.Item>
          <Form.Item name="regionCode" label="区域" rules={[{ required: true }]} style={{ flex: 1 }}>
            <TreeSelect treeData={regions} treeDefaultExpandAll={false} />
          </Form.Item>
        </Flex>
        <Form.Item name="categoryId" label="产品类别" rules={[{ required: true, message: '请选择产品类别' }]}>
          <Select options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="title" label="计划名称" rules={[{ required: true, whitespace: true, message: '请输入计划名称' }]}>
          <Input placeholder="如 湖州市2026年电线电缆产品质量监督抽查计划" />
        </Form.Item>
        <Form.Item name="plannedBatches" label="计划抽查批次" rules={[{ required: true, message: '请输入批次数' }]}>
          <InputNumber min={1} max={100000} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="notes" label="说明">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function PlansTab() {
  const me = useMeUser();
  const { regionCode } = useRegion();
  const [year, setYear] = useState<number | undefined>(new Date().getFullYear());
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const plans = usePlans({ page, pageSize: 20, year, regionCode });
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" wrap gap={12}>
        <Flex align="center" gap={8}>
          <Typography.Text>年度</Typography.Text>
          <Select<number>
            aria-label="年度"
            allowClear
            placeholder="全部"
            style={{ width: 120 }}
            value={year}
            options={yearOptions()}
            onChange={(y) => {
              setYear(y);
              setPage(1);
            }}
          />
          <DemoTag demo={plans.data?.items.some((p) => p.isDemo)} />
        </Flex>
        {can(me.role, 'samplingDecide') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            编制计划
          </Button>
        ) : null}
      </Flex>
      {plans.isError ? <ErrorAlert error={plans.error} title="计划加载失败" onRetry={() => void plans.refetch()} /> : null}
      {plans.isPending ? (
        <Skeleton active />
      ) : (
        <Table<SamplingPlan>
          rowKey="id"
          size="middle"
          dataSource={plans.data?.items ?? []}
          loading={plans.isFetching}
          locale={{ emptyText: <Empty description="该年度暂无抽查计划" /> }}
          pagination={{ current: page, pageSize: 20, total: plans.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 项` }}
          columns={[
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '计划名称', dataIndex: 'title' },
            { title: '区域', dataIndex: 'regionName', width: 100 },
            { title: '产品类别', dataIndex: 'categoryName', width: 170 },
            { title: '计划批次', dataIndex: 'plannedBatches', width: 100, align: 'right' },
            {
              title: '完成情况',
              key: 'progress',
              width: 230,
              render: (_v, p) => (
                <Flex vertical gap={0}>
                  <Progress percent={Math.min(100, Math.round((p.sampledBatches / p.plannedBatches) * 100))} size="small" />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    已抽 {p.sampledBatches} 批 · 结论已定 {p.finalBatches} 批 · 不合格 {p.failedBatches} 批
                  </Typography.Text>
                </Flex>
              ),
            },
          ]}
        />
      )}
      {creating ? <PlanModal onClose={() => setCreating(false)} /> : null}
    </Flex>
  );
}

export default function Plans() {
  const { regionName } = useRegion();
  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={3} style={{ margin: 0 }}>
          抽查计划与产品分级
        </Typography.Title>
        <Typography.Text type="secondary">范围：{regionName}及上级（市级）计划；产品类别全市统一</Typography.Text>
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'plans', label: '抽查计划', children: <PlansTab /> },
            { key: 'categories', label: '产品类别（分级）', children: <CategoriesTab /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
