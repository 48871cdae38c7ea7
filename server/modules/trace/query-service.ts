import { type Expression, type SqlBool, sql } from 'kysely';
import { normaliseIdentifier } from '../../../common/gs1/index.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type Actor, regionCodeInScope, regionRootPath } from '../../platform/scope.ts';
import { normaliseCbvWord } from './epcis/index.ts';

const cbvWord = (value: string): string => normaliseCbvWord(value);

/**
 * EPCIS 2.0 SimpleEventQuery over the REST binding (GET /events): the standard parameters, list values
 * pipe-delimited, unknown parameters refused (QueryParameterException), keyset paging announced with
 * `Link: <…>; rel="next"`. Readers see what their role may: the city everything, a county its region,
 * an enterprise its own events.
 */

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 1000;

const MATCH_ROLES: Record<string, string[]> = {
  MATCH_epc: ['epc', 'child'],
  MATCH_parentID: ['parent'],
  MATCH_inputEPC: ['input'],
  MATCH_outputEPC: ['output'],
  MATCH_anyEPC: ['epc', 'child', 'parent', 'input', 'output'],
  MATCH_epcClass: ['quantity', 'childQuantity'],
  MATCH_inputEPCClass: ['inputQuantity'],
  MATCH_outputEPCClass: ['outputQuantity'],
  MATCH_anyEPCClass: ['quantity', 'childQuantity', 'inputQuantity', 'outputQuantity'],
};
const SIMPLE = new Set([
  'eventType',
  'GE_eventTime',
  'LT_eventTime',
  'GE_recordTime',
  'LT_recordTime',
  'EQ_action',
  'EQ_bizStep',
  'EQ_disposition',
  'EQ_readPoint',
  'EQ_bizLocation',
  'EQ_transformationID',
  'EQ_eventID',
  'eventID',
  'EXISTS_errorDeclaration',
  'perPage',
  'nextPageToken',
  'orderBy',
  'orderDirection',
  ...Object.keys(MATCH_ROLES),
]);

function queryError(param: string, message: string): AppError {
  return new AppError(400, 'EPCIS_QUERY_PARAMETER', `查询参数 ${param} 无效：${message} / QueryParameterException: ${param}: ${message}`, [
    { field: `query.${param}`, rule: 'epcis_query', message },
  ]);
}

const list = (value: string) =>
  value
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v !== '');

function time(param: string, value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) throw queryError(param, '须为 RFC 3339 时间 / must be an RFC 3339 date-time');
  return d;
}

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

