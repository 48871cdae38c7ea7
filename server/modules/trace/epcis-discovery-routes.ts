import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/request-context.ts';
import { listCaptureJobs } from './epcis-capture-jobs.ts';
import { captureErrorAsProblem, problems } from './epcis-problem.ts';
import { CompanyPrefixes, companyPrefixesFor, EPC_FORMAT_HEADER, readEpcFormat, translateEpc } from './query/epc-format.ts';
import { decodeValueToken, EPCIS_CONTEXT, type EventPage, encodeValueToken, listResource, nextPageLink, queryEvents, readPerPage } from './query/index.ts';

/**
 * Discovery under /epcis (EPCIS 2.0 REST binding, "Discovery" and "Top-level resources"): the root's list of
 * top-level resources, the capture-job list, the known values of each resource (`Collection` documents, paged with
 * perPage / nextPageToken and `Link: rel="next"`), each value's sub-resources, DELETE /nextPageToken/{token}, and the
 * OPTIONS answers (Allow and the version headers) of these paths and of the event routes.
 */

export const RESOURCES = ['epcs', 'bizSteps', 'bizLocations', 'readPoints', 'eventTypes', 'dispositions'] as const;
type Resource = (typeof RESOURCES)[number];
/** The SimpleEventQuery parameter that selects the events of one value of a resource. */
const RESOURCE_PARAM: Record<Resource, string> = {
  epcs: 'MATCH_anyEPC',
  bizSteps: 'EQ_bizStep',
  bizLocations: 'EQ_bizLocation',
  readPoints: 'EQ_readPoint',
  eventTypes: 'eventType',
  dispositions: 'EQ_disposition',
};
// The binding's TopLevelResources, all of which this repository serves.
const TOP_LEVEL = ['events', 'eventTypes', 'epcs', 'bizSteps', 'bizLocations', 'readPoints', 'dispositions', 'capture', 'queries'];
// Turning EPC URNs into Digital Links needs no company prefix.
const NO_PREFIXES = new CompanyPrefixes();

export interface DiscoveryDeps {
  tags: string[];
  security: Record<string, string[]>[];
  epcFormatHeader: object;
  headers: (reply: FastifyReply) => FastifyReply;
  answerEvents: (req: FastifyRequest, reply: FastifyReply, run: () => Promise<EventPage>) => Promise<unknown>;
  platformCompanyPrefix: string;
}

const collection = (member: string[]) => ({ '@context': EPCIS_CONTEXT, type: 'Collection', member });
const pageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { perPage: { type: 'string' }, nextPageToken: { type: 'string' } },
} as const;
type PageQuery = { Querystring: { perPage?: string; nextPageToken?: string } };

/** `Link: <this path with nextPageToken>; rel="next"` (the binding's paging). */
const linkNext = (req: FastifyRequest, reply: FastifyReply, token: string) => reply.header('Link', nextPageLink(req.url, token));

const noSuchResource = (resource: Resource, value: string) =>
  new AppError(404, 'EPCIS_NO_SUCH_RESOURCE', `没有可见的 ${resource} 值 ${value} / no ${resource} value ${value} you can see`, [
    { field: 'params.value', rule: 'epcisException:NoSuchResourceException', message: value },
  ]);

