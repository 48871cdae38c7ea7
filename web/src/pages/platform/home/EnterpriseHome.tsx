import { ApiOutlined, CloudUploadOutlined, ExperimentOutlined, QrcodeOutlined, ShopOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, List, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSamples } from '../../../api/sampling';
import { type CaptureJob, useCaptureJobs, useProducts } from '../../../api/trace';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLocalise } from '../../../i18n';
import { shanghaiTime } from '../../../lib/time';
import { VERDICT_COLORS, VERDICT_LABELS } from '../../sampling/labels';
import { documentTypeLabel, STATUS_COLOR, STATUS_LABEL } from '../../trace/captures/labels';

const RECENT = 5;

const SHORTCUTS: [string, string, ReactNode][] = [
  ['登记批次事件 / 上传 EPCIS 文件', '/trace/captures', <CloudUploadOutlined key="capture" />],
  ['产品与赋码', '/trace/products', <QrcodeOutlined key="products" />],
  ['抽检结果与复检', '/sampling', <ExperimentOutlined key="sampling" />],
  ['本企业档案', '/entities', <ShopOutlined key="entity" />],
  ['API 密钥（企业系统对接）', '/trace/api-keys', <ApiOutlined key="keys" />],
];

function StatCard({
  title,
  value,
  loading,
  to,
  hint,
  danger,
}: {
  title: string;
  value: number | undefined;
  loading: boolean;
  to: string;
  hint: ReactNode;
  danger?: boolean;
}) {
  return (
    <Link to={to} aria-label={title} style={{ display: 'block', height: '100%' }}>
      <Card hoverable style={{ height: '100%' }}>
        <Statistic title={title} value={value ?? '—'} loading={loading} styles={danger && value ? { content: { color: '#cf1322' } } : undefined} />
        <Typography.Text type="secondary">{hint}</Typography.Text>
      </Card>
    </Link>
  );
}

function CaptureLine({ job }: { job: CaptureJob }) {
  const localise = useLocalise();
  return (
    <List.Item>
      <Flex vertical style={{ width: '100%' }} gap={2}>
        <Flex justify="space-between" gap={8}>
          <span>
            <Tag color={STATUS_COLOR[job.status]}>{STATUS_LABEL[job.status]}</Tag>
            {documentTypeLabel(job.documentType)}
          </span>
          <Typography.Text type="secondary">{shanghaiTime(job.createdAt)}</Typography.Text>
        </Flex>
        <Typography.Text type={job.errorCount > 0 ? 'danger' : 'secondary'} ellipsis>
          {job.errorCount > 0 && job.firstError
            ? localise(job.firstError)
            : `${job.eventCount} 个事件，新入库 ${job.storedCount} 个${job.duplicateCount > 0 ? `，重复 ${job.duplicateCount} 个` : ''}`}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

/**
 * 企业工作台: what an enterprise's quality manager opens the platform for — its traceability products and reporting
 * (with the uploads that need attention), its latest supervision sampling results, and the ways to record data.
 * Every figure is a total of a list the enterprise may open (the same server-scoped endpoints), one click away.
 */
export function EnterpriseHome() {
  const navigate = useNavigate();
  const products = useProducts({ page: 1, pageSize: 1 });
  const captures = useCaptureJobs({ page: 1, pageSize: RECENT });
  const failed = useCaptureJobs({ page: 1, pageSize: 1, status: 'failed' });
  const partial = useCaptureJobs({ page: 1, pageSize: 1, status: 'partial' });
  const samples = useSamples({ page: 1, pageSize: RECENT, sort: 'sampledOn', order: 'desc' });
  const failing = useSamples({ page: 1, pageSize: 1, finalConclusion: 'fail' });
  const attention = failed.data && partial.data ? failed.data.total + partial.data.total : undefined;

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            title="追溯产品"
            value={products.data?.total}
            loading={products.isPending}
            to="/trace/products"
            hint="产品与赋码：批次追溯码、二维码和标签"
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <StatCard title="上报记录" value={captures.data?.total} loading={captures.isPending} to="/trace/captures" hint="网页登记、文件上传和接口上报" />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            title="需处理的上报"
            value={attention}
            loading={failed.isPending || partial.isPending}
            to="/trace/captures"
            hint="被退回或部分入库，请按原因改正后重报"
            danger
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <StatCard
            title="抽检不合格批次"
            value={failing.data?.total}
            loading={failing.isPending}
            to="/sampling"
            hint={`共 ${samples.data?.total ?? '—'} 批次接受监督抽检`}
            danger
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title="最近上报" extra={<Link to="/trace/captures">全部上报记录</Link>} style={{ height: '100%' }}>
            {captures.isError ? <ErrorAlert error={captures.error} title="上报记录加载失败" onRetry={() => void captures.refetch()} /> : null}
            {captures.isPending ? <Skeleton active /> : null}
            {captures.data ? (
              captures.data.items.length === 0 ? (
                <Empty description="还没有上报追溯数据：可在“上报记录”中登记批次事件或上传 EPCIS 文件" />
              ) : (
                <List size="small" dataSource={captures.data.items} renderItem={(job) => <CaptureLine job={job} />} />
              )
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="最近抽检结果" extra={<Link to="/sampling">全部抽检结果</Link>} style={{ height: '100%' }}>
            {samples.isError ? <ErrorAlert error={samples.error} title="抽检结果加载失败" onRetry={() => void samples.refetch()} /> : null}
            {samples.isPending ? <Skeleton active /> : null}
            {samples.data ? (
              samples.data.items.length === 0 ? (
                <Empty description="本企业暂无监督抽检记录" />
              ) : (
                <List
                  size="small"
                  dataSource={samples.data.items}
                  renderItem={(sample) => {
                    const verdict = sample.finalConclusion ?? sample.conclusion;
                    return (
                      <List.Item>
                        <Flex justify="space-between" gap={8} style={{ width: '100%' }}>
                          <Link to={`/sampling/samples/${sample.id}`}>
                            {sample.productName}
                            {sample.batch ? <Typography.Text type="secondary">（批次 {sample.batch}）</Typography.Text> : null}
                          </Link>
                          <span style={{ whiteSpace: 'nowrap' }}>
                            <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                              {sample.sampledOn}
                            </Typography.Text>
                            {verdict ? (
                              <Tag color={VERDICT_COLORS[verdict]}>
                                {VERDICT_LABELS[verdict]}
                                {sample.finalConclusion ? '' : '（待最终）'}
                              </Tag>
                            ) : (
                              <Tag>检验中</Tag>
                            )}
                          </span>
                        </Flex>
                      </List.Item>
                    );
                  }}
                />
              )
            ) : null}
          </Card>
        </Col>
      </Row>
      <Card title="常用功能">
        <Flex gap={12} wrap>
          {SHORTCUTS.map(([label, to, icon]) => (
            <Button key={to} icon={icon} onClick={() => navigate(to)}>
              {label}
            </Button>
          ))}
        </Flex>
      </Card>
    </Flex>
  );
}
