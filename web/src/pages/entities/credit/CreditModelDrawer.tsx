import { Descriptions, Drawer, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { CREDIT_CLASSES, CREDIT_FACTORS, type CreditFactor, useActiveCreditModel } from '../../../api/credit';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { CLASS_TAG_COLORS, CREDIT_CLASS_LABELS, CREDIT_CLASS_POLICIES, CREDIT_FACTOR_LABELS, describeFactorRule } from './labels';

/** 评分模型: the active version's factors, points, thresholds and where they come from (read-only). */
export function CreditModelDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const model = useActiveCreditModel(open);
  const m = model.data;
  return (
    <Drawer open={open} onClose={onClose} size={760} title={m ? `信用风险分类评分模型 · 第 ${m.version} 版` : '信用风险分类评分模型'}>
      {model.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {model.isError ? <ErrorAlert error={model.error} title="评分模型加载失败" onRetry={() => void model.refetch()} /> : null}
      {m ? (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'from', label: '生效期次', children: m.effectiveFrom.slice(0, 7) },
              { key: 'base', label: '基础分', children: m.baseScore },
              { key: 'by', label: '发布人', children: m.createdBy ?? '系统（数据库迁移）' },
              { key: 'at', label: '发布时间', children: new Date(m.createdAt).toLocaleString('zh-CN', { hour12: false }) },
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
            dataSource={CREDIT_CLASSES.map((cls, i) => ({
              cls,
              range:
                i === 0
                  ? `≤ ${m.thresholds.A}`
                  : i === 1
                    ? `${m.thresholds.A + 1} – ${m.thresholds.B}`
                    : i === 2
                      ? `${m.thresholds.B + 1} – ${m.thresholds.C}`
                      : `≥ ${m.thresholds.C + 1}`,
            }))}
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
        </Flex>
      ) : null}
    </Drawer>
  );
}
