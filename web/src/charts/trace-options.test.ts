import { describe, expect, it } from 'vitest';
import { KIND_COLOR } from './trace-kinds';
import {
  buildRecallRegionOption,
  buildTraceGraphOption,
  edgeTooltip,
  escapeHtml,
  layoutTraceGraph,
  nodeSize,
  nodeTooltip,
  type TraceGraph,
  type TraceGraphNode,
} from './trace-options';

const node = (id: string, depth: number, kind: TraceGraphNode['kind'], title = id): TraceGraphNode => ({
  id,
  depth,
  kind,
  title,
  subtitle: kind === 'batch' ? '6970000000116' : null,
  text: `${title} text`,
  isRoot: depth === 0,
});

const GRAPH: TraceGraph = {
  direction: 'backward',
  nodes: [
    node('drink', 0, 'batch', '批次 DRINK-1'),
    node('pallet', 1, 'sscc', '托盘 SSCC'),
    node('leafA', 1, 'batch', '批次 LEAF-A'),
    node('leafB', 1, 'batch', '批次 LEAF-B'),
  ],
  edges: [
    { source: 'leafA', target: 'drink', relation: 'transform', label: '赋码生产', eventIds: ['e3'], allDeclaredError: false },
    { source: 'drink', target: 'pallet', relation: 'pack', label: '装箱', eventIds: ['e5'], allDeclaredError: true },
  ],
  omitted: 0,
};

type GraphSeries = {
  type: string;
  layout: string;
  categories: { name: string; itemStyle: { color: string } }[];
  data: { id: string; x: number; y: number; category: number; symbolSize: number; label: { formatter: string }; itemStyle: { borderColor: string } }[];
  links: { source: string; target: string; label: { formatter: string }; lineStyle: { type: string; color: string } }[];
  edgeLabel: { show: boolean };
};

describe('layoutTraceGraph', () => {
  it('puts the root at x = 0 and each hop a column to the left for a backward trace, kinds grouped within a column', () => {
    const positions = layoutTraceGraph(GRAPH);
    expect(positions.get('drink')).toEqual({ x: 0, y: 0 });
    const column = ['leafA', 'leafB', 'pallet'].map((id) => positions.get(id));
    expect(column.map((p) => p?.x)).toEqual([-260, -260, -260]);
    // batches before pallets, centred on the root's row
    expect(column.map((p) => p?.y)).toEqual([-90, 0, 90]);
  });

  it('goes to the right for a forward trace, and spreads a crowded hop over several columns', () => {
    const nodes = [
      node('root', 0, 'batch'),
      ...Array.from({ length: 13 }, (_, i) => node(`n${String(i).padStart(2, '0')}`, 1, 'item')),
      node('far', 2, 'batch'),
    ];
    const positions = layoutTraceGraph({ direction: 'forward', nodes });
    expect(positions.get('n00')?.x).toBe(260);
    expect(positions.get('n12')).toEqual({ x: 520, y: 0 });
    expect(positions.get('far')?.x).toBe(780);
  });
});

describe('buildTraceGraphOption', () => {
  const option = buildTraceGraphOption(GRAPH);
  const series = (option.series as GraphSeries[])[0];

  it('draws a fixed-layout graph with one legend entry per kind present, coloured by kind', () => {
    expect(series).toMatchObject({ type: 'graph', layout: 'none' });
    expect(series?.categories).toEqual([
      { name: '批次', itemStyle: { color: KIND_COLOR.batch } },
      { name: '托盘', itemStyle: { color: KIND_COLOR.sscc } },
    ]);
    expect(option.legend).toMatchObject({ data: ['批次', '托盘'] });
  });

  it('sizes nodes by hop, rings the root and labels each with its short name', () => {
    const [root, pallet] = series?.data ?? [];
    expect(root).toMatchObject({
      id: 'drink',
      category: 0,
      symbolSize: 56,
      label: { formatter: '批次 DRINK-1\n6970000000116' },
      itemStyle: { borderColor: '#c8102e' },
    });
    expect(pallet).toMatchObject({ id: 'pallet', category: 1, symbolSize: 38, label: { formatter: '托盘 SSCC' } });
    expect(nodeSize(10, false)).toBe(20);
  });

  it('labels edges with the step and greys out edges whose events were all declared erroneous', () => {
    expect(series?.links.map((l) => [l.source, l.target, l.label.formatter, l.lineStyle.type])).toEqual([
      ['leafA', 'drink', '赋码生产', 'solid'],
      ['drink', 'pallet', '装箱', 'dashed'],
    ]);
    expect(series?.edgeLabel.show).toBe(true);
  });

  it('escapes what goes into tooltips', () => {
    expect(escapeHtml('<b>"x"&</b>')).toBe('&#60;b&#62;&#34;x&#34;&#38;&#60;/b&#62;');
    expect(nodeTooltip({ ...node('<x>', 0, 'other'), text: 'a<b' })).toContain('a&#60;b');
    expect(nodeTooltip(node('p', 2, 'sscc'))).toContain('距起点 2 步');
    expect(
      edgeTooltip(
        { ...GRAPH.edges[0], source: 'drink', target: 'pallet', relation: 'pack', label: '装箱', eventIds: ['e5'], allDeclaredError: true },
        new Map([['drink', '批次 DRINK-1']]),
      ),
    ).toBe('批次 DRINK-1 → pallet<br/>装箱，1 个事件（事件已声明有误）');
  });
});

describe('buildRecallRegionOption', () => {
  it('shows locations and codes per county, unregistered locations last', () => {
    const option = buildRecallRegionOption([
      { regionCode: 'unknown', regionName: '未登记地点', locations: 1, codes: 2 },
      { regionCode: '330523', regionName: '安吉县', locations: 2, codes: 3 },
      { regionCode: '330521', regionName: '德清县', locations: 1, codes: 1 },
    ]);
    expect(option.xAxis).toMatchObject({ data: ['德清县', '安吉县', '未登记地点'] });
    const series = option.series as { name: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['持有地点', [1, 2, 1]],
      ['涉及追溯码', [1, 3, 2]],
    ]);
  });
});
