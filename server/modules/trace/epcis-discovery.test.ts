import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../seed/trace-demo.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { binding, bindingSchema, captureJobSchema, expectProblem, expectValid, problemSchema } from './test-binding.ts';
import { loginTeaCoop } from './test-enterprises.ts';

/**
 * EPCIS 2.0 REST binding discovery: the root's top-level resources, OPTIONS, the capture-job list, each resource's
 * values as a paged Collection and each value's sub-resources, DELETE /nextPageToken — in the caller's scope, and
 * checked against the binding's own schemas.
 */

const validateTopLevel = binding('/components/responses/200SupportedTopLevel/content/application~1json/schema');
const validateSubResources = binding('/components/responses/200TopLevelOrEventTypeSubResource/content/application~1json/schema');
const validateEpcs = binding('/paths/~1epcs/get/responses/200/content/application~1json/schema');
const validateBizSteps = binding('/paths/~1bizSteps/get/responses/200/content/application~1json/schema');
const validateCaptureJobs = bindingSchema({ type: 'array', items: captureJobSchema() });
const PROBLEM_400 = problemSchema('400QueryIssues');
const PROBLEM_404 = problemSchema('404ResourceNotFound');

const DEMO_LOT = 'https://id.gs1.org/01/06970000000116/10/HZ-2025-0506';
// The demo's pallet (the parent of its packing event at 湖州示范食品's warehouse).
const DEMO_SSCC = 'https://id.gs1.org/00/006970000000000019';
const bearer = { authorization: `Bearer ${DEMO_API_KEY}` };

/** Follows Link rel="next" from `url` and returns every page's body. */
async function allPages(c: Client, url: string): Promise<unknown[]> {
  const bodies: unknown[] = [];
  let next: string | undefined = url;
  while (next) {
    const res = await c.get(next);
    expect(res.statusCode, res.body).toBe(200);
    bodies.push(res.json());
    next = /<([^>]+)>; rel="next"/.exec(String(res.headers.link ?? ''))?.[1];
    expect(bodies.length).toBeLessThan(100);
  }
  return bodies;
}

