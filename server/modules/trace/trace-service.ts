import { sql } from 'kysely';
import { normaliseIdentifier } from '../../../common/gs1/index.ts';
import type { Db } from '../../platform/db.ts';
import { validationFailed } from '../../platform/errors.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import { type Actor, requireRole } from '../../platform/scope.ts';

/**
 * Backward and forward trace over the identifier → event index (EPCIS defines no recursive query;
 * research note §1.6). Edges:
 * - backward: an output of a TransformationEvent → its inputs; a child of an Aggregation/Association → its parent;
 * - forward: an input → the outputs; a parent (container) → its children.
 * The walk is a recursive CTE bounded at MAX_DEPTH hops; `events` are every event naming a reached code.
 */

export const MAX_DEPTH = 25;
export type TraceDirection = 'backward' | 'forward';

const EDGES: Record<TraceDirection, { from: string[]; to: string[] }[]> = {
  backward: [
    { from: ['output', 'outputQuantity'], to: ['input', 'inputQuantity'] },
    { from: ['child', 'childQuantity'], to: ['parent'] },
  ],
  forward: [
    { from: ['input', 'inputQuantity'], to: ['output', 'outputQuantity'] },
    { from: ['parent'], to: ['child', 'childQuantity'] },
  ],
};

export interface TraceResult {
  root: string;
  direction: TraceDirection;
  codes: string[];
  events: string[];
  /** each reached code with its distance (hops) from the root */
  hops: { code: string; depth: number }[];
  /**
   * The links the walk followed, in the direction the goods went (transformation: input → output;
   * aggregation: child → container), with the events behind each — so a graph can be drawn without
   * reading the events themselves (a county officer may trace through events outside his region).
   */
  edges: TraceEdge[];
}

export interface TraceEdge {
  source: string;
  target: string;
  kind: 'transformation' | 'aggregation';
  events: string[];
}

function canonicalCode(code: string): string {
  const n = normaliseIdentifier(code.trim());
  if (code.trim() === '') throw validationFailed([{ field: 'query.code', rule: 'required', message: '请提供追溯码 / give a code' }]);
  const gs1 = /^https:\/\/id\.gs1\.org\//.test(n.canonical) || code.startsWith('urn:epc:');
  if (gs1 && n.errors.length > 0) {
    throw validationFailed([{ field: 'query.code', rule: 'gs1', message: `追溯码无效：${n.errors.join('；')} / invalid code` }]);
  }
  return n.canonical;
}

function edgeCondition(direction: TraceDirection) {
  return sql.join(
    EDGES[direction].map((e) => sql`(a.role in (${sql.join(e.from)}) and n.role in (${sql.join(e.to)}))`),
    sql` or `,
  );
}

/** The walk: every code reached from `root` with its distance in hops (a recursive CTE over the identifier index). */
export function reachStatement(root: string, direction: TraceDirection) {
  return sql<{ identifier: string; depth: number }>`
    with recursive reach(identifier, depth) as (
      select ${root}::text collate "C", 0
      union
      select n.identifier, r.depth + 1
      from reach r
      join trace_event_identifier a on a.identifier = r.identifier
      join trace_event_identifier n on n.event_pk = a.event_pk and n.identifier <> r.identifier
      where r.depth < ${MAX_DEPTH} and (${edgeCondition(direction)})
    )
    select identifier, min(depth)::int as depth from reach group by identifier order by min(depth), identifier`;
}

/** Identifier → (event key, event time) of every event naming one of `codes`. */
export function eventKeysStatement(codes: string[]) {
  return sql<{ pk: string; t: Date }>`
    select distinct event_pk::text as pk, event_time as t from trace_event_identifier where identifier = any(${codes}::text[])`;
}

/** The events of trace_event by key and time: the time prunes the yearly partitions at run time. */
export function eventIdsStatement(keys: { pk: string; t: Date }[]) {
  return sql<{ pk: string; event_id: string }>`
    select e.id::text as pk, e.event_id
    from unnest(${keys.map((k) => k.pk)}::bigint[], ${keys.map((k) => k.t.toISOString())}::timestamptz[]) as k(pk, t)
    join trace_event e on e.id = k.pk and e.event_time = k.t`;
}

/** Walks from `code` in one direction; regulators only (a trace crosses enterprises and regions by nature). */
export async function traceCode(db: Db, actor: Actor, code: string, direction: TraceDirection): Promise<TraceResult> {
  requireRole(actor, 'city_admin', 'county_officer', 'inspector');
  const root = canonicalCode(code);
  const reached = await reachStatement(root, direction).execute(db);
  const codes = reached.rows.map((r) => r.identifier);
  // Two index lookups, identifier → (event key, event time) then trace_event by both (plans:
  // bench/results/trace-plans.md). A plain join here once let the planner choose a full scan of
  // trace_event (bench/results/trace.md).
  const keys = codes.length ? (await eventKeysStatement(codes).execute(db)).rows : [];
  const events = keys.length ? (await eventIdsStatement(keys).execute(db)).rows : [];
  const eventIdOf = new Map(events.map((e) => [e.pk, e.event_id]));
  return {
    root,
    direction,
    codes,
    events: [...new Set(events.map((e) => e.event_id))].sort(),
    hops: reached.rows.map((r) => ({ code: r.identifier, depth: Number(r.depth) })),
    edges: await traceEdges(db, codes, direction, eventIdOf),
  };
}

