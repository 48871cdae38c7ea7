import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type DescribedError, isFieldIssue } from '../../platform/errors.ts';
import { EPCIS_CAPTURE_LIMIT_EXCEPTION, EPCIS_MAX_DOCUMENT_BYTES } from './epcis/index.ts';

/**
 * Errors under /epcis as the EPCIS 2.0 REST binding gives them (gs1/EPCIS `REST Bindings/openapi.json`,
 * components.responses 400QueryIssues … 501NotImplemented): RFC 7807 problem details, `application/problem+json`,
 * `type` an `epcisException:*`. The platform's own reading of the error (server/platform/errors.ts describeError) stays
 * in the body as the extension member `error` (RFC 7807 §3.2), so nothing is lost and clients of the platform shape
 * keep working. The rest of the API keeps the platform shape.
 */

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface EpcisProblem {
  type: string;
  title: string;
  status: number;
  /** The bilingual message (中文 / English), with the first field issue when the message does not name it. */
  detail: string;
  /** This occurrence: the request, by the id the platform logs it under (an absolute URI, as the binding's schema asks). */
  instance: string;
  error: { code: string; message: string; details?: unknown[]; requestId: string };
}

interface Kind {
  type: string;
  title: string;
}

// Titles follow the examples of the binding's components.responses.
const QUERY_PARAMETER: Kind = { type: 'epcisException:QueryParameterException', title: 'EPCIS query exception' };
const VALIDATION: Kind = { type: 'epcisException:ValidationException', title: 'EPCIS validation exception' };
const SUBSCRIPTION_CONTROLS: Kind = { type: 'epcisException:SubscriptionControlsException', title: 'Subscription error' };
const QUERY_TOO_LARGE: Kind = { type: 'epcisException:QueryTooLargeException', title: 'Query result too large' };
const CAPTURE_LIMIT: Kind = { type: EPCIS_CAPTURE_LIMIT_EXCEPTION, title: 'Capture Payload too large' };
const IMPLEMENTATION: Kind = { type: 'epcisException:ImplementationException', title: 'A server-side error occurred' };

const BY_STATUS: Record<number, Kind> = {
  401: { type: 'epcisException:SecurityException', title: 'Unauthorised request' },
  403: { type: 'epcisException:SecurityException', title: 'Access to resource forbidden' },
  // The binding's 404ResourceNotFound enumerates only NoSuchNameException (its example says NoSuchResourceException,
  // a name the standard's exception list does not have): the enum is the normative part.
  404: { type: 'epcisException:NoSuchNameException', title: 'Resource not found' },
  406: { type: 'epcisException:NotAcceptableException', title: 'Conflicting request and response headers' },
  409: { type: 'epcisException:ResourceAlreadyExistsException', title: 'A resource with the provided identifier already exists.' },
  414: { type: 'epcisException:URITooLongException', title: 'URI Too Long' },
  415: { type: 'epcisException:UnsupportedMediaTypeException', title: 'Unsupported Media Type' },
  500: IMPLEMENTATION,
  501: { type: 'epcisException:ImplementationException', title: 'Functionality not supported by server' },
};

const firstIssue = (details: unknown[] | undefined) => {
  const first = details?.[0];
  return isFieldIssue(first) ? first : undefined;
};

function kindOf(e: DescribedError): Kind {
  if (e.status === 400) {
    // A query-string or query-header value is the query's parameter (EPCIS 2.0 §8.2.7 QueryParameterException);
    // anything wrong with a body or a path is a ValidationException.
    const part = (firstIssue(e.details)?.field ?? '').split('.')[0];
    // The binding's 400SubscriptionIssues: a subscription's controls (stream, schedule, dest, …).
    if (e.code === 'EPCIS_SUBSCRIPTION_INVALID') return SUBSCRIPTION_CONTROLS;
    // A capture's own header (GS1-Capture-Error-Behaviour) is part of what is captured, not a query's parameter.
    if (e.code === 'EPCIS_CAPTURE_ERROR_BEHAVIOUR') return VALIDATION;
    return e.code === 'EPCIS_QUERY_PARAMETER' || part === 'query' || part === 'querystring' || part === 'headers' ? QUERY_PARAMETER : VALIDATION;
  }
  if (e.status === 413) return e.code === 'EPCIS_QUERY_TOO_LARGE' ? QUERY_TOO_LARGE : CAPTURE_LIMIT;
  const known = BY_STATUS[e.status];
  if (known) return known;
  // RFC 7807 §4.2: about:blank has no further semantics than the status code, and its title is the status's phrase
  // (429 and other statuses the binding does not name).
  return e.status >= 500 ? IMPLEMENTATION : { type: 'about:blank', title: STATUS_CODES[e.status] ?? 'Error' };
}

