/**
 * EPCIS 2.0 events as the trace pages show them: one row per event (its error declaration folded in), the
 * "what" of each event with its role, and the edges between codes that a trace follows.
 */
import type { EpcisEvent, EpcisQuantityElement, TraceResult } from '../../../api/trace';
import type { TraceGraph, TraceGraphEdge, TraceGraphNode } from '../../../charts/trace-options';
import { ACTION_LABEL, bizStepLabel, cbvWord, dispositionLabel, eventTypeLabel, formatEventTime } from './cbv';
import { canonicalCode, describeCode } from './codes';

/** How a code takes part in an event (EPCIS 2.0 §7.3.3 "what" dimension). */
export type ObjectRole = 'epc' | 'parent' | 'child' | 'input' | 'output';

export const ROLE_LABEL: Record<ObjectRole, string> = { epc: '对象', parent: '容器', child: '内含', input: '投入', output: '产出' };

export interface EventObject {
  role: ObjectRole;
  /** canonical, comparable with the trace API's codes */
  code: string;
  /** an instance-level EPC (one item, one pallet) rather than a quantity of a class or lot */
  instance: boolean;
  /** null for an instance, or a quantity element that gives none */
  quantity: number | null;
  uom: string | null;
}

export interface EventRow {
  eventID: string;
  type: string;
  typeLabel: string;
  action: string | null;
  eventTime: string;
  /** milliseconds since the epoch, for sorting */
  timestamp: number;
  timeText: string;
  bizStep: string | null;
  bizStepLabel: string;
  disposition: string | null;
  dispositionLabel: string | null;
  /** where the event happened: bizLocation, else readPoint (canonical) */
  location: string | null;
  objects: EventObject[];
  sources: { type: string; id: string }[];
  destinations: { type: string; id: string }[];
  transactions: { type: string | null; id: string }[];
  /** set when the event was later declared erroneous (EPCIS 2.0 §7.4.1.2) */
  declaredError: { time: string; reason: string | null } | null;
}

const fromQuantities = (role: ObjectRole, list: EpcisQuantityElement[] | undefined): EventObject[] =>
  (list ?? []).map((q) => ({
    role,
    code: canonicalCode(q.epcClass),
    instance: false,
    quantity: typeof q.quantity === 'number' ? q.quantity : null,
    uom: q.uom ?? null,
  }));

const fromEpcs = (role: ObjectRole, list: string[] | undefined): EventObject[] =>
  (list ?? []).map((epc) => ({ role, code: canonicalCode(epc), instance: true, quantity: null, uom: null }));

/** Every code an event names, with its role: parent, EPC lists, then quantity lists (as the server indexes them). */
export function eventObjects(event: EpcisEvent): EventObject[] {
  return [
    ...(event.parentID ? fromEpcs('parent', [event.parentID]) : []),
    ...fromEpcs('epc', event.epcList),
    ...fromEpcs('child', event.childEPCs),
    ...fromEpcs('input', event.inputEPCList),
    ...fromEpcs('output', event.outputEPCList),
    ...fromQuantities('epc', event.quantityList),
    ...fromQuantities('child', event.childQuantityList),
    ...fromQuantities('input', event.inputQuantityList),
    ...fromQuantities('output', event.outputQuantityList),
  ];
}

function toRow(event: EpcisEvent, eventID: string): EventRow {
  const timestamp = Date.parse(event.eventTime);
  const where = event.bizLocation?.id ?? event.readPoint?.id ?? null;
  return {
    eventID,
    type: event.type,
    typeLabel: eventTypeLabel(event.type),
    action: event.action ?? null,
    eventTime: event.eventTime,
    timestamp: Number.isNaN(timestamp) ? 0 : timestamp,
    timeText: formatEventTime(event.eventTime, event.eventTimeZoneOffset),
    bizStep: event.bizStep ? cbvWord(event.bizStep) : null,
    bizStepLabel: bizStepLabel(event.bizStep),
    disposition: event.disposition ? cbvWord(event.disposition) : null,
    dispositionLabel: event.disposition ? dispositionLabel(event.disposition) : null,
    location: where ? canonicalCode(where) : null,
    objects: eventObjects(event),
    sources: (event.sourceList ?? []).map((s) => ({ type: cbvWord(s.type), id: s.source })),
    destinations: (event.destinationList ?? []).map((d) => ({ type: cbvWord(d.type), id: d.destination })),
    transactions: (event.bizTransactionList ?? []).map((b) => ({ type: b.type ? cbvWord(b.type) : null, id: b.bizTransaction })),
    declaredError: null,
  };
}

/**
 * One row per eventID, oldest first. A query by eventID also returns any error declaration of the event
 * (stored under the same ID with an `errorDeclaration`): the event is shown once, marked as declared erroneous.
 */
