import { EditOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Flex, Form, Input, Select, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import {
  createCategory,
  RETEST_RULE_CODES,
  type RetestRule,
  RISK_LEVELS,
  type RiskLevel,
  type SamplingCategory,
  updateCategory,
  useCategories,
  useCategoryVersions,
  useSamplingMutation,
} from '../../../api/sampling';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { useLocalise } from '../../../i18n';
import { can } from '../../../lib/access';
import { fieldErrorsFrom } from '../../../lib/form-errors';
import { useMeUser } from '../../../session';
import { DemoTag } from '../../plan/shared/DemoTag';
import { RETEST_RULE_LABELS, RETEST_RULE_SHORT, RISK_LABELS } from '../labels';
import { RiskTag } from '../shared';

interface CategoryForm {
  code: string;
  name: string;
  riskLevel: RiskLevel;
  planIndicatorCode?: string;
  retestRule: RetestRule;
  basis?: string;
  active?: boolean;
  reason?: string;
}

function CategoryModal({ category, onClose }: { category: SamplingCategory | null; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<CategoryForm>();
  const save = useSamplingMutation((v: CategoryForm) =>
    category
      ? updateCategory(category.id, {
          name: v.name.trim(),
          riskLevel: v.riskLevel,
          planIndicatorCode: v.planIndicatorCode?.trim() || null,
          retestRule: v.retestRule,
          basis: v.basis?.trim() || null,
          active: v.active ?? true,
          reason: v.reason ?? '',
        })
      : createCategory({
          code: v.code.trim(),
          name: v.name.trim(),
          riskLevel: v.riskLevel,
          planIndicatorCode: v.planIndicatorCode?.trim() || null,
          retestRule: v.retestRule,
          basis: v.basis?.trim() || null,
        }),
  );
  return (
    <FormModal title={category ? `修改产品类别：${category.name}` : '新增产品类别'} onClose={onClose} onSubmit={() => form.submit()} saving={save.isPending}>
      <Form<CategoryForm>
        form={form}
        layout="vertical"
        initialValues={
          category
            ? { ...category, planIndicatorCode: category.planIndicatorCode ?? undefined, basis: category.basis ?? undefined }
            : { code: '', name: '', riskLevel: 'medium', retestRule: 'product_15d' }
        }
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              message.success('已保存（新版本）');
              onClose();
            },
            onError: (e) => {
              const f = isApiError(e)
                ? fieldErrorsFrom(e, ['code', 'name', 'riskLevel', 'planIndicatorCode', 'retestRule', 'basis', 'reason'] as const, localise)
                : [];
              if (f.length > 0) form.setFields(f);
              else message.error(localise(e.message));
            },
          })
        }
      >
        {category ? null : (
          <Form.Item
            name="code"
            label="类别代码"
            rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/, message: '字母、数字、- 或 _，2–32 位' }]}
          >
            <Input placeholder="如 WIRE" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        )}
        <Form.Item name="name" label="类别名称" rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="riskLevel" label="风险等级（产品分级）" rules={[{ required: true }]}>
          <Select options={RISK_LEVELS.map((r) => ({ value: r, label: RISK_LABELS[r] }))} />
        </Form.Item>
        <Form.Item name="retestRule" label="复检期限" rules={[{ required: true }]}>
          <Select options={RETEST_RULE_CODES.map((r) => ({ value: r, label: RETEST_RULE_LABELS[r] }))} />
        </Form.Item>
        <Form.Item
          name="planIndicatorCode"
          label="对应规划表1指标编码（合格率写入该指标，可空）"
          extra="如 I02 基本药物抽检合格率；表1 中没有制造业产品监督抽查合格率指标。"
        >
          <Input placeholder="I02" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="basis" label="分级依据">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {category ? (
          <>
            <Form.Item name="active" label="状态">
              <Select
                options={[
                  { value: true, label: '启用' },
                  { value: false, label: '停用（不再用于新样品）' },
                ]}
              />
            </Form.Item>
            <Form.Item name="reason" label="修改理由（记入版本与审计日志）" rules={[{ required: true, whitespace: true, message: '修改须说明理由' }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </FormModal>
  );
}

function VersionsDrawer({ category, onClose }: { category: SamplingCategory; onClose: () => void }) {
  const localise = useLocalise();
  const versions = useCategoryVersions(category.id);
  return (
    <Drawer open title={`版本记录：${category.name}`} onClose={onClose} size={460}>
      {versions.isPending ? <Skeleton active /> : null}
      {versions.isError ? <ErrorAlert error={versions.error} /> : null}
      <Timeline
        items={(versions.data ?? []).map((v) => ({
          key: v.version,
          content: (
            <Flex vertical gap={2}>
              <Typography.Text strong>
                第 {v.version} 版 · <RiskTag level={v.riskLevel} /> {v.planIndicatorCode ? <Tag>{v.planIndicatorCode}</Tag> : null}
                {v.active ? null : <Tag>停用</Tag>}
              </Typography.Text>
              <Typography.Text>{localise(v.reason)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {new Date(v.changedAt).toLocaleString('zh-CN', { hour12: false })} · {v.changedBy ?? '系统'}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
    </Drawer>
  );
}

export function CategoriesTab() {
  const me = useMeUser();
  const categories = useCategories(true);
  const [editing, setEditing] = useState<SamplingCategory | 'new' | null>(null);
  const [history, setHistory] = useState<SamplingCategory | null>(null);
  const canEdit = can(me.role, 'samplingCategories');
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Text type="secondary">
          产品分级（浙江“三分”）：按产品特点、质量数据与敏感因子分为高、中、低风险。每次修改生成新版本；样品保留抽样时的等级。
        </Typography.Text>
        {canEdit ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增类别
          </Button>
        ) : null}
      </Flex>
      {categories.isError ? <ErrorAlert error={categories.error} onRetry={() => void categories.refetch()} /> : null}
      <Table<SamplingCategory>
        rowKey="id"
        size="middle"
        loading={categories.isPending}
        dataSource={categories.data ?? []}
        pagination={false}
        columns={[
          { title: '代码', dataIndex: 'code', width: 140, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          {
            title: '类别名称',
            key: 'name',
            render: (_v, c) => (
              <Flex gap={6} align="center">
                {c.name}
                {c.active ? null : <Tag>停用</Tag>}
                <DemoTag demo={c.isDemo} />
              </Flex>
            ),
          },
          { title: '风险等级', key: 'risk', width: 100, render: (_v, c) => <RiskTag level={c.riskLevel} /> },
          { title: '复检期限', key: 'rule', width: 110, render: (_v, c) => RETEST_RULE_SHORT[c.retestRule] },
          { title: '规划指标', dataIndex: 'planIndicatorCode', width: 90, render: (v: string | null) => v ?? '—' },
          { title: '分级依据', dataIndex: 'basis', render: (v: string | null) => v ?? '—' },
          { title: '版本', dataIndex: 'version', width: 64 },
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_v, c) => (
              <Flex gap={0}>
                <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setHistory(c)}>
                  版本
                </Button>
                {canEdit ? (
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)}>
                    修改
                  </Button>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
      {editing ? <CategoryModal category={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {history ? <VersionsDrawer category={history} onClose={() => setHistory(null)} /> : null}
    </Flex>
  );
}

/** 抽查计划与产品类别: yearly sampling plans with their progress, and the graded product categories. */
