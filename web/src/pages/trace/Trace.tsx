import { Card, Empty, Flex, Radio, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type TraceDirection, useEventsById, useLocationNames, useTrace } from '../../api/trace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TraceGraphCard } from './query/TraceGraphCard';
import { CodeLabel } from './shared/CodeLabel';
import { CodeSearch } from './shared/CodeSearch';
import { CodesTable } from './shared/CodesTable';
import { parseCodeInput } from './shared/codes';
import { EventsTable } from './shared/EventsTable';
import { toEventRows } from './shared/events';
import { QueryStates } from './shared/QueryStates';
import { ScopeNote } from './shared/ScopeNote';

const DIRECTION_TEXT: Record<TraceDirection, string> = {
  backward: '反向追溯：从该码查原料和上游来源（转化的投入、所在的托盘等）',
  forward: '正向追溯：从该码查下游去向（用它生产的批次、装入的容器所含之物等）',
};

/** 追溯查询: backward or forward trace from one code, as a graph, a list of codes and the key tracking events. */
export default function TracePage() {
  const [params, setParams] = useSearchParams();
  const typed = params.get('code')?.trim() || null;
  // A code from the address bar is checked as one typed in the box: a typo is named here, not by a bare 400.
  const parsed = typed ? parseCodeInput(typed) : null;
  const code = parsed?.ok ? parsed.code : null;
  const direction: TraceDirection = params.get('direction') === 'forward' ? 'forward' : 'backward';
  const go = (next: string | null, dir: TraceDirection) => setParams(next ? { code: next, direction: dir } : { direction: dir });

  const trace = useTrace(code, direction);
  const names = useLocationNames();
  const events = useEventsById(trace.data?.events);
  const rows = useMemo(() => (events.data ? toEventRows(events.data) : []), [events.data]);
  const data = trace.data;
  const farthest = data ? Math.max(0, ...data.hops.map((hop) => hop.depth)) : 0;

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={12}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              追溯查询
            </Typography.Title>
            <Typography.Text type="secondary">{DIRECTION_TEXT[direction]}</Typography.Text>
          </div>
          <CodeSearch
            value={typed}
            loading={trace.isFetching}
            onSearch={(next) => go(next, direction)}
            extra={
              <Radio.Group
                aria-label="追溯方向"
                optionType="button"
                value={direction}
                onChange={(event) => go(code, event.target.value === 'forward' ? 'forward' : 'backward')}
                options={[
                  { value: 'backward', label: '反向追溯' },
                  { value: 'forward', label: '正向追溯' },
                ]}
              />
            }
          />
        </Flex>
      </Card>

      <QueryStates
        typed={typed}
        parsed={parsed}
        emptyText="输入追溯码或商品条码与批次号，查看该批次的来源与去向"
        query={trace}
        code={code}
        errorTitle="追溯查询失败"
        onPick={(next) => go(next, direction)}
      />

      {data ? (
        <>
          <Card size="small">
            <Flex gap={32} wrap align="center">
              <div>
                <Typography.Text type="secondary">查询起点</Typography.Text>
                <div style={{ marginTop: 4 }}>
                  <CodeLabel code={data.root} strong />
                </div>
              </div>
              <Statistic title="追溯码" value={data.codes.length} suffix="个" />
              <Statistic title="关键追溯事件" value={data.events.length} suffix="个" />
              <Statistic title={direction === 'backward' ? '向上游' : '向下游'} value={farthest} suffix="步" />
            </Flex>
          </Card>
          {data.events.length === 0 ? (
            <Card>
              <Empty description="没有找到与该追溯码有关的事件：请核对追溯码，或该批次尚未上报追溯数据" />
            </Card>
          ) : (
            <>
              {events.data ? <ScopeNote expected={data.events.length} shown={rows.length} /> : null}
              <TraceGraphCard
                trace={data}
                rows={rows}
                eventsPending={events.isPending}
                eventsError={events.isError ? events.error : null}
                onRetry={() => void events.refetch()}
                onNodeClick={(next) => go(next, direction)}
              />
              <Card title={`追溯码（${data.codes.length}）`} size="small">
                <CodesTable codes={data.hops} withDepth onTrace={(next) => go(next, direction)} />
              </Card>
              <Card title="关键追溯事件" size="small">
                {events.isError ? (
                  <ErrorAlert error={events.error} title="事件加载失败" onRetry={() => void events.refetch()} />
                ) : (
                  <EventsTable rows={rows} loading={events.isPending} root={data.root} names={names.data} />
                )}
              </Card>
            </>
          )}
        </>
      ) : null}
    </Flex>
  );
}
