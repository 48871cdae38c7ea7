import { AppError } from '../../../platform/errors.ts';
import { parseFieldName } from './fields.ts';
import { integer, queryError } from './values.ts';

/**
 * Order, limits and pages of a SimpleEventQuery (EPCIS 2.0 §8.2.7.1 orderBy / orderDirection / eventCountLimit /
 * maxEventCount; REST binding perPage / nextPageToken). Pages are keyset pages on (order column, row id): the token
 * carries the last row's time at full (microsecond) precision, its id, the order it was made for and, for
 * eventCountLimit, how many events the earlier pages returned.
 */

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 1000;

export interface Order {
  by: 'eventTime' | 'recordTime';
  direction: 'ASC' | 'DESC';
}

export function readOrder(params: Record<string, string>): Order {
  const by = params.orderBy;
  if (by !== undefined && by !== 'eventTime' && by !== 'recordTime') {
    if (parseFieldName(by))
      throw queryError(
        'orderBy',
        '暂不支持按扩展字段排序，请用 eventTime 或 recordTime / ordering by an extension field is not supported; use eventTime or recordTime',
      );
    throw queryError('orderBy', '须为 eventTime 或 recordTime / must be eventTime or recordTime');
  }
  const direction = params.orderDirection;
  if (direction !== undefined && direction !== 'ASC' && direction !== 'DESC') throw queryError('orderDirection', '须为 ASC 或 DESC / must be ASC or DESC');
  // With orderBy, orderDirection defaults to DESC (§8.2.7.1). Without orderBy the standard leaves the order to the
  // repository: eventTime, ascending unless orderDirection says otherwise.
  return { by: by ?? 'eventTime', direction: direction ?? (by === undefined ? 'ASC' : 'DESC') };
}

export interface Limits {
  perPage: number;
  /** Only the first N events of the whole result (all pages together). */
  eventCountLimit: number | null;
  /** More matching events than this: QueryTooLargeException instead of a result. */
  maxEventCount: number | null;
}

/** The REST binding's perPage of every paged list: absent → DEFAULT_PER_PAGE, else an integer 1–MAX_PER_PAGE. */
export function readPerPage(value: string | undefined): number {
  return value === undefined ? DEFAULT_PER_PAGE : integer('perPage', value, 1, MAX_PER_PAGE);
}

export function readLimits(params: Record<string, string>): Limits {
  const perPage = readPerPage(params.perPage);
  const eventCountLimit = params.eventCountLimit === undefined ? null : integer('eventCountLimit', params.eventCountLimit, 0);
  const maxEventCount = params.maxEventCount === undefined ? null : integer('maxEventCount', params.maxEventCount, 0);
  if (eventCountLimit !== null && maxEventCount !== null)
    throw queryError('eventCountLimit', 'eventCountLimit 与 maxEventCount 不能同时使用 / eventCountLimit and maxEventCount are mutually exclusive');
  if (eventCountLimit !== null && params.orderBy === undefined) throw queryError('eventCountLimit', '须同时指定 orderBy / may only be used with orderBy');
  return { perPage, eventCountLimit, maxEventCount };
}

export function queryTooLarge(maxEventCount: number): AppError {
  const message = `more than maxEventCount (${maxEventCount}) events match`;
  return new AppError(
    413,
    'EPCIS_QUERY_TOO_LARGE',
    `符合条件的事件超过 maxEventCount（${maxEventCount}）条，请缩小查询范围 / QueryTooLargeException: ${message}; narrow the query`,
    [{ field: 'query.maxEventCount', rule: 'epcisException:QueryTooLargeException', message }],
  );
}

export interface Cursor {
  /** The order column of the last row, as PostgreSQL prints it (offset and microseconds kept). */
  time: string;
  id: number;
  /** Events returned by this and the earlier pages. */
  returned: number;
}

export function encodeCursor(order: Order, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([order.by, order.direction, cursor.time, cursor.id, cursor.returned])).toString('base64url');
}

// timestamptz as text (DateStyle ISO): 2026-01-01 12:00:00.123456+08 or +05:30
const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2}|Z)$/;

const invalidToken = () => queryError('nextPageToken', '分页标记无效 / invalid page token');

/** The parts of a JSON-array page token, or [] when it is not one (the caller checks each part). */
function tokenParts(token: string): unknown[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return Array.isArray(parts) ? parts : [];
  } catch {
    return [];
  }
}

export function decodeCursor(token: string, order: Order): Cursor {
  const [by, direction, time, id, returned] = tokenParts(token);
  if (typeof time !== 'string' || !PG_TIMESTAMPTZ.test(time) || !Number.isSafeInteger(id) || !Number.isSafeInteger(returned)) throw invalidToken();
  if (by !== order.by || direction !== order.direction)
    throw queryError('nextPageToken', '分页标记属于另一种排序 / the page token was made for another orderBy / orderDirection');
  // both checked with Number.isSafeInteger above
  return { time, id: id as number, returned: returned as number };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keyset page tokens of the lists ordered by (created_at, id) — capture jobs, subscriptions: the last row's
 * created_at as PostgreSQL prints it (`created_at::text`, microseconds kept; a JS Date would drop them) and its uuid.
 */
export function encodeTimeIdToken(time: string, id: string): string {
  return Buffer.from(JSON.stringify([time, id])).toString('base64url');
}

export function decodeTimeIdToken(token: string): { time: string; id: string } {
  const [time, id] = tokenParts(token);
  if (typeof time !== 'string' || !PG_TIMESTAMPTZ.test(time) || typeof id !== 'string' || !UUID.test(id)) throw invalidToken();
  return { time, id };
}

/** Page tokens of lists ordered by a text value (named queries, a resource's values): the last value itself. */
export const encodeValueToken = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');

/** The value of a token from encodeValueToken; `valid` says which values the list can hold. */
export function decodeValueToken(token: string, valid: (value: string) => boolean = (v) => v !== ''): string {
  const value = Buffer.from(token, 'base64url').toString('utf8');
  if (encodeValueToken(value) !== token || !valid(value)) throw invalidToken();
  return value;
}

/** The `Link` header value of the next page: the request's own path and query with `nextPageToken` set (REST binding). */
export function nextPageLink(requestUrl: string, token: string): string {
  const next = new URL(requestUrl, 'http://local');
  next.searchParams.set('nextPageToken', token);
  return `<${next.pathname}${next.search}>; rel="next"`;
}
