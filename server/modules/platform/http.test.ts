import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';

describe.each(DB_KINDS)('HTTP conventions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind, {
      extraRoutes: (app) =>
        app.get('/api/v1/__boom', async () => {
          throw new Error('secret internals at /srv/app.ts:12');
        }),
    });
  });
  afterAll(() => t.close());

  it('reports health with the database kind', async () => {
    const res = await t.anonymous.get('/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: kind, version: expect.any(String) });
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers malformed JSON with VALIDATION_FAILED naming the body', async () => {
    const res = await t.anonymous.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([{ field: 'body', rule: 'json', message: expect.stringContaining('JSON') }]);
    expect(error.requestId).toBe(res.headers['x-request-id']);
  });

  it('names every wrong, missing and unknown field, in Chinese and English', async () => {
    const res = await t.anonymous.post('/api/v1/auth/login', { username: 42, extra: true });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    const fields = error.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`).sort();
    expect(fields).toEqual(['body.extra:additionalProperties', 'body.password:required', 'body.username:type']);
    expect(error.message).toMatch(/输入有误.*Invalid input/);
    for (const d of error.details) expect(d.message).toMatch(/[\u4e00-\u9fff].* \/ [a-z]/);
  });

  it('refuses a body over 1 MiB with 413 in the error shape', async () => {
    const res = await t.anonymous.post('/api/v1/auth/login', { username: 'a', password: 'x'.repeat(1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await t.anonymous.get('/api/v1/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
  });

  it('never sends a stack trace: an unexpected failure is a generic 500', async () => {
    const res = await t.anonymous.get('/api/v1/__boom');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret internals');
    expect(res.body).not.toContain('app.ts');
    expect(res.json().error.code).toBe('INTERNAL_ERROR');
  });

  it('publishes an OpenAPI 3 document covering every route, and a browsable UI', async () => {
    const doc = (await t.anonymous.get('/api/v1/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/health',
      '/api/v1/auth/login',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/regions',
      '/api/v1/audit',
      '/api/v1/audit/verify',
      '/api/v1/dashboard/summary',
    ]) {
      expect(doc.paths).toHaveProperty([p]);
    }
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
    const ui = await t.anonymous.get('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('returns the region tree: 湖州市, 5 districts/counties, 72 townships', async () => {
    const { items } = (await t.anonymous.get('/api/v1/regions')).json();
    expect(items).toHaveLength(1);
    const city = items[0];
    expect(city).toMatchObject({ code: '330500', name: '湖州市', level: 'city' });
    expect(city.children.map((c: { code: string; name: string }) => `${c.code} ${c.name}`)).toEqual([
      '330502 吴兴区',
      '330503 南浔区',
      '330521 德清县',
      '330522 长兴县',
      '330523 安吉县',
    ]);
    const townships = city.children.flatMap((c: { children: { code: string; level: string }[] }) => c.children);
    expect(townships).toHaveLength(72);
    for (const t of townships) expect(t.code).toMatch(/^3305\d{5}$/);
    const counts = city.children.map((c: { children: unknown[] }) => c.children.length);
    expect(counts).toEqual([19, 10, 13, 15, 15]);
  });
});
