import { type Expression, type SqlBool, sql } from 'kysely';
import { EPCIS_CONTEXT_URL } from '../../../../common/trace-api.ts';
import type { Db } from '../../../platform/db.ts';
import { notFound } from '../../../platform/errors.ts';
import { type Actor, regionCodeInScope, regionRootPath } from '../../../platform/scope.ts';
import { filterConditions } from './conditions.ts';
import { type Cursor, decodeCursor, encodeCursor, type Limits, MAX_PER_PAGE, type Order, queryTooLarge, readLimits, readOrder } from './paging.ts';

/**
 * EPCIS 2.0 SimpleEventQuery over the REST binding (GET /events): the standard parameters (conditions.ts,
 * fields.ts), list values pipe-delimited, unknown parameters refused (QueryParameterException), keyset paging
 * announced with `Link: <…>; rel="next"` (paging.ts). Readers see what their role may: the city everything, a
 * county its region, an enterprise its own events.
 */

export {
  DEFAULT_PER_PAGE,
  decodeTimeIdToken,
  decodeValueToken,
  encodeTimeIdToken,
  encodeValueToken,
  MAX_PER_PAGE,
  nextPageLink,
  readPerPage,
} from './paging.ts';

export const EPCIS_CONTEXT = EPCIS_CONTEXT_URL;

export interface EventPage {
  events: unknown[];
  contexts: unknown[];
  nextPageToken: string | null;
}

function scopeCondition(actor: Actor): Expression<SqlBool> | null {
  if (actor.role === 'city_admin') return null;
  if (actor.role === 'enterprise') return sql<SqlBool>`e.enterprise_credit_code = ${actor.enterpriseCreditCode ?? ''}`;
  const root = regionRootPath(actor);
  return root ? regionCodeInScope('e.region_code', root) : sql<SqlBool>`false`;
}

/**
 * Runs a SimpleEventQuery. `params` are the raw query-string values (each possibly pipe-delimited); every one is
 * checked before the database is asked. maxEventCount counts the whole result (all pages) and answers 413
 * (QueryTooLargeException) when it is exceeded; eventCountLimit keeps the first N events in the requested order,
 * across pages.
 */
export async function queryEvents(db: Db, actor: Actor, params: Record<string, string>): Promise<EventPage> {
  const { conditions, order, limits } = readQuery(params);
  const cursor = params.nextPageToken === undefined ? null : decodeCursor(params.nextPageToken, order);

  // (JIT is off for the pool — server/platform/db.ts: with one plan per partition it cost seconds here.)
  return runQuery(db, actor, conditions, order, limits, cursor);
}

/**
 * Reads and checks every parameter of a SimpleEventQuery as GET /events does, without asking the database: a bad one
 * throws its QueryParameterException. Named queries (named-query-service.ts) check their definition with this.
 */
export function readQuery(params: Record<string, string>): { conditions: Expression<SqlBool>[]; order: Order; limits: Limits } {
  return { conditions: filterConditions(params), order: readOrder(params), limits: readLimits(params) };
}

/**
 * The conditions on `trace_event as e` that GET /events applies for this caller and these parameters: the caller's
 * scope and every filter parameter (ordering, limits and paging are left to the caller). Webhook subscriptions
 * (subscriptions/feed.ts) run a named query through these, with their own window on the capture feed.
 */
export function scopedEventConditions(actor: Actor, params: Record<string, string>): Expression<SqlBool>[] {
  const scope = scopeCondition(actor);
  return [...(scope ? [scope] : []), ...readQuery(params).conditions];
}

