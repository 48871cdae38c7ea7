import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Empty, Flex, Select, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { classOfScore } from '../../../../../common/credit-risk/score.ts';
import type { CreditClassRecord, CreditFactorLine, CreditModel } from '../../../api/credit';
import { useEntityCredit } from '../../../api/credit';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { AdjustTarget } from './AdjustClassModal';
import { CLASS_COLORS, CREDIT_CLASS_LABELS, CREDIT_CLASS_POLICIES, CREDIT_FACTOR_LABELS, describeFactorRule, formatFactorValue, formatPoints } from './labels';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

function pointsCell(points: number) {
  const color = points > 0 ? '#cf1322' : points < 0 ? '#389e0d' : undefined;
  return (
    <Typography.Text style={{ color, fontVariantNumeric: 'tabular-nums', fontWeight: points !== 0 ? 600 : undefined }}>{formatPoints(points)}</Typography.Text>
  );
}

function thresholdsText(model: CreditModel | undefined): string | null {
  if (!model) return null;
  const t = model.thresholds;
  return `分界：≤${t.A} 为 A 类，${t.A + 1}–${t.B} 为 B 类，${t.B + 1}–${t.C} 为 C 类，≥${t.C + 1} 为 D 类`;
}

/** Why the class is above what the score gives: the list that imposed it. */
function floorText(record: CreditClassRecord, model: CreditModel | undefined): string {
  const listed = record.factors.find(
    (f) => (f.factor === 'serious_violation' || f.factor === 'abnormal_operation') && f.value === true && model?.factors[f.factor].minClass === record.floor,
  );
  const byScore = model ? `风险分 ${record.score} 按分界为 ${classOfScore(record.score, model.thresholds)} 类；` : '';
  return `${byScore}因${listed ? CREDIT_FACTOR_LABELS[listed.factor] : '列入名单'}，按模型规则至少为 ${record.floor} 类`;
}

function RecordView({ record, model }: { record: CreditClassRecord; model: CreditModel | undefined }) {
  const rows: (CreditFactorLine & { key: string })[] = record.factors.map((f) => ({ ...f, key: f.factor }));
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={16} wrap>
        <div
          aria-hidden
          style={{
            width: 64,
            height: 64,
            borderRadius: 8,
            background: CLASS_COLORS[record.class],
            color: '#fff',
            fontSize: 34,
            fontWeight: 700,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
          }}
        >
          {record.class}
        </div>
        <Flex vertical gap={2}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {record.class} 类 · {CREDIT_CLASS_LABELS[record.class]}
            {record.adjusted ? (
              <Tag color="purple" style={{ marginInlineStart: 8 }}>
                人工调整（计算结果 {record.computedClass} 类）
              </Tag>
            ) : null}
          </Typography.Text>
          <Typography.Text type="secondary">
            风险分 {record.score}（基础分 {record.baseScore} 加各因子分值）
          </Typography.Text>
          <Typography.Text type="secondary">监管措施：{CREDIT_CLASS_POLICIES[record.class]}</Typography.Text>
        </Flex>
      </Flex>
      {record.floor ? <Alert type="warning" showIcon title={floorText(record, model)} /> : null}
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '评分因子', key: 'factor', render: (_v, f) => CREDIT_FACTOR_LABELS[f.factor], width: 170 },
          { title: '取值', key: 'value', width: 120, render: (_v, f) => formatFactorValue(f.factor, f.value) },
          {
            title: '规则',
            key: 'rule',
            render: (_v, f) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {model ? describeFactorRule(model, f.factor) : '—'}
              </Typography.Text>
            ),
          },
          { title: '分值', key: 'points', align: 'right', width: 64, render: (_v, f) => pointsCell(f.points) },
        ]}
        summary={() => (
          <>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                基础分
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {record.baseScore}
              </Table.Summary.Cell>
            </Table.Summary.Row>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <Typography.Text strong>风险分合计</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                  {thresholdsText(model)}
                </Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <Typography.Text strong>{record.score}</Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </>
        )}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        事实截至 {record.asOf}，评分模型第 {record.modelVersion} 版，计算于 {when(record.computedAt)}
      </Typography.Text>
      {record.adjustments.length > 0 ? (
        <div>
          <Typography.Title level={5}>人工调整记录</Typography.Title>
          <Timeline
            items={record.adjustments.map((a) => ({
              key: a.id,
              color: 'purple',
              content: (
                <Flex vertical gap={2}>
                  <Typography.Text>
                    {a.fromClass} 类 → {a.toClass} 类
                  </Typography.Text>
                  <Typography.Text>理由：{a.reason}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.adjustedBy ?? '—'} · {when(a.adjustedAt)}
                  </Typography.Text>
                </Flex>
              ),
            }))}
          />
        </div>
      ) : null}
    </Flex>
  );
}

/** 评分明细: an entity's class per period, every factor's value and points, the adjustments. */
export function CreditBreakdownDrawer({
  entityId,
  period,
  onClose,
  onAdjust,
}: {
  entityId: string | null;
  /** The period to open on (default the newest). */
  period?: string | null;
  onClose: () => void;
  onAdjust?: (target: AdjustTarget) => void;
}) {
  const history = useEntityCredit(entityId ?? '', entityId !== null);
  const [chosen, setChosen] = useState<string | null>(null);
  const data = history.data;
  const records = data?.records ?? [];
  const record = records.find((r) => r.period === (chosen ?? period)) ?? records[0];
  const model = data?.models.find((m) => m.version === record?.modelVersion);
  const close = () => {
    setChosen(null);
    onClose();
  };
  return (
    <Drawer
      open={entityId !== null}
      onClose={close}
      size={720}
      title={data ? `信用风险分类明细 · ${data.name}` : '信用风险分类明细'}
      extra={data ? <Link to={`/entities/${data.entityId}`}>主体档案</Link> : null}
      footer={
        data?.canAdjust && record && onAdjust ? (
          <Flex justify="flex-end">
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() =>
                onAdjust({ entityId: data.entityId, entityName: data.name, period: record.period, class: record.class, computedClass: record.computedClass })
              }
            >
              人工调整本期类别
            </Button>
          </Flex>
        ) : null
      }
    >
      {history.isPending && entityId !== null ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {history.isError ? <ErrorAlert error={history.error} title="分类明细加载失败" onRetry={() => void history.refetch()} /> : null}
      {data && !record ? <Empty description="该主体尚无信用风险分类结果（注销、吊销、迁出的主体不参与分类）" /> : null}
      {data && record ? (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            column={2}
            items={[
              {
                key: 'code',
                label: '统一社会信用代码',
                children: <Typography.Text style={{ fontFamily: 'monospace' }}>{data.creditCode}</Typography.Text>,
              },
              {
                key: 'period',
                label: '期次',
                children: (
                  <Select
                    size="small"
                    aria-label="期次"
                    value={record.period}
                    onChange={setChosen}
                    options={records.map((r) => ({ value: r.period, label: `${r.period}（${r.class} 类）` }))}
                    style={{ width: 150 }}
                  />
                ),
              },
            ]}
          />
          <RecordView record={record} model={model} />
        </Flex>
      ) : null}
    </Drawer>
  );
}