describe.each(DB_KINDS)('EPCIS discovery on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let tea: Client;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    tea = await loginTeaCoop(t, admin);
  });
  afterAll(() => t.close());

  it('lists the top-level resources at the root and answers OPTIONS with the methods and versions', async () => {
    const root = await admin.get('/epcis/');
    expect(root.statusCode).toBe(200);
    expectValid(validateTopLevel, root.json());
    expect(root.json().member).toHaveLength(9);
    for (const url of [
      '/epcis/',
      '/epcis/events',
      '/epcis/epcs',
      `/epcis/epcs/${encodeURIComponent(DEMO_SSCC)}`,
      '/epcis/bizSteps/shipping/events',
      '/epcis/capture',
    ]) {
      const res = await admin.request({ method: 'OPTIONS', url });
      expect(res.statusCode, url).toBe(204);
      expect(res.headers.allow, url).toMatch(/^OPTIONS, GET/);
      expect(res.headers['gs1-epcis-min'], url).toBe('2.0.0');
      expect(res.headers['gs1-epcis-max'], url).toBe('2.0.0');
    }
    const capture = await admin.request({ method: 'OPTIONS', url: '/epcis/capture' });
    expect(capture.headers.allow).toBe('OPTIONS, GET, POST');
    // The binding's value for a server that takes both rollback and proceed.
    expect(capture.headers['gs1-capture-error-behaviour']).toBe('all');
    expect((await t.anonymous.get('/epcis/')).statusCode).toBe(401);
  });

  it('pages a resource’s values as Collections, in order, each value once', async () => {
    const whole = (await admin.get('/epcis/bizSteps?perPage=1000')).json();
    expectValid(validateBizSteps, whole);
    expect(whole.member.length).toBeGreaterThan(3);
    const pages = (await allPages(admin, '/epcis/bizSteps?perPage=2')) as { member: string[] }[];
    for (const page of pages) expectValid(validateBizSteps, page);
    expect(pages.length).toBe(Math.ceil(whole.member.length / 2));
    expect(pages.flatMap((p) => p.member)).toEqual(whole.member);
    expect([...whole.member].sort()).toEqual(whole.member);

    expectProblem(await admin.get('/epcis/bizSteps?perPage=0'), 400, 'epcisException:QueryParameterException', PROBLEM_400);
    expectProblem(await admin.get('/epcis/bizSteps?nextPageToken=%21%21'), 400, 'epcisException:QueryParameterException', PROBLEM_400);
    expectProblem(await admin.get('/epcis/bizSteps?colour=red'), 400, 'epcisException:QueryParameterException');
  });

  it('shows an enterprise only the values and sub-resources of its own events', async () => {
    const all = (await admin.get('/epcis/epcs?perPage=1000')).json();
    expectValid(validateEpcs, all);
    expect(all.member).toContain(DEMO_SSCC);
    // EPCs are instances: a lot is a class (MATCH_anyEPCClass), not an EPC.
    expect(all.member).not.toContain(DEMO_LOT);
    const teaEpc = 'https://id.gs1.org/01/06970000000109/21/DISCOVERY-TEA-1';
    const captured = await tea.request({
      method: 'POST',
      url: '/epcis/events',
      headers: { 'content-type': 'application/ld+json' },
      payload: {
        '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
        type: 'ObjectEvent',
        eventTime: '2026-11-29T08:00:00.000+08:00',
        eventTimeZoneOffset: '+08:00',
        action: 'OBSERVE',
        bizStep: 'inspecting',
        epcList: [teaEpc],
        readPoint: { id: 'https://id.gs1.org/414/6970000001014' },
      },
    });
    expect(captured.statusCode, captured.body).toBe(201);
    const own = (await tea.get('/epcis/epcs?perPage=1000')).json();
    expect(own.member).toContain(teaEpc);
    expectValid(validateEpcs, own);
    expect(own.member.length).toBeGreaterThan(0);
    expect(own.member).not.toContain(DEMO_SSCC);
    const now = (await admin.get('/epcis/epcs?perPage=1000')).json().member;
    for (const epc of own.member) expect(now).toContain(epc);

    const lot = `/epcis/epcs/${encodeURIComponent(DEMO_SSCC)}`;
    const sub = await admin.get(lot);
    expect(sub.statusCode).toBe(200);
    expectValid(validateSubResources, sub.json());
    expect(sub.json().member).toEqual(['events']);
    expectProblem(await tea.get(lot), 404, 'epcisException:NoSuchNameException', PROBLEM_404);
    expectProblem(await admin.get('/epcis/bizSteps/no_such_step'), 404, 'epcisException:NoSuchNameException', PROBLEM_404);
    const events = (await admin.get(`${lot}/events`)).json().epcisBody.queryResults.resultsBody.eventList;
    expect(events.length).toBeGreaterThan(0);
  });

  it('lists capture jobs newest first, each client its own and the city all, paged', async () => {
    const doc = (n: number) => ({
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-11-29T08:00:00.000+08:00',
      epcisBody: {
        eventList: [
          {
            type: 'ObjectEvent',
            eventID: `urn:uuid:d15c0000-0000-4000-8000-00000000000${n}`,
            eventTime: '2026-11-29T08:00:00.000+08:00',
            eventTimeZoneOffset: '+08:00',
            action: 'OBSERVE',
            bizStep: 'inspecting',
            epcList: [`https://id.gs1.org/01/06970000000116/21/DISCOVERY-${n}`],
            readPoint: { id: 'https://id.gs1.org/414/6970000000017' },
          },
        ],
      },
    });
    const capture = (headers: Record<string, string>, n: number) =>
      t.anonymous.request({ method: 'POST', url: '/epcis/capture', headers: { ...headers, 'content-type': 'application/ld+json' }, payload: doc(n) });
    const byKey = [(await capture(bearer, 1)).json().captureID, (await capture(bearer, 2)).json().captureID];
    const byCity = (await admin.request({ method: 'POST', url: '/epcis/capture', headers: { 'content-type': 'application/ld+json' }, payload: doc(3) })).json()
      .captureID;

    const mine = await t.anonymous.request({ method: 'GET', url: '/epcis/capture?perPage=1000', headers: bearer });
    expect(mine.statusCode).toBe(200);
    expectValid(validateCaptureJobs, mine.json());
    const ids = mine.json().map((j: { captureID: string }) => j.captureID);
    expect(ids.slice(0, 2)).toEqual([...byKey].reverse());
    expect(ids).not.toContain(byCity);

    const pages = (await allPages(admin, '/epcis/capture?perPage=1')) as { captureID: string }[][];
    for (const page of pages) expectValid(validateCaptureJobs, page);
    const cityIds = pages.flat().map((j) => j.captureID);
    expect(cityIds.slice(0, 3)).toEqual([byCity, byKey[1], byKey[0]]);
    expect(new Set(cityIds).size).toBe(cityIds.length);
    expectProblem(await admin.get('/epcis/capture?nextPageToken=bm9wZQ'), 400, 'epcisException:QueryParameterException', PROBLEM_400);
  });

  it('releases a page token (nothing is held for it)', async () => {
    const res = await admin.request({ method: 'DELETE', url: '/epcis/nextPageToken/anything' });
    expect(res.statusCode).toBe(204);
  });
});