/** Fastify's generic 413 names the platform's 1 MiB limit; the capture routes take EPCIS_MAX_DOCUMENT_BYTES. */
function epcisReading(e: DescribedError): DescribedError {
  if (e.code !== 'PAYLOAD_TOO_LARGE') return e;
  const limit = EPCIS_MAX_DOCUMENT_BYTES;
  return {
    ...e,
    message: `请求体超过 ${limit} 字节（GS1-EPCIS-Capture-File-Size-Limit），请分批上报 / the request body is larger than GS1-EPCIS-Capture-File-Size-Limit (${limit} bytes); split it`,
  };
}

function detailOf(e: DescribedError): string {
  const issue = firstIssue(e.details);
  if (!issue || (e.message.includes(issue.field) && e.message.includes(issue.message))) return e.message;
  return `${e.message} — ${issue.field}${issue.rule ? ` (${issue.rule})` : ''}: ${issue.message}`;
}

/** The problem object for the platform's reading of an error raised by request `requestId`. */
export function problemOf(described: DescribedError, requestId: string): EpcisProblem {
  const e = epcisReading(described);
  const { type, title } = kindOf(e);
  return {
    type,
    title,
    status: e.status,
    detail: detailOf(e),
    instance: `urn:zhiliang:request:${requestId}`,
    error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}), requestId },
  };
}

/** Sends the problem for an error; already serialised, so no route response schema can drop members of it. */
export function sendProblem(reply: FastifyReply, req: FastifyRequest, described: DescribedError): FastifyReply {
  const problem = problemOf(described, req.id);
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/**
 * A capture job's stored error (capture-service.ts recordFailure: `{type: "urn:zhiliang:error:<code>", title: <the
 * bilingual message>, status, details}`) as the RFC 7807 object the binding's CaptureJob.errors holds. Stored rows
 * keep their form: the capture-job list of the web app reads the message from `title`.
 */
export function captureErrorAsProblem(stored: unknown, captureId: string): unknown {
  if (stored === null || typeof stored !== 'object') return stored;
  const s = stored as { type?: unknown; title?: unknown; status?: unknown; details?: unknown };
  const code = typeof s.type === 'string' && s.type.startsWith('urn:zhiliang:error:') ? s.type.slice('urn:zhiliang:error:'.length) : null;
  if (code === null || typeof s.status !== 'number') return stored;
  const details = Array.isArray(s.details) ? s.details : undefined;
  const problem = problemOf({ status: s.status, code, message: typeof s.title === 'string' ? s.title : code, ...(details ? { details } : {}) }, captureId);
  const { requestId: _none, ...error } = problem.error;
  return { ...problem, instance: `urn:uuid:${captureId}`, error };
}

/** Response schemas of the problem statuses a route documents (OpenAPI); bodies are sent pre-serialised. */
export function problems(...codes: number[]): Record<number, unknown> {
  return Object.fromEntries(
    codes.map((c) => [c, { description: 'RFC 7807 problem details', content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: 'EpcisProblem#' } } } }]),
  );
}

export const epcisProblemSchema = {
  $id: 'EpcisProblem',
  type: 'object',
  description: 'RFC 7807 problem details (EPCIS 2.0 REST binding) with the platform error as the extension member `error`',
  required: ['type', 'title', 'status', 'error'],
  properties: {
    type: { type: 'string', example: 'epcisException:QueryParameterException' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: '中文 / English' },
    instance: { type: 'string' },
    error: {
      type: 'object',
      description: 'the platform error: code, message, details, requestId',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: {} }, requestId: { type: 'string' } },
    },
  },
} as const;
