import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPCIS_CONTEXT_URL } from '../../../common/trace-api.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { sequenceFeed } from './subscriptions/feed.ts';
import { bindingSchema, captureJobSchema, expectProblem, expectValid } from './test-binding.ts';
import { loginTeaCoop, storedEventCount } from './test-enterprises.ts';

/**
 * Greedy capture (EPCIS 2.0 REST binding, GS1-Capture-Error-Behaviour: proceed): the events of a document that conform,
 * stand at the enterprise's own locations and do not clash with a stored eventID are stored; each other event is refused
 * on its own, named by its JSON Pointer in the job's errors. The default stays all or nothing.
 */

// enterprise1 (湖州示范食品) owns the plant and the warehouse; the farm is the tea cooperative's.
const PLANT = 'https://id.gs1.org/414/6970000000017';
const WAREHOUSE = 'https://id.gs1.org/414/6970000000024';
const FARM = 'https://id.gs1.org/414/6970000001014';
const HEADER = 'GS1-Capture-Error-Behaviour';

const validateCaptureJob = bindingSchema(captureJobSchema());

const eventId = (n: number) => `urn:uuid:9c0e5a11-0000-4000-8000-${String(n).padStart(12, '0')}`;
const shipped = (n: number, location: string, over: Record<string, unknown> = {}) => ({
  type: 'ObjectEvent',
  eventID: eventId(n),
  eventTime: '2026-12-05T08:00:00+08:00',
  eventTimeZoneOffset: '+08:00',
  action: 'OBSERVE',
  bizStep: 'shipping',
  disposition: 'in_transit',
  epcList: [`https://id.gs1.org/01/06970000000116/21/PROCEED-${n}`],
  readPoint: { id: location },
  ...over,
});
const documentOf = (events: unknown[]) => ({
  '@context': [EPCIS_CONTEXT_URL],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-12-05T10:00:00+08:00',
  epcisBody: { eventList: events },
});

