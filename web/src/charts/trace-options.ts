/** Pure builders of the trace module's chart options (tested in trace-options.test.ts). */
import type { BarSeriesOption, GraphSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { type CodeKind, KIND_COLOR, KIND_LABEL, KIND_ORDER, kindRank } from './trace-kinds';

export type TraceChartOption = ComposeOption<
  GraphSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | AriaComponentOption | LegendComponentOption
>;

export interface TraceGraphNode {
  /** the canonical code */
  id: string;
  /** hops from the root */
  depth: number;
  kind: CodeKind;
  title: string;
  subtitle: string | null;
  /** one-line description for the tooltip */
  text: string;
  isRoot: boolean;
}

export interface TraceGraphEdge {
  source: string;
  target: string;
  /** transform: input → output; pack: child → parent; unpack: parent → child */
  relation: 'transform' | 'pack' | 'unpack';
  label: string;
  eventIds: string[];
  /** every event behind the edge was declared erroneous */
  allDeclaredError: boolean;
}

export interface TraceGraph {
  direction: 'backward' | 'forward';
  nodes: TraceGraphNode[];
  edges: TraceGraphEdge[];
  /** codes of the trace left off the graph (too many) */
  omitted: number;
}

/** Names from the database and codes typed by enterprises go into HTML tooltips: escape them. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const COLUMN_GAP = 260;
const ROW_GAP = 90;
/** A hop with more codes than this is spread over several columns, so the graph does not become one tall line. */
const ROWS_PER_COLUMN = 12;
const ROOT_BORDER = '#c8102e';
const RELATION_COLOR: Record<TraceGraphEdge['relation'], string> = { transform: '#1d4f91', pack: '#d48806', unpack: '#d48806' };
/** Edge labels beyond this many edges only clutter the picture; the tooltip still names each. */
const MAX_EDGE_LABELS = 40;

/** Root largest, then smaller with each hop, never below 20 px. */
export function nodeSize(depth: number, isRoot: boolean): number {
  return isRoot ? 56 : Math.max(20, 44 - 6 * depth);
}

/**
 * Positions in columns by hop: the root at one side, each further hop a column away — to the left for a
 * backward trace (where the goods came from), to the right for a forward one (where they went). Within a
 * column codes are ordered by kind, then name, centred on the root's row.
 */
export function layoutTraceGraph(graph: Pick<TraceGraph, 'direction' | 'nodes'>): Map<string, { x: number; y: number }> {
  const byDepth = new Map<number, TraceGraphNode[]>();
  for (const node of graph.nodes) byDepth.set(node.depth, [...(byDepth.get(node.depth) ?? []), node]);
  const sign = graph.direction === 'backward' ? -1 : 1;
  const positions = new Map<string, { x: number; y: number }>();
  let column = 0;
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    const nodes = (byDepth.get(depth) ?? []).sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
    const columns = Math.ceil(nodes.length / ROWS_PER_COLUMN);
    nodes.forEach((node, index) => {
      const sub = Math.floor(index / ROWS_PER_COLUMN);
      const inColumn = Math.min(ROWS_PER_COLUMN, nodes.length - sub * ROWS_PER_COLUMN);
      const row = index % ROWS_PER_COLUMN;
      const x = (column + sub) * COLUMN_GAP;
      positions.set(node.id, { x: x === 0 ? 0 : sign * x, y: (row - (inColumn - 1) / 2) * ROW_GAP });
    });
    column += columns;
  }
  return positions;
}

export function nodeTooltip(node: TraceGraphNode): string {
  const where = node.isRoot ? '查询起点' : `距起点 ${node.depth} 步`;
  return [
    `<b>${escapeHtml(KIND_LABEL[node.kind])}</b>　${escapeHtml(where)}`,
    escapeHtml(node.text),
    `<span style="color:#8c8c8c">${escapeHtml(node.id)}</span>`,
  ].join('<br/>');
}

