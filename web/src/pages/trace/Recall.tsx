import { NodeIndexOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useEventsById, useLocationNames, useRecallScope } from '../../api/trace';
import { TraceChart } from '../../charts/trace-chart';
import { buildRecallRegionOption } from '../../charts/trace-options';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HoldersTable } from './recall/HoldersTable';
import { CodeLabel } from './shared/CodeLabel';
import { CodeSearch } from './shared/CodeSearch';
import { CodesTable } from './shared/CodesTable';
import { parseCodeInput } from './shared/codes';
import { EventsTable } from './shared/EventsTable';
import { toEventRows } from './shared/events';
import { QueryStates } from './shared/QueryStates';
import { summariseRecall } from './shared/recall';
import { ScopeNote } from './shared/ScopeNote';

const CHART_HEIGHT = 300;

/** 召回范围: from a problem lot, every downstream lot and where each is now — locations, enterprises, counties. */
export default function RecallPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const typed = params.get('code')?.trim() || null;
  const parsed = typed ? parseCodeInput(typed) : null;
  const code = parsed?.ok ? parsed.code : null;
  const recall = useRecallScope(code);
  const names = useLocationNames();
  const events = useEventsById(recall.data?.events);
  const rows = useMemo(() => (events.data ? toEventRows(events.data) : []), [events.data]);
  const data = recall.data;
  const summary = useMemo(() => (data ? summariseRecall(data) : null), [data]);
  const regionOption = useMemo(() => buildRecallRegionOption(data?.byRegion ?? []), [data]);
  const lots = useMemo(() => (data ? data.lots.map((lot) => ({ code: lot })) : []), [data]);

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={12}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              召回范围
            </Typography.Title>
            <Typography.Text type="secondary">输入问题批次的追溯码，查找用它生产或装入的全部下游批次，以及它们目前所在的地点、企业和区县</Typography.Text>
          </div>
          <CodeSearch value={typed} loading={recall.isFetching} submitText="分析召回范围" onSearch={(next) => setParams({ code: next })} />
        </Flex>
      </Card>

      <QueryStates
        typed={typed}
        parsed={parsed}
        emptyText="输入问题批次的追溯码后，显示召回涉及的批次、企业和地点"
        query={recall}
        code={code}
        errorTitle="召回范围分析失败"
        onPick={(next) => setParams({ code: next })}
      />

      {data && summary ? (
        <>
          <Card size="small">
            <Flex vertical gap={12}>
              <Flex justify="space-between" align="center" wrap gap={12}>
                <div>
                  <Typography.Text type="secondary">问题批次</Typography.Text>
                  <div style={{ marginTop: 4 }}>
                    <CodeLabel code={data.root} strong />
                  </div>
                </div>
                <Button icon={<NodeIndexOutlined />} onClick={() => navigate(`/trace?${new URLSearchParams({ code: data.root, direction: 'forward' })}`)}>
                  查看正向追溯图
                </Button>
              </Flex>
              {data.events.length > 0 ? (
                <>
                  <Alert type={summary.locations > 0 ? 'warning' : 'info'} showIcon title={summary.text} />
                  <Flex gap={32} wrap>
                    <Statistic title="涉及批次" value={summary.batches} suffix="个" />
                    <Statistic title="涉及企业" value={summary.enterprises} suffix="家" />
                    <Statistic title="持有地点" value={summary.locations} suffix="个" />
                    <Statistic title="涉及区县" value={summary.regions} suffix="个" />
                  </Flex>
                </>
              ) : null}
            </Flex>
          </Card>

          {data.events.length === 0 ? (
            <Card>
              <Empty description="没有找到该批次的事件：请核对追溯码，或该批次尚未上报追溯数据" />
            </Card>
          ) : (
            <>
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={10}>
                  <Card title="各区县分布" size="small">
                    {data.byRegion.length > 0 ? (
                      <TraceChart option={regionOption} height={CHART_HEIGHT} ariaLabel="召回范围各区县持有地点数与追溯码数柱状图" />
                    ) : (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有已知的持有地点" style={{ height: CHART_HEIGHT - 48, paddingTop: 64 }} />
                    )}
                  </Card>
                </Col>
                <Col xs={24} xl={14}>
                  <Card title={`下游批次（${data.lots.length}）`} size="small">
                    <CodesTable codes={lots} compact emptyText="该批次没有下游批次（未用于生产或装箱）" />
                  </Card>
                </Col>
              </Row>
              <Card title={`持有地点（${data.holders.length}）`} size="small">
                <HoldersTable holders={data.holders} />
              </Card>
              <Card title="关键追溯事件" size="small">
                <Flex vertical gap={8}>
                  {events.data ? <ScopeNote expected={data.events.length} shown={rows.length} /> : null}
                  {events.isError ? (
                    <ErrorAlert error={events.error} title="事件加载失败" onRetry={() => void events.refetch()} />
                  ) : (
                    <EventsTable rows={rows} loading={events.isPending} root={data.root} names={names.data} />
                  )}
                </Flex>
              </Card>
            </>
          )}
        </>
      ) : null}
    </Flex>
  );
}
