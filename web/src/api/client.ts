/** The only module that calls fetch. Every request is JSON, same-origin, and tagged as the web client. */

export interface ApiErrorDetail {
  field?: string;
  rule?: string;
  message?: string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  readonly code: string;
  readonly details: ApiErrorDetail[];
  readonly status: number;
  readonly requestId: string | null;

  constructor(init: { code: string; message: string; details: ApiErrorDetail[]; status: number; requestId: string | null }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.details = init.details;
    this.status = init.status;
    this.requestId = init.requestId;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toDetails(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((item) => ({
    ...item,
    field: typeof item.field === 'string' ? item.field : undefined,
    rule: typeof item.rule === 'string' ? item.rule : undefined,
    message: typeof item.message === 'string' ? item.message : undefined,
  }));
}

/** Turns a non-2xx response body (already parsed, or null) into an ApiError. */
export function parseApiError(status: number, body: unknown, headerRequestId: string | null): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const requestId = error && typeof error.requestId === 'string' ? error.requestId : headerRequestId;
  if (!error) {
    return new ApiError({
      code: status === 429 ? 'RATE_LIMITED' : `HTTP_${status}`,
      message: status === 429 ? '请求过于频繁，请稍后再试' : `请求失败（HTTP ${status}）`,
      details: [],
      status,
      requestId,
    });
  }
  return new ApiError({
    code: typeof error.code === 'string' ? error.code : `HTTP_${status}`,
    message: typeof error.message === 'string' ? error.message : `请求失败（HTTP ${status}）`,
    details: toDetails(error.details),
    status,
    requestId,
  });
}

export function buildUrl(path: string, params?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  params?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (a protocol's own, such as EPCIS's GS1-Capture-Error-Behaviour). */
  headers?: Record<string, string>;
}

/** Sends one API request; resolves with the parsed JSON body (null for 204), rejects with ApiError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json', 'X-Zhiliang-Client': 'web' };
  const hasBody = options.body !== undefined;
  if (hasBody) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.params), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ code: 'NETWORK_ERROR', message: '无法连接服务器，请检查网络', details: [], status: 0, requestId: null });
  }
  const body = await readBody(response);
  if (!response.ok) throw parseApiError(response.status, body, response.headers.get('x-request-id'));
  // The contract fixes each endpoint's response shape; callers name it through T.
  return body as T;
}

export const api = {
  get: <T>(path: string, params?: QueryParams, signal?: AbortSignal) => apiRequest<T>(path, { params, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => apiRequest<T>(path, { method: 'POST', body, headers }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
};
