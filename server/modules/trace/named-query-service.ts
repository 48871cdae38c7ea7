import { sql } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import type { Actor } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { decodeValueToken, type EventPage, encodeValueToken, queryEvents, readPerPage, readQuery } from './query/index.ts';
import { queryError, unknownParameter } from './query/values.ts';

/**
 * EPCIS 2.0 named queries (REST binding `/queries`, `/queries/{queryName}`, `/queries/{queryName}/events`): a
 * SimpleEventQuery saved under a name. The binding treats them as resources of the repository, so every EPCIS client
 * (any role, by session or API key) sees and runs all of them; running one always applies the *caller's* scope (the
 * city everything, a county its region, an enterprise its own events), so a shared query reveals no events. Only its
 * creator or a city_admin may delete one. The definition is checked exactly as GET /events checks its query string
 * (query/index.ts readQuery) and stored both as posted and normalised to that query string.
 */

// RFC 3986 unreserved characters only, so the name is its own path segment in Location and in every URL.
const NAME = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/;
// EPCIS 2.0 §8.2.5: the names of the predefined queries.
const RESERVED_NAMES = new Set(['SimpleEventQuery', 'SimpleMasterDataQuery']);
// Paging belongs to the request that runs the query (GET /queries/{name}/events?perPage=&nextPageToken=).
const RUN_PARAMETERS = new Set(['perPage', 'nextPageToken']);
// Subscription controls of GET /queries/{name}/events: the WebSocket binding (subscriptions/live.ts), only with an upgrade.
const SUBSCRIPTION_PARAMETERS = new Set(['stream', 'reportIfEmpty', 'initialRecordTime', 'second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek']);

export interface NamedQuery {
  name: string;
  query: Record<string, unknown>;
}

/** The WebSocket binding's subscription controls on a plain GET: they only mean something with Upgrade: websocket. */
export const subscriptionNeedsUpgrade = (param: string) =>
  new AppError(
    400,
    'EPCIS_SUBSCRIPTION_NEEDS_WEBSOCKET',
    `参数 ${param} 用于 WebSocket 订阅：请以 Upgrade: websocket 连接本地址，或使用 Webhook 订阅 POST /epcis/queries/{queryName}/subscriptions / ${param} is a WebSocket subscription control: connect to this URL with Upgrade: websocket, or subscribe by webhook with POST /epcis/queries/{queryName}/subscriptions`,
    [{ field: `query.${param}`, rule: 'epcisException:QueryParameterException', message: 'Upgrade: websocket' }],
  );

const noSuchQuery = (name: string) =>
  new AppError(404, 'EPCIS_NO_SUCH_QUERY', `没有名为 ${name} 的查询 / NoSuchNameException: no query named ${name}`, [
    { field: 'params.queryName', rule: 'epcisException:NoSuchNameException', message: `no query named ${name}` },
  ]);

function badName(message: string): AppError {
  return new AppError(400, 'EPCIS_QUERY_NAME_INVALID', `查询名称无效：${message} / invalid query name: ${message}`, [
    { field: 'body.name', rule: 'epcis_query_name', message },
  ]);
}

function checkName(name: string): void {
  if (!NAME.test(name))
    throw badName('须为 1–128 个字母、数字或 . _ ~ -，以字母或数字开头 / 1–128 letters, digits or . _ ~ -, starting with a letter or digit');
  if (RESERVED_NAMES.has(name)) throw badName(`${name} 是预定义查询 / ${name} is a predefined query (EPCIS 2.0 §8.2.5)`);
}

/**
 * One member of the posted query object as GET /events would receive it: a list (the binding's JSON arrays)
 * pipe-delimited, a number or boolean as its text; EXISTS_… take null or an integer (the binding's `integer,
 * nullable`, a Void parameter in EPCIS 2.0 §8.2.7.1) as "present" and true / false as GET /events does.
 */
function asQueryString(param: string, value: unknown): string {
  if (param.startsWith('EXISTS_') && (value === null || Number.isInteger(value))) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        if (typeof item === 'number' && Number.isFinite(item)) return String(item);
        if (typeof item !== 'string') throw queryError(param, '列表元素须为字符串或数字 / list items must be strings or numbers');
        if (item.includes('|')) throw queryError(param, '列表元素不能含 "|" / a list item may not contain "|"');
        return item;
      })
      .join('|');
  }
  throw queryError(param, '须为字符串、数字、布尔值或列表 / must be a string, number, boolean or list');
}

/** The query object as GET /events parameters, checked as GET /events checks them (QueryParameterException). */
export function normaliseQuery(query: Record<string, unknown>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [param, value] of Object.entries(query)) {
    if (RUN_PARAMETERS.has(param))
      throw queryError(param, '分页参数属于运行查询的请求，不属于查询定义 / paging belongs to the request that runs the query, not to its definition');
    params[param] = asQueryString(param, value);
  }
  readQuery(params);
  return params;
}

