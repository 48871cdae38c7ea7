import { ExportOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Modal, Result, Row, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { draftPlanValue, type PassRateRow, type PlanDraftResult, type PlanOffer, useCategories, usePassRates, useSamplingMutation } from '../../api/sampling';
import { EChart } from '../../charts/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise } from '../../i18n';
import { useRegion } from '../../region-context';
import { DemoTag } from '../plan/shared/DemoTag';
import { percent } from './labels';
import { buildPassRateOption, passRateBars } from './pass-rate-options';
import { yearOptions } from './shared';

const LAST_YEAR = new Date().getFullYear() - 1;

function rateCell(r: Pick<PassRateRow, 'passRate' | 'pending'>) {
  return (
    <Flex vertical gap={0} align="flex-end">
      <Typography.Text strong>{percent(r.passRate)}</Typography.Text>
      {r.pending > 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          另 {r.pending} 批结论未定
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

const countColumns = [
  { title: '抽检批次', dataIndex: 'batches', width: 100, align: 'right' as const },
  { title: '合格', dataIndex: 'passed', width: 80, align: 'right' as const },
  {
    title: '不合格',
    dataIndex: 'failed',
    width: 80,
    align: 'right' as const,
    render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
  },
  { title: '批次合格率', key: 'rate', width: 140, align: 'right' as const, render: (_v: unknown, r: PassRateRow) => rateCell(r) },
];

/** "写入规划指标": drafts the offered rate into the plan (a draft for the plan's own submit → approve review). */
function DraftModal({ offer, year, onClose }: { offer: PlanOffer; year: number; onClose: () => void }) {
  const localise = useLocalise();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ correctionReason?: string }>();
  const [needsReason, setNeedsReason] = useState(false);
  const [done, setDone] = useState<PlanDraftResult | null>(null);
  const draft = useSamplingMutation((reason: string | undefined) =>
    draftPlanValue({ year, regionCode: offer.regionCode, indicatorCode: offer.indicatorCode, ...(reason?.trim() ? { correctionReason: reason.trim() } : {}) }),
  );
  const submit = (v: { correctionReason?: string }) =>
    draft.mutate(v.correctionReason, {
      onSuccess: setDone,
      onError: (e) => {
        if (isApiError(e) && e.details.some((d) => d.field === 'body.correctionReason')) {
          setNeedsReason(true);
          form.setFields([{ name: 'correctionReason', errors: ['该年度已有审定值：本次写入为更正，须说明理由'] }]);
        } else message.error(localise(e.message));
      },
    });
  if (done) {
    return (
      <Modal open title="已写入规划指标（草稿）" footer={<Button onClick={onClose}>关闭</Button>} onCancel={onClose}>
        <Result
          status="success"
          title={`${done.regionName} ${done.year} 年 ${done.indicatorName}：${done.value}%`}
          subTitle="已生成草稿，尚未生效：须在“数据填报”中报送，经市局“数据审核”通过后发布。"
          extra={
            <Link to="/plan/entry">
              <Button type="primary" icon={<ExportOutlined />}>
                前往数据填报
              </Button>
            </Link>
          }
        />
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'status', label: '状态', children: <Tag color="default">草稿（待报送）</Tag> },
            { key: 'nd', label: '分子 / 分母', children: `${done.numerator ?? '—'} / ${done.denominator ?? '—'} 批次` },
            { key: 'source', label: '数据来源说明', children: done.sourceNote ?? '—' },
          ]}
        />
      </Modal>
    );
  }
  return (
    <Modal
      open
      title="写入规划指标"
      okText="生成草稿"
      cancelText="取消"
      confirmLoading={draft.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'ind', label: '规划指标', children: `表1 ${offer.indicatorCode}` },
            { key: 'region', label: '地区 / 年度', children: `${offer.regionName} · ${year} 年` },
            { key: 'cats', label: '汇总的产品类别', children: offer.categoryNames.join('、') },
            { key: 'value', label: '实际值', children: `${percent(offer.passRate)}（合格 ${offer.passed} / 抽检 ${offer.batches} 批次）` },
          ]}
        />
        <Alert
          type="info"
          showIcon
          title="写入后为草稿，不直接生效"
          description="系统按规划模块的正常流程生成该指标的年度草稿值，并注明数据来源（监督抽查系统汇总）；须经区县报送、市局审核后才成为审定值。"
        />
        {offer.pending > 0 ? <Alert type="warning" showIcon title={`另有 ${offer.pending} 批次结论尚未确定，未计入合格率`} /> : null}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="correctionReason"
            label="更正理由（该年度已有审定值时必填）"
            rules={needsReason ? [{ required: true, whitespace: true, message: '请填写更正理由' }] : []}
          >
            <Input.TextArea rows={2} maxLength={500} placeholder="如：以监督抽查系统最终结论为准" />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}

