import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Flex, Popconfirm, Result, Row, Skeleton, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type SampleDetail as Detail, finalizeSample, publishSample, type TestItem, useSample, useSamplingMutation } from '../../api/sampling';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise } from '../../i18n';
import { useMeUser } from '../../session';
import { DemoTag } from '../plan/shared/DemoTag';
import { IssueModal, NotifyModal, RetestRequestModal, RetestResultModal } from './detail/WorkflowModals';
import { FINAL_VIA_LABELS, limitText, RETEST_RULE_LABELS, resultText, stageText, VERDICT_COLORS, VERDICT_LABELS } from './labels';
import { SampleFormModal } from './SampleFormModal';
import { RiskTag, StatusTag, VerdictTag } from './shared';

type Dialog = 'edit' | 'issue' | 'notify' | 'retest' | 'retestResult' | null;
const dash = (v: string | null | undefined) => v || '—';

/** Where the sample is on its way: 录入 → 出具报告 → 复检期 / 复检 → 最终结论. */
function Progress({ sample }: { sample: Detail }) {
  const current = sample.status === 'draft' ? 0 : sample.status === 'final' ? 3 : sample.status === 'retest_requested' ? 2 : 1;
  const failing = sample.conclusion === 'fail';
  return (
    <Steps
      size="small"
      current={current}
      status={sample.status === 'final' ? 'finish' : 'process'}
      items={[
        { title: '录入检验结果', content: `抽样 ${sample.sampledOn}` },
        { title: '出具检验结论', content: sample.reportDate ? `${sample.reportDate}` : '待出具' },
        {
          title: failing ? (sample.retestRequestedOn ? '复检' : '复检申请期') : '复检申请期（合格不适用）',
          content: sample.retestRequestedOn ? `${sample.retestRequestedOn} 申请` : sample.notifiedOn ? `送达 ${sample.notifiedOn}` : failing ? '待送达' : '—',
        },
        { title: '最终结论', content: sample.finalOn ? `${sample.finalOn}` : '待定' },
      ]}
    />
  );
}

function ConclusionCard({ sample }: { sample: Detail }) {
  const verdict = sample.finalConclusion ?? sample.conclusion;
  return (
    <Card title="检验结论">
      <Flex vertical gap={12}>
        <Flex align="center" gap={12} wrap>
          {verdict ? (
            <Tag color={VERDICT_COLORS[verdict]} style={{ fontSize: 20, lineHeight: '34px', padding: '0 16px', marginInlineEnd: 0 }}>
              {VERDICT_LABELS[verdict]}
            </Tag>
          ) : (
            <Tag style={{ fontSize: 16, lineHeight: '30px', padding: '0 12px' }}>未出结论</Tag>
          )}
          <Typography.Text strong>
            {sample.finalConclusion ? '最终结论' : sample.conclusion ? '已出具，尚非最终结论' : '按检验项目判定（预判）'}
          </Typography.Text>
        </Flex>
        {sample.finalConclusion ? null : <Typography.Text type="secondary">{stageText(sample)}</Typography.Text>}
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 132 } }}
          items={[
            {
              key: 'computed',
              label: '按检验项目',
              children: sample.computedConclusion ? <VerdictTag verdict={sample.computedConclusion} final /> : '尚有项目未判定',
            },
            ...(sample.overrideConclusion
              ? [
                  {
                    key: 'override',
                    label: '改判',
                    children: `${VERDICT_LABELS[sample.overrideConclusion]}${sample.overrideReason ? `：${sample.overrideReason}` : ''}`,
                  },
                ]
              : []),
            { key: 'report', label: '检验报告', children: sample.reportNo ? `${sample.reportNo}（${sample.reportDate}）` : '—' },
            { key: 'rule', label: '复检期限', children: RETEST_RULE_LABELS[sample.retestRule] },
            ...(sample.retestRequestedOn
              ? [{ key: 'retest', label: '复检申请', children: `${sample.retestRequestedOn}${sample.retestNote ? `：${sample.retestNote}` : ''}` }]
              : []),
            ...(sample.retestReportNo
              ? [
                  {
                    key: 'retestReport',
                    label: '复检报告',
                    children: `${sample.retestLab ?? ''} ${sample.retestReportNo}（${sample.retestReportDate}）${sample.retestConclusion ? `，${VERDICT_LABELS[sample.retestConclusion]}` : ''}`,
                  },
                ]
              : []),
            ...(sample.finalVia ? [{ key: 'via', label: '最终结论依据', children: `${FINAL_VIA_LABELS[sample.finalVia]}（${sample.finalOn}）` }] : []),
            ...(sample.finalConclusion === 'fail'
              ? [
                  {
                    key: 'publish',
                    label: '信息公示',
                    children: sample.publishedAt
                      ? `已于 ${sample.publishedAt.slice(0, 10)} 公示`
                      : `未公示${sample.publicationDeadline ? `（应于 ${sample.publicationDeadline} 前公示，20 个工作日）` : ''}`,
                  },
                ]
              : []),
          ]}
        />
      </Flex>
    </Card>
  );
}

