import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../seed/trace-demo.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { EPCIS_CAPTURE_LIMIT, EPCIS_MAX_DOCUMENT_BYTES } from './epcis/index.ts';
import { problemOf } from './epcis-problem.ts';
import { acceptsJson } from './epcis-routes.ts';
import { CompanyPrefixes, readEpcFormat, translateEpc } from './query/epc-format.ts';

/**
 * Errors under /epcis are RFC 7807 problem details as the EPCIS 2.0 REST binding gives them (type epcisException:*,
 * application/problem+json), with the platform error kept as the extension member `error`; the rest of the API keeps
 * the platform shape. GS1-EPC-Format translates the EPCs of returned events between EPC URNs and GS1 Digital Links.
 */

const OPENAPI = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../../shared/fixtures/epcis/gs1-EPCIS/REST-Bindings/openapi.json'), 'utf8'),
) as {
  components: { schemas: Record<string, object>; responses: Record<string, { content: Record<string, { schema: { allOf: object[] } }> }> };
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: { allOf: object[] } }> }> }>>;
};
const RFC7807 = OPENAPI.components.schemas.RFC7807ProblemResponseBody as object;

// The binding's schemas carry `xml` and `example` keywords; ajv-formats checks `format: uri` (type, instance).
const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its default export sits under `default` for ESM (as in epcis/validate.ts).
addFormats.default(ajv);
const validateProblemBody = ajv.compile(RFC7807);

/** The binding's schema of one problem response, with the RFC7807ProblemResponseBody reference resolved. */
function responseSchema(allOf: object[]): object {
  return { allOf: allOf.map((part) => ('$ref' in part ? RFC7807 : part)) };
}
const byResponse = (name: string) => responseSchema(OPENAPI.components.responses[name]?.content['application/problem+json']?.schema.allOf ?? []);
const CAPTURE_400 = responseSchema(OPENAPI.paths['/capture']?.post?.responses['400']?.content['application/problem+json']?.schema.allOf ?? []);

/** A problem answer: content type, RFC 7807 members valid against the binding, the platform error kept. */
function expectProblem(res: LightMyRequestResponse, status: number, type: string, code: string, bindingSchema?: object) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(validateProblemBody(body), JSON.stringify(validateProblemBody.errors)).toBe(true);
  if (bindingSchema) {
    const validate = ajv.compile(bindingSchema);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  }
  expect(body).toMatchObject({ type, status, instance: `urn:zhiliang:request:${res.headers['x-request-id']}` });
  expect(body.title).toMatch(/^[\x20-\x7e]+$/);
  expect(body.detail).toMatch(/[\u4e00-\u9fff].* \/ .*[A-Za-z]/);
  expect(body.error).toMatchObject({ code, requestId: res.headers['x-request-id'] });
  expect(body.error.message).toMatch(/[\u4e00-\u9fff].* \/ .*[A-Za-z]/);
  expect(res.headers['gs1-epcis-version']).toBe('2.0.0');
  return body;
}

const CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const LD = { 'content-type': 'application/ld+json' };
const uuid = (n: number) => `urn:uuid:5e0c7a11-0000-4000-8000-${String(n).padStart(12, '0')}`;
const doc = (...eventList: object[]) => ({
  '@context': [CONTEXT],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-11-29T08:00:00Z',
  epcisBody: { eventList },
});
const objectEvent = (n: number, extra: object = {}) => ({
  type: 'ObjectEvent',
  eventID: uuid(n),
  eventTime: '2026-11-29T08:00:00.000+08:00',
  eventTimeZoneOffset: '+08:00',
  action: 'OBSERVE',
  epcList: [`https://id.gs1.org/01/09520000000011/21/P${n}`],
  ...extra,
});

