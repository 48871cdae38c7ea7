import { type Selectable, sql } from 'kysely';
import type { TraceSubscriptionTable } from '../../../db/types-trace-subscription.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { findNamedQuery } from '../named-query-service.ts';
import { decodeTimeIdToken, encodeTimeIdToken, readPerPage } from '../query/index.ts';
import { unknownParameter } from '../query/values.ts';
import { sequenceFeed } from './feed.ts';
import { checkSchedule, nextScheduledRun, type QuerySchedule, SCHEDULE_FIELDS, ScheduleError } from './schedule.ts';
import { checkDest, DestError } from './webhook.ts';

/**
 * EPCIS 2.0 webhook subscriptions to named queries (REST binding `/queries/{queryName}/subscriptions`): create, list,
 * read, delete. A subscription belongs to the account that created it (an API key acts as its user): only that
 * account or a city_admin sees or deletes it, anyone else gets 404. Deliveries (dispatcher.ts) carry what the owner
 * may see at delivery time. The signatureToken is stored to sign deliveries and never returned or audited.
 */

export interface SubscriptionInput extends SubscriptionControls {
  dest: string;
  signatureToken?: string;
}

type Row = Selectable<TraceSubscriptionTable>;

/** SubscriptionControlsException (EPCIS 2.0 §8.2.6): a subscription's controls are wrong; `field` names the member. */
export function badSubscription(field: string, message: string): AppError {
  return new AppError(400, 'EPCIS_SUBSCRIPTION_INVALID', `订阅参数 ${field} 无效：${message} / invalid subscription ${field}: ${message}`, [
    { field, rule: 'epcisException:SubscriptionControlsException', message },
  ]);
}

const noSuchSubscription = (id: string) =>
  new AppError(404, 'EPCIS_NO_SUCH_SUBSCRIPTION', `没有订阅 ${id} / NoSuchNameException: no subscription ${id}`, [
    { field: 'params.subscriptionID', rule: 'epcisException:NoSuchNameException', message: `no subscription ${id}` },
  ]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_PARAMETERS = new Set(['perPage', 'nextPageToken']);

/** The delivery controls every subscription has, webhook or WebSocket (EPCIS 2.0 §8.2.5.3 and the REST binding). */
export interface SubscriptionControls {
  stream?: boolean;
  schedule?: QuerySchedule;
  reportIfEmpty?: boolean;
  initialRecordTime?: string;
}

/**
 * Controls checked beyond their JSON types: exactly one of stream / schedule, a schedule that fires, an instant for
 * initialRecordTime. `at` names where they came from in an error (`body` for a webhook, `querystring` for a WebSocket).
 */
export function readControls(input: SubscriptionControls, now: Date, at: string): { schedule: QuerySchedule | null; initialRecordTime: Date | null } {
  const hasSchedule = input.schedule !== undefined;
  if (input.stream === false)
    throw badSubscription(`${at}.stream`, '只能为 true，或省略并给出 schedule / may only be true; omit it and give a schedule instead');
  if (input.stream === true && hasSchedule) throw badSubscription(`${at}.stream`, 'stream 与 schedule 只能二选一 / give either stream or schedule, not both');
  if (input.stream !== true && !hasSchedule)
    throw badSubscription(`${at}.stream`, '须设 stream 为 true 或给出 schedule / set stream to true or give a schedule (EPCIS 2.0 REST binding)');
  let schedule: QuerySchedule | null = null;
  if (input.schedule) {
    schedule = Object.fromEntries(SCHEDULE_FIELDS.filter((f) => input.schedule?.[f] !== undefined).map((f) => [f, String(input.schedule?.[f])]));
    try {
      checkSchedule(schedule, now);
    } catch (err) {
      if (err instanceof ScheduleError) throw badSubscription(err.field ? `${at}.schedule.${err.field}` : `${at}.schedule`, err.message);
      throw err;
    }
  }
  let initialRecordTime: Date | null = null;
  if (input.initialRecordTime !== undefined) {
    initialRecordTime = new Date(input.initialRecordTime);
    if (Number.isNaN(initialRecordTime.getTime()))
      throw badSubscription(`${at}.initialRecordTime`, '须为带时区的日期时间 / must be a date-time with an offset');
  }
  return { schedule, initialRecordTime };
}

/** A webhook subscription's body checked beyond its JSON types: the controls, and a usable dest. */
async function readInput(input: SubscriptionInput, allowPrivate: boolean, now: Date) {
  const controls = readControls(input, now, 'body');
  try {
    await checkDest(input.dest, allowPrivate);
  } catch (err) {
    if (err instanceof DestError) throw badSubscription('body.dest', err.message);
    throw err;
  }
  if (input.signatureToken !== undefined && input.signatureToken.length === 0) throw badSubscription('body.signatureToken', '不能为空 / must not be empty');
  return controls;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : undefined);

/**
 * A subscription as the binding's AbstractQuerySubscriptionResponse with QueryStreamSubscription or
 * QueryScheduleSubscription (whose schemas admit further members): never the signatureToken. The delivery state —
 * failedAttempts, lastError, lastErrorAt, nextAttemptAt, nextRunAt — is the platform's addition.
 */
export function presentSubscription(row: Row, queryName: string): Record<string, unknown> {
  const out: Record<string, unknown> = { subscriptionID: row.id, queryName, dest: row.dest, createdAt: iso(row.created_at) };
  if (row.stream) out.stream = true;
  else {
    out.schedule = row.schedule;
    out.reportIfEmpty = row.report_if_empty;
  }
  if (row.initial_record_time) out.initialRecordTime = iso(row.initial_record_time);
  if (row.last_notified_at) out.lastNotifiedAt = iso(row.last_notified_at);
  out.signed = row.signature_token !== null;
  out.failedAttempts = row.failed_attempts;
  out.lastError = row.last_error;
  out.lastErrorAt = iso(row.last_error_at) ?? null;
  out.nextAttemptAt = iso(row.next_attempt_at) ?? null;
  if (!row.stream) out.nextRunAt = iso(row.next_run_at) ?? null;
  return out;
}

/** What an audit row keeps of a subscription (no token). */
const audited = (row: Row, queryName: string) => ({
  queryName,
  dest: row.dest,
  stream: row.stream,
  schedule: row.schedule,
  reportIfEmpty: row.report_if_empty,
  initialRecordTime: iso(row.initial_record_time) ?? null,
  signed: row.signature_token !== null,
  owner: row.owner_id,
});

/**
 * Subscribes the caller to a named query (REST binding POST /queries/{queryName}/subscriptions). Deliveries start at
 * the current head of the capture feed — or, with initialRecordTime, the first one takes every event recorded from
 * then on. Audited with the row.
 */
export async function createSubscription(
  db: Db,
  actor: Actor,
  queryName: string,
  input: SubscriptionInput,
  ctx: AuditContext,
  options: { allowPrivate: boolean; now?: Date },
): Promise<Record<string, unknown>> {
  const query = await findNamedQuery(db, queryName);
  const now = options.now ?? new Date();
  const { schedule, initialRecordTime } = await readInput(input, options.allowPrivate, now);
  return inTransaction(db, async (trx) => {
    const head = await sequenceFeed(trx);
    const row = await trx
      .insertInto('trace_subscription')
      .values({
        query_id: query.id,
        owner_id: actor.id,
        dest: input.dest,
        signature_token: input.signatureToken ?? null,
        stream: schedule === null,
        schedule: schedule === null ? null : JSON.stringify(schedule),
        report_if_empty: input.reportIfEmpty ?? false,
        initial_record_time: initialRecordTime,
        min_record_time: initialRecordTime,
        last_feed_seq: initialRecordTime ? 0 : head,
        next_run_at: schedule === null ? null : nextScheduledRun(schedule, now),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, {
      action: 'trace.subscription.create',
      entityType: 'trace_subscription',
      entityId: row.id,
      regionCode: actor.regionCode,
      after: audited(row, queryName),
    });
    return presentSubscription(row, queryName);
  });
}

/** The subscription if the actor may see it (owner or city_admin), else 404 — also when it belongs to another query. */
async function visibleSubscription(db: Db, actor: Actor, queryName: string, id: string, lock = false): Promise<{ row: Row; queryName: string }> {
  const query = await findNamedQuery(db, queryName);
  if (!UUID.test(id)) throw noSuchSubscription(id);
  let q = db.selectFrom('trace_subscription').selectAll().where('id', '=', id).where('query_id', '=', query.id);
  if (actor.role !== 'city_admin') q = q.where('owner_id', '=', actor.id);
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw noSuchSubscription(id);
  return { row, queryName: query.name };
}

/** REST binding GET /queries/{queryName}/subscriptions/{subscriptionID}. */
export async function getSubscription(db: Db, actor: Actor, queryName: string, id: string): Promise<Record<string, unknown>> {
  const { row } = await visibleSubscription(db, actor, queryName, id);
  return presentSubscription(row, queryName);
}

/** Unsubscribes (REST binding DELETE …/subscriptions/{subscriptionID}): the owner or a city_admin; audited. */
export async function deleteSubscription(db: Db, actor: Actor, queryName: string, id: string, ctx: AuditContext): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { row } = await visibleSubscription(trx, actor, queryName, id, true);
    await trx.deleteFrom('trace_subscription').where('id', '=', row.id).execute();
    await appendAudit(trx, ctx, {
      action: 'trace.subscription.delete',
      entityType: 'trace_subscription',
      entityId: row.id,
      regionCode: actor.regionCode,
      before: audited(row, queryName),
    });
  });
}

