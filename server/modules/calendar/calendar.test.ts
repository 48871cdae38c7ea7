import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';

describe.each(DB_KINDS)('GET /api/v1/calendar/workdays/add on %s', (kind) => {
  let t: TestApp;
  const add = (query: string) => t.anonymous.get(`/api/v1/calendar/workdays/add?${query}`);

  beforeAll(async () => {
    t = await buildTestApp(kind);
  });
  afterAll(() => t.close());

  it.each([
    ['2026-02-10', 20, '2026-03-16'], // 春节 2026: 2/14 and 2/28 make-up Saturdays, 2/15–2/23 off
    ['2025-09-26', 20, '2025-10-30'], // 国庆中秋 2025: 9/28 and 10/11 make-up days, 10/1–10/8 off
    ['2025-01-24', 20, '2025-02-27'], // 春节 2025: 1/26 and 2/8 make-up days
    ['2024-02-02', 20, '2024-03-06'], // 春节 2024: 2/4 and 2/18 make-up Sundays
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-10-01', 0, '2025-10-01'],
  ])('without login: %s + %i working days → %s', async (from, days, date) => {
    const res = await add(`from=${from}&days=${days}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ date });
  });

  it('is documented in OpenAPI as a public route', async () => {
    const spec = (await t.anonymous.get('/api/v1/openapi.json')).json();
    const op = spec.paths['/api/v1/calendar/workdays/add'].get;
    expect(op.security).toEqual([]);
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['days', 'from']);
  });

  it('is rate-limited like the other public routes', async () => {
    const res = await add('from=2026-02-10&days=20');
    expect(res.headers['x-ratelimit-limit']).toBe('300');
  });

  it('400 naming days, with the covered years, when the result would fall beyond the data', async () => {
    const res = await add('from=2026-12-04&days=20');
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('CALENDAR_OUT_OF_RANGE');
    expect(error.message).toContain('querystring.days');
    expect(error.message).toContain('2004–2026');
    expect(error.message).toMatch(/[\u4e00-\u9fff].* \/ .*not guessed/);
    expect(error.details).toEqual([expect.objectContaining({ field: 'querystring.days', rule: 'calendarRange' })]);
  });

  it('400 naming from when it lies outside the covered years', async () => {
    const res = await add('from=2027-01-04&days=1');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE', details: [{ field: 'querystring.from', rule: 'calendarRange' }] });
    expect(res.json().error.message).toContain('2004–2026');
  });

  it.each([
    ['from=2025-02-30&days=1', 'querystring.from'],
    ['from=2025-2-3&days=1', 'querystring.from'],
    ['from=tomorrow&days=1', 'querystring.from'],
    ['days=1', 'querystring.from'],
    ['from=2025-02-03&days=-1', 'querystring.days'],
    ['from=2025-02-03&days=1.5', 'querystring.days'],
    ['from=2025-02-03', 'querystring.days'],
  ])('400 VALIDATION_FAILED for %s naming %s', async (query, field) => {
    const res = await add(query);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain(field);
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});
