import { ArrowLeftOutlined, FileExcelOutlined, FilePdfOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Popconfirm, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { freezeEvaluation, planFiles, useEvaluation, usePlanMutation } from '../../api/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise } from '../../i18n';
import { can } from '../../lib/access';
import { shanghaiTime } from '../../lib/time';
import { useMeUser } from '../../session';
import { Narrative } from './evaluation/Narrative';
import { CategorySummary, LaggingList, SnapshotIndicators } from './evaluation/SnapshotTables';
import { EVALUATION_KIND_LABEL, EVALUATION_STATUS } from './shared/labels';

export default function EvaluationDetail() {
  const { id = '' } = useParams();
  const me = useMeUser();
  const { message } = App.useApp();
  const localise = useLocalise();
  const evaluation = useEvaluation(id);
  const freeze = usePlanMutation(freezeEvaluation);
  const cityAdmin = can(me.role, 'planReview');

  const back = (
    <Link to="/plan/evaluations">
      <Button type="text" icon={<ArrowLeftOutlined />}>
        返回评估列表
      </Button>
    </Link>
  );
  if (evaluation.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  }
  if (evaluation.isError) {
    if (isApiError(evaluation.error) && evaluation.error.status === 404) return <Result status="404" title="评估不存在" extra={back} />;
    return <ErrorAlert error={evaluation.error} title="评估加载失败" onRetry={() => void evaluation.refetch()} />;
  }
  const item = evaluation.data;
  const { snapshot } = item;
  const draft = item.status === 'draft';

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={8}>
          <div>{back}</div>
          <Flex justify="space-between" align="center" wrap gap={12}>
            <Flex gap={12} align="center" wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {item.title}
              </Typography.Title>
              <Tag color="geekblue">{EVALUATION_KIND_LABEL[item.kind]}</Tag>
              <Tag color={EVALUATION_STATUS[item.status].color}>{EVALUATION_STATUS[item.status].text}</Tag>
            </Flex>
            <Flex gap={8} wrap>
              <Button icon={<FileExcelOutlined />} href={planFiles.evaluationReport(item.id, 'xlsx')} download>
                下载Excel
              </Button>
              <Button icon={<FilePdfOutlined />} href={planFiles.evaluationReport(item.id, 'pdf')} download>
                下载PDF
              </Button>
              {cityAdmin && draft ? (
                <Popconfirm
                  title="冻结评估？"
                  description="冻结后数值、测算方法和状态将永久固定，不能再修改。"
                  okText="冻结"
                  cancelText="取消"
                  onConfirm={() =>
                    freeze.mutate(item.id, {
                      onSuccess: () => message.success('评估已冻结'),
                      onError: (error) => message.error(`冻结失败：${localise(error.message)}`),
                    })
                  }
                >
                  <Button type="primary" icon={<LockOutlined />} loading={freeze.isPending}>
                    冻结
                  </Button>
                </Popconfirm>
              ) : null}
            </Flex>
          </Flex>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 4 }}
            items={[
              { key: 'plan', label: '规划', children: snapshot.planName },
              { key: 'year', label: '数据年度', children: `${item.dataYear}年` },
              { key: 'asOf', label: '数据截止', children: item.asOf },
              { key: 'method', label: '测算方法版本', children: snapshot.methodVersion },
              { key: 'created', label: '创建', children: `${item.createdBy ?? '—'} ${shanghaiTime(item.createdAt)}` },
              { key: 'frozen', label: '冻结时间', children: item.frozenAt ? shanghaiTime(item.frozenAt) : '—' },
            ]}
          />
          {draft ? <Alert type="info" showIcon title="草稿：以下为按当前已审定数据实时测算的预览，冻结后固定不变。" /> : null}
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Narrative evaluation={item} canEdit={cityAdmin} />
        </Col>
        <Col xs={24} xl={10}>
          <LaggingList snapshot={snapshot} />
        </Col>
      </Row>
      <CategorySummary snapshot={snapshot} />
      <SnapshotIndicators snapshot={snapshot} />
    </Flex>
  );
}
