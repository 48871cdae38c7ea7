import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CAPTURE_ERROR_BEHAVIOURS, type CaptureErrorBehaviour } from '../../../common/trace-api.ts';
import { AppError, describeError, type HandledError } from '../../platform/errors.ts';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { installValidation } from '../../platform/validation.ts';
import { captureDocument, captureEvent } from './capture-service.ts';
import { EPCIS_CAPTURE_LIMIT, EPCIS_MAX_DOCUMENT_BYTES } from './epcis/index.ts';
import { getCaptureJob } from './epcis-capture-jobs.ts';
import { discoveryRoutes } from './epcis-discovery-routes.ts';
import { captureErrorAsProblem, epcisProblemSchema, problems, sendProblem } from './epcis-problem.ts';
import { namedQueryRoutes } from './named-query-routes.ts';
import {
  CompanyPrefixes,
  companyPrefixesFor,
  EPC_FORMAT_HEADER,
  EPC_FORMATS,
  type EpcFormat,
  epcValues,
  readEpcFormat,
  translateEvents,
} from './query/epc-format.ts';
import { type EventPage, getEvent, nextPageLink, queryDocument, queryEvents } from './query/index.ts';
import { notifyCaptured } from './subscriptions/dispatcher.ts';

/** Version negotiation headers every EPCIS answer carries (REST binding). */
function epcisHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('GS1-EPCIS-Version', '2.0.0')
    .header('GS1-CBV-Version', '2.0.0')
    .header('GS1-EPCIS-Capture-Limit', String(EPCIS_CAPTURE_LIMIT))
    .header('GS1-EPCIS-Capture-File-Size-Limit', String(EPCIS_MAX_DOCUMENT_BYTES));
}

export const ERROR_BEHAVIOUR_HEADER = 'GS1-Capture-Error-Behaviour';

// What the query and discovery routes answer in (EPCIS 2.0 REST binding: JSON / JSON-LD; no XML binding here).
const ANSWER_TYPES = new Set(['*/*', 'application/*', 'application/json', 'application/ld+json']);

/** Whether an Accept header admits a JSON answer (absent or empty: anything goes; `q=0` refuses a range). */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return ANSWER_TYPES.has(range) && (q === undefined || Number(q.slice(2)) > 0);
  });
}

// Turning EPC URNs into Digital Links needs no company prefix.
const NO_PREFIXES = new CompanyPrefixes();

// Declared for the OpenAPI document; the value is checked by readEpcFormat (a QueryParameterException like the others).
const epcFormatHeader = {
  type: 'object',
  properties: {
    [EPC_FORMAT_HEADER.toLowerCase()]: {
      type: 'string',
      description: `${EPC_FORMATS.join(' | ')}: EPCs of the returned events as GS1 Digital Link URIs or EPC URNs; absent = No_Preference (as captured)`,
    },
  },
} as const;

/** GS1-Capture-Error-Behaviour of a capture request: absent → rollback; `all` is for servers to announce, not to ask. */
export function readErrorBehaviour(value: string | string[] | undefined): CaptureErrorBehaviour {
  if (value === undefined) return 'rollback';
  const asked = (Array.isArray(value) ? value.join(', ') : value).trim();
  const known = CAPTURE_ERROR_BEHAVIOURS.find((b) => b === asked);
  if (known) return known;
  throw new AppError(
    400,
    'EPCIS_CAPTURE_ERROR_BEHAVIOUR',
    `GS1-Capture-Error-Behaviour 的值 ${JSON.stringify(asked)} 不受支持：rollback（默认，整体保存或全部不保存）或 proceed（保存合格事件，逐个拒收其余） / GS1-Capture-Error-Behaviour ${JSON.stringify(asked)} is not supported: rollback (the default: all or nothing) or proceed (store what conforms, refuse the rest one by one)`,
    [{ field: `headers.${ERROR_BEHAVIOUR_HEADER.toLowerCase()}`, rule: 'enum', message: CAPTURE_ERROR_BEHAVIOURS.join(', ') }],
  );
}

const notAcceptable = (accept: string) =>
  new AppError(
    406,
    'EPCIS_NOT_ACCEPTABLE',
    `无法按 Accept: ${accept} 作答，本接口返回 application/json 或 application/ld+json / cannot answer in Accept: ${accept}; this interface answers application/json or application/ld+json`,
    [{ field: 'headers.accept', rule: 'accept', message: 'application/json, application/ld+json' }],
  );

