import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../seed/trace-demo.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { binding, expectProblem, expectValid, problemSchema } from './test-binding.ts';
import { loginTeaCoop, TEA_COOP } from './test-enterprises.ts';

/**
 * EPCIS 2.0 REST binding named queries (/epcis/queries…): create, list, read, run, delete; the definition checked as
 * GET /epcis/events checks its parameters; shared by every EPCIS client but always run in the caller's scope; deleted
 * only by the creator or the city; WebSocket subscription parameters without the upgrade 400. Answers are validated against the binding's own schemas.
 */

const validateList = binding('/paths/~1queries/get/responses/200/content/application~1json/schema');
const validateDefinition = binding('/paths/~1queries~1{queryName}/get/responses/200/content/application~1json/schema');
const validateCreateBody = binding('/components/schemas/QueryDefinition');
const validateQueryDocument = binding('/components/responses/200EPCISQueryDocument/content/application~1json/schema');
const PROBLEM_400 = problemSchema('400QueryIssues');
const PROBLEM_403 = problemSchema('403ClientUnauthorized');
const PROBLEM_404 = problemSchema('404ResourceNotFound');

const CTX = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];
const DL = 'https://id.gs1.org';
const FARM = `${DL}/414/6970000001014`; // 安吉示范茶叶合作社 93330523MA2C0D1E2Q
const PLANT = `${DL}/414/6970000000017`; // 湖州示范食品 91330502MA2B3C4D58
const STEP = 'https://zhiliang.example/bizstep/named-query';
const SGTIN = 'urn:epc:id:sgtin:0614141.107346.2017';
const SGTIN_DL = 'https://id.gs1.org/01/10614141073464/21/2017';
const uuid = (n: number) => `urn:uuid:a11e0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function doc(where: string, ...events: [number, string][]) {
  return {
    '@context': CTX,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-11-29T00:00:00Z',
    epcisBody: {
      eventList: events.map(([n, time]) => ({
        type: 'ObjectEvent',
        action: 'OBSERVE',
        bizStep: STEP,
        eventID: uuid(n),
        eventTime: time,
        eventTimeZoneOffset: '+08:00',
        epcList: n === 1 ? [SGTIN] : [`${DL}/01/06970000000109/21/NQ${n}`],
        readPoint: { id: where },
        bizLocation: { id: where },
      })),
    },
  };
}

type Event = { eventID: string; epcList?: string[] };

describe.each(DB_KINDS)('EPCIS named queries on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let food: Client;
  let tea: Client;
  const bearer = { authorization: `Bearer ${DEMO_API_KEY}` };
  const foodKey = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer, ...(payload ? { payload } : {}) });
  const create = (c: Client, name: string, query: object) => c.post('/epcis/queries', { name, query });
  const eventsOf = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().epcisBody.queryResults.resultsBody.eventList as Event[]).map((e) => e.eventID);
  };

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    food = await t.login('enterprise1');
    tea = await loginTeaCoop(t, admin);

    const capture = async (c: Client, body: object) => {
      const res = await c.request({ method: 'POST', url: '/epcis/capture', payload: body, headers: { 'content-type': 'application/ld+json' } });
      expect(res.statusCode, res.body).toBe(202);
    };
    // The food company: three events at its plant; the tea cooperative: two at its farm; same bizStep.
    await capture(food, doc(PLANT, [1, '2026-11-01T08:00:00+08:00'], [2, '2026-11-02T08:00:00+08:00'], [3, '2026-11-03T08:00:00+08:00']));
    await capture(tea, doc(FARM, [4, '2026-11-04T08:00:00+08:00'], [5, '2026-11-05T08:00:00+08:00']));
  });
  afterAll(() => t.close());

  it('creates a named query: 201, Location, no body, version headers; the definition reads back as posted', async () => {
    const body = { name: 'teaSteps', query: { EQ_bizStep: [STEP], orderBy: 'eventTime', orderDirection: 'ASC' } };
    expectValid(validateCreateBody, body);
    const res = await tea.post('/epcis/queries', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.location).toBe('/epcis/queries/teaSteps');
    expect(res.headers['gs1-epcis-version']).toBe('2.0.0');
    expect(res.body).toBe('');

    const got = await food.get('/epcis/queries/teaSteps');
    expect(got.statusCode, got.body).toBe(200);
    expectValid(validateDefinition, got.json());
    expect(got.json()).toEqual([body]);
    // JSON-LD bodies are taken too.
    const ld = await admin.request({
      method: 'POST',
      url: '/epcis/queries',
      payload: { name: 'ld.query', query: { eventType: ['ObjectEvent'], EXISTS_errorDeclaration: null } },
      headers: { 'content-type': 'application/ld+json' },
    });
    expect(ld.statusCode, ld.body).toBe(201);
  });

  it('lists every named query by name, paged with perPage, nextPageToken and Link rel="next"', async () => {
    for (const name of ['list-a', 'list-b', 'list-c']) expect((await create(admin, name, { eventType: ['ObjectEvent'] })).statusCode).toBe(201);
    const names: string[] = [];
    let url: string | null = '/epcis/queries?perPage=2';
    let pages = 0;
    while (url) {
      const res = await food.get(url);
      expect(res.statusCode, res.body).toBe(200);
      expectValid(validateList, res.json());
      expect(res.json().length).toBeLessThanOrEqual(2);
      names.push(...res.json().map((q: { name: string }) => q.name));
      url = /^<([^>]+)>; rel="next"$/.exec(String(res.headers.link ?? ''))?.[1] ?? null;
      pages += 1;
    }
    expect(pages).toBeGreaterThan(1);
    expect(names).toEqual(expect.arrayContaining(['list-a', 'list-b', 'list-c', 'teaSteps']));
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(names).size).toBe(names.length);
    expectProblem(await food.get('/epcis/queries?perPage=0'), 400, 'epcisException:QueryParameterException', PROBLEM_400);
    expectProblem(await food.get('/epcis/queries?nextPageToken=%21%21'), 400, 'epcisException:QueryParameterException', PROBLEM_400);
    expectProblem(await food.get('/epcis/queries?EQ_bizStep=x'), 400, 'epcisException:QueryParameterException', PROBLEM_400);
  });

  it('refuses a bad parameter as GET /epcis/events does: 400 QueryParameterException naming it', async () => {
    const cases: [object, string][] = [
      [{ EQ_action: ['JUMP'] }, 'EQ_action'],
      [{ GE_eventTime: 'yesterday' }, 'GE_eventTime'],
      [{ EQ_bizStep: [STEP], frobnicate: ['x'] }, 'frobnicate'],
      [{ eventCountLimit: 5 }, 'eventCountLimit'],
      [{ EQ_bizStep: [] }, 'EQ_bizStep'],
      [{ EQ_bizStep: { not: 'a list' } }, 'EQ_bizStep'],
      [{ MATCH_epc: ['a|b'] }, 'MATCH_epc'],
      [{ perPage: 10 }, 'perPage'],
      [{ '@context': CTX }, '@context'],
    ];
    for (const [query, param] of cases) {
      const body = expectProblem(await create(food, 'bad', query), 400, 'epcisException:QueryParameterException', PROBLEM_400);
      expect(body.error.code).toBe('EPCIS_QUERY_PARAMETER');
      expect(body.error.details[0].field, JSON.stringify(query)).toBe(`query.${param}`);
    }
    // GET /epcis/events refuses the same parameter alike; nothing was stored.
    const viaEvents = await food.get('/epcis/events?EQ_action=JUMP');
    expect(viaEvents.json().error.details[0].field).toBe('query.EQ_action');
    expect((await food.get('/epcis/queries/bad')).statusCode).toBe(404);
  });

  it('refuses a bad name (400), a missing query (400) and an existing name (409 ResourceAlreadyExistsException)', async () => {
    for (const name of ['', 'has space', 'a/b', '-dash', 'x'.repeat(129), 'SimpleEventQuery']) {
      const body = expectProblem(await create(food, name, { eventType: ['ObjectEvent'] }), 400, 'epcisException:ValidationException', PROBLEM_400);
      expect(body.error.details[0].field, name).toBe('body.name');
    }
    expectProblem(await food.post('/epcis/queries', { name: 'noQuery' }), 400, 'epcisException:ValidationException', PROBLEM_400);
    expect((await create(food, 'dup', { eventType: ['ObjectEvent'] })).statusCode).toBe(201);
    const dup = expectProblem(await create(tea, 'dup', { eventType: ['AggregationEvent'] }), 409, 'epcisException:ResourceAlreadyExistsException');
    expect(dup.error.code).toBe('EPCIS_QUERY_EXISTS');
    expect((await food.get('/epcis/queries/dup')).json()).toEqual([{ name: 'dup', query: { eventType: ['ObjectEvent'] } }]);
  });

  it('answers 404 NoSuchNameException for an unknown name on every resource', async () => {
    for (const res of [
      await food.get('/epcis/queries/nope'),
      await food.get('/epcis/queries/nope/events'),
      await food.request({ method: 'DELETE', url: '/epcis/queries/nope' }),
      await food.get('/epcis/queries/nope/subscriptions'),
    ]) {
      const body = expectProblem(res, 404, 'epcisException:NoSuchNameException', PROBLEM_404);
      expect(body.error.code).toBe('EPCIS_NO_SUCH_QUERY');
    }
  });

  it("runs a query in the caller's scope: another enterprise's query gives an enterprise only its own events", async () => {
    const all = eventsOf(await admin.get('/epcis/queries/teaSteps/events'));
    expect(all).toEqual([uuid(1), uuid(2), uuid(3), uuid(4), uuid(5)]);
    const asTea = eventsOf(await tea.get('/epcis/queries/teaSteps/events'));
    expect(asTea).toEqual([uuid(4), uuid(5)]);
    // The food company runs the tea cooperative's query, by session and by API key: its own events only.
    expect(eventsOf(await food.get('/epcis/queries/teaSteps/events'))).toEqual([uuid(1), uuid(2), uuid(3)]);
    const byKey = await foodKey('GET', '/epcis/queries/teaSteps/events');
    expect(eventsOf(byKey)).toEqual([uuid(1), uuid(2), uuid(3)]);
    expect(byKey.json().epcisBody.queryResults.queryName).toBe('teaSteps');
    expectValid(validateQueryDocument, byKey.json());
    expect(byKey.headers['content-type']).toMatch(/^application\/ld\+json/);
    // The same as GET /epcis/events with the same parameters.
    expect(eventsOf(await foodKey('GET', `/epcis/events?EQ_bizStep=${encodeURIComponent(STEP)}&orderBy=eventTime&orderDirection=ASC`))).toEqual([
      uuid(1),
      uuid(2),
      uuid(3),
    ]);
    // An API key creates and runs its own queries too.
    const mine = await foodKey('POST', '/epcis/queries', { name: 'foodByKey', query: { EQ_bizStep: [STEP], EQ_bizLocation: [FARM] } });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(eventsOf(await foodKey('GET', '/epcis/queries/foodByKey/events'))).toEqual([]);
    expect(eventsOf(await tea.get('/epcis/queries/foodByKey/events')).sort()).toEqual([uuid(4), uuid(5)]);
  });

  it('pages a named query with perPage and Link rel="next", and honours GS1-EPC-Format', async () => {
    const seen: string[] = [];
    let url: string | null = '/epcis/queries/teaSteps/events?perPage=2';
    while (url) {
      expect(url).toMatch(/^\/epcis\/queries\/teaSteps\/events\?/);
      const res = await admin.get(url);
      const page = eventsOf(res);
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page);
      url = /^<([^>]+)>; rel="next"$/.exec(String(res.headers.link ?? ''))?.[1] ?? null;
    }
    expect(seen).toEqual([uuid(1), uuid(2), uuid(3), uuid(4), uuid(5)]);
    expectProblem(await admin.get('/epcis/queries/teaSteps/events?perPage=0'), 400, 'epcisException:QueryParameterException', PROBLEM_400);
    expectProblem(await admin.get('/epcis/queries/teaSteps/events?EQ_action=ADD'), 400, 'epcisException:QueryParameterException', PROBLEM_400);

    const dl = await admin.request({
      method: 'GET',
      url: '/epcis/queries/teaSteps/events?perPage=1',
      headers: { 'gs1-epc-format': 'Always_GS1_Digital_Link' },
    });
    expect(dl.statusCode, dl.body).toBe(200);
    expect(dl.headers['gs1-epc-format']).toBe('Always_GS1_Digital_Link');
    expect(dl.json().epcisBody.queryResults.resultsBody.eventList[0].epcList).toEqual([SGTIN_DL]);
    const asIs = await admin.get('/epcis/queries/teaSteps/events?perPage=1');
    expect(asIs.json().epcisBody.queryResults.resultsBody.eventList[0].epcList).toEqual([SGTIN]);
    expectProblem(
      await admin.request({ method: 'GET', url: '/epcis/queries/teaSteps/events', headers: { 'gs1-epc-format': 'sometimes' } }),
      400,
      'epcisException:QueryParameterException',
      PROBLEM_400,
    );
  });

  it("answers the WebSocket binding's subscription parameters on a plain GET of /events 400, pointing to the upgrade (live.test.ts)", async () => {
    for (const param of ['stream=true', 'hour=3', 'reportIfEmpty=true']) {
      const body = expectProblem(await food.get(`/epcis/queries/teaSteps/events?${param}`), 400, 'epcisException:QueryParameterException', PROBLEM_400);
      expect(body.error.code).toBe('EPCIS_SUBSCRIPTION_NEEDS_WEBSOCKET');
      expect(body.detail).toContain('Upgrade: websocket');
    }
  });

  it('lets only the creator or the city delete (others 403), 204, and audits create and delete', async () => {
    expect((await create(tea, 'teaOwn', { eventType: ['ObjectEvent'] })).statusCode).toBe(201);
    expect((await create(food, 'foodOwn', { eventType: ['ObjectEvent'] })).statusCode).toBe(201);
    const del = (c: Client, name: string) => c.request({ method: 'DELETE', url: `/epcis/queries/${name}` });

    expectProblem(await del(food, 'teaOwn'), 403, 'epcisException:SecurityException', PROBLEM_403);
    expectProblem(await foodKey('DELETE', '/epcis/queries/teaOwn'), 403, 'epcisException:SecurityException', PROBLEM_403);
    expectProblem(await del(tea, 'foodOwn'), 403, 'epcisException:SecurityException', PROBLEM_403);
    const wuxing = await t.login('wuxing');
    expectProblem(await del(wuxing, 'teaOwn'), 403, 'epcisException:SecurityException', PROBLEM_403);
    expect((await tea.get('/epcis/queries/teaOwn')).statusCode).toBe(200);

    const own = await del(tea, 'teaOwn');
    expect(own.statusCode, own.body).toBe(204);
    expect(own.body).toBe('');
    expect((await tea.get('/epcis/queries/teaOwn')).statusCode).toBe(404);
    expect((await foodKey('DELETE', '/epcis/queries/foodOwn')).statusCode).toBe(204);
    expect((await del(admin, 'teaSteps')).statusCode).toBe(204);
    expect((await admin.get('/epcis/queries/teaSteps/events')).statusCode).toBe(404);
    // The name is free again.
    expect((await create(food, 'teaOwn', { eventType: ['ObjectEvent'] })).statusCode).toBe(201);

    const created = (await admin.get('/api/v1/audit?action=trace.query.create&pageSize=100')).json().items as Record<string, unknown>[];
    expect(created.find((a) => (a.after as { name: string }).name === 'teaSteps')).toMatchObject({
      actorUsername: 'tea_coop',
      entityType: 'trace_named_query',
      after: { name: 'teaSteps', parameters: { EQ_bizStep: STEP, orderBy: 'eventTime', orderDirection: 'ASC' }, enterprise: TEA_COOP },
    });
    expect(created.find((a) => (a.after as { name: string }).name === 'foodByKey')).toMatchObject({ actorUsername: 'enterprise1' });
    const deleted = (await admin.get('/api/v1/audit?action=trace.query.delete&pageSize=100')).json().items as Record<string, unknown>[];
    expect(deleted.map((a) => [a.actorUsername, (a.before as { name: string }).name]).sort()).toEqual([
      ['admin', 'teaSteps'],
      ['enterprise1', 'foodOwn'],
      ['tea_coop', 'teaOwn'],
    ]);
    // Refused and failed attempts leave no audit rows and no queries behind.
    expect(created.some((a) => (a.after as { name: string }).name === 'bad')).toBe(false);
  });
});