/** Runs a SimpleEventQuery. `params` are the raw query-string values (each possibly pipe-delimited). */
export async function queryEvents(db: Db, actor: Actor, params: Record<string, string>): Promise<EventPage> {
  for (const key of Object.keys(params)) {
    if (!SIMPLE.has(key) && !/^EQ_bizTransaction_[A-Za-z0-9_:./-]+$/.test(key)) throw queryError(key, '不支持的参数 / unknown parameter');
  }
  let q = db.selectFrom('trace_event as e');
  const scope = scopeCondition(actor);
  if (scope) q = q.where(scope);
  const p = (k: string) => params[k];
  if (p('eventType')) q = q.where('e.event_type', 'in', list(p('eventType') ?? ''));
  if (p('GE_eventTime')) q = q.where('e.event_time', '>=', time('GE_eventTime', p('GE_eventTime') ?? ''));
  if (p('LT_eventTime')) q = q.where('e.event_time', '<', time('LT_eventTime', p('LT_eventTime') ?? ''));
  if (p('GE_recordTime')) q = q.where('e.record_time', '>=', time('GE_recordTime', p('GE_recordTime') ?? ''));
  if (p('LT_recordTime')) q = q.where('e.record_time', '<', time('LT_recordTime', p('LT_recordTime') ?? ''));
  if (p('EQ_action')) {
    const actions = list(p('EQ_action') ?? '');
    for (const a of actions)
      if (!['ADD', 'OBSERVE', 'DELETE'].includes(a)) throw queryError('EQ_action', '须为 ADD、OBSERVE 或 DELETE / must be ADD, OBSERVE or DELETE');
    q = q.where('e.action', 'in', actions);
  }
  if (p('EQ_bizStep')) q = q.where('e.biz_step', 'in', list(p('EQ_bizStep') ?? '').map(cbvWord));
  if (p('EQ_disposition')) q = q.where('e.disposition', 'in', list(p('EQ_disposition') ?? '').map(cbvWord));
  if (p('EQ_readPoint'))
    q = q.where(
      'e.read_point',
      'in',
      list(p('EQ_readPoint') ?? '').map((v) => normaliseIdentifier(v).canonical),
    );
  if (p('EQ_bizLocation'))
    q = q.where(
      'e.biz_location',
      'in',
      list(p('EQ_bizLocation') ?? '').map((v) => normaliseIdentifier(v).canonical),
    );
  if (p('EQ_transformationID')) q = q.where('e.transformation_id', 'in', list(p('EQ_transformationID') ?? ''));
  const ids = p('EQ_eventID') ?? p('eventID');
  if (ids) q = q.where('e.event_id', 'in', list(ids));
  if (p('EXISTS_errorDeclaration') !== undefined) q = q.where('e.is_error_declaration', '=', p('EXISTS_errorDeclaration') !== 'false');
  for (const [param, roles] of Object.entries(MATCH_ROLES)) {
    const value = p(param);
    if (!value) continue;
    const identifiers = list(value).map((v) => normaliseIdentifier(v).canonical);
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('trace_event_identifier as i')
          .select('i.event_pk')
          .whereRef('i.event_pk', '=', 'e.id')
          .where('i.identifier', 'in', identifiers)
          .where('i.role', 'in', roles),
      ),
    );
  }
  for (const [key, value] of Object.entries(params)) {
    const m = /^EQ_bizTransaction_(.+)$/.exec(key);
    if (!m) continue;
    const type = cbvWord(m[1] ?? '');
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('trace_event_biz_transaction as b')
          .select('b.event_pk')
          .whereRef('b.event_pk', '=', 'e.id')
          .where('b.type', '=', type)
          .where('b.biz_transaction', 'in', list(value)),
      ),
    );
  }
  const perPage = p('perPage') === undefined ? DEFAULT_PER_PAGE : Number(p('perPage'));
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE)
    throw queryError('perPage', `须为 1–${MAX_PER_PAGE} 的整数 / must be an integer 1–${MAX_PER_PAGE}`);
  const orderBy = p('orderBy') ?? 'eventTime';
  if (orderBy !== 'eventTime' && orderBy !== 'recordTime') throw queryError('orderBy', '须为 eventTime 或 recordTime / must be eventTime or recordTime');
  const desc = (p('orderDirection') ?? 'ASC').toUpperCase() === 'DESC';
  if (!['ASC', 'DESC'].includes((p('orderDirection') ?? 'ASC').toUpperCase())) throw queryError('orderDirection', '须为 ASC 或 DESC / must be ASC or DESC');
  const column = orderBy === 'recordTime' ? 'e.record_time' : 'e.event_time';
  const token = p('nextPageToken');
  if (token) {
    const cursor = decodeToken(token);
    if (!cursor) throw queryError('nextPageToken', '分页标记无效 / invalid page token');
    q = q.where((eb) =>
      desc
        ? eb.or([eb(column, '<', cursor.time), eb.and([eb(column, '=', cursor.time), eb('e.id', '<', cursor.id)])])
        : eb.or([eb(column, '>', cursor.time), eb.and([eb(column, '=', cursor.time), eb('e.id', '>', cursor.id)])]),
    );
  }
  const rows = await q
    .select(['e.id', 'e.event_id', 'e.event_time', 'e.record_time', 'e.document', 'e.context'])
    .orderBy(column, desc ? 'desc' : 'asc')
    .orderBy('e.id', desc ? 'desc' : 'asc')
    .limit(perPage + 1)
    .execute();
  const page = rows.slice(0, perPage);
  const last = page.at(-1);
  const more = rows.length > perPage && last !== undefined;
  return {
    events: page.map(presentEvent),
    contexts: page.map((r) => r.context),
    nextPageToken: more ? encodeToken(new Date(orderBy === 'recordTime' ? last.record_time : last.event_time), last.id) : null,
  };
}

function encodeToken(time: Date, id: number): string {
  return Buffer.from(JSON.stringify([time.toISOString(), id])).toString('base64url');
}

function decodeToken(token: string): { time: Date; id: number } | null {
  try {
    const [t, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof t !== 'string' || typeof id !== 'number') return null;
    const time = new Date(t);
    return Number.isNaN(time.getTime()) ? null : { time, id };
  } catch {
    return null;
  }
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

/** Values of a top-level resource (epcs, bizSteps, bizLocations, readPoints, eventTypes) the caller can see. */
export async function listResource(
  db: Db,
  actor: Actor,
  resource: 'epcs' | 'bizSteps' | 'bizLocations' | 'readPoints' | 'eventTypes' | 'dispositions',
  limit: number,
): Promise<string[]> {
  const scope = scopeCondition(actor);
  if (resource === 'epcs') {
    let q = db.selectFrom('trace_event_identifier as i').innerJoin('trace_event as e', 'e.id', 'i.event_pk').select('i.identifier as value').distinct();
    if (scope) q = q.where(scope);
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
  return (await q.orderBy('value').limit(limit).execute()).map((r) => r.value);
}
