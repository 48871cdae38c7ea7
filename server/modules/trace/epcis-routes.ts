import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { errors } from '../platform/schema.ts';
import { captureDocument, captureEvent, getCaptureJob } from './capture-service.ts';
import { EPCIS_CAPTURE_LIMIT, EPCIS_MAX_DOCUMENT_BYTES } from './epcis/index.ts';
import { type EventPage, getEvent, listResource, queryDocument, queryEvents } from './query/index.ts';

/** Version negotiation headers every EPCIS answer carries (REST binding). */
function epcisHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('GS1-EPCIS-Version', '2.0.0')
    .header('GS1-CBV-Version', '2.0.0')
    .header('GS1-EPCIS-Capture-Limit', String(EPCIS_CAPTURE_LIMIT))
    .header('GS1-EPCIS-Capture-File-Size-Limit', String(EPCIS_MAX_DOCUMENT_BYTES));
}

const RESOURCES = ['epcs', 'bizSteps', 'bizLocations', 'readPoints', 'eventTypes', 'dispositions'] as const;
type Resource = (typeof RESOURCES)[number];
const RESOURCE_PARAM: Record<Resource, string> = {
  epcs: 'MATCH_anyEPC',
  bizSteps: 'EQ_bizStep',
  bizLocations: 'EQ_bizLocation',
  readPoints: 'EQ_readPoint',
  eventTypes: 'eventType',
  dispositions: 'EQ_disposition',
};

