import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';

import type { FieldIssue } from '../../common/platform-api.ts';

export type { FieldIssue };

export function isFieldIssue(value: unknown): value is FieldIssue {
  return typeof value === 'object' && value !== null && 'field' in value && 'message' in value;
}

/**
 * The one error type services throw. `message` is bilingual ("中文 / English") so a client can show it
 * as is; `details` carries structured data (field issues, remaining attempts, …).
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown[] | undefined;

  constructor(status: number, code: string, message: string, details?: unknown[]) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Also what a caller gets for a record outside its scope: it must not learn that the record exists. */
export const notFound = () => new AppError(404, 'NOT_FOUND', '记录不存在 / Record not found');
export const forbidden = () => new AppError(403, 'FORBIDDEN', '无权执行此操作 / You are not allowed to do this');
export const authRequired = () => new AppError(401, 'AUTH_REQUIRED', '请先登录 / Please log in');
export const validationFailed = (issues: FieldIssue[]) =>
  new AppError(
    400,
    'VALIDATION_FAILED',
    `输入有误：${issues.map((i) => i.field).join('、')} / Invalid input: ${issues.map((i) => i.field).join(', ')}`,
    issues,
  );

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const RULE_TEXT: Record<string, (p: Record<string, unknown>) => string> = {
  required: () => '必填 / is required',
  additionalProperties: () => '不允许的字段 / is not an allowed field',
  type: (p) => `类型应为 ${String(p.type)} / must be of type ${String(p.type)}`,
  minLength: (p) => `长度至少 ${String(p.limit)} / must have at least ${String(p.limit)} characters`,
  maxLength: (p) => `长度至多 ${String(p.limit)} / must have at most ${String(p.limit)} characters`,
  minimum: (p) => `不得小于 ${String(p.limit)} / must be >= ${String(p.limit)}`,
  maximum: (p) => `不得大于 ${String(p.limit)} / must be <= ${String(p.limit)}`,
  enum: (p) => `取值应为 ${(p.allowedValues as unknown[]).join(', ')} 之一 / must be one of ${(p.allowedValues as unknown[]).join(', ')}`,
  pattern: () => '格式不正确 / has the wrong format',
  format: (p) => `格式应为 ${String(p.format)} / must be a valid ${String(p.format)}`,
  const: () => '取值不正确 / has the wrong value',
  minProperties: () => '至少需要一个字段 / must contain at least one field',
};

/** Turns Ajv's errors into field issues: `body.role`, with the unknown or missing property named. */
export function ajvIssues(part: string, errors: AjvIssue[]): FieldIssue[] {
  return errors.map((e) => {
    const base = [part, ...e.instancePath.split('/').filter(Boolean)];
    if (e.keyword === 'required') base.push(String(e.params.missingProperty));
    if (e.keyword === 'additionalProperties') base.push(String(e.params.additionalProperty));
    const text = RULE_TEXT[e.keyword];
    return { field: base.join('.'), rule: e.keyword, message: text ? text(e.params) : (e.message ?? e.keyword) };
  });
}

function errorBody(code: string, message: string, requestId: string, details?: unknown[]) {
  return { error: { code, message, ...(details ? { details } : {}), requestId } };
}

/** What the one error renderer says about an error: HTTP status, code, bilingual message and details. */
export interface DescribedError {
  status: number;
  code: string;
  message: string;
  details?: unknown[];
}

export type HandledError = FastifyError & { validation?: AjvIssue[]; validationContext?: string };

/**
 * The platform's reading of any error a route, hook or parser threw (unexpected ones are logged here). The global
 * handler renders it as `{error}`; the EPCIS routes render the same reading as RFC 7807 problem details.
 */
export function describeError(err: HandledError, req: FastifyRequest): DescribedError {
  if (err instanceof AppError) {
    if (err.status >= 500) req.log.error({ err }, 'service error');
    return { status: err.status, code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
  }
  if (err.validation) {
    const issues = ajvIssues(err.validationContext ?? 'body', err.validation);
    const e = validationFailed(issues);
    return { status: 400, code: e.code, message: e.message, details: issues };
  }
  const status = err.statusCode ?? 500;
  if (status === 413) return { status, code: 'PAYLOAD_TOO_LARGE', message: '请求体过大（上限 1 MiB）/ Request body too large (limit 1 MiB)' };
  if (status === 415) {
    return { status, code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型，请使用 application/json / Unsupported content type, use application/json' };
  }
  if (status === 429) return { status, code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试 / Too many requests, try again later' };
  if (status === 400) {
    // Malformed JSON, empty JSON body and other parser errors from Fastify.
    const issue: FieldIssue = { field: 'body', rule: 'json', message: '请求体不是合法的 JSON / body is not valid JSON' };
    return { status, code: 'VALIDATION_FAILED', message: '输入有误：body / Invalid input: body', details: [issue] };
  }
  if (status === 404) return { status, code: 'NOT_FOUND', message: '未找到 / Not found' };
  if (status >= 400 && status < 500) return { status, code: err.code ?? 'BAD_REQUEST', message: '请求无效 / Bad request' };
  req.log.error({ err }, 'unexpected error');
  return {
    status: 500,
    code: 'INTERNAL_ERROR',
    message: '服务器内部错误，请联系管理员并提供请求编号 / Internal error; quote the request id to the administrator',
  };
}

/** Installs the one error renderer and the JSON 404 for unknown API routes. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: HandledError, req, reply) => {
    const e = describeError(err, req);
    return reply.status(e.status).send(errorBody(e.code, e.message, req.id, e.details));
  });
}

export { errorBody };