function ItemsTable({ sample }: { sample: Detail }) {
  const retested = sample.items.some((i) => i.retestVerdict !== null);
  return (
    <Card title={`检验项目（${sample.items.length}）`}>
      <Table<TestItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={sample.items}
        scroll={{ x: 880 }}
        onRow={(i) => (i.verdict === 'fail' ? { style: { background: '#fff1f0' } } : {})}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 56 },
          { title: '检验项目', dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: '检验方法', dataIndex: 'method', render: dash },
          { title: '判定依据', dataIndex: 'standard', render: dash },
          { title: '标准要求', key: 'limit', render: (_v, i) => limitText(i) },
          { title: '实测值', key: 'result', render: (_v, i) => resultText(i.resultValue, i.resultText, i.unit) },
          {
            title: '单项判定',
            key: 'verdict',
            width: 110,
            render: (_v, i) => (
              <Flex vertical gap={0} align="flex-start">
                {i.verdict ? <VerdictTag verdict={i.verdict} final /> : <Tag>待判定</Tag>}
                {i.verdictSource === 'entered' ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    人工判定
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          ...(retested
            ? [
                {
                  title: '复检结果',
                  key: 'retest',
                  render: (_v: unknown, i: TestItem) =>
                    i.retestVerdict ? (
                      <Flex gap={6} align="center">
                        <span>{resultText(i.retestValue, i.retestText, i.unit)}</span>
                        <VerdictTag verdict={i.retestVerdict} final />
                      </Flex>
                    ) : (
                      '—'
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** 样品详情: the sample, its test items and where it is in the 出具 → 复检 → 最终结论 process, with the actions the caller may take. */
export default function SampleDetail() {
  const { id = '' } = useParams();
  const me = useMeUser();
  const { message } = App.useApp();
  const localise = useLocalise();
  const sample = useSample(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const finalize = useSamplingMutation(() => finalizeSample(id));
  const publish = useSamplingMutation(() => publishSample(id));
  const enterprise = me.role === 'enterprise';

  if (sample.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (sample.isError) {
    if (isApiError(sample.error) && sample.error.status === 404) {
      return <Result status="404" title="样品不存在" subTitle="该样品不存在，或不在您的管辖范围内。" extra={<Link to="/sampling">返回样品列表</Link>} />;
    }
    return <ErrorAlert error={sample.error} title="样品加载失败" onRetry={() => void sample.refetch()} />;
  }
  const s = sample.data;
  const a = s.actions;
  const close = () => setDialog(null);
  const onError = (e: Error) => message.error(localise(e.message));

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={12}>
          <Link to="/sampling">
            <ArrowLeftOutlined /> {enterprise ? '本企业抽检结果' : '监督抽查样品'}
          </Link>
          <Flex justify="space-between" align="flex-start" wrap gap={12}>
            <Flex vertical gap={4}>
              <Flex align="center" gap={8} wrap>
                <Typography.Title level={3} style={{ margin: 0 }}>
                  {s.productName}
                </Typography.Title>
                <StatusTag sample={s} />
                <RiskTag level={s.riskLevel} />
                <DemoTag demo={s.isDemo} />
              </Flex>
              <Typography.Text type="secondary">
                抽样单 <span style={{ fontFamily: 'monospace' }}>{s.sampleNo}</span> · {s.entityName} · {s.categoryName}
              </Typography.Text>
            </Flex>
            <Flex gap={8} wrap>
              {a.edit ? (
                <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                  修改
                </Button>
              ) : null}
              {a.issue ? (
                <Button type="primary" onClick={() => setDialog('issue')}>
                  出具检验结论
                </Button>
              ) : null}
              {a.notify ? <Button onClick={() => setDialog('notify')}>登记送达日期</Button> : null}
              {a.requestRetest ? (
                <Button type={enterprise ? 'primary' : 'default'} onClick={() => setDialog('retest')}>
                  {enterprise ? '申请复检' : '登记复检申请'}
                </Button>
              ) : null}
              {a.recordRetest ? (
                <Button type="primary" onClick={() => setDialog('retestResult')}>
                  录入复检结果
                </Button>
              ) : null}
              {a.finalize ? (
                <Popconfirm
                  title="确认最终结论为不合格？"
                  description="复检申请期已满且企业未申请复检。确认后记入企业时间轴，并推送产品质量风险信号。"
                  okText="确认"
                  cancelText="取消"
                  onConfirm={() => finalize.mutate(undefined, { onSuccess: () => message.success('已确定最终结论'), onError })}
                >
                  <Button type="primary" loading={finalize.isPending}>
                    确认最终结论
                  </Button>
                </Popconfirm>
              ) : null}
              {a.publish ? (
                <Popconfirm
                  title="向社会公示该不合格产品？"
                  description="公示企业名称、产品、规格、批号和不合格项目。"
                  okText="公示"
                  cancelText="取消"
                  onConfirm={() => publish.mutate(undefined, { onSuccess: () => message.success('已公示'), onError })}
                >
                  <Button loading={publish.isPending}>公示</Button>
                </Popconfirm>
              ) : null}
            </Flex>
          </Flex>
          <Progress sample={s} />
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title="抽样信息" style={{ height: '100%' }}>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              size="middle"
              styles={{ label: { width: 110 } }}
              items={[
                {
                  key: 'entity',
                  label: '受检企业',
                  span: 2,
                  children: (
                    <Flex vertical gap={0}>
                      {enterprise ? <span>{s.entityName}</span> : <Link to={`/entities/${s.entityId}`}>{s.entityName}</Link>}
                      <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                        {s.creditCode}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                { key: 'region', label: '所在地', children: `${s.countyName ?? ''} ${s.regionName}` },
                { key: 'category', label: '产品类别', children: s.categoryName },
                { key: 'spec', label: '规格型号', children: dash(s.spec) },
                { key: 'brand', label: '商标', children: dash(s.brand) },
                { key: 'batch', label: '生产日期/批号', children: dash(s.batch) },
                { key: 'sampledOn', label: '抽样日期', children: s.sampledOn },
                { key: 'place', label: '抽样地点', children: dash(s.samplingPlace) },
                { key: 'lab', label: '承检机构', children: dash(s.lab) },
                ...(enterprise ? [] : [{ key: 'plan', label: '抽查计划', span: 2, children: dash(s.planTitle) }]),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <ConclusionCard sample={s} />
        </Col>
      </Row>
      <ItemsTable sample={s} />
      {dialog === 'edit' ? <SampleFormModal sample={s} onClose={close} /> : null}
      {dialog === 'issue' ? <IssueModal sample={s} onClose={close} /> : null}
      {dialog === 'notify' ? <NotifyModal sample={s} onClose={close} /> : null}
      {dialog === 'retest' ? <RetestRequestModal sample={s} onClose={close} enterprise={enterprise} /> : null}
      {dialog === 'retestResult' ? <RetestResultModal sample={s} onClose={close} /> : null}
    </Flex>
  );
}