async function runQuery(db: Db, actor: Actor, conditions: Expression<SqlBool>[], order: Order, limits: Limits, cursor: Cursor | null): Promise<EventPage> {
  let q = db.selectFrom('trace_event as e');
  const scope = scopeCondition(actor);
  if (scope) q = q.where(scope);
  for (const condition of conditions) q = q.where(condition);

  if (limits.maxEventCount !== null) {
    const counted = await db
      .selectFrom(
        q
          .select('e.id')
          .limit(limits.maxEventCount + 1)
          .as('m'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(counted.n) > limits.maxEventCount) throw queryTooLarge(limits.maxEventCount);
  }

  const returned = cursor?.returned ?? 0;
  const remaining = limits.eventCountLimit === null ? Number.POSITIVE_INFINITY : limits.eventCountLimit - returned;
  if (remaining <= 0) return { events: [], contexts: [], nextPageToken: null };
  const pageSize = Math.min(limits.perPage, remaining);

  const column = order.by === 'recordTime' ? 'e.record_time' : 'e.event_time';
  const desc = order.direction === 'DESC';
  if (cursor) {
    const time = sql<Date>`${cursor.time}::timestamptz`;
    q = q.where((eb) =>
      desc
        ? eb.or([eb(column, '<', time), eb.and([eb(column, '=', time), eb('e.id', '<', cursor.id)])])
        : eb.or([eb(column, '>', time), eb.and([eb(column, '=', time), eb('e.id', '>', cursor.id)])]),
    );
  }
  const rows = await q
    .select(['e.id', 'e.event_id', 'e.record_time', 'e.document', 'e.context', sql<string>`${sql.ref(column)}::text`.as('cursor_time')])
    .orderBy(column, desc ? 'desc' : 'asc')
    .orderBy('e.id', desc ? 'desc' : 'asc')
    .limit(pageSize + 1)
    .execute();
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const more = rows.length > pageSize && returned + page.length < (limits.eventCountLimit ?? Number.POSITIVE_INFINITY);
  return {
    events: page.map(presentEvent),
    contexts: page.map((r) => r.context),
    nextPageToken: more && last ? encodeCursor(order, { time: last.cursor_time, id: last.id, returned: returned + page.length }) : null,
  };
}

/** The event as captured, with the repository's recordTime and the eventID it is known by. */
export function presentEvent(row: { event_id: string; record_time: Date | string; document: unknown }): unknown {
  const doc = row.document as Record<string, unknown>;
  return { ...doc, eventID: doc.eventID ?? row.event_id, recordTime: new Date(row.record_time).toISOString() };
}

/** The event(s) stored under an eventID (the event and any error declaration of it), or 404. */
export async function getEvent(db: Db, actor: Actor, eventID: string): Promise<EventPage> {
  const page = await queryEvents(db, actor, { EQ_eventID: eventID, perPage: String(MAX_PER_PAGE) });
  if (page.events.length === 0) throw notFound();
  return page;
}

/** An EPCISQueryDocument around a page of events; extension namespaces of the stored documents are kept. */
export function queryDocument(page: EventPage, queryName = 'SimpleEventQuery'): Record<string, unknown> {
  const extra: unknown[] = [];
  const seen = new Set<string>();
  for (const c of page.contexts) {
    for (const entry of Array.isArray(c) ? c : [c]) {
      if (entry === null || typeof entry !== 'object') continue;
      const key = JSON.stringify(entry);
      if (!seen.has(key)) {
        seen.add(key);
        extra.push(entry);
      }
    }
  }
  return {
    '@context': [EPCIS_CONTEXT, ...extra],
    type: 'EPCISQueryDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: { queryResults: { queryName, resultsBody: { eventList: page.events } } },
  };
}

/**
 * Values of a top-level resource (epcs, bizSteps, bizLocations, readPoints, eventTypes, dispositions) the caller can
 * see, in order, from after `after` (the last value of the previous page: keyset paging, stable while events arrive).
 */
export async function listResource(
  db: Db,
  actor: Actor,
  resource: 'epcs' | 'bizSteps' | 'bizLocations' | 'readPoints' | 'eventTypes' | 'dispositions',
  limit: number,
  after: string | null = null,
): Promise<string[]> {
  const scope = scopeCondition(actor);
  if (resource === 'epcs') {
    // EPCs are instances (the roles MATCH_anyEPC reads); classes and lots (quantity lists) are not EPCs.
    let q = db
      .selectFrom('trace_event_identifier as i')
      .innerJoin('trace_event as e', 'e.id', 'i.event_pk')
      .select('i.identifier as value')
      .distinct()
      .where('i.role', 'in', ['epc', 'parent', 'child', 'input', 'output']);
    if (scope) q = q.where(scope);
    if (after !== null) q = q.where('i.identifier', '>', after);
    return (await q.orderBy('value').limit(limit).execute()).map((r) => r.value);
  }
  const column = {
    bizSteps: 'e.biz_step',
    bizLocations: 'e.biz_location',
    readPoints: 'e.read_point',
    eventTypes: 'e.event_type',
    dispositions: 'e.disposition',
  }[resource];
  let q = db
    .selectFrom('trace_event as e')
    .select(sql<string>`${sql.ref(column)}`.as('value'))
    .distinct()
    .where(sql.ref(column), 'is not', null);
  if (scope) q = q.where(scope);
  if (after !== null) q = q.where(sql.ref(column), '>', after);
  return (await q.orderBy('value').limit(limit).execute()).map((r) => r.value);
}