export function edgeTooltip(edge: TraceGraphEdge, titles: ReadonlyMap<string, string>): string {
  const from = titles.get(edge.source) ?? edge.source;
  const to = titles.get(edge.target) ?? edge.target;
  const flag = edge.allDeclaredError ? '（事件已声明有误）' : '';
  return `${escapeHtml(from)} → ${escapeHtml(to)}<br/>${escapeHtml(edge.label)}，${edge.eventIds.length} 个事件${flag}`;
}

/** The trace as a graph: nodes coloured by kind (legend), sized by hop, the root ringed red; arrows follow the goods. */
export function buildTraceGraphOption(graph: TraceGraph): TraceChartOption {
  const kinds = KIND_ORDER.filter((kind) => graph.nodes.some((node) => node.kind === kind));
  const positions = layoutTraceGraph(graph);
  const titles = new Map(graph.nodes.map((node) => [node.id, node.title]));
  const nodeTips = graph.nodes.map(nodeTooltip);
  const edgeTips = graph.edges.map((edge) => edgeTooltip(edge, titles));
  const showEdgeLabels = graph.edges.length <= MAX_EDGE_LABELS;
  return {
    aria: { enabled: true },
    legend: { top: 0, data: kinds.map((kind) => KIND_LABEL[kind]) },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        if (!item) return '';
        return (item.dataType === 'edge' ? edgeTips[item.dataIndex] : nodeTips[item.dataIndex]) ?? '';
      },
    },
    series: [
      {
        type: 'graph',
        layout: 'none',
        // One scale for x and y, or the symbols are squashed into ellipses.
        preserveAspect: 'contain',
        roam: true,
        // Room for the legend above and the two-line labels under the lowest nodes.
        top: 56,
        bottom: 64,
        left: 80,
        right: 80,
        categories: kinds.map((kind) => ({ name: KIND_LABEL[kind], itemStyle: { color: KIND_COLOR[kind] } })),
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 9,
        emphasis: { focus: 'adjacency', lineStyle: { width: 3 } },
        label: { show: true, position: 'bottom', fontSize: 11, lineHeight: 14, color: '#262626' },
        edgeLabel: { show: showEdgeLabels, fontSize: 11, color: '#595959' },
        data: graph.nodes.map((node) => {
          const position = positions.get(node.id) ?? { x: 0, y: 0 };
          return {
            id: node.id,
            name: node.id,
            x: position.x,
            y: position.y,
            category: kinds.indexOf(node.kind),
            symbolSize: nodeSize(node.depth, node.isRoot),
            label: { formatter: node.subtitle ? `${node.title}\n${node.subtitle}` : node.title, fontWeight: node.isRoot ? 'bold' : 'normal' },
            itemStyle: node.isRoot ? { borderColor: ROOT_BORDER, borderWidth: 3 } : { borderColor: '#fff', borderWidth: 1 },
          };
        }),
        links: graph.edges.map((edge) => ({
          source: edge.source,
          target: edge.target,
          value: edge.eventIds.length,
          label: { formatter: edge.label },
          lineStyle: {
            color: edge.allDeclaredError ? '#bfbfbf' : RELATION_COLOR[edge.relation],
            type: edge.allDeclaredError ? 'dashed' : 'solid',
            width: 1.5,
            curveness: 0.08,
          },
        })),
      },
    ],
  };
}

export interface RecallRegionDatum {
  regionCode: string;
  regionName: string;
  locations: number;
  codes: number;
}

/** Recall scope per county: holding locations and the codes they hold, side by side; unregistered locations last. */
export function buildRecallRegionOption(rows: readonly RecallRegionDatum[]): TraceChartOption {
  const sorted = [...rows].sort((a, b) => Number(a.regionCode === 'unknown') - Number(b.regionCode === 'unknown') || a.regionCode.localeCompare(b.regionCode));
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: ['持有地点', '涉及追溯码'] },
    grid: { left: 40, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: sorted.map((row) => row.regionName), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '持有地点', type: 'bar', barMaxWidth: 36, color: '#1d4f91', label: { show: true, position: 'top' }, data: sorted.map((row) => row.locations) },
      { name: '涉及追溯码', type: 'bar', barMaxWidth: 36, color: '#d48806', label: { show: true, position: 'top' }, data: sorted.map((row) => row.codes) },
    ],
  };
}