export async function discoveryRoutes(app: FastifyInstance, deps: DiscoveryDeps): Promise<void> {
  const { tags, security, headers } = deps;
  /** OPTIONS: the methods of a path and the versions and formats this repository speaks (204DefaultDiscoveryResponse). */
  const options = (url: string, allow: string, summary: string, extra: Record<string, string> = {}) =>
    app.options(url, { schema: { tags, summary, security } }, async (_req, reply) =>
      headers(reply)
        .headers(extra)
        .header('Allow', allow)
        .header('GS1-EPCIS-Min', '2.0.0')
        .header('GS1-EPCIS-Max', '2.0.0')
        .header('GS1-CBV-Min', '2.0.0')
        .header('GS1-CBV-Max', '2.0.0')
        .header(EPC_FORMAT_HEADER, 'No_Preference')
        .status(204)
        .send(),
    );

  options('/', 'OPTIONS, GET', '服务能力 / Discovery: versions and formats');
  app.get('/', { schema: { tags, security, summary: '顶级资源 / Top-level resources', response: problems(401, 403, 406, 500) } }, async (req, reply) => {
    actorOf(req); // signed-in clients only, as every other resource here
    return headers(reply).send(collection(TOP_LEVEL));
  });

  app.get<PageQuery>(
    '/capture',
    {
      schema: {
        tags,
        security,
        summary: '上报任务列表 / Capture jobs',
        description: 'The caller\'s capture jobs (the city: all), newest first; perPage (default 30, at most 1,000), nextPageToken, Link rel="next".',
        querystring: pageQuery,
        response: problems(400, 401, 403, 406, 500),
      },
    },
    async (req, reply) => {
      const page = await listCaptureJobs(app.db, actorOf(req), readPerPage(req.query.perPage), req.query.nextPageToken ?? null);
      if (page.nextPageToken) linkNext(req, reply, page.nextPageToken);
      // The binding's CaptureJob.errors are RFC 7807 problem objects.
      return headers(reply).send(page.jobs.map((job) => ({ ...job, errors: job.errors.map((e) => captureErrorAsProblem(e, job.captureID)) })));
    },
  );
  // The capture limits travel in every answer's headers (GS1-EPCIS-Capture-Limit, …-File-Size-Limit); GS1-EPC-Format:
  // the server takes either format, in any mix.
  // GS1-Capture-Error-Behaviour: all — the binding's value for a server that takes both rollback and proceed.
  options('/capture', 'OPTIONS, GET, POST', '上报限制 / Capture limits (GS1-EPCIS-Capture-Limit)', { 'GS1-Capture-Error-Behaviour': 'all' });
  options('/capture/:captureID', 'OPTIONS, GET', '上报任务 / Capture job: discovery');
  options('/events', 'OPTIONS, GET, POST', '事件 / Events: discovery');
  options('/events/:eventID', 'OPTIONS, GET', '事件 / One event: discovery');

  app.delete<{ Params: { token: string } }>(
    '/nextPageToken/:token',
    {
      schema: {
        tags,
        security,
        summary: '释放分页标记 / Release a nextPageToken',
        description: 'Page tokens here are stateless keysets: nothing is held for them, so there is nothing to release and the answer is always 204.',
      },
    },
    async (_req, reply) => headers(reply).status(204).send(),
  );

  for (const resource of RESOURCES) {
    options(`/${resource}`, 'OPTIONS, GET', `${resource}: discovery`);
    options(`/${resource}/:value`, 'OPTIONS, GET', `${resource}: discovery`);
    options(`/${resource}/:value/events`, 'OPTIONS, GET', `${resource}: discovery`);

    app.get<PageQuery>(
      `/${resource}`,
      {
        schema: {
          tags,
          security,
          summary: `${resource} 列表 / Known ${resource}`,
          description: `The ${resource} values of the events the caller can see, in order: a Collection, perPage (default 30, at most 1,000), nextPageToken, Link rel="next".`,
          ...(resource === 'epcs' ? { headers: deps.epcFormatHeader } : {}),
          querystring: pageQuery,
          response: problems(400, 401, 403, 406, 500),
        },
      },
      async (req, reply) => {
        const format = resource === 'epcs' ? readEpcFormat(req.headers[EPC_FORMAT_HEADER.toLowerCase()]) : null;
        const perPage = readPerPage(req.query.perPage);
        const found = await listResource(
          app.db,
          actorOf(req),
          resource,
          perPage + 1,
          req.query.nextPageToken === undefined ? null : decodeValueToken(req.query.nextPageToken),
        );
        const page = found.slice(0, perPage);
        const last = page.at(-1);
        if (found.length > perPage && last !== undefined) linkNext(req, reply, encodeValueToken(last));
        let values = page;
        if (format === 'Always_EPC_URN' || format === 'Always_GS1_Digital_Link') {
          const prefixes = format === 'Always_EPC_URN' ? await companyPrefixesFor(app.db, values, deps.platformCompanyPrefix) : NO_PREFIXES;
          values = values.map((v) => translateEpc(v, format, prefixes));
        }
        if (format) reply.header(EPC_FORMAT_HEADER, format);
        return headers(reply).send(collection(values));
      },
    );

    app.get<{ Params: { value: string } }>(
      `/${resource}/:value`,
      {
        schema: {
          tags,
          security,
          summary: `${resource} 的子资源 / Sub-resources of one ${resource} value`,
          description: 'A Collection naming `events`; 404 when none of the events the caller can see has this value.',
          response: problems(400, 401, 403, 404, 406, 500),
        },
      },
      async (req, reply) => {
        const one = await queryEvents(app.db, actorOf(req), { [RESOURCE_PARAM[resource]]: req.params.value, perPage: '1' });
        if (one.events.length === 0) throw noSuchResource(resource, req.params.value);
        return headers(reply).send(collection(['events']));
      },
    );

    app.get<{ Params: { value: string }; Querystring: Record<string, string> }>(
      `/${resource}/:value/events`,
      {
        schema: {
          tags,
          security,
          summary: `按 ${resource} 查询事件 / Events of one ${resource} value`,
          headers: deps.epcFormatHeader,
          querystring: { type: 'object', additionalProperties: { type: 'string' } },
          response: problems(400, 401, 403, 406, 413, 414, 500),
        },
      },
      async (req, reply) =>
        deps.answerEvents(req, reply, () => queryEvents(app.db, actorOf(req), { ...req.query, [RESOURCE_PARAM[resource]]: req.params.value })),
    );
  }
}
