import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useIndicator, usePlans } from '../../api/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { can } from '../../lib/access';
import { useMeUser } from '../../session';
import { IndicatorFormDrawer } from './admin/IndicatorFormDrawer';
import { Facts } from './indicator/Facts';
import { MethodCard } from './indicator/MethodCard';
import { ProgressLog } from './indicator/ProgressLog';
import { ReferenceValues } from './indicator/ReferenceValues';
import { RegionTable } from './indicator/RegionTable';
import { RegionTargets } from './indicator/RegionTargets';
import { SeriesCard } from './indicator/SeriesCard';
import { WhatIf } from './indicator/WhatIf';
import { planYears } from './shared/format';
import { CITY_CODE } from './shared/regions';
import { StatusTag } from './shared/StatusTag';
import { usePlanRegion } from './shared/use-plan-region';

export default function IndicatorDetail() {
  const { id = '' } = useParams();
  const me = useMeUser();
  const detail = useIndicator(id);
  const plans = usePlans();
  const { regions } = usePlanRegion();
  const cityAdmin = can(me.role, 'planReview');
  const canDefine = can(me.role, 'planAdmin');
  const [editing, setEditing] = useState(false);

  const indicator = detail.data?.indicator;
  const plan = useMemo(() => plans.data?.find((item) => item.id === indicator?.planId), [plans.data, indicator?.planId]);
  const progress = detail.data?.progress ?? [];
  const city = progress.find((row) => row.regionCode === CITY_CODE) ?? progress[0];

  const back = (
    <Link to="/plan/indicators">
      <Button type="text" icon={<ArrowLeftOutlined />}>
        返回指标一览
      </Button>
    </Link>
  );

  if (detail.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  }
  if (detail.isError) {
    if (isApiError(detail.error) && detail.error.status === 404) {
      return <Result status="404" title="指标不存在" subTitle="该指标不存在或不在您的查看范围内。" extra={back} />;
    }
    return <ErrorAlert error={detail.error} title="指标详情加载失败" onRetry={() => void detail.refetch()} />;
  }
  const data = detail.data;
  const item = data.indicator;
  const years = plan ? planYears(plan) : [item.targetYear];
  const showReference = 'text' in item.target || data.referenceValues.length > 0;
  const showRegionTargets = item.regionRollup === 'sum' && 'value' in item.target;

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={4}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            {back}
            {canDefine ? (
              <Button icon={<EditOutlined />} disabled={!plan} onClick={() => setEditing(true)}>
                编辑定义
              </Button>
            ) : null}
          </Flex>
          <Flex gap={12} align="center" wrap>
            <Tag>{item.code}</Tag>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {item.name}
            </Typography.Title>
            {city ? <StatusTag status={city.progress.status} hint="全市进展状态" /> : null}
          </Flex>
          <Typography.Text type="secondary">{plan ? plan.name : null}</Typography.Text>
        </Flex>
      </Card>
      <Facts indicator={item} city={city} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <SeriesCard plan={plan} indicator={item} progress={progress} regions={regions} />
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <MethodCard city={city} methods={data.methods} />
            {progress.length > 0 ? <WhatIf indicator={item} progress={progress} regions={regions} /> : null}
          </Flex>
        </Col>
      </Row>
      <RegionTable indicator={item} progress={progress} regions={regions} />
      {showReference || showRegionTargets ? (
        <Row gutter={[16, 16]}>
          {showReference ? (
            <Col xs={24} xl={12}>
              <ReferenceValues indicator={item} values={data.referenceValues} years={years} canEdit={cityAdmin} />
            </Col>
          ) : null}
          {showRegionTargets ? (
            <Col xs={24} xl={12}>
              <RegionTargets indicator={item} targets={data.regionTargets} regions={regions} canEdit={cityAdmin} />
            </Col>
          ) : null}
        </Row>
      ) : null}
      <ProgressLog indicatorId={item.id} unit={item.unit} decimals={item.decimals} />
      {canDefine && plan ? <IndicatorFormDrawer open={editing} plan={plan} indicator={item} onClose={() => setEditing(false)} /> : null}
    </Flex>
  );
}