/**
 * The caller's subscriptions to a named query (every one for a city_admin), oldest first; perPage (default 30, at
 * most 1000) and nextPageToken as the binding's list endpoints.
 */
export async function listSubscriptions(
  db: Db,
  actor: Actor,
  queryName: string,
  params: Record<string, string>,
): Promise<{ subscriptions: Record<string, unknown>[]; nextPageToken: string | null }> {
  for (const param of Object.keys(params)) if (!LIST_PARAMETERS.has(param)) throw unknownParameter(param);
  const query = await findNamedQuery(db, queryName);
  const perPage = readPerPage(params.perPage);
  const after = params.nextPageToken === undefined ? null : decodeTimeIdToken(params.nextPageToken);
  // created_at as PostgreSQL prints it: the token keeps its microseconds (a JS Date would drop them).
  let q = db.selectFrom('trace_subscription').selectAll().select(sql<string>`created_at::text`.as('cursor_at')).where('query_id', '=', query.id);
  if (actor.role !== 'city_admin') q = q.where('owner_id', '=', actor.id);
  if (after) {
    const at = sql<Date>`${after.time}::timestamptz`;
    q = q.where((eb) => eb.or([eb('created_at', '>', at), eb.and([eb('created_at', '=', at), eb('id', '>', after.id)])]));
  }
  const rows = await q
    .orderBy('created_at')
    .orderBy('id')
    .limit(perPage + 1)
    .execute();
  const page = rows.slice(0, perPage);
  const last = page.at(-1);
  return {
    subscriptions: page.map((r) => presentSubscription(r, query.name)),
    nextPageToken: rows.length > perPage && last ? encodeTimeIdToken(last.cursor_at, last.id) : null,
  };
}
