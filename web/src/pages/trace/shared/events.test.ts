import { describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../../api/trace';
import { buildTraceGraph, deriveEdges, eventKindText, eventObjects, toEventRows } from './events';
import { BACKWARD_FROM_DRINK, CHAIN, DRINK, PALLET, PLANT, STORE, TEA_A, TEA_B } from './test-chain';

describe('toEventRows', () => {
  it('reads each event: time, type, step, place, what with quantities, destinations and documents', () => {
    const rows = toEventRows(CHAIN);
    expect(rows.map((r) => r.bizStepLabel)).toEqual(['赋码生产', '赋码生产', '赋码生产', '装箱', '发货', '收货']);
    const transform = rows[2];
    expect(transform).toMatchObject({ type: 'TransformationEvent', typeLabel: '转化事件', timeText: '2026-11-05 10:00:00', location: PLANT });
    expect(transform?.objects).toEqual([
      { role: 'input', code: TEA_A, instance: false, quantity: 100, uom: 'KGM' },
      { role: 'input', code: TEA_B, instance: false, quantity: 80, uom: 'KGM' },
      { role: 'output', code: DRINK, instance: false, quantity: 2000, uom: 'LTR' },
    ]);
    const shipping = rows[4];
    expect(shipping).toMatchObject({ disposition: 'in_transit', dispositionLabel: '在途', destinations: [{ type: 'location', id: STORE }] });
    expect(shipping?.objects).toEqual([{ role: 'epc', code: PALLET, instance: true, quantity: null, uom: null }]);
    expect(shipping?.transactions).toEqual([{ type: 'desadv', id: 'urn:epcglobal:cbv:bt:6970000000017:DN-001' }]);
    expect(eventKindText({ typeLabel: shipping?.typeLabel ?? '', action: shipping?.action ?? null })).toBe('对象事件（观察）');
  });

  it('sorts by event time and folds an error declaration into the event it corrects', () => {
    const first = CHAIN[0] as EpcisEvent;
    const declaration: EpcisEvent = { ...first, errorDeclaration: { declarationTime: '2026-11-02T00:00:00Z', reason: 'urn:epcglobal:cbv:er:incorrect_data' } };
    const rows = toEventRows([CHAIN[5] as EpcisEvent, declaration, first]);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.eventID).toBe(first.eventID);
    expect(rows[0]?.declaredError).toEqual({ time: '2026-11-02 08:00:00', reason: 'incorrect_data' });
    expect(rows[1]?.declaredError).toBeNull();
  });

  it('canonicalises EPC URNs in events, so they meet the trace API codes', () => {
    const objects = eventObjects({ type: 'ObjectEvent', eventTime: '2026-01-01T00:00:00Z', epcList: ['urn:epc:id:sscc:0697000.0000000001'] });
    expect(objects).toEqual([{ role: 'epc', code: PALLET, instance: true, quantity: null, uom: null }]);
  });
});

describe('deriveEdges', () => {
  const all = new Set([DRINK, PALLET, TEA_A, TEA_B]);

  it('draws input → output for a transformation and child → parent for packing, labelled by step', () => {
    const edges = deriveEdges(toEventRows(CHAIN), all);
    expect(edges.map((e) => [e.source, e.target, e.relation, e.label])).toEqual([
      [TEA_A, DRINK, 'transform', '赋码生产'],
      [TEA_B, DRINK, 'transform', '赋码生产'],
      [DRINK, PALLET, 'pack', '装箱'],
    ]);
    expect(edges[0]?.eventIds).toEqual([CHAIN[2]?.eventID]);
    expect(edges[0]?.allDeclaredError).toBe(false);
  });

  it('draws parent → child for unpacking, drops edges to codes outside the trace, merges repeated edges', () => {
    const unpack: EpcisEvent = {
      type: 'AggregationEvent',
      action: 'DELETE',
      eventID: 'urn:uuid:unpack',
      eventTime: '2026-11-08T09:00:00+08:00',
      parentID: PALLET,
      childQuantityList: [{ epcClass: DRINK }, { epcClass: 'https://id.gs1.org/01/06970000000116/10/OTHER' }],
    };
    const again: EpcisEvent = { ...(CHAIN[3] as EpcisEvent), eventID: 'urn:uuid:again' };
    const edges = deriveEdges(toEventRows([unpack, again, CHAIN[3] as EpcisEvent]), all);
    expect(edges.map((e) => [e.source, e.target, e.relation, e.label, e.eventIds.length])).toEqual([
      [DRINK, PALLET, 'pack', '装箱', 2],
      [PALLET, DRINK, 'unpack', '拆出', 1],
    ]);
  });
});

describe('buildTraceGraph', () => {
  it('makes one node per code (nearest first), the root marked, with the edges between them', () => {
    const graph = buildTraceGraph(BACKWARD_FROM_DRINK, toEventRows(CHAIN));
    expect(graph.direction).toBe('backward');
    expect(graph.nodes.map((n) => [n.id, n.depth, n.kind, n.isRoot])).toEqual([
      [DRINK, 0, 'batch', true],
      [PALLET, 1, 'sscc', false],
      [TEA_A, 1, 'batch', false],
      [TEA_B, 1, 'batch', false],
    ]);
    expect(graph.nodes[0]).toMatchObject({ title: '批次 DRINK-1', subtitle: '6970000000116' });
    expect(graph.edges).toHaveLength(3);
    expect(graph.omitted).toBe(0);
  });

  it('keeps the nearest codes when there are too many, and draws only edges between kept nodes', () => {
    const graph = buildTraceGraph(BACKWARD_FROM_DRINK, toEventRows(CHAIN), 2);
    expect(graph.nodes.map((n) => n.id)).toEqual([DRINK, PALLET]);
    expect(graph.omitted).toBe(2);
    expect(graph.edges.map((e) => e.relation)).toEqual(['pack']);
  });

  it('draws the links the server walked through events the caller may not read, once, with a plain label', () => {
    const visible = toEventRows(CHAIN).filter((r) => r.type !== 'TransformationEvent');
    const graph = buildTraceGraph(BACKWARD_FROM_DRINK, visible);
    expect(graph.edges.map((e) => [e.source, e.target, e.relation, e.label]).sort()).toEqual(
      [
        [DRINK, PALLET, 'pack', graph.edges.find((e) => e.target === PALLET)?.label],
        [TEA_A, DRINK, 'transform', '转化'],
        [TEA_B, DRINK, 'transform', '转化'],
      ].sort(),
    );
    expect(graph.edges).toHaveLength(3);
  });

  it('shows the root alone for a trace that reached nothing', () => {
    const graph = buildTraceGraph({ root: DRINK, direction: 'forward', codes: [DRINK], events: [], hops: [], edges: [] }, []);
    expect(graph.nodes.map((n) => n.id)).toEqual([DRINK]);
    expect(graph.edges).toEqual([]);
  });
});
