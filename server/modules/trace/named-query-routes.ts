import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { problems } from './epcis-problem.ts';
import { createNamedQuery, deleteNamedQuery, findNamedQuery, getNamedQuery, listNamedQueries, type NamedQuery, runNamedQuery } from './named-query-service.ts';
import { type EventPage, nextPageLink } from './query/index.ts';
import { type LiveControls, readLiveControls } from './subscriptions/live.ts';
import { subscriptionRoutes } from './subscriptions/routes.ts';

/** What the EPCIS scope (epcis-routes.ts) lends these routes, so that events are answered by one code path. */
export interface EpcisRouteKit {
  tags: string[];
  security: Record<string, string[]>[];
  epcFormatHeader: object;
  headers: (reply: FastifyReply) => FastifyReply;
  answerEvents: (req: FastifyRequest, reply: FastifyReply, run: () => Promise<EventPage>, queryName?: string) => Promise<FastifyReply>;
}

type Name = { Params: { queryName: string } };

const nameParam = { type: 'object', required: ['queryName'], properties: { queryName: { type: 'string' } } } as const;
const querystring = { type: 'object', additionalProperties: { type: 'string' } } as const;
const definition = {
  type: 'object',
  required: ['name', 'query'],
  properties: { name: { type: 'string' }, query: { type: 'object', additionalProperties: true } },
  additionalProperties: true,
} as const;

/** The `Link: <…>; rel="next"` of a page (EPCIS REST binding pagination), on the request's own URL. */
function linkNext(req: FastifyRequest, reply: FastifyReply, token: string | null): void {
  if (token) reply.header('Link', nextPageLink(req.url, token));
}

/**
 * Named queries of the EPCIS 2.0 REST binding under /epcis (named-query-service.ts): create, list, read, delete, run.
 * Webhook subscriptions to them: subscriptions/routes.ts; the WebSocket binding (?stream= on /events) answers 501.
 */
export async function namedQueryRoutes(app: FastifyInstance, kit: EpcisRouteKit): Promise<void> {
  const { tags, security, headers } = kit;

  app.post<{ Body: NamedQuery }>(
    '/queries',
    {
      schema: {
        tags,
        security,
        summary: '创建命名查询 / Create a named query',
        description:
          "Body: {name, query} (the binding's QueryDefinition); `query` takes the parameters of GET /epcis/events as JSON (lists as arrays), checked as GET /epcis/events checks them. 201 + Location /epcis/queries/{name}, no body.",
        body: definition,
        response: { 201: { type: 'null', description: 'Created; Location names the query' }, ...problems(400, 401, 403, 406, 409, 415, 500) },
      },
    },
    async (req, reply) => {
      const created = await createNamedQuery(app.db, actorOf(req), req.body, auditContextOf(req));
      return headers(reply).status(201).header('Location', `/epcis/queries/${created.name}`).send();
    },
  );

  app.get<{ Querystring: Record<string, string> }>(
    '/queries',
    {
      schema: {
        tags,
        security,
        summary: '命名查询列表 / Named queries',
        description: 'Every named query, by name; perPage (default 30, at most 1000) and nextPageToken, Link rel="next".',
        querystring,
        response: { 200: { type: 'array', items: definition }, ...problems(400, 401, 403, 406, 500) },
      },
    },
    async (req, reply) => {
      const page = await listNamedQueries(app.db, actorOf(req), req.query);
      linkNext(req, reply, page.nextPageToken);
      return headers(reply).send(page.queries);
    },
  );

  app.get<Name>(
    '/queries/:queryName',
    {
      schema: {
        tags,
        security,
        summary: '命名查询定义 / A named query',
        // The binding's schema for this answer is an array (its example a single object): the schema is followed.
        description: "The definition as created, as a one-element array (the binding's response schema).",
        params: nameParam,
        response: { 200: { type: 'array', items: definition }, ...problems(401, 403, 404, 406, 500) },
      },
    },
    async (req, reply) => headers(reply).send([await getNamedQuery(app.db, actorOf(req), req.params.queryName)]),
  );

  app.delete<Name>(
    '/queries/:queryName',
    {
      schema: {
        tags,
        security,
        summary: '删除命名查询 / Delete a named query',
        description: 'Its creator or a city_admin; others 403.',
        params: nameParam,
        response: { 204: { type: 'null', description: 'Deleted' }, ...problems(401, 403, 404, 406, 500) },
      },
    },
    async (req, reply) => {
      await deleteNamedQuery(app.db, actorOf(req), req.params.queryName, auditContextOf(req));
      return headers(reply).status(204).send();
    },
  );

  // What an upgrade request subscribes to — the stored query and its controls — read and checked before the upgrade (preHandler).
  const subscriptionOf = new WeakMap<FastifyRequest, { parameters: Record<string, string>; controls: LiveControls }>();
  app.route<Name & { Querystring: Record<string, string> }>({
    method: 'GET',
    url: '/queries/:queryName/events',
    schema: {
      tags,
      security,
      summary: '运行命名查询；WebSocket 订阅 / Events of a named query; WebSocket subscription',
      description:
        'As GET /epcis/events with the stored parameters, in the caller\'s scope: perPage, nextPageToken, Link rel="next", GS1-EPC-Format. ' +
        "With Upgrade: websocket (the REST binding's WebSocket subscription): stream=true, or schedule fields (second, minute, hour, dayOfMonth, month, dayOfWeek; Asia/Shanghai), " +
        'reportIfEmpty, initialRecordTime — as query-string parameters or GS1-Query-* headers. The socket then receives EPCISQueryDocuments (queryResults.subscriptionID) ' +
        'as webhook deliveries are made, until it closes. Without the upgrade those parameters are a 400.',
      headers: kit.epcFormatHeader,
      params: nameParam,
      querystring,
      response: problems(400, 401, 403, 404, 406, 413, 414, 500),
    },
    preHandler: async (req) => {
      if (!req.ws) return;
      actorOf(req); // signed-in clients only (401 before the upgrade)
      const query = await findNamedQuery(app.db, req.params.queryName);
      // written by createNamedQuery from normaliseQuery: parameter name -> query-string value
      subscriptionOf.set(req, { parameters: query.parameters as Record<string, string>, controls: readLiveControls(req.query, req.headers) });
    },
    handler: async (req, reply) =>
      kit.answerEvents(req, reply, () => runNamedQuery(app.db, actorOf(req), req.params.queryName, req.query), req.params.queryName),
    wsHandler: (socket, req) => {
      const subscription = subscriptionOf.get(req);
      if (!subscription) return socket.close(1011, 'no subscription controls');
      app.liveSubscriptions.open(socket, actorOf(req), { queryName: req.params.queryName, ...subscription }).then(
        (id) => req.log.info({ subscriptionId: id, queryName: req.params.queryName }, 'websocket subscription opened'),
        (err: unknown) => {
          req.log.error({ err }, 'websocket subscription failed to open');
          socket.close(1011, 'subscription failed');
        },
      );
    },
  });

  // EPCIS 2.0 REST binding /queries/{queryName}/subscriptions[/{subscriptionID}]: webhook subscriptions.
  await subscriptionRoutes(app, { tags, security, headers, allowPrivate: () => app.subscriptionDispatcher.allowPrivate });
}