/** GS1 EPCIS 2.0 REST binding under /epcis: capture (documents and single events) and SimpleEventQuery. */
export async function epcisRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['epcis'];
  const security: Record<string, string[]>[] = [{ session: [] }, { apiKey: [] }];
  // JSON-LD is JSON: EPCIS clients send application/ld+json.
  app.addContentTypeParser('application/ld+json', { parseAs: 'string', bodyLimit: EPCIS_MAX_DOCUMENT_BYTES }, (_req, body, done) => {
    try {
      done(null, JSON.parse(String(body)));
    } catch (err) {
      done(Object.assign(err instanceof Error ? err : new Error('invalid JSON'), { statusCode: 400 }), undefined);
    }
  });

  app.options('/epcis/capture', { schema: { tags, summary: '上报限制 / Capture limits (GS1-EPCIS-Capture-Limit)', security } }, async (_req, reply) =>
    epcisHeaders(reply).header('Allow', 'OPTIONS, POST').status(204).send(),
  );

  app.post(
    '/epcis/capture',
    {
      bodyLimit: EPCIS_MAX_DOCUMENT_BYTES,
      schema: {
        tags,
        security,
        summary: '上报 EPCIS 文档（整体存储或全部回滚）/ Capture an EPCIS document (stored whole or not at all)',
        description:
          'Body: EPCISDocument or EPCISQueryDocument (JSON/JSON-LD), validated against the ratified EPCIS 2.0.1 JSON Schema. 202 + Location of the capture job.',
        response: { 202: { type: 'object', additionalProperties: true }, ...errors(400, 401, 403, 409, 413, 415) },
      },
    },
    async (req, reply) => {
      const job = await captureDocument(app.db, actorOf(req), req.body, auditContextOf(req));
      return epcisHeaders(reply).status(202).header('Location', `/epcis/capture/${job.captureID}`).send(job);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/epcis/capture/:id',
    {
      schema: {
        tags,
        security,
        summary: '上报任务状态 / Capture job',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: { type: 'object', additionalProperties: true }, ...errors(401, 404) },
      },
    },
    async (req, reply) => epcisHeaders(reply).send(await getCaptureJob(app.db, actorOf(req), req.params.id)),
  );

  app.post(
    '/epcis/events',
    {
      bodyLimit: EPCIS_MAX_DOCUMENT_BYTES,
      schema: {
        tags,
        security,
        summary: '上报单个事件 / Capture one event',
        description: '201 + Location for a new event; 200 for an identical retry; 409 when the eventID exists with other content.',
        response: { 200: { type: 'object', additionalProperties: true }, 201: { type: 'object', additionalProperties: true }, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const { eventID, created } = await captureEvent(app.db, actorOf(req), req.body, auditContextOf(req));
      return epcisHeaders(reply)
        .status(created ? 201 : 200)
        .header('Location', `/epcis/events/${encodeURIComponent(eventID)}`)
        .send({ eventID, created });
    },
  );

  const sendPage = (reply: FastifyReply, url: string, page: EventPage) => {
    if (page.nextPageToken) {
      const next = new URL(url, 'http://local');
      next.searchParams.set('nextPageToken', page.nextPageToken);
      reply.header('Link', `<${next.pathname}${next.search}>; rel="next"`);
    }
    return epcisHeaders(reply).type('application/ld+json').send(queryDocument(page));
  };
  const querystring = { type: 'object', additionalProperties: { type: 'string' } } as const;

  app.get<{ Querystring: Record<string, string> }>(
    '/epcis/events',
    {
      schema: {
        tags,
        security,
        summary: '查询事件（SimpleEventQuery）/ Query events',
        description:
          'EPCIS 2.0 §8.2.7.1 SimpleEventQuery: eventType, GE_/LT_eventTime, GE_/LT_recordTime, EQ_action, EQ_bizStep, EQ_disposition, EQ_persistentDisposition_set|unset, EQ_|WD_readPoint, EQ_|WD_bizLocation, EQ_transformationID, MATCH_epc|parentID|inputEPC|outputEPC|anyEPC|epcClass|inputEPCClass|outputEPCClass|anyEPCClass, EQ_|GT_|GE_|LT_|LE_quantity[_<uom>], EQ_bizTransaction_<type>, EQ_source_<type>, EQ_destination_<type>, EQ_eventID, EXISTS_errorDeclaration, GE_/LT_errorDeclarationTime, EQ_errorReason, EQ_correctiveEventID, extension and ILMD fields (EQ_|GT_|GE_|LT_|LE_|EXISTS_[INNER_][ILMD_|ERROR_DECLARATION_|SENSORELEMENT_|SENSORMETADATA_|SENSORREPORT_]<prefix:local or namespace#local>), sensor filters (EXISTS_sensorElementList, EQ_type, EQ_deviceID, EQ_dataProcessingMethod, EQ_microorganism, EQ_chemicalSubstance, EQ_bizRules, EQ_stringValue, EQ_booleanValue, EQ_hexBinaryValue, EQ_uriValue, GE_/LT_time|startTime|endTime, EQ_value_<uom>, GT_|GE_|LT_|LE_value|minValue|maxValue|meanValue|sDev|percValue_<uom>, GT_|GE_|LT_|LE_percRank), orderBy (eventTime|recordTime), orderDirection, eventCountLimit, maxEventCount (413 QueryTooLargeException), perPage, nextPageToken. Lists are pipe-delimited; unknown parameters and bad values → 400 (docs/api-trace.md).',
        querystring,
        response: errors(400, 401, 413),
      },
    },
    async (req, reply) => sendPage(reply, req.url, await queryEvents(app.db, actorOf(req), req.query)),
  );

  app.get<{ Params: { eventID: string } }>(
    '/epcis/events/:eventID',
    {
      schema: {
        tags,
        security,
        summary: '按事件 ID 查询 / One event (with its error declarations)',
        params: { type: 'object', required: ['eventID'], properties: { eventID: { type: 'string' } } },
      },
    },
    async (req, reply) => sendPage(reply, req.url, await getEvent(app.db, actorOf(req), req.params.eventID)),
  );

  for (const resource of RESOURCES) {
    app.get<{ Querystring: { perPage?: string } }>(
      `/epcis/${resource}`,
      {
        schema: {
          tags,
          security,
          summary: `${resource} 列表 / Known ${resource}`,
          querystring: { type: 'object', additionalProperties: false, properties: { perPage: { type: 'string', pattern: '^\\d+$' } } },
        },
      },
      async (req, reply) => {
        const limit = Math.min(1000, Number(req.query.perPage ?? 100));
        return epcisHeaders(reply).send({ '@set': await listResource(app.db, actorOf(req), resource, limit) });
      },
    );
    app.get<{ Params: { value: string }; Querystring: Record<string, string> }>(
      `/epcis/${resource}/:value/events`,
      { schema: { tags, security, summary: `按 ${resource} 查询事件 / Events of one ${resource} value`, querystring } },
      async (req, reply) => sendPage(reply, req.url, await queryEvents(app.db, actorOf(req), { ...req.query, [RESOURCE_PARAM[resource]]: req.params.value })),
    );
  }
}
