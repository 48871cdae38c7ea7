import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../platform/request-context.ts';
import { problems } from '../epcis-problem.ts';
import { findNamedQuery } from '../named-query-service.ts';
import { nextPageLink } from '../query/index.ts';
import { SCHEDULE_FIELDS } from './schedule.ts';
import { createSubscription, deleteSubscription, getSubscription, listSubscriptions, type SubscriptionInput } from './service.ts';

/** What the EPCIS scope lends these routes (named-query-routes.ts EpcisRouteKit, in part). */
export interface SubscriptionRouteKit {
  tags: string[];
  security: Record<string, string[]>[];
  headers: (reply: FastifyReply) => FastifyReply;
  /** EPCIS_WEBHOOK_ALLOW_PRIVATE: dest may be http and a loopback / private address. */
  allowPrivate: () => boolean;
}

type Name = { Params: { queryName: string } };
type One = { Params: { queryName: string; subscriptionID: string } };

const nameParam = { type: 'object', required: ['queryName'], properties: { queryName: { type: 'string' } } } as const;
const oneParams = {
  type: 'object',
  required: ['queryName', 'subscriptionID'],
  properties: { queryName: { type: 'string' }, subscriptionID: { type: 'string' } },
} as const;
const scheduleField = { type: 'string', maxLength: 200 } as const;
const body = {
  type: 'object',
  required: ['dest'],
  properties: {
    dest: { type: 'string', maxLength: 2000 },
    signatureToken: { type: 'string', maxLength: 500 },
    reportIfEmpty: { type: 'boolean' },
    initialRecordTime: { type: 'string', format: 'date-time' },
    stream: { type: 'boolean' },
    schedule: { type: 'object', additionalProperties: false, properties: Object.fromEntries(SCHEDULE_FIELDS.map((f) => [f, scheduleField])) },
  },
  // The binding's schemas are open (e.g. epcFormat): other members are taken and ignored.
  additionalProperties: true,
} as const;
const subscription = { type: 'object', additionalProperties: true } as const;

const SIGNATURE_NOTE =
  'Deliveries: POST of an EPCISQueryDocument (application/ld+json; queryResults.subscriptionID and queryName; at most 1000 events per POST, in capture order) to `dest`; header `GS1-Signature` = lowercase hex HMAC-SHA256 of the exact body bytes keyed by the UTF-8 signatureToken (absent without a token). A non-2xx answer, a 10 s timeout or a network error is retried with backoff (1, 2, 4 … 60 min) from the same point. `dest` must be https and resolve to public addresses unless EPCIS_WEBHOOK_ALLOW_PRIVATE=1. Schedules are Asia/Shanghai wall-clock time.';

/** Location of a subscription (REST binding: the client deletes this URL to unsubscribe). */
const locationOf = (queryName: string, id: string) => `/epcis/queries/${queryName}/subscriptions/${id}`;

/** The `Link: <…>; rel="next"` of a page (EPCIS REST binding pagination), on the request's own URL. */
function linkNext(req: FastifyRequest, reply: FastifyReply, token: string | null): void {
  if (token) reply.header('Link', nextPageLink(req.url, token));
}