/**
 * GS1 EPCIS 2.0 REST binding under /epcis: capture (documents and single events) and SimpleEventQuery. Its own plugin
 * scope (prefix /epcis) so that every error under it — thrown by a route, a hook, the body parser or the not-found
 * handler — is RFC 7807 problem details (epcis-problem.ts), while the rest of the API keeps the platform shape.
 * `platformCompanyPrefix` is a GS1 Company Prefix always known when EPCs are written as EPC URNs (GS1-EPC-Format).
 */
export async function epcisRoutes(app: FastifyInstance, platformCompanyPrefix: string): Promise<void> {
  await app.register(async (epcis) => epcisScope(epcis, platformCompanyPrefix), { prefix: '/epcis' });
}

async function epcisScope(app: FastifyInstance, platformCompanyPrefix: string): Promise<void> {
  app.addSchema(epcisProblemSchema);
  // A scope that adds a schema gets Fastify's default validator (which coerces body types: {"hour": 1} passed as
  // "1"); the platform's strict-body / lenient-query pair is installed again here.
  installValidation(app);
  app.setErrorHandler((err: HandledError, req, reply) => sendProblem(epcisHeaders(reply), req, describeError(err, req)));
  app.setNotFoundHandler((req, reply) =>
    sendProblem(epcisHeaders(reply), req, { status: 404, code: 'NOT_FOUND', message: `未找到 ${req.method} ${req.url.split('?')[0]} / No such route` }),
  );
  app.addHook('onRequest', async (req) => {
    if (req.method !== 'OPTIONS' && !acceptsJson(req.headers.accept)) throw notAcceptable(req.headers.accept ?? '');
  });

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

  app.post(
    '/capture',
    {
      bodyLimit: EPCIS_MAX_DOCUMENT_BYTES,
      schema: {
        tags,
        security,
        summary: '上报 EPCIS 文档（默认整体存储或全部回滚）/ Capture an EPCIS document (by default stored whole or not at all)',
        description:
          "Body: EPCISDocument or EPCISQueryDocument (JSON/JSON-LD), validated against the ratified EPCIS 2.0.1 JSON Schema. 202 + Location of the capture job. Header GS1-Capture-Error-Behaviour: rollback (default) stores the document whole or refuses it whole; proceed stores the events that conform and may be stored and lists each refused event in the job's errors (status partial).",
        headers: {
          type: 'object',
          properties: { [ERROR_BEHAVIOUR_HEADER.toLowerCase()]: { type: 'string', description: `${CAPTURE_ERROR_BEHAVIOURS.join(' | ')}; absent = rollback` } },
        },
        response: { 202: { type: 'object', additionalProperties: true }, ...problems(400, 401, 403, 406, 409, 413, 415, 500) },
      },
    },
    async (req, reply) => {
      const errorBehaviour = readErrorBehaviour(req.headers[ERROR_BEHAVIOUR_HEADER.toLowerCase()]);
      const job = await captureDocument(app.db, actorOf(req), req.body, auditContextOf(req), { errorBehaviour });
      notifyCaptured();
      // The binding's CaptureJob.errors are RFC 7807 problem objects (under proceed: one per refused event).
      return epcisHeaders(reply)
        .status(202)
        .header('Location', `/epcis/capture/${job.captureID}`)
        .send({ ...job, errors: job.errors.map((e) => captureErrorAsProblem(e, job.captureID)) });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/capture/:id',
    {
      schema: {
        tags,
        security,
        summary: '上报任务状态 / Capture job',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: { type: 'object', additionalProperties: true }, ...problems(400, 401, 403, 404, 406, 500) },
      },
    },
    async (req, reply) => {
      const job = await getCaptureJob(app.db, actorOf(req), req.params.id);
      // The binding's CaptureJob.errors are RFC 7807 problem objects.
      return epcisHeaders(reply).send({ ...job, errors: job.errors.map((e) => captureErrorAsProblem(e, job.captureID)) });
    },
  );

  app.post(
    '/events',
    {
      bodyLimit: EPCIS_MAX_DOCUMENT_BYTES,
      schema: {
        tags,
        security,
        summary: '上报单个事件 / Capture one event',
        description: '201 + Location for a new event; 200 for an identical retry; 409 when the eventID exists with other content.',
        response: {
          200: { type: 'object', additionalProperties: true },
          201: { type: 'object', additionalProperties: true },
          ...problems(400, 401, 403, 406, 409, 413, 415, 500),
        },
      },
    },
    async (req, reply) => {
      const { eventID, created } = await captureEvent(app.db, actorOf(req), req.body, auditContextOf(req));
      if (created) notifyCaptured();
      return epcisHeaders(reply)
        .status(created ? 201 : 200)
        .header('Location', `/epcis/events/${encodeURIComponent(eventID)}`)
        .send({ eventID, created });
    },
  );

  /** Runs a query and answers its page in the GS1-EPC-Format the request asks for (checked before the query runs). */
  const answerEvents = async (req: FastifyRequest, reply: FastifyReply, run: () => Promise<EventPage>, queryName?: string) => {
    const format = readEpcFormat(req.headers[EPC_FORMAT_HEADER.toLowerCase()]);
    const page = await run();
    const events = format === 'Always_EPC_URN' ? await inFormat(page.events, format) : translateEvents(page.events, format, NO_PREFIXES);
    if (page.nextPageToken) reply.header('Link', nextPageLink(req.url, page.nextPageToken));
    return epcisHeaders(reply)
      .header(EPC_FORMAT_HEADER, format)
      .type('application/ld+json')
      .send(queryDocument({ ...page, events }, queryName));
  };
  const inFormat = async (events: unknown[], format: EpcFormat) =>
    translateEvents(events, format, await companyPrefixesFor(app.db, epcValues(events), platformCompanyPrefix));
  const querystring = { type: 'object', additionalProperties: { type: 'string' } } as const;

  app.get<{ Querystring: Record<string, string> }>(
    '/events',
    {
      schema: {
        tags,
        security,
        summary: '查询事件（SimpleEventQuery）/ Query events',
        description:
          'EPCIS 2.0 §8.2.7.1 SimpleEventQuery: eventType, GE_/LT_eventTime, GE_/LT_recordTime, EQ_action, EQ_bizStep, EQ_disposition, EQ_persistentDisposition_set|unset, EQ_|WD_readPoint, EQ_|WD_bizLocation, EQ_transformationID, MATCH_epc|parentID|inputEPC|outputEPC|anyEPC|epcClass|inputEPCClass|outputEPCClass|anyEPCClass, EQ_|GT_|GE_|LT_|LE_quantity[_<uom>], EQ_bizTransaction_<type>, EQ_source_<type>, EQ_destination_<type>, EQ_eventID, EXISTS_errorDeclaration, GE_/LT_errorDeclarationTime, EQ_errorReason, EQ_correctiveEventID, extension and ILMD fields (EQ_|GT_|GE_|LT_|LE_|EXISTS_[INNER_][ILMD_|ERROR_DECLARATION_|SENSORELEMENT_|SENSORMETADATA_|SENSORREPORT_]<prefix:local or namespace#local>), sensor filters (EXISTS_sensorElementList, EQ_type, EQ_deviceID, EQ_dataProcessingMethod, EQ_microorganism, EQ_chemicalSubstance, EQ_bizRules, EQ_stringValue, EQ_booleanValue, EQ_hexBinaryValue, EQ_uriValue, GE_/LT_time|startTime|endTime, EQ_value_<uom>, GT_|GE_|LT_|LE_value|minValue|maxValue|meanValue|sDev|percValue_<uom>, GT_|GE_|LT_|LE_percRank), orderBy (eventTime|recordTime), orderDirection, eventCountLimit, maxEventCount (413 QueryTooLargeException), perPage, nextPageToken. Lists are pipe-delimited; unknown parameters and bad values → 400 (docs/api-trace.md).',
        headers: epcFormatHeader,
        querystring,
        response: problems(400, 401, 403, 406, 413, 414, 500),
      },
    },
    async (req, reply) => answerEvents(req, reply, () => queryEvents(app.db, actorOf(req), req.query)),
  );

  app.get<{ Params: { eventID: string } }>(
    '/events/:eventID',
    {
      schema: {
        tags,
        security,
        summary: '按事件 ID 查询 / One event (with its error declarations)',
        headers: epcFormatHeader,
        params: { type: 'object', required: ['eventID'], properties: { eventID: { type: 'string' } } },
        response: problems(400, 401, 403, 404, 406, 500),
      },
    },
    async (req, reply) => answerEvents(req, reply, () => getEvent(app.db, actorOf(req), req.params.eventID)),
  );

  await namedQueryRoutes(app, { tags, security, epcFormatHeader, headers: epcisHeaders, answerEvents });
  await discoveryRoutes(app, { tags, security, epcFormatHeader, headers: epcisHeaders, answerEvents, platformCompanyPrefix });
}