/** Creates a named query (EPCIS REST binding POST /queries): any EPCIS client may; audited with the row. */
export async function createNamedQuery(db: Db, actor: Actor, definition: NamedQuery, ctx: AuditContext): Promise<NamedQuery> {
  checkName(definition.name);
  const parameters = normaliseQuery(definition.query);
  return inTransaction(db, async (trx) => {
    // on conflict: a concurrent create of the same name is a 409 too, and the transaction stays usable.
    const row = await trx
      .insertInto('trace_named_query')
      .values({
        name: definition.name,
        query: JSON.stringify(definition.query),
        parameters: JSON.stringify(parameters),
        created_by: actor.id,
        enterprise_credit_code: actor.enterpriseCreditCode,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row)
      throw new AppError(
        409,
        'EPCIS_QUERY_EXISTS',
        `已有名为 ${definition.name} 的查询 / ResourceAlreadyExistsException: a query named ${definition.name} exists`,
        [{ field: 'body.name', rule: 'epcisException:ResourceAlreadyExistsException', message: `a query named ${definition.name} exists` }],
      );
    await appendAudit(trx, ctx, {
      action: 'trace.query.create',
      entityType: 'trace_named_query',
      entityId: row.id,
      regionCode: actor.regionCode,
      after: { name: definition.name, parameters, enterprise: actor.enterpriseCreditCode },
    });
    return { name: definition.name, query: definition.query };
  });
}

// written by createNamedQuery from a body whose `query` the route schema requires to be an object
const present = (row: { name: string; query: unknown }): NamedQuery => ({ name: row.name, query: row.query as Record<string, unknown> });

/** A page of named queries by name (REST binding GET /queries: perPage, nextPageToken). Every EPCIS client sees all. */
export async function listNamedQueries(
  db: Db,
  _actor: Actor,
  params: Record<string, string>,
): Promise<{ queries: NamedQuery[]; nextPageToken: string | null }> {
  for (const param of Object.keys(params)) if (!RUN_PARAMETERS.has(param)) throw unknownParameter(param);
  const perPage = readPerPage(params.perPage);
  const after = params.nextPageToken === undefined ? null : decodeValueToken(params.nextPageToken, (name) => NAME.test(name));
  // collate "C": byte order, the same on PGlite and PostgreSQL whatever the database locale.
  const byName = sql<string>`name collate "C"`;
  let q = db.selectFrom('trace_named_query').select(['name', 'query']);
  if (after !== null) q = q.where(byName, '>', after);
  const rows = await q
    .orderBy(byName)
    .limit(perPage + 1)
    .execute();
  const page = rows.slice(0, perPage);
  const last = page.at(-1);
  return { queries: page.map(present), nextPageToken: rows.length > perPage && last ? encodeValueToken(last.name) : null };
}

/** The stored named query, or 404 NoSuchNameException (subscriptions hang off it). */
export async function findNamedQuery(db: Db, name: string) {
  const row = await db.selectFrom('trace_named_query').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw noSuchQuery(name);
  return row;
}

/** The definition of a named query (REST binding GET /queries/{queryName}), or 404 NoSuchNameException. */
export async function getNamedQuery(db: Db, _actor: Actor, name: string): Promise<NamedQuery> {
  return present(await findNamedQuery(db, name));
}

/** Deletes a named query: its creator or a city_admin (403 for anyone else); audited with the delete. */
export async function deleteNamedQuery(db: Db, actor: Actor, name: string, ctx: AuditContext): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('trace_named_query').selectAll().where('name', '=', name).forUpdate().executeTakeFirst();
    if (!row) throw noSuchQuery(name);
    if (actor.role !== 'city_admin' && row.created_by !== actor.id) throw forbidden();
    await trx.deleteFrom('trace_named_query').where('id', '=', row.id).execute();
    await appendAudit(trx, ctx, {
      action: 'trace.query.delete',
      entityType: 'trace_named_query',
      entityId: row.id,
      regionCode: actor.regionCode,
      before: { name: row.name, parameters: row.parameters, createdBy: row.created_by, enterprise: row.enterprise_credit_code },
    });
  });
}

/**
 * Runs a named query with the caller's scope (REST binding GET /queries/{queryName}/events): its stored parameters
 * plus the request's perPage / nextPageToken, through the same queryEvents as GET /events.
 */
export async function runNamedQuery(db: Db, actor: Actor, name: string, request: Record<string, string>): Promise<EventPage> {
  const paging: Record<string, string> = {};
  for (const [param, value] of Object.entries(request)) {
    if (SUBSCRIPTION_PARAMETERS.has(param)) throw subscriptionNeedsUpgrade(param);
    if (!RUN_PARAMETERS.has(param)) throw unknownParameter(param);
    paging[param] = value;
  }
  const row = await findNamedQuery(db, name);
  // written by createNamedQuery from normaliseQuery: parameter name -> query-string value
  const stored = row.parameters as Record<string, string>;
  return queryEvents(db, actor, { ...stored, ...paging });
}