export function toEventRows(events: readonly EpcisEvent[]): EventRow[] {
  const byId = new Map<string, { event?: EpcisEvent; declaration?: EpcisEvent }>();
  events.forEach((event, index) => {
    const id = event.eventID ?? `#${index}`;
    const entry = byId.get(id) ?? {};
    if (event.errorDeclaration) entry.declaration ??= event;
    else entry.event ??= event;
    byId.set(id, entry);
  });
  const rows: EventRow[] = [];
  for (const [id, { event, declaration }] of byId) {
    const source = event ?? declaration;
    if (!source) continue;
    const row = toRow(source, id);
    const declared = declaration?.errorDeclaration;
    if (declared)
      row.declaredError = {
        time: formatEventTime(declared.declarationTime, source.eventTimeZoneOffset),
        reason: declared.reason ? cbvWord(declared.reason) : null,
      };
    rows.push(row);
  }
  return rows.sort((a, b) => a.timestamp - b.timestamp || a.eventID.localeCompare(b.eventID));
}

export const actionLabel = (action: string | null): string => (action ? (ACTION_LABEL[action] ?? action) : '');

/** "对象事件（新增）" */
export const eventKindText = (row: Pick<EventRow, 'typeLabel' | 'action'>): string =>
  row.action ? `${row.typeLabel}（${actionLabel(row.action)}）` : row.typeLabel;

// --- the trace graph ---

/** Beyond this the graph is unreadable and slow; the tables still list everything. */
export const MAX_GRAPH_NODES = 300;

/**
 * Edges between codes, in the direction the goods went (the links the server's walk follows, EPCIS 2.0
 * has no query for them): a TransformationEvent turns each input into each output; an Aggregation or
 * Association event puts children into their parent (ADD, OBSERVE) or takes them out (DELETE).
 * Other event types link nothing. Only edges between `nodes` are kept; an edge carries every event behind it.
 */
export function deriveEdges(rows: readonly EventRow[], nodes: ReadonlySet<string>): TraceGraphEdge[] {
  const edges = new Map<string, TraceGraphEdge>();
  const add = (source: string, target: string, relation: TraceGraphEdge['relation'], row: EventRow) => {
    if (source === target || !nodes.has(source) || !nodes.has(target)) return;
    const key = `${source}\u0000${target}\u0000${relation}`;
    const edge = edges.get(key) ?? { source, target, relation, label: '', eventIds: [], allDeclaredError: true };
    edge.eventIds.push(row.eventID);
    edge.allDeclaredError &&= row.declaredError !== null;
    if (!edge.label) edge.label = row.bizStep ? row.bizStepLabel : relation === 'transform' ? '转化' : relation === 'unpack' ? '拆出' : '装入';
    edges.set(key, edge);
  };
  for (const row of rows) {
    const of = (role: ObjectRole) => row.objects.filter((o) => o.role === role).map((o) => o.code);
    if (row.type === 'TransformationEvent') {
      for (const input of of('input')) for (const output of of('output')) add(input, output, 'transform', row);
    } else if (row.type === 'AggregationEvent' || row.type === 'AssociationEvent') {
      for (const parent of of('parent')) {
        for (const child of of('child')) {
          if (row.action === 'DELETE') add(parent, child, 'unpack', row);
          else add(child, parent, 'pack', row);
        }
      }
    }
  }
  return [...edges.values()];
}

/** The graph of a trace: its codes (nearest first, at most `maxNodes`) and the edges the events draw between them. */
export function buildTraceGraph(trace: TraceResult, rows: readonly EventRow[], maxNodes = MAX_GRAPH_NODES): TraceGraph {
  const hops = trace.hops.length > 0 ? trace.hops : [{ code: trace.root, depth: 0 }];
  const sorted = [...hops].sort((a, b) => a.depth - b.depth || a.code.localeCompare(b.code));
  const kept = sorted.slice(0, maxNodes);
  const nodes: TraceGraphNode[] = kept.map(({ code, depth }) => {
    const info = describeCode(code);
    return { id: code, depth, kind: info.kind, title: info.title, subtitle: info.subtitle, text: info.text, isRoot: code === trace.root };
  });
  const ids = new Set(nodes.map((n) => n.id));
  return { direction: trace.direction, nodes, edges: withServerEdges(deriveEdges(rows, ids), trace, ids), omitted: sorted.length - kept.length };
}

/**
 * The links the server walked that no readable event draws: a county officer traces through events
 * outside his region (he may follow the chain, not read those events), so the graph takes them from the
 * trace itself, with a plain label.
 */
function withServerEdges(derived: TraceGraphEdge[], trace: TraceResult, nodes: ReadonlySet<string>): TraceGraphEdge[] {
  const pair = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const drawn = new Set(derived.map((e) => pair(e.source, e.target)));
  const extra = trace.edges
    .filter((e) => nodes.has(e.source) && nodes.has(e.target) && !drawn.has(pair(e.source, e.target)))
    .map(
      (e): TraceGraphEdge => ({
        source: e.source,
        target: e.target,
        relation: e.kind === 'transformation' ? 'transform' : 'pack',
        label: e.kind === 'transformation' ? '转化' : '装入',
        eventIds: e.events,
        allDeclaredError: false,
      }),
    );
  return [...derived, ...extra];
}
