import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CREDIT_CLASSES, CREDIT_FACTORS, type CreditFactor, type CreditModel, creditKeys, useActiveCreditModel, useCreditModels } from '../../../api/credit';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { can } from '../../../lib/access';
import { useMeUser } from '../../../session';
import { CreditModelFormDrawer } from './CreditModelFormDrawer';
import { CLASS_TAG_COLORS, CREDIT_CLASS_LABELS, CREDIT_CLASS_POLICIES, CREDIT_FACTOR_LABELS, describeFactorRule } from './labels';
import { classBands } from './model-form';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** One version: when it applies, who published it, its factors, class bands and the reasoning behind them. */
function ModelDetail({ m }: { m: CreditModel }) {
  const bands = classBands(m.thresholds);
  return (
    <>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'from', label: '生效期次', children: `${m.effectiveFrom.slice(0, 7)} 起` },
          { key: 'base', label: '基础分', children: m.baseScore },
          { key: 'by', label: '发布人', children: m.createdBy ?? '系统（数据库迁移）' },
          { key: 'at', label: '发布时间', children: when(m.createdAt) },
        ]}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="factor"
        dataSource={CREDIT_FACTORS.map((factor) => ({ factor }))}
        columns={[
          { title: '评分因子', key: 'factor', width: 170, render: (_v, r: { factor: CreditFactor }) => CREDIT_FACTOR_LABELS[r.factor] },
          { title: '分值规则', key: 'rule', render: (_v, r: { factor: CreditFactor }) => describeFactorRule(m, r.factor) },
        ]}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="cls"
        dataSource={CREDIT_CLASSES.map((cls) => ({ cls, range: bands[cls] }))}
        columns={[
          {
            title: '类别',
            key: 'cls',
            width: 150,
            render: (_v, r: { cls: (typeof CREDIT_CLASSES)[number] }) => (
              <Tag color={CLASS_TAG_COLORS[r.cls]}>
                {r.cls} 类 {CREDIT_CLASS_LABELS[r.cls]}
              </Tag>
            ),
          },
          { title: '风险分', dataIndex: 'range', width: 100 },
          {
            title: '监管措施（国市监信发〔2022〕6号）',
            key: 'policy',
            render: (_v, r: { cls: (typeof CREDIT_CLASSES)[number] }) => CREDIT_CLASS_POLICIES[r.cls],
          },
        ]}
      />
      <div>
        <Typography.Title level={5}>依据与取值说明</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {m.description}
        </Typography.Paragraph>
      </div>
    </>
  );
}

/**
 * 评分模型: the active version's factors, points, thresholds and where they come from, every earlier
 * version (版本历史), and for the city bureau 新建版本 (POST /credit-models is city_admin only).
 */
export function CreditModelDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMeUser();
  const client = useQueryClient();
  const canEdit = can(me.role, 'creditModel');
  const model = useActiveCreditModel(open);
  const versions = useCreditModels(open);
  const [viewing, setViewing] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const active = model.data;
  const shown = (viewing !== null ? versions.data?.find((v) => v.version === viewing) : undefined) ?? active;
  const past = shown !== undefined && active !== undefined && shown.version !== active.version;

  const close = () => {
    setViewing(null);
    onClose();
  };

  return (
    <Drawer
      open={open}
      onClose={close}
      size={800}
      title={shown ? `信用风险分类评分模型 · 第 ${shown.version} 版` : '信用风险分类评分模型'}
      extra={
        canEdit && active ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            新建版本
          </Button>
        ) : null
      }
    >
      {model.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {model.isError ? <ErrorAlert error={model.error} title="评分模型加载失败" onRetry={() => void model.refetch()} /> : null}
      {shown && active ? (
        <Flex vertical gap={16}>
          {past ? (
            <Alert
              type="warning"
              showIcon
              title={`正在查看历史版本第 ${shown.version} 版；当前生效的是第 ${active.version} 版`}
              action={
                <Button size="small" onClick={() => setViewing(null)}>
                  查看当前版本
                </Button>
              }
            />
          ) : (
            <Flex align="center" gap={8}>
              <Tag color="green" style={{ marginInlineEnd: 0 }}>
                当前版本
              </Tag>
              <Typography.Text type="secondary">新计算的期次按此版本评分；已有结果保留计算时的版本。</Typography.Text>
            </Flex>
          )}
          <ModelDetail m={shown} />
          <section aria-label="评分模型版本历史">
            <Typography.Title level={5}>
              <HistoryOutlined /> 版本历史
            </Typography.Title>
            {versions.isError ? <ErrorAlert error={versions.error} title="版本历史加载失败" onRetry={() => void versions.refetch()} /> : null}
            <Table<CreditModel>
              size="small"
              rowKey="version"
              loading={versions.isPending}
              pagination={false}
              dataSource={versions.data ?? []}
              onRow={(v) => (v.version === shown.version ? { style: { background: '#e6f4ff' }, 'aria-current': true } : {})}
              columns={[
                {
                  title: '版本',
                  key: 'version',
                  width: 120,
                  render: (_v, v) => (
                    <Flex gap={6} align="center">
                      第 {v.version} 版
                      {v.active ? (
                        <Tag color="green" style={{ marginInlineEnd: 0 }}>
                          当前
                        </Tag>
                      ) : null}
                    </Flex>
                  ),
                },
                { title: '生效期次', key: 'from', width: 90, render: (_v, v) => v.effectiveFrom.slice(0, 7) },
                { title: '发布人', key: 'by', width: 150, render: (_v, v) => v.createdBy ?? '系统' },
                { title: '发布时间', key: 'at', width: 170, render: (_v, v) => when(v.createdAt) },
                {
                  title: '说明',
                  key: 'description',
                  ellipsis: true,
                  render: (_v, v) => (
                    <Typography.Text type="secondary" ellipsis={{ tooltip: v.description }}>
                      {v.description}
                    </Typography.Text>
                  ),
                },
                {
                  title: '',
                  key: 'view',
                  width: 64,
                  render: (_v, v) =>
                    v.version === shown.version ? null : (
                      <Button type="link" size="small" onClick={() => setViewing(v.version)} aria-label={`查看第 ${v.version} 版`}>
                        查看
                      </Button>
                    ),
                },
              ]}
            />
          </section>
        </Flex>
      ) : null}
      <CreditModelFormDrawer
        base={editing && active ? active : null}
        onClose={() => setEditing(false)}
        onPublished={(saved) => {
          client.setQueryData(creditKeys.model, saved);
          setEditing(false);
          setViewing(null);
        }}
      />
    </Drawer>
  );
}
