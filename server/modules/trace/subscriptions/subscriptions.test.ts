import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../../seed/trace-demo.ts';
import { buildTestApp, type Client, type TestApp } from '../../../test-support/app.ts';
import { DB_KINDS } from '../../../test-support/db.ts';
import { loginTeaCoop } from '../test-enterprises.ts';
import { nextScheduledRun } from './schedule.ts';
import { createSubscription } from './service.ts';
import { expectProblem, expectValid, PROBLEM_400_SUBSCRIPTION, PROBLEM_404, STEP, validateCreated, validateList, validateOne } from './test-support.ts';

/**
 * EPCIS 2.0 REST binding webhook subscriptions (/epcis/queries/{queryName}/subscriptions…): create, list, read,
 * delete, discovery; the body checked with 400s naming the member; a subscription seen only by its owner and the
 * city; the signatureToken never returned. Answers are validated against the binding's own schemas. Delivery:
 * delivery.test.ts.
 */

const DEST = 'https://client.example.com/queryCallback';
const BASE = '/epcis/queries/subsApi/subscriptions';

describe.each(DB_KINDS)('EPCIS webhook subscriptions API on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let food: Client;
  let tea: Client;
  let county: Client;
  const bearer = { authorization: `Bearer ${DEMO_API_KEY}` };
  const subscribe = (c: Client, body: object, url = BASE) => c.post(url, body);
  const del = (c: Client, url: string) => c.request({ method: 'DELETE', url });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    food = await t.login('enterprise1');
    county = await t.login('wuxing');
    tea = await loginTeaCoop(t, admin);
    expect((await admin.post('/epcis/queries', { name: 'subsApi', query: { EQ_bizStep: [STEP] } })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it("creates a stream subscription: 201, Location, the binding's schema, no signatureToken in the answer", async () => {
    const res = await subscribe(food, { dest: DEST, signatureToken: 'food-secret-1', stream: true });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expectValid(validateCreated, body);
    expect(res.headers.location).toBe(`${BASE}/${body.subscriptionID}`);
    expect(res.headers['gs1-epcis-version']).toBe('2.0.0');
    expect(res.body).not.toContain('food-secret-1');
    expect(body).not.toHaveProperty('signatureToken');
    expect(body).toMatchObject({ queryName: 'subsApi', dest: DEST, stream: true, signed: true, failedAttempts: 0, lastError: null });
    expect(body).not.toHaveProperty('schedule');

    const got = await food.get(res.headers.location as string);
    expect(got.statusCode, got.body).toBe(200);
    expectValid(validateOne, got.json());
    expect(got.json()).toEqual(body);
    expect(got.body).not.toContain('food-secret-1');
  });

  it('creates a scheduled subscription with reportIfEmpty and initialRecordTime; nextRunAt is the next Shanghai slot', async () => {
    const schedule = { hour: '1', minute: '5' };
    const before = new Date();
    const res = await subscribe(food, { dest: DEST, reportIfEmpty: true, initialRecordTime: '2026-11-01T00:00:00+08:00', schedule });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expectValid(validateCreated, body);
    expect(body).toMatchObject({ schedule, reportIfEmpty: true, initialRecordTime: '2026-10-31T16:00:00.000Z', signed: false });
    expect(body).not.toHaveProperty('stream');
    // 01:05:00 Asia/Shanghai is 17:05:00 UTC.
    expect(body.nextRunAt).toMatch(/T17:05:00\.000Z$/);
    expect(new Date(body.nextRunAt).getTime()).toBe(nextScheduledRun(schedule, before)?.getTime());
  });

  it("takes an API key as its user: the subscription is the enterprise account's", async () => {
    const res = await t.app.inject({ method: 'POST', url: BASE, headers: bearer, payload: { dest: `${DEST}?k=1`, stream: true } });
    expect(res.statusCode, res.body).toBe(201);
    expect((await food.get(res.headers.location as string)).statusCode).toBe(200);
  });

  it("lists the caller's own subscriptions (the city all of them), paged with perPage, nextPageToken and Link", async () => {
    expect((await subscribe(tea, { dest: `${DEST}?tea`, stream: true })).statusCode).toBe(201);
    const mine = await food.get(BASE);
    expect(mine.statusCode, mine.body).toBe(200);
    expectValid(validateList, mine.json());
    const foodDests = (mine.json() as { dest: string }[]).map((s) => s.dest);
    expect(foodDests).toHaveLength(3);
    expect(foodDests).not.toContain(`${DEST}?tea`);
    expect((await tea.get(BASE)).json()).toHaveLength(1);
    expect((await county.get(BASE)).json()).toEqual([]);

    const ids: string[] = [];
    let url: string | null = `${BASE}?perPage=3`;
    while (url) {
      const page = await admin.get(url);
      expect(page.statusCode, page.body).toBe(200);
      expectValid(validateList, page.json());
      ids.push(...(page.json() as { subscriptionID: string }[]).map((s) => s.subscriptionID));
      url = /^<([^>]+)>; rel="next"$/.exec(String(page.headers.link ?? ''))?.[1] ?? null;
    }
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expectProblem(await food.get(`${BASE}?perPage=0`), 400, 'epcisException:QueryParameterException');
    expectProblem(await food.get(`${BASE}?nextPageToken=bogus`), 400, 'epcisException:QueryParameterException');
  });

  it('documents the routes in the OpenAPI document, without "not implemented"', async () => {
    const spec = (await admin.get('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, { summary?: string }>> };
    const list = spec.paths['/epcis/queries/{queryName}/subscriptions'] ?? {};
    const one = spec.paths['/epcis/queries/{queryName}/subscriptions/{subscriptionID}'] ?? {};
    expect(Object.keys(list).sort()).toEqual(['get', 'options', 'post']);
    expect(Object.keys(one).sort()).toEqual(['delete', 'get', 'options']);
    expect(JSON.stringify([list, one])).not.toMatch(/未实现|not implemented/);
    expect(list.post?.summary).toMatch(/Webhook|webhook/);
  });

  it('answers OPTIONS on both resources with Allow', async () => {
    const list = await food.request({ method: 'OPTIONS', url: BASE });
    expect(list.statusCode, list.body).toBe(204);
    expect(list.headers.allow).toBe('OPTIONS, GET, POST');
    const id = (await food.get(BASE)).json()[0].subscriptionID;
    const one = await food.request({ method: 'OPTIONS', url: `${BASE}/${id}` });
    expect(one.statusCode, one.body).toBe(204);
    expect(one.headers.allow).toBe('OPTIONS, DELETE, GET');
    expect((await tea.request({ method: 'OPTIONS', url: `${BASE}/${id}` })).statusCode).toBe(404);
  });

  it.each([
    ['neither stream nor schedule', { dest: DEST }, 'body.stream'],
    ['both stream and schedule', { dest: DEST, stream: true, schedule: { hour: '1' } }, 'body.stream'],
    ['stream false', { dest: DEST, stream: false }, 'body.stream'],
    ['a relative dest', { dest: '/callback', stream: true }, 'body.dest'],
    ['an ftp dest', { dest: 'ftp://client.example.com/cb', stream: true }, 'body.dest'],
    ['an hour of 24', { dest: DEST, schedule: { hour: '24' } }, 'body.schedule.hour'],
    ['a reversed range', { dest: DEST, schedule: { minute: '[30-10]' } }, 'body.schedule.minute'],
    ['a word for a second', { dest: DEST, schedule: { second: 'every' } }, 'body.schedule.second'],
    ['a dayOfWeek of 0', { dest: DEST, schedule: { dayOfWeek: '0' } }, 'body.schedule.dayOfWeek'],
    ['an empty schedule', { dest: DEST, schedule: {} }, 'body.schedule'],
    ['31 February', { dest: DEST, schedule: { month: '2', dayOfMonth: '30,31' } }, 'body.schedule'],
  ])('refuses %s with 400 SubscriptionControlsException naming the member', async (_what, body, field) => {
    const problem = expectProblem(await subscribe(food, body), 400, 'epcisException:SubscriptionControlsException', PROBLEM_400_SUBSCRIPTION);
    expect(problem.error.code).toBe('EPCIS_SUBSCRIPTION_INVALID');
    expect(problem.error.details[0].field).toBe(field);
  });

  it('refuses ill-typed members with 400 ValidationException naming them', async () => {
    for (const [body, field] of [
      [{ stream: true }, 'dest'],
      [{ dest: DEST, stream: 'yes' }, 'stream'],
      [{ dest: DEST, schedule: { hourly: '1' } }, 'hourly'],
      // the schedule's fields are strings (EPCIS QuerySchedule): a number is not taken as its text
      [{ dest: DEST, schedule: { hour: 1 } }, 'hour'],
      [{ dest: DEST, stream: 1 }, 'stream'],
      [{ dest: DEST, stream: true, initialRecordTime: 'yesterday' }, 'initialRecordTime'],
    ] as const) {
      const problem = expectProblem(await subscribe(food, body), 400, 'epcisException:ValidationException', PROBLEM_400_SUBSCRIPTION);
      expect(JSON.stringify(problem.error.details)).toContain(field);
    }
  });

  it('without EPCIS_WEBHOOK_ALLOW_PRIVATE takes only https to public addresses (SSRF)', async () => {
    const actor = {
      id: '00000000-0000-4000-8000-000000000000',
      username: 'x',
      displayName: 'x',
      role: 'enterprise' as const,
      regionCode: '330502',
      regionPath: '/330500/330502/',
      enterpriseCreditCode: null,
    };
    const ctx = { actorId: null, actorUsername: null, actorRole: null, ip: null, userAgent: null, requestId: null };
    for (const dest of [
      'http://client.example.com/cb',
      'https://127.0.0.1/cb',
      'https://localhost:8443/cb',
      'https://10.1.2.3/cb',
      'https://192.168.1.1/cb',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/cb',
      'https://[fd00::1]/cb',
      'https://[::ffff:127.0.0.1]/cb',
      'https://user:pw@client.example.com/cb',
    ]) {
      const err = await createSubscription(t.app.db, actor, 'subsApi', { dest, stream: true }, ctx, { allowPrivate: false }).catch((e: unknown) => e);
      expect(err, dest).toMatchObject({ status: 400, code: 'EPCIS_SUBSCRIPTION_INVALID', details: [{ field: 'body.dest' }] });
    }
  });

  it('answers 404 for an unknown query, and for a subscription of another account (enterprise, county) or another query', async () => {
    for (const res of [
      await food.get('/epcis/queries/nope/subscriptions'),
      await subscribe(food, { dest: DEST, stream: true }, '/epcis/queries/nope/subscriptions'),
    ]) {
      expect(expectProblem(res, 404, 'epcisException:NoSuchNameException', PROBLEM_404).error.code).toBe('EPCIS_NO_SUCH_QUERY');
    }
    const id = (await food.get(BASE)).json()[0].subscriptionID as string;
    expect((await admin.post('/epcis/queries', { name: 'subsOther', query: { eventType: ['ObjectEvent'] } })).statusCode).toBe(201);
    for (const res of [
      await tea.get(`${BASE}/${id}`),
      await county.get(`${BASE}/${id}`),
      await del(tea, `${BASE}/${id}`),
      await del(county, `${BASE}/${id}`),
      await food.get(`/epcis/queries/subsOther/subscriptions/${id}`),
      await food.get(`${BASE}/not-a-uuid`),
    ]) {
      expect(expectProblem(res, 404, 'epcisException:NoSuchNameException', PROBLEM_404).error.code).toBe('EPCIS_NO_SUCH_SUBSCRIPTION');
    }
    expect((await admin.get(`${BASE}/${id}`)).statusCode).toBe(200);

    // …and the other way round: a county officer's subscription is not an enterprise's to see or delete.
    const countys = await subscribe(county, { dest: `${DEST}?county`, stream: true });
    expect(countys.statusCode, countys.body).toBe(201);
    const countyUrl = countys.headers.location as string;
    for (const res of [await food.get(countyUrl), await del(food, countyUrl), await tea.get(countyUrl)]) {
      expect(expectProblem(res, 404, 'epcisException:NoSuchNameException', PROBLEM_404).error.code).toBe('EPCIS_NO_SUCH_SUBSCRIPTION');
    }
    expect((await county.get(countyUrl)).statusCode).toBe(200);
    expect((await del(county, countyUrl)).statusCode).toBe(204);
  });

  it('unsubscribes (owner or city, 204), audits create and delete without the token', async () => {
    const [first, second] = (await food.get(BASE)).json() as { subscriptionID: string }[];
    expect((await del(food, `${BASE}/${first?.subscriptionID}`)).statusCode).toBe(204);
    expect((await del(admin, `${BASE}/${second?.subscriptionID}`)).statusCode).toBe(204);
    expect((await food.get(`${BASE}/${first?.subscriptionID}`)).statusCode).toBe(404);
    expect((await del(food, `${BASE}/${first?.subscriptionID}`)).statusCode).toBe(404);
    expect((await food.get(BASE)).json()).toHaveLength(1);

    const created = (await admin.get('/api/v1/audit?action=trace.subscription.create&pageSize=100')).json().items as Record<string, unknown>[];
    expect(created.map((a) => a.entityId)).toContain(first?.subscriptionID);
    const deleted = (await admin.get('/api/v1/audit?action=trace.subscription.delete&pageSize=100')).json().items as Record<string, unknown>[];
    expect(deleted.map((a) => a.entityId)).toEqual(expect.arrayContaining([first?.subscriptionID, second?.subscriptionID]));
    expect(JSON.stringify([...created, ...deleted])).not.toContain('food-secret-1');
  });

  it("ends a query's subscriptions with the query", async () => {
    const count = async () =>
      Number(
        (
          await t.app.db
            .selectFrom('trace_subscription')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect((await subscribe(food, { dest: DEST, stream: true }, '/epcis/queries/subsOther/subscriptions')).statusCode).toBe(201);
    const before = await count();
    expect((await admin.request({ method: 'DELETE', url: '/epcis/queries/subsOther' })).statusCode).toBe(204);
    expect(await count()).toBe(before - 1);
  });
});
