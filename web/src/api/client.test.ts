import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, buildUrl, parseApiError } from './client';

afterEach(() => vi.unstubAllGlobals());

function stubFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response(body === null ? null : JSON.stringify(body), { status, headers }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function lastRequest(fetchMock: ReturnType<typeof stubFetch>): { url: string; init: RequestInit } {
  const call = fetchMock.mock.lastCall;
  if (!call) throw new Error('fetch was not called');
  return { url: call[0], init: call[1] ?? {} };
}

describe('parseApiError', () => {
  it('reads code, message, details and requestId from the error shape', () => {
    const error = parseApiError(
      400,
      {
        error: {
          code: 'VALIDATION_FAILED',
          message: '输入有误 / Invalid input',
          details: [{ field: 'body.username', rule: 'pattern', message: '格式不正确' }],
          requestId: 'req-1',
        },
      },
      null,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, requestId: 'req-1', message: '输入有误 / Invalid input' });
    expect(error.details).toEqual([{ field: 'body.username', rule: 'pattern', message: '格式不正确' }]);
  });

  it('keeps non-field details such as remainingAttempts', () => {
    const error = parseApiError(401, { error: { code: 'AUTH_INVALID_CREDENTIALS', message: 'x', details: [{ remainingAttempts: 3 }], requestId: 'r' } }, null);
    expect(error.details[0]?.remainingAttempts).toBe(3);
  });

  it('falls back to a generic error when the body is not the error shape', () => {
    expect(parseApiError(502, null, 'hdr-id')).toMatchObject({ code: 'HTTP_502', status: 502, requestId: 'hdr-id', details: [] });
    expect(parseApiError(429, 'Too Many', null)).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
  });
});

describe('buildUrl', () => {
  it('drops empty parameters', () => {
    expect(buildUrl('/api/v1/users', { page: 1, q: '', role: undefined, regionCode: '330523' })).toBe('/api/v1/users?page=1&regionCode=330523');
    expect(buildUrl('/api/v1/regions')).toBe('/api/v1/regions');
  });
});

describe('apiRequest', () => {
  it('sends the client header, same-origin credentials and JSON body', async () => {
    const fetchMock = stubFetch(200, { user: { id: '1' } });
    await apiRequest('/api/v1/auth/login', { method: 'POST', body: { username: 'a', password: 'b' } });
    const { url, init } = lastRequest(fetchMock);
    expect(url).toBe('/api/v1/auth/login');
    expect(init.credentials).toBe('same-origin');
    expect(init.headers).toMatchObject({ 'X-Zhiliang-Client': 'web', 'Content-Type': 'application/json' });
    expect(init.body).toBe('{"username":"a","password":"b"}');
  });

  it('sends the client header but no content type on a GET', async () => {
    const fetchMock = stubFetch(200, { items: [] });
    await apiRequest('/api/v1/regions');
    const { init } = lastRequest(fetchMock);
    expect(init.headers).toMatchObject({ 'X-Zhiliang-Client': 'web' });
    expect(init.headers).not.toHaveProperty('Content-Type');
  });

  it('resolves 204 with null and rejects other statuses with ApiError', async () => {
    stubFetch(204, null);
    await expect(apiRequest('/api/v1/auth/logout', { method: 'POST' })).resolves.toBeNull();
    stubFetch(401, { error: { code: 'AUTH_REQUIRED', message: '请先登录 / Please log in', requestId: 'r9' } });
    await expect(apiRequest('/api/v1/auth/me')).rejects.toMatchObject({ status: 401, code: 'AUTH_REQUIRED', requestId: 'r9' });
  });

  it('turns a network failure into NETWORK_ERROR', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('failed'))),
    );
    await expect(apiRequest('/api/v1/health')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });
});