/** 监督抽查合格率: batch pass rates per district/county and product category, and the rates offered to 表1. */
export default function PassRates() {
  const { regionCode, regionName } = useRegion();
  const [year, setYear] = useState(LAST_YEAR);
  const [category, setCategory] = useState<string | undefined>(undefined);
  const [drafting, setDrafting] = useState<PlanOffer | null>(null);
  const categories = useCategories();
  const report = usePassRates({ year, regionCode, ...(category ? { category } : {}) });
  const data = report.data;
  const chart = useMemo(() => (data ? passRateBars(data) : { by: 'region' as const, bars: [] }), [data]);
  const option = useMemo(() => buildPassRateOption(chart.bars), [chart]);

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Flex align="center" gap={8}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                监督抽查合格率
              </Typography.Title>
              <DemoTag demo={data?.isDemo} />
            </Flex>
            <Typography.Text type="secondary">
              {regionName} · 批次合格率 = 合格批次 ÷ 结论已确定的抽检批次 × 100%；按抽样日期计入年度，按受检企业所在地计入区县
            </Typography.Text>
          </div>
          <Flex gap={8} wrap align="center">
            <Select<number> aria-label="年度" style={{ width: 110 }} value={year} options={yearOptions()} onChange={setYear} />
            <Select<string>
              aria-label="产品类别"
              allowClear
              placeholder="全部产品类别"
              style={{ width: 200 }}
              value={category}
              options={(categories.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
              onChange={setCategory}
            />
            <Button icon={<ReloadOutlined />} loading={report.isFetching} onClick={() => void report.refetch()}>
              刷新
            </Button>
          </Flex>
        </Flex>
      </Card>
      {report.isError ? <ErrorAlert error={report.error} title="合格率加载失败" onRetry={() => void report.refetch()} /> : null}
      {report.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {data ? (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <Card title={`${year} 年${chart.by === 'region' ? '各地区' : '各产品类别'}合格率`} style={{ height: '100%' }}>
                {chart.bars.length > 0 ? (
                  <EChart option={option} height={300} ariaLabel={`${year} 年监督抽查批次合格率柱状图（按${chart.by === 'region' ? '地区' : '产品类别'}）`} />
                ) : (
                  <Empty description="该年度尚无结论已确定的批次" />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card title="汇总" style={{ height: '100%' }}>
                <Table<PassRateRow>
                  rowKey="regionCode"
                  size="small"
                  pagination={false}
                  dataSource={data.totals}
                  columns={[{ title: '地区', dataIndex: 'regionName' }, ...countColumns]}
                />
              </Card>
            </Col>
          </Row>
          <Card title="写入规划指标" extra={<Typography.Text type="secondary">对应《规划》表1 中以抽检合格率计的指标</Typography.Text>}>
            {data.offers.length === 0 ? (
              <Empty description="没有产品类别对应规划指标（可在“抽查计划与产品分级”中为类别设置对应指标）" />
            ) : (
              <Table<PlanOffer>
                rowKey={(o) => `${o.indicatorCode}:${o.regionCode}`}
                size="small"
                pagination={false}
                dataSource={data.offers}
                columns={[
                  { title: '指标', dataIndex: 'indicatorCode', width: 70, render: (v: string) => <Tag color="blue">{v}</Tag> },
                  { title: '地区', dataIndex: 'regionName', width: 100 },
                  { title: '汇总的产品类别', key: 'cats', render: (_v, o) => o.categoryNames.join('、') },
                  { title: '抽检批次', dataIndex: 'batches', width: 90, align: 'right' },
                  { title: '合格', dataIndex: 'passed', width: 70, align: 'right' },
                  { title: '合格率', key: 'rate', width: 120, align: 'right', render: (_v, o) => rateCell(o) },
                  {
                    title: '操作',
                    key: 'action',
                    width: 150,
                    render: (_v, o) =>
                      o.passRate === null ? (
                        <Typography.Text type="secondary">本年无结论已定批次</Typography.Text>
                      ) : o.canDraft ? (
                        <Button size="small" type="primary" ghost disabled={o.passRate === null} onClick={() => setDrafting(o)}>
                          写入规划指标
                        </Button>
                      ) : (
                        <Typography.Text type="secondary">由{o.regionName}填报</Typography.Text>
                      ),
                  },
                ]}
              />
            )}
          </Card>
          <Card title="分产品类别">
            <Table<PassRateRow>
              rowKey={(r) => `${r.regionCode}:${r.categoryId}`}
              size="small"
              dataSource={data.rows}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description="该年度暂无抽检数据" /> }}
              columns={[
                { title: '地区', dataIndex: 'regionName', width: 100 },
                {
                  title: '产品类别',
                  key: 'cat',
                  render: (_v, r) => (
                    <Flex gap={6}>
                      {r.categoryName}
                      {r.planIndicatorCode ? <Tag color="blue">{r.planIndicatorCode}</Tag> : null}
                    </Flex>
                  ),
                },
                ...countColumns,
              ]}
            />
          </Card>
        </>
      ) : null}
      {drafting ? <DraftModal offer={drafting} year={year} onClose={() => setDrafting(null)} /> : null}
    </Flex>
  );
}