/** Webhook subscriptions to named queries under /epcis (service.ts; delivery: dispatcher.ts). */
export async function subscriptionRoutes(app: FastifyInstance, kit: SubscriptionRouteKit): Promise<void> {
  const { tags, security, headers } = kit;
  const subTags = [...tags, 'epcis-subscriptions'];

  app.options<Name>(
    '/queries/:queryName/subscriptions',
    {
      schema: {
        tags: subTags,
        security,
        summary: '订阅接口能力 / Subscriptions endpoint discovery',
        params: nameParam,
        response: problems(401, 403, 404, 500),
      },
    },
    async (req, reply) => {
      actorOf(req);
      await findNamedQuery(app.db, req.params.queryName);
      return headers(reply).header('Allow', 'OPTIONS, GET, POST').status(204).send();
    },
  );

  app.post<Name & { Body: SubscriptionInput }>(
    '/queries/:queryName/subscriptions',
    {
      schema: {
        tags: subTags,
        security,
        summary: '订阅命名查询（Webhook）/ Subscribe to a named query by webhook',
        description: `Body: {dest, signatureToken?, reportIfEmpty?, initialRecordTime?, stream: true} or {…, schedule: {second?, minute?, hour?, dayOfMonth?, month?, dayOfWeek?}} (each field a number, a [low-high] range or a comma list of them) — exactly one of stream and schedule. 201 + Location; the answer never contains the signatureToken. The subscription belongs to the caller (an API key: its user); deliveries carry what that account may see at delivery time. ${SIGNATURE_NOTE}`,
        params: nameParam,
        body,
        response: { 201: subscription, ...problems(400, 401, 403, 404, 406, 415, 500) },
      },
    },
    async (req, reply) => {
      const created = await createSubscription(app.db, actorOf(req), req.params.queryName, req.body, auditContextOf(req), {
        allowPrivate: kit.allowPrivate(),
      });
      return headers(reply)
        .status(201)
        .header('Location', locationOf(req.params.queryName, String(created.subscriptionID)))
        .send(created);
    },
  );

  app.get<Name & { Querystring: Record<string, string> }>(
    '/queries/:queryName/subscriptions',
    {
      schema: {
        tags: subTags,
        security,
        summary: '命名查询的订阅 / Subscriptions of a named query',
        description:
          'The caller\'s own subscriptions to the query (a city_admin: everyone\'s), oldest first; perPage (default 30, at most 1000), nextPageToken, Link rel="next". Each carries its delivery state: lastNotifiedAt, failedAttempts, lastError, lastErrorAt, nextAttemptAt (and nextRunAt when scheduled).',
        params: nameParam,
        querystring: { type: 'object', additionalProperties: { type: 'string' } },
        response: { 200: { type: 'array', items: subscription }, ...problems(400, 401, 403, 404, 406, 500) },
      },
    },
    async (req, reply) => {
      const page = await listSubscriptions(app.db, actorOf(req), req.params.queryName, req.query);
      linkNext(req, reply, page.nextPageToken);
      return headers(reply).send(page.subscriptions);
    },
  );

  app.options<One>(
    '/queries/:queryName/subscriptions/:subscriptionID',
    { schema: { tags: subTags, security, summary: '订阅能力 / Subscription discovery', params: oneParams, response: problems(401, 403, 404, 500) } },
    async (req, reply) => {
      await getSubscription(app.db, actorOf(req), req.params.queryName, req.params.subscriptionID);
      return headers(reply).header('Allow', 'OPTIONS, DELETE, GET').status(204).send();
    },
  );

  app.get<One>(
    '/queries/:queryName/subscriptions/:subscriptionID',
    {
      schema: {
        tags: subTags,
        security,
        summary: '一个订阅 / A subscription',
        description: 'Its owner or a city_admin; others 404. No signatureToken (`signed` says whether one is set).',
        params: oneParams,
        response: { 200: subscription, ...problems(401, 403, 404, 406, 500) },
      },
    },
    async (req, reply) => headers(reply).send(await getSubscription(app.db, actorOf(req), req.params.queryName, req.params.subscriptionID)),
  );

  app.delete<One>(
    '/queries/:queryName/subscriptions/:subscriptionID',
    {
      schema: {
        tags: subTags,
        security,
        summary: '取消订阅 / Unsubscribe',
        description: 'Its owner or a city_admin; others 404. Nothing is delivered to it afterwards.',
        params: oneParams,
        response: { 204: { type: 'null', description: 'Unsubscribed' }, ...problems(401, 403, 404, 406, 500) },
      },
    },
    async (req, reply) => {
      await deleteSubscription(app.db, actorOf(req), req.params.queryName, req.params.subscriptionID, auditContextOf(req));
      return headers(reply).status(204).send();
    },
  );
}