// EPC Tag Data Standard examples and their Digital Links (common/gs1 epcUrnToDigitalLink).
const SGTIN = 'urn:epc:id:sgtin:0614141.107346.2017';
const SGTIN_DL = 'https://id.gs1.org/01/10614141073464/21/2017';
const SSCC = 'urn:epc:id:sscc:0614141.1234567890';
const SSCC_DL = 'https://id.gs1.org/00/106141412345678908';
const LGTIN = 'urn:epc:class:lgtin:4012345.012345.998877';
const LGTIN_DL = 'https://id.gs1.org/01/04012345123456/10/998877';
const GID = 'urn:epc:id:gid:95100000.12345.400';
const PRIVATE = 'https://example.com/things/1';
// A Digital Link of the same GTIN as SGTIN: its company prefix is learned from the stored SGTIN.
const SAME_GTIN_DL = 'https://id.gs1.org/01/10614141073464/21/2018';
// Under the platform's own GS1 Company Prefix (9520000, the demo default).
const PLATFORM_DL = 'https://id.gs1.org/01/09520000000011/21/A1';
// A company prefix the repository has never seen as an EPC URN: stays a Digital Link.
const UNKNOWN_DL = 'https://id.gs1.org/01/06950000123459/21/7';

describe('problem details and EPC formats (pure)', () => {
  it('gives 500 and 501 the ImplementationException, other unnamed statuses about:blank', () => {
    const p = problemOf({ status: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误 / Internal error' }, 'req-12345678');
    expect(validateProblemBody(p)).toBe(true);
    expect(ajv.compile(byResponse('500ImplementationException'))(p)).toBe(true);
    expect(p).toMatchObject({ type: 'epcisException:ImplementationException', status: 500, instance: 'urn:zhiliang:request:req-12345678' });
    expect(problemOf({ status: 501, code: 'X', message: 'x / x' }, 'r').type).toBe('epcisException:ImplementationException');
    expect(problemOf({ status: 429, code: 'RATE_LIMITED', message: 'x / x' }, 'r')).toMatchObject({ type: 'about:blank', title: 'Too Many Requests' });
  });

  it('reads the GS1-EPC-Format header and translates only GS1 identifiers', () => {
    expect(readEpcFormat(undefined)).toBe('No_Preference');
    expect(readEpcFormat('Always_EPC_URN')).toBe('Always_EPC_URN');
    expect(() => readEpcFormat('always_epc_urn')).toThrow(/GS1-EPC-Format/);
    const known = new CompanyPrefixes();
    known.learn(SGTIN);
    expect(translateEpc(SGTIN, 'Always_GS1_Digital_Link', known)).toBe(SGTIN_DL);
    expect(translateEpc(GID, 'Always_GS1_Digital_Link', known)).toBe(GID);
    expect(translateEpc(PRIVATE, 'Always_EPC_URN', known)).toBe(PRIVATE);
    expect(translateEpc(SAME_GTIN_DL, 'Always_EPC_URN', known)).toBe('urn:epc:id:sgtin:0614141.107346.2018');
    expect(translateEpc(UNKNOWN_DL, 'Always_EPC_URN', known)).toBe(UNKNOWN_DL);
    expect(translateEpc(SGTIN, 'Never_Translates', known)).toBe(SGTIN);
  });

  it('negotiates JSON answers from Accept', () => {
    expect(acceptsJson(undefined)).toBe(true);
    expect(acceptsJson('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(true);
    expect(acceptsJson('application/ld+json')).toBe(true);
    expect(acceptsJson('application/xml')).toBe(false);
    expect(acceptsJson('application/json;q=0, application/xml')).toBe(false);
  });
});

describe.each(DB_KINDS)('EPCIS 2.0 problem details and GS1-EPC-Format on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  const capture = (body: unknown, headers: Record<string, string> = LD) =>
    admin.request({ method: 'POST', url: '/epcis/capture', payload: body as object, headers });
  /** The returned events, by eventID. */
  const eventsOf = (res: LightMyRequestResponse) =>
    (res.json().epcisBody.queryResults.resultsBody.eventList as Record<string, unknown>[]).sort((x, y) => String(x.eventID).localeCompare(String(y.eventID)));

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('answers query parameter and validation errors with QueryParameterException / ValidationException (400)', async () => {
    const unknown = expectProblem(
      await admin.get('/epcis/events?EQ_colour=red'),
      400,
      'epcisException:QueryParameterException',
      'EPCIS_QUERY_PARAMETER',
      byResponse('400QueryIssues'),
    );
    expect(unknown.error.details[0].field).toBe('query.EQ_colour');
    expect(unknown.detail).toMatch(/EQ_colour/);
    expectProblem(await admin.get('/epcis/events?GE_eventTime=yesterday'), 400, 'epcisException:QueryParameterException', 'EPCIS_QUERY_PARAMETER');
    expectProblem(await admin.get('/epcis/epcs?perPage=many'), 400, 'epcisException:QueryParameterException', 'EPCIS_QUERY_PARAMETER');

    const invalid = doc(objectEvent(1, { action: 'LOOK' }));
    const refused = expectProblem(await capture(invalid), 400, 'epcisException:ValidationException', 'EPCIS_VALIDATION_FAILED', CAPTURE_400);
    expect(refused.error.details[0].field).toBe('/epcisBody/eventList/0/action');
    expect(refused.detail).toMatch(/\/epcisBody\/eventList\/0\/action/);
    const single = await admin.request({ method: 'POST', url: '/epcis/events', payload: { type: 'ObjectEvent' }, headers: LD });
    expectProblem(single, 400, 'epcisException:ValidationException', 'EPCIS_VALIDATION_FAILED');
    const malformed = await admin.request({ method: 'POST', url: '/epcis/capture', payload: '{"type":', headers: LD });
    expect(expectProblem(malformed, 400, 'epcisException:ValidationException', 'VALIDATION_FAILED').detail).toMatch(/JSON/);
    expectProblem(await admin.get('/epcis/capture/not-a-uuid'), 400, 'epcisException:ValidationException', 'VALIDATION_FAILED');
  });

  it('answers 401 and 403 with SecurityException', async () => {
    expectProblem(await t.anonymous.get('/epcis/events'), 401, 'epcisException:SecurityException', 'AUTH_REQUIRED', byResponse('401UnauthorizedRequest'));
    const badKey = await t.app.inject({ method: 'GET', url: '/epcis/events', headers: { authorization: 'Bearer zlk_nope_wrong' } });
    expectProblem(badKey, 401, 'epcisException:SecurityException', 'AUTH_INVALID_API_KEY');
    const foreign = objectEvent(2, { readPoint: { id: 'https://id.gs1.org/414/6970000001021' } });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/epcis/events',
      payload: { '@context': [CONTEXT], ...foreign },
      headers: { authorization: `Bearer ${DEMO_API_KEY}`, ...LD },
    });
    expectProblem(refused, 403, 'epcisException:SecurityException', 'TRACE_LOCATION_NOT_YOURS', byResponse('403ClientUnauthorized'));
  });

  it('answers 404 with NoSuchNameException, for a missing event, capture job or route', async () => {
    const missing = await admin.get(`/epcis/events/${encodeURIComponent(uuid(404))}`);
    expectProblem(missing, 404, 'epcisException:NoSuchNameException', 'NOT_FOUND', byResponse('404ResourceNotFound'));
    expectProblem(await admin.get('/epcis/capture/00000000-0000-4000-8000-000000000000'), 404, 'epcisException:NoSuchNameException', 'NOT_FOUND');
    const route = expectProblem(await admin.get('/epcis/no-such-resource'), 404, 'epcisException:NoSuchNameException', 'NOT_FOUND');
    expect(route.detail).toMatch(/\/epcis\/no-such-resource/);
    expectProblem(await admin.request({ method: 'DELETE', url: '/epcis/events' }), 404, 'epcisException:NoSuchNameException', 'NOT_FOUND');
  });

  it('answers a different event under a stored eventID with ResourceAlreadyExistsException (409), in the capture job too', async () => {
    expect((await capture(doc(objectEvent(3)))).statusCode).toBe(202);
    const other = objectEvent(3, { bizStep: 'shipping' });
    // The binding's 409 schema enumerates status 406 (a slip in openapi.json): the type is checked against its enum.
    const body = expectProblem(await capture(doc(other)), 409, 'epcisException:ResourceAlreadyExistsException', 'EPCIS_EVENT_ID_CONFLICT');
    expect(body.error.details[0].field).toBe('/epcisBody/eventList/0/eventID');
    const enumOf409 = OPENAPI.components.responses['409ResourceAlreadyExistsException']?.content['application/problem+json']?.schema.allOf[0] as {
      properties: { type: { enum: string[] } };
    };
    expect(enumOf409.properties.type.enum).toContain(body.type);
    const single = await admin.request({ method: 'POST', url: '/epcis/events', payload: { '@context': [CONTEXT], ...other }, headers: LD });
    expectProblem(single, 409, 'epcisException:ResourceAlreadyExistsException', 'EPCIS_EVENT_ID_CONFLICT');

    // Both failed captures are recorded, the document's and the single event's (newest first); the document job's
    // errors are RFC 7807 objects with the platform error kept.
    const recorded = await t.database.db
      .selectFrom('trace_capture')
      .select(['id', 'document_type'])
      .where('status', '=', 'failed')
      .orderBy('created_at', 'desc')
      .limit(2)
      .execute();
    expect(recorded.map((r) => r.document_type)).toEqual([other.type, 'EPCISDocument']);
    const failed = recorded[1] ?? recorded[0];
    if (!failed) throw new Error('no failed capture recorded');
    const job = await admin.get(`/epcis/capture/${failed.id}`);
    expect(job.statusCode, job.body).toBe(200);
    const { errors, success, running } = job.json();
    expect({ success, running }).toEqual({ success: false, running: false });
    expect(errors).toHaveLength(1);
    expect(validateProblemBody(errors[0]), JSON.stringify(validateProblemBody.errors)).toBe(true);
    expect(errors[0]).toMatchObject({
      type: 'epcisException:ResourceAlreadyExistsException',
      status: 409,
      instance: `urn:uuid:${failed.id}`,
      error: { code: 'EPCIS_EVENT_ID_CONFLICT', details: [{ field: '/epcisBody/eventList/0/eventID' }] },
    });
    expect(errors[0].detail).toMatch(new RegExp(uuid(3)));
    // The platform's own list of capture jobs keeps the stored form (the web app reads the message from title).
    const listed = (await admin.get(`/api/v1/trace/captures/${failed.id}`)).json();
    expect(JSON.stringify(listed)).toMatch(/urn:zhiliang:error:EPCIS_EVENT_ID_CONFLICT/);
  });

  it('answers capture limits with CaptureLimitExceededException (413) and the limit headers, query size with QueryTooLargeException', async () => {
    const events = Array.from({ length: EPCIS_CAPTURE_LIMIT + 1 }, (_, i) => ({
      type: 'ObjectEvent',
      eventTime: '2026-11-29T08:00:00Z',
      eventTimeZoneOffset: '+08:00',
      action: 'OBSERVE',
      epcList: [`https://id.gs1.org/01/09520000000011/21/L${i}`],
    }));
    const tooMany = await capture(doc(...events));
    expectProblem(tooMany, 413, 'epcisException:CaptureLimitExceededException', 'EPCIS_CAPTURE_LIMIT_EXCEEDED', byResponse('413CapturePayloadTooLarge'));
    expect(tooMany.headers['gs1-epcis-capture-limit']).toBe(String(EPCIS_CAPTURE_LIMIT));
    expect(tooMany.headers['gs1-epcis-capture-file-size-limit']).toBe(String(EPCIS_MAX_DOCUMENT_BYTES));

    const huge = await capture(`{"pad":"${'x'.repeat(EPCIS_MAX_DOCUMENT_BYTES)}"}`);
    const body = expectProblem(huge, 413, 'epcisException:CaptureLimitExceededException', 'PAYLOAD_TOO_LARGE');
    expect(body.detail).toMatch(new RegExp(String(EPCIS_MAX_DOCUMENT_BYTES)));
    expect(huge.headers['gs1-epcis-capture-file-size-limit']).toBe(String(EPCIS_MAX_DOCUMENT_BYTES));

    expect((await capture(doc(objectEvent(5)))).statusCode).toBe(202);
    const large = await admin.get('/epcis/events?maxEventCount=0');
    expectProblem(large, 413, 'epcisException:QueryTooLargeException', 'EPCIS_QUERY_TOO_LARGE', byResponse('413QueryScopeOrSize'));
  });

  it('answers 415 with UnsupportedMediaTypeException and 406 with NotAcceptableException', async () => {
    const text = await admin.request({
      method: 'POST',
      url: '/epcis/capture',
      payload: '<epcis:EPCISDocument/>',
      headers: { 'content-type': 'application/xml' },
    });
    expectProblem(text, 415, 'epcisException:UnsupportedMediaTypeException', 'UNSUPPORTED_MEDIA_TYPE', byResponse('415UnsupportedMediaType'));
    const xml = await admin.request({ method: 'GET', url: '/epcis/events', headers: { accept: 'application/xml' } });
    expectProblem(xml, 406, 'epcisException:NotAcceptableException', 'EPCIS_NOT_ACCEPTABLE', byResponse('406NotAcceptable'));
    const ok = await admin.request({
      method: 'GET',
      url: `/epcis/events?EQ_eventID=${encodeURIComponent(uuid(5))}`,
      headers: { accept: 'application/ld+json' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('documents the problem responses and the GS1-EPC-Format header in the OpenAPI document', async () => {
    const api = (await t.anonymous.get('/api/v1/openapi.json')).json();
    const events = api.paths['/epcis/events'].get;
    const ref = events.responses['400'].content['application/problem+json'].schema.$ref as string;
    expect(api.components.schemas[ref.split('/').at(-1) ?? '']).toMatchObject({ required: ['type', 'title', 'status', 'error'] });
    expect(events.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'gs1-epc-format' })]));
    expect(api.paths['/epcis/capture'].post.responses['413'].content).toHaveProperty(['application/problem+json']);
  });

  it('keeps the platform error shape outside /epcis', async () => {
    for (const res of [
      await admin.get('/api/v1/no-such-thing'),
      await admin.get('/api/v1/trace/captures/not-a-uuid'),
      await t.anonymous.get('/api/v1/trace/captures'),
    ]) {
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = res.json();
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error.code).toMatch(/^(NOT_FOUND|VALIDATION_FAILED|AUTH_REQUIRED)$/);
    }
  });

  it('writes EPCs as GS1 Digital Links or EPC URNs per GS1-EPC-Format, and as captured by default', async () => {
    const urnEvent = objectEvent(10, { epcList: [SGTIN, GID, PRIVATE], quantityList: [{ epcClass: LGTIN, quantity: 5, uom: 'KGM' }] });
    const aggregation = {
      type: 'AggregationEvent',
      eventID: uuid(11),
      eventTime: '2026-11-29T09:00:00.000+08:00',
      eventTimeZoneOffset: '+08:00',
      action: 'ADD',
      parentID: SSCC,
      childEPCs: [SGTIN],
      childQuantityList: [{ epcClass: LGTIN, quantity: 2 }],
    };
    const dlEvent = objectEvent(12, { epcList: [SAME_GTIN_DL, PLATFORM_DL, UNKNOWN_DL, PRIVATE] });
    expect((await capture(doc(urnEvent, aggregation, dlEvent))).statusCode).toBe(202);
    const query = `/epcis/events?EQ_eventID=${encodeURIComponent([uuid(10), uuid(11), uuid(12)].join('|'))}`;
    const get = (format?: string, url = query) => admin.request({ method: 'GET', url, headers: format === undefined ? {} : { 'GS1-EPC-Format': format } });

    const asCaptured = await get();
    expect(asCaptured.headers['gs1-epc-format']).toBe('No_Preference');
    const [u, a, d] = eventsOf(asCaptured);
    expect(u).toMatchObject({ epcList: [SGTIN, GID, PRIVATE], quantityList: [{ epcClass: LGTIN }] });
    expect(a).toMatchObject({ parentID: SSCC, childEPCs: [SGTIN] });
    expect(d).toMatchObject({ epcList: [SAME_GTIN_DL, PLATFORM_DL, UNKNOWN_DL, PRIVATE] });
    const never = await get('Never_Translates');
    expect(never.headers['gs1-epc-format']).toBe('Never_Translates');
    expect(eventsOf(never)).toEqual(eventsOf(asCaptured));

    const links = await get('Always_GS1_Digital_Link');
    expect(links.statusCode, links.body).toBe(200);
    expect(links.headers['gs1-epc-format']).toBe('Always_GS1_Digital_Link');
    const [lu, la, ld] = eventsOf(links);
    expect(lu).toMatchObject({ epcList: [SGTIN_DL, GID, PRIVATE], quantityList: [{ epcClass: LGTIN_DL, quantity: 5, uom: 'KGM' }] });
    expect(la).toMatchObject({ parentID: SSCC_DL, childEPCs: [SGTIN_DL], childQuantityList: [{ epcClass: LGTIN_DL, quantity: 2 }] });
    expect(ld).toMatchObject({ epcList: [SAME_GTIN_DL, PLATFORM_DL, UNKNOWN_DL, PRIVATE] });
    expect(lu?.eventID).toBe(uuid(10));

    const urns = await get('Always_EPC_URN');
    expect(urns.headers['gs1-epc-format']).toBe('Always_EPC_URN');
    const [uu, ua, ud] = eventsOf(urns);
    expect(uu).toMatchObject({ epcList: [SGTIN, GID, PRIVATE], quantityList: [{ epcClass: LGTIN }] });
    expect(ua).toMatchObject({ parentID: SSCC, childEPCs: [SGTIN] });
    // The same GTIN's prefix from the stored SGTIN; the platform's own prefix; an unknown prefix stays a Digital Link.
    expect(ud).toMatchObject({ epcList: ['urn:epc:id:sgtin:0614141.107346.2018', 'urn:epc:id:sgtin:9520000.000001.A1', UNKNOWN_DL, PRIVATE] });

    const one = await get('Always_GS1_Digital_Link', `/epcis/events/${encodeURIComponent(uuid(11))}`);
    expect(eventsOf(one)[0]).toMatchObject({ parentID: SSCC_DL, childEPCs: [SGTIN_DL] });
    const byEpc = await get('Always_EPC_URN', `/epcis/epcs/${encodeURIComponent(SAME_GTIN_DL)}/events`);
    expect(eventsOf(byEpc).map((e) => e.epcList)).toEqual([
      ['urn:epc:id:sgtin:0614141.107346.2018', 'urn:epc:id:sgtin:9520000.000001.A1', UNKNOWN_DL, PRIVATE],
    ]);
    const epcs = (await get('Always_EPC_URN', '/epcis/epcs?perPage=1000')).json().member as string[];
    expect(epcs).toEqual(expect.arrayContaining([SGTIN, SSCC, 'urn:epc:id:sgtin:9520000.000001.A1', UNKNOWN_DL]));

    for (const bad of ['always_epc_urn', 'Both']) {
      const res = await get(bad);
      const body = expectProblem(res, 400, 'epcisException:QueryParameterException', 'EPCIS_QUERY_PARAMETER', byResponse('400QueryIssues'));
      expect(body.error.details[0].field).toBe('headers.GS1-EPC-Format');
      expect(body.detail).toMatch(/GS1-EPC-Format/);
    }
  });
});
