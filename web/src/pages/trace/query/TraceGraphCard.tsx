import { Alert, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import type { TraceResult } from '../../../api/trace';
import { TraceChart } from '../../../charts/trace-chart';
import { buildTraceGraphOption } from '../../../charts/trace-options';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { buildTraceGraph, type EventRow, MAX_GRAPH_NODES } from '../shared/events';

interface TraceGraphCardProps {
  trace: TraceResult;
  rows: readonly EventRow[];
  eventsPending: boolean;
  eventsError: unknown;
  onRetry: () => void;
  onNodeClick: (code: string) => void;
}

/** Taller for wide hops, within reason; the chart zooms and pans for the rest. */
function graphHeight(nodes: number): number {
  return Math.min(640, Math.max(360, 160 + nodes * 18));
}

export function TraceGraphCard({ trace, rows, eventsPending, eventsError, onRetry, onNodeClick }: TraceGraphCardProps) {
  const graph = useMemo(() => buildTraceGraph(trace, rows), [trace, rows]);
  const option = useMemo(() => buildTraceGraphOption(graph), [graph]);
  const backward = trace.direction === 'backward';
  return (
    <Card
      title="追溯图"
      size="small"
      extra={
        <Typography.Text type="secondary">
          {backward ? '箭头指向货物流向：左侧为上游来源' : '箭头指向货物流向：右侧为下游去向'}；点击节点可从该码继续追溯，滚轮缩放、拖动平移
        </Typography.Text>
      }
    >
      <Flex vertical gap={8}>
        {eventsError ? <ErrorAlert error={eventsError} title="事件加载失败，图中暂无连线" onRetry={onRetry} /> : null}
        {graph.omitted > 0 ? (
          <Alert type="warning" showIcon title={`追溯码较多，图中只显示距起点最近的 ${MAX_GRAPH_NODES} 个，其余 ${graph.omitted} 个见下方列表`} />
        ) : null}
        {eventsPending ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : graph.nodes.length <= 1 && graph.edges.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={backward ? '该码没有上游来源（未记录转化或装箱关系）' : '该码没有下游去向（未记录转化或装箱关系）'}
          />
        ) : (
          <TraceChart
            option={option}
            height={graphHeight(graph.nodes.length)}
            ariaLabel={`${backward ? '反向' : '正向'}追溯图，共 ${graph.nodes.length} 个追溯码`}
            onNodeClick={onNodeClick}
          />
        )}
      </Flex>
    </Card>
  );
}