/** The links between reached codes that the walk in `direction` follows, oriented as the goods went. */
async function traceEdges(db: Db, codes: string[], direction: TraceDirection, eventIdOf: Map<string, string>): Promise<TraceEdge[]> {
  if (codes.length < 2) return [];
  const links = await sql<{ a: string; a_role: string; n: string; pk: string }>`
    select a.identifier as a, a.role as a_role, n.identifier as n, a.event_pk::text as pk
    from trace_event_identifier a
    join trace_event_identifier n on n.event_pk = a.event_pk and n.identifier <> a.identifier
    where a.identifier = any(${codes}::text[]) and n.identifier = any(${codes}::text[]) and (${edgeCondition(direction)})`.execute(db);
  const edges = new Map<string, TraceEdge>();
  for (const l of links.rows) {
    const aggregation = /^(parent|child)/.test(l.a_role);
    // backward walks go output → input and child → parent; forward walks input → output and parent → child
    const [source, target] = aggregation === (direction === 'backward') ? [l.a, l.n] : [l.n, l.a];
    const key = `${source}\u0000${target}`;
    const edge = edges.get(key) ?? { source, target, kind: aggregation ? 'aggregation' : 'transformation', events: [] };
    const eventId = eventIdOf.get(l.pk);
    if (eventId && !edge.events.includes(eventId)) edge.events.push(eventId);
    edges.set(key, edge);
  }
  return [...edges.values()].sort((x, y) => (x.source + x.target < y.source + y.target ? -1 : 1));
}

export interface RecallHolder {
  location: string;
  name: string | null;
  enterpriseCreditCode: string | null;
  enterpriseName: string | null;
  regionCode: string | null;
  regionName: string | null;
  codes: string[];
}

/**
 * Recall scope from a contaminated lot: every downstream code (forward trace), and where each one
 * last was — its own latest event's bizLocation, or its container's when it travelled packed — with
 * the enterprise and region of that location, grouped per region.
 */
export async function recallScope(db: Db, regions: RegionDirectory, actor: Actor, code: string) {
  const forward = await traceCode(db, actor, code, 'forward');
  const downstream = forward.codes;
  // Where each code (or the container it was packed into) was last seen.
  const last = downstream.length
    ? await sql<{ identifier: string; biz_location: string | null }>`
        with item as (select unnest(${downstream}::text[]) as identifier),
        carriers as (
          select item.identifier, item.identifier as carrier from item
          union
          select item.identifier, p.identifier from item
          join trace_event_identifier c on c.identifier = item.identifier and c.role in ('child', 'childQuantity')
          join trace_event_identifier p on p.event_pk = c.event_pk and p.role = 'parent'
        )
        select distinct on (carriers.identifier) carriers.identifier, e.biz_location
        from carriers
        join trace_event_identifier i on i.identifier = carriers.carrier
        join trace_event e on e.id = i.event_pk and e.event_time = i.event_time
        where e.biz_location is not null and not e.is_error_declaration
        order by carriers.identifier, e.event_time desc, e.id desc`.execute(db)
    : { rows: [] };
  const locations = [...new Set(last.rows.map((r) => r.biz_location).filter((l): l is string => l !== null))];
  const registered = locations.length ? await db.selectFrom('trace_location').selectAll().where('identifier', 'in', locations).execute() : [];
  const byLocation = new Map(registered.map((l) => [l.identifier, l]));
  const holders = new Map<string, RecallHolder>();
  for (const row of last.rows) {
    if (!row.biz_location) continue;
    const loc = byLocation.get(row.biz_location);
    const holder = holders.get(row.biz_location) ?? {
      location: row.biz_location,
      name: loc?.name ?? null,
      enterpriseCreditCode: loc?.enterprise_credit_code ?? null,
      enterpriseName: loc?.enterprise_name ?? null,
      regionCode: loc?.region_code ?? null,
      regionName: loc ? (regions.get(loc.region_code)?.name ?? null) : null,
      codes: [],
    };
    holder.codes.push(row.identifier);
    holders.set(row.biz_location, holder);
  }
  const countyOf = (regionCode: string | null) => {
    let r = regionCode ? regions.get(regionCode) : undefined;
    while (r && r.level === 'township' && r.parentCode) r = regions.get(r.parentCode);
    return r;
  };
  const byRegion = new Map<string, { regionCode: string; regionName: string; locations: number; codes: number }>();
  for (const h of holders.values()) {
    const county = countyOf(h.regionCode);
    const key = county?.code ?? 'unknown';
    const entry = byRegion.get(key) ?? { regionCode: key, regionName: county?.name ?? '未登记地点', locations: 0, codes: 0 };
    entry.locations += 1;
    entry.codes += h.codes.length;
    byRegion.set(key, entry);
  }
  return {
    root: forward.root,
    lots: downstream.filter((c) => c !== forward.root),
    events: forward.events,
    holders: [...holders.values()],
    enterprises: [...new Set([...holders.values()].map((h) => h.enterpriseCreditCode).filter((c): c is string => c !== null))],
    byRegion: [...byRegion.values()],
  };
}
