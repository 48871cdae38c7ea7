import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../platform/db.ts';
import { actorOf } from '../../../platform/request-context.ts';
import { type Actor, requireRole } from '../../../platform/scope.ts';
import { errors, pageOf } from '../../platform/schema.ts';
import { presentSubscription } from './service.ts';

/**
 * The webhook subscriptions for people (数据订阅 page): across all named queries, with the subscribing account, so an
 * enterprise sees at a glance whether its systems receive their events and a city admin sees who receives what.
 * Each account sees its own; the city every one (as the EPCIS routes decide). Subscribing and unsubscribing go through
 * the EPCIS routes themselves (/epcis/queries/{queryName}/subscriptions), which check, audit and answer as the binding says.
 */

export interface ListSubscriptionsInput {
  page: number;
  pageSize: number;
}

export async function listSubscriptionsOverview(db: Db, actor: Actor, input: ListSubscriptionsInput) {
  requireRole(actor, 'city_admin', 'county_officer', 'enterprise');
  let q = db
    .selectFrom('trace_subscription as s')
    .innerJoin('trace_named_query as q', 'q.id', 's.query_id')
    .innerJoin('platform_user as u', 'u.id', 's.owner_id');
  if (actor.role !== 'city_admin') q = q.where('s.owner_id', '=', actor.id);
  const [rows, total] = await Promise.all([
    q
      .selectAll('s')
      .select(['q.name as query_name', 'u.username', 'u.display_name', 'u.enterprise_name'])
      .orderBy('s.created_at', 'desc')
      .orderBy('s.id', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      ...presentSubscription(r, r.query_name),
      owner: { username: r.username, displayName: r.display_name, enterpriseName: r.enterprise_name },
    })),
    total: Number(total.n),
    page: input.page,
    pageSize: input.pageSize,
  };
}

const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
const scheduleField = { type: 'string' } as const;

const subscriptionOverviewSchema = {
  $id: 'TraceSubscriptionOverview',
  type: 'object',
  required: ['subscriptionID', 'queryName', 'dest', 'createdAt', 'signed', 'failedAttempts', 'lastError', 'lastErrorAt', 'nextAttemptAt', 'owner'],
  properties: {
    subscriptionID: { type: 'string', format: 'uuid' },
    queryName: { type: 'string' },
    dest: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    stream: { type: 'boolean', description: 'present (true) for a stream subscription' },
    schedule: {
      type: 'object',
      description: 'EPCIS QuerySchedule (Asia/Shanghai), for a scheduled subscription',
      properties: {
        second: scheduleField,
        minute: scheduleField,
        hour: scheduleField,
        dayOfMonth: scheduleField,
        month: scheduleField,
        dayOfWeek: scheduleField,
      },
    },
    reportIfEmpty: { type: 'boolean' },
    initialRecordTime: { type: 'string', format: 'date-time' },
    lastNotifiedAt: { type: 'string', format: 'date-time', description: 'the last delivery the receiver answered with 2xx' },
    signed: { type: 'boolean', description: 'deliveries carry GS1-Signature (the token itself is never shown)' },
    failedAttempts: { type: 'integer', description: 'failed deliveries in a row' },
    lastError: { type: ['string', 'null'] },
    lastErrorAt: nullableDateTime,
    nextAttemptAt: nullableDateTime,
    nextRunAt: nullableDateTime,
    owner: {
      type: 'object',
      required: ['username', 'displayName', 'enterpriseName'],
      properties: { username: { type: 'string' }, displayName: { type: 'string' }, enterpriseName: { type: ['string', 'null'] } },
    },
  },
} as const;

/** GET /api/v1/trace/subscriptions. */
export async function subscriptionOverviewRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(subscriptionOverviewSchema);
  app.get<{ Querystring: ListSubscriptionsInput }>(
    '/api/v1/trace/subscriptions',
    {
      schema: {
        tags: ['trace'],
        summary: '数据订阅（EPCIS Webhook）/ Webhook subscriptions across named queries, newest first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          },
        },
        response: { 200: pageOf('TraceSubscriptionOverview#'), ...errors(400, 401, 403) },
      },
    },
    async (req) => listSubscriptionsOverview(app.db, actorOf(req), req.query),
  );
}