describe.each(DB_KINDS)('greedy capture (GS1-Capture-Error-Behaviour: proceed) on %s', (kind) => {
  let t: TestApp;
  let enterprise: Client;
  let admin: Client;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    enterprise = await t.login('enterprise1');
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const capture = (client: Client, doc: object, behaviour?: string) =>
    client.request({ method: 'POST', url: '/epcis/capture', payload: doc, headers: behaviour === undefined ? {} : { [HEADER]: behaviour } });
  const stored = async (n: number) => (await enterprise.get(`/epcis/events/${encodeURIComponent(eventId(n))}`)).statusCode === 200;

  // Events 1 and 5 may be stored; 2 lacks its action; 3 stands at the tea cooperative's farm; 4 reuses a stored eventID
  // with other content.
  const mixed = () =>
    documentOf([
      shipped(1, PLANT),
      (({ action: _none, ...rest }) => rest)(shipped(2, PLANT)),
      shipped(3, FARM),
      shipped(4, PLANT, { bizStep: 'receiving', disposition: 'in_progress' }),
      shipped(5, WAREHOUSE),
    ]);

  it('stores the events that may be stored and refuses each other event by its place in the list', async () => {
    const earlier = await enterprise.request({ method: 'POST', url: '/epcis/events', payload: { '@context': [EPCIS_CONTEXT_URL], ...shipped(4, PLANT) } });
    expect(earlier.statusCode, earlier.body).toBe(201);
    const before = await storedEventCount(t);

    const res = await capture(enterprise, mixed(), 'proceed');
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json();
    expectValid(validateCaptureJob, job);
    expect(job).toMatchObject({ running: false, success: false, captureErrorBehaviour: 'proceed', eventCount: 5, storedCount: 2, duplicateCount: 0 });
    expect(job.errors.map((e: { error: { code: string } }) => e.error.code)).toEqual([
      'EPCIS_VALIDATION_FAILED',
      'TRACE_LOCATION_NOT_YOURS',
      'EPCIS_EVENT_ID_CONFLICT',
    ]);
    expect(job.errors.map((e: { type: string }) => e.type)).toEqual([
      'epcisException:ValidationException',
      'epcisException:SecurityException',
      'epcisException:ResourceAlreadyExistsException',
    ]);
    const fields = job.errors.map((e: { error: { details: { field: string }[] } }) => e.error.details[0]?.field);
    expect(fields).toEqual(['/epcisBody/eventList/1', '/epcisBody/eventList/2', '/epcisBody/eventList/3/eventID']);
    expect(job.errors[0].error.details[0].message).toMatch(/action/);

    expect(await storedEventCount(t)).toBe(before + 2);
    expect([await stored(1), await stored(2), await stored(3), await stored(5)]).toEqual([true, false, false, true]);
    // The stored event under eventID 4 is the earlier one, unchanged.
    const kept = await enterprise.get(`/epcis/events/${encodeURIComponent(eventId(4))}`);
    expect(kept.json().epcisBody.queryResults.resultsBody.eventList.map((e: { bizStep: string }) => e.bizStep)).toEqual(['shipping']);

    // For people: a partial capture, its three refusals in document order; audited with what it refused.
    const view = await enterprise.get(`/api/v1/trace/captures/${job.captureID}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ status: 'partial', errorBehaviour: 'proceed', eventCount: 5, storedCount: 2, errorCount: 3 });
    expect(view.json().firstError).toMatch(/\/epcisBody\/eventList\/1/);
    const partial = await enterprise.get('/api/v1/trace/captures?status=partial');
    expect(partial.json().items.map((j: { captureID: string }) => j.captureID)).toContain(job.captureID);
    const audit = await t.database.db
      .selectFrom('platform_audit')
      .select(['after', 'actor_username'])
      .where('action', '=', 'trace.capture')
      .where('entity_id', '=', job.captureID)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_username: 'enterprise1', after: { events: 5, stored: 2, refused: 3, errorBehaviour: 'proceed' } });

    // Subscriptions deliver the events a partial capture stored.
    await sequenceFeed(t.database.db);
    const numbered = await t.database.db.selectFrom('trace_capture').select('feed_seq').where('id', '=', job.captureID).executeTakeFirstOrThrow();
    expect(numbered.feed_seq).not.toBeNull();
  });

  it('a retry of the same document stores nothing twice and refuses the same events again', async () => {
    const before = await storedEventCount(t);
    const res = await capture(enterprise, mixed(), 'proceed');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ success: false, storedCount: 0, duplicateCount: 2 });
    expect(res.json().errors).toHaveLength(3);
    expect(await storedEventCount(t)).toBe(before);
  });

  it('keeps all or nothing without the header and with rollback', async () => {
    const before = await storedEventCount(t);
    const fresh = () => documentOf([shipped(11, PLANT), shipped(12, FARM)]);
    for (const behaviour of [undefined, 'rollback']) {
      const res = await capture(enterprise, fresh(), behaviour);
      expectProblem(res, 403, 'epcisException:SecurityException');
      expect(res.json().error.code).toBe('TRACE_LOCATION_NOT_YOURS');
    }
    expect(await storedEventCount(t)).toBe(before);
    expect(await stored(11)).toBe(false);
    const jobs = await enterprise.get('/api/v1/trace/captures?pageSize=2');
    expect(jobs.json().items.map((j: { status: string; errorBehaviour: string }) => [j.status, j.errorBehaviour])).toEqual([
      ['failed', 'rollback'],
      ['failed', 'rollback'],
    ]);
  });

  it('refuses a behaviour it does not know (all is for servers to announce), naming the header', async () => {
    const before = await storedEventCount(t);
    for (const behaviour of ['all', 'greedy', 'Proceed']) {
      const res = await capture(enterprise, documentOf([shipped(21, PLANT)]), behaviour);
      const body = expectProblem(res, 400, 'epcisException:ValidationException');
      expect(body.error.code).toBe('EPCIS_CAPTURE_ERROR_BEHAVIOUR');
      expect(body.error.details).toEqual([{ field: 'headers.gs1-capture-error-behaviour', rule: 'enum', message: 'rollback, proceed' }]);
    }
    expect(await storedEventCount(t)).toBe(before);
  });

  it('refuses a document whose envelope is wrong as a whole, even under proceed', async () => {
    const before = await storedEventCount(t);
    const { schemaVersion: _none, ...noVersion } = documentOf([shipped(31, PLANT)]);
    const res = await capture(enterprise, noVersion, 'proceed');
    const body = expectProblem(res, 400, 'epcisException:ValidationException');
    expect(body.error.details.map((d: { field: string }) => d.field)).toContain('/');
    expect(await storedEventCount(t)).toBe(before);
    const latest = (await enterprise.get('/api/v1/trace/captures?pageSize=1')).json().items[0];
    expect(latest).toMatchObject({ status: 'failed', errorBehaviour: 'proceed', storedCount: 0 });
  });

  it('ends failed when every event is refused, and the job is the caller’s alone', async () => {
    const before = await storedEventCount(t);
    const res = await capture(enterprise, documentOf([shipped(41, FARM), shipped(42, FARM)]), 'proceed');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ success: false, storedCount: 0, duplicateCount: 0, captureErrorBehaviour: 'proceed' });
    expect(res.json().errors).toHaveLength(2);
    expect(await storedEventCount(t)).toBe(before);
    const id = res.json().captureID as string;
    expect((await enterprise.get(`/api/v1/trace/captures/${id}`)).json()).toMatchObject({ status: 'failed', errorCount: 2 });
    // Another enterprise cannot see it; the city can.
    const tea = await loginTeaCoop(t, admin);
    expect((await tea.get(`/epcis/capture/${id}`)).statusCode).toBe(404);
    expect((await tea.get(`/api/v1/trace/captures/${id}`)).statusCode).toBe(404);
    expect((await admin.get(`/epcis/capture/${id}`)).json()).toMatchObject({ captureErrorBehaviour: 'proceed', success: false });
  });

  it('under proceed the city (data migration) stores events at any location and refuses only what does not conform', async () => {
    const res = await capture(admin, documentOf([shipped(51, FARM), { ...shipped(52, PLANT), eventTime: 'yesterday' }]), 'proceed');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ storedCount: 1, eventCount: 2 });
    expect(res.json().errors[0].error.details[0].field).toBe('/epcisBody/eventList/1/eventTime');
  });
});
