import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../seed/trace-demo.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { storedEventCount } from './test-enterprises.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/fixtures/epcis/gs1-EPCIS');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

const examples = filesUnder(path.join(FIXTURES, 'JSON'))
  .filter((f) => f.endsWith('.jsonld'))
  .sort();
const read = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>;
type Event = Record<string, unknown>;
const eventsOf = (doc: Record<string, unknown>): Event[] => {
  const body = doc.epcisBody as { eventList?: Event[]; queryResults?: { resultsBody: { eventList: Event[] } } };
  return body.eventList ?? body.queryResults?.resultsBody.eventList ?? [];
};
const capture = (c: Client, doc: unknown) =>
  c.request({ method: 'POST', url: '/epcis/capture', payload: doc as object, headers: { 'content-type': 'application/ld+json' } });

/**
 * Two pairs of official examples share an eventID with different content (AssociationEvent-f and the
 * sourceOrDestination example; SensorDataExample13 and 17): whichever is captured second is a 409
 * under the rule "different event, same eventID". Each is valid on its own, which the second test shows.
 */
const CROSS_FILE_ID_CLASHES = [
  'AssociationEvent-f.jsonld',
  'Example-Type-sourceOrDestination,measurement,bizTransaction.jsonld',
  'SensorDataExample17.jsonld',
  'SensorDataExample13.jsonld',
];
let refusedInOrder: string[] = [];

describe.each(DB_KINDS)('EPCIS 2.0 capture and query on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const eventCount = () => storedEventCount(t);

  it('accepts every official example document and returns each event equal in content', async () => {
    expect(examples).toHaveLength(47);
    const refused: string[] = [];
    for (const file of examples) {
      const res = await capture(admin, read(file));
      if (res.statusCode !== 202) {
        refused.push(`${path.basename(file)} ${res.statusCode} ${res.json().error?.code}`);
        continue;
      }
      expect(res.headers.location).toMatch(/^\/epcis\/capture\/[0-9a-f-]{36}$/);
      const job = (await admin.get(String(res.headers.location))).json();
      expect(job).toMatchObject({ running: false, success: true });
    }
    // Only the documented cross-file eventID clashes are refused (409), and only when captured after their twin.
    expect(refused, refused.join('; ')).toHaveLength(2);
    for (const r of refused) {
      expect(r).toMatch(/ 409 EPCIS_EVENT_ID_CONFLICT$/);
      expect(
        CROSS_FILE_ID_CLASHES.some((f) => r.startsWith(f)),
        r,
      ).toBe(true);
    }
    refusedInOrder = refused.map((r) => r.split(' ')[0] ?? '');
    // Lossless: every event that has an eventID comes back with the same content (plus recordTime).
    for (const file of examples.filter((f) => !refused.some((r) => r.startsWith(path.basename(f))))) {
      for (const event of eventsOf(read(file)).filter((e) => typeof e.eventID === 'string' && !e.errorDeclaration)) {
        const res = await admin.get(`/epcis/events/${encodeURIComponent(String(event.eventID))}`);
        expect(res.statusCode, `${path.basename(file)} ${event.eventID}`).toBe(200);
        const found = (res.json().epcisBody.queryResults.resultsBody.eventList as Event[]).filter((e) => !e.errorDeclaration);
        const { recordTime: _r, ...stored } = found[0] ?? {};
        const { recordTime: _o, ...original } = event;
        expect(stored, `${path.basename(file)} ${event.eventID}`).toEqual(original);
      }
    }
  });

  it('accepts the clashing examples on their own, and the five single test events', async () => {
    const fresh = await buildTestApp(kind);
    try {
      const city = await fresh.login('admin');
      expect(refusedInOrder).toHaveLength(2);
      for (const name of refusedInOrder) {
        const file = examples.find((f) => path.basename(f) === name);
        if (!file) throw new Error(name);
        expect((await capture(city, read(file))).statusCode, name).toBe(202);
      }
      const singles = filesUnder(path.join(FIXTURES, 'JSON-Schema', 'test')).filter((f) => /Event\.json$/.test(f));
      expect(singles).toHaveLength(5);
      for (const file of singles) {
        const res = await city.request({ method: 'POST', url: '/epcis/events', payload: read(file), headers: { 'content-type': 'application/ld+json' } });
        expect(res.statusCode, path.basename(file)).toBe(201);
        expect(res.headers.location).toMatch(/^\/epcis\/events\//);
      }
    } finally {
      await fresh.close();
    }
  });

  it('refuses the known-bad files with 400 naming the failing path, and stores nothing of them', async () => {
    const bad: [string, RegExp][] = [
      ['JSON-simple-context/Example-TransactionEvents-2020_07_03y.jsonld', /destinationList/],
      ['JSON-simple-context/WithFullCombinationOfFields/object_event_all_possible_fields.jsonld', /\/epcisBody\/eventList\/\d+/],
      ['JSON-simple-context/WithSensorData/SensorDataExample12.jsonld', /^\/($|schemaVersion|creationDate)/],
      ['JSON-simple-context/WithSensorData/SensorDataExample17.jsonld', /^\/schemaVersion$/],
      ['XML/WithEventHashID/event_with_identical_hash_id_7.json', /\/epcisBody\/eventList\/\d+\//],
    ];
    for (const [file, pathPattern] of bad) {
      const before = await eventCount();
      const res = await capture(admin, read(path.join(FIXTURES, file)));
      expect(res.statusCode, file).toBe(400);
      const body = res.json();
      expect(body.error.code).toBe('EPCIS_VALIDATION_FAILED');
      expect(
        body.error.details.map((d: { field: string }) => d.field).some((f: string) => pathPattern.test(f)),
        `${file}: ${JSON.stringify(body.error.details)}`,
      ).toBe(true);
      expect(await eventCount()).toBe(before);
    }
  });

  it('acknowledges an identical re-capture, refuses a different event under a stored eventID, and keeps an error declaration as the correction', async () => {
    const doc = read(path.join(FIXTURES, 'JSON', 'Example_9.6.1-ObjectEvent.jsonld'));
    const again = (await capture(admin, doc)).json();
    expect(again).toMatchObject({ success: true, storedCount: 0, duplicateCount: eventsOf(doc).length });
    const changed = structuredClone(doc);
    const first = eventsOf(changed)[0];
    if (!first) throw new Error('no event');
    first.bizStep = 'receiving';
    const before = await eventCount();
    const conflict = await capture(admin, changed);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.details[0].field).toBe('/epcisBody/eventList/0/eventID');
    expect(await eventCount()).toBe(before);

    const declared = structuredClone(doc);
    const original = eventsOf(declared)[0];
    if (!original) throw new Error('no event');
    original.errorDeclaration = { declarationTime: '2026-11-01T00:00:00.000+08:00', reason: 'incorrect_data' };
    declared.epcisBody = { eventList: [original] };
    expect((await capture(admin, declared)).statusCode).toBe(202);
    const both = (await admin.get(`/epcis/events/${encodeURIComponent(String(original.eventID))}`)).json().epcisBody.queryResults.resultsBody.eventList;
    expect(both).toHaveLength(2);
    expect(both.filter((e: Event) => e.errorDeclaration)).toHaveLength(1);
  });

  it('stores the new events of a document that also repeats stored ones, and two identical captures at once store each event once', async () => {
    const event = (n: number) => ({
      type: 'ObjectEvent',
      eventID: `urn:uuid:7a1c0de0-0000-4000-8000-00000000000${n}`,
      eventTime: '2026-11-21T08:00:00.000+08:00',
      eventTimeZoneOffset: '+08:00',
      action: 'OBSERVE',
      bizStep: 'inspecting',
      epcList: [`https://id.gs1.org/01/06970000000116/21/MIX-${n}`],
      readPoint: { id: 'https://id.gs1.org/414/6970000000017' },
      bizLocation: { id: 'https://id.gs1.org/414/6970000000017' },
    });
    const docOf = (...events: object[]) => ({
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-11-21T08:00:00.000+08:00',
      epcisBody: { eventList: events },
    });
    expect((await capture(admin, docOf(event(1)))).json()).toMatchObject({ storedCount: 1, duplicateCount: 0 });
    // The key keeps no hash (migration 0018): a repeat is compared with the stored event itself, so the same
    // content written differently (members reordered, the same instant in another offset) is still the same event.
    const key = await t.database.db.selectFrom('trace_event_key').select('content_hash').where('event_id', '=', event(1).eventID).executeTakeFirstOrThrow();
    expect(key.content_hash).toBeNull();
    const { eventTime: _time, ...rest } = event(1);
    const rewritten = { eventTime: '2026-11-21T00:00:00Z', ...Object.fromEntries(Object.entries(rest).reverse()) };
    expect((await capture(admin, docOf(rewritten))).json()).toMatchObject({ success: true, storedCount: 0, duplicateCount: 1 });
    expect((await capture(admin, docOf({ ...rewritten, eventTime: '2026-11-21T00:00:01Z' }))).statusCode).toBe(409);
    const before = await eventCount();
    expect((await capture(admin, docOf(event(1), event(2)))).json()).toMatchObject({ success: true, storedCount: 1, duplicateCount: 1 });
    expect(await eventCount()).toBe(before + 1);

    const both = await Promise.all([capture(admin, docOf(event(3), event(4))), capture(admin, docOf(event(3), event(4)))]);
    expect(both.map((r) => r.statusCode)).toEqual([202, 202]);
    expect(both.map((r) => r.json().storedCount).sort()).toEqual([0, 2]);
    expect(await eventCount()).toBe(before + 3);
  });

  it('lets an enterprise capture by API key at its own locations only', async () => {
    const own = {
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'ObjectEvent',
      eventID: 'urn:uuid:0f9d2b2e-0000-4000-8000-000000000001',
      eventTime: '2026-11-20T08:00:00.000+08:00',
      eventTimeZoneOffset: '+08:00',
      action: 'ADD',
      bizStep: 'commissioning',
      disposition: 'active',
      quantityList: [{ epcClass: 'https://id.gs1.org/01/06970000000116/10/L2026-11-20', quantity: 500, uom: 'KGM' }],
      readPoint: { id: 'https://id.gs1.org/414/6970000000017' },
      bizLocation: { id: 'https://id.gs1.org/414/6970000000017' },
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/epcis/events',
      payload: own,
      headers: { ...bearer(DEMO_API_KEY), 'content-type': 'application/ld+json' },
    });
    expect(res.statusCode, res.body).toBe(201);
    // Stored with its capture and its location's owner and region (no foreign keys since migration 0020: the
    // capture path sets them); a capture, which its events refer to, cannot be deleted.
    const stored = await sql<{ capture_ok: boolean; region_code: string; enterprise_credit_code: string; location_region: string; capture_id: string }>`
      select e.capture_id::text, e.region_code, e.enterprise_credit_code, l.region_code as location_region,
        exists (select 1 from trace_capture c where c.id = e.capture_id and c.status = 'success') as capture_ok
      from trace_event e join trace_location l on l.identifier = e.biz_location
      where e.event_id = ${own.eventID}`.execute(t.database.db);
    expect(stored.rows).toHaveLength(1);
    const row = stored.rows[0];
    expect(row?.capture_ok).toBe(true);
    expect(row?.region_code).toBe(row?.location_region);
    expect(row?.enterprise_credit_code).toBeTruthy();
    await expect(sql`delete from trace_capture where id = ${row?.capture_id}::uuid`.execute(t.database.db)).rejects.toThrow(/never deleted/);

    const before = await eventCount();
    const foreign = {
      ...own,
      eventID: 'urn:uuid:0f9d2b2e-0000-4000-8000-000000000002',
      bizLocation: { id: 'https://id.gs1.org/414/6970000001021' },
      readPoint: { id: 'https://id.gs1.org/414/6970000001021' },
    };
    const refused = await t.app.inject({
      method: 'POST',
      url: '/epcis/events',
      payload: foreign,
      headers: { ...bearer(DEMO_API_KEY), 'content-type': 'application/ld+json' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('TRACE_LOCATION_NOT_YOURS');
    expect(await eventCount()).toBe(before);

    expect((await t.app.inject({ method: 'POST', url: '/epcis/events', payload: own, headers: bearer('zlk_nope_wrong') })).statusCode).toBe(401);
    expect((await t.anonymous.request({ method: 'GET', url: '/epcis/events' })).statusCode).toBe(401);

    // The enterprise reads its own events only; the city reads all.
    const mine = await t.app.inject({ method: 'GET', url: '/epcis/events?perPage=1000', headers: bearer(DEMO_API_KEY) });
    const mineEvents = mine.json().epcisBody.queryResults.resultsBody.eventList as Event[];
    expect(mineEvents.map((e) => e.eventID)).toContain('urn:uuid:0f9d2b2e-0000-4000-8000-000000000001');
    // Only events at 湖州示范食品's own GLNs (the demo chain's plant and warehouse), none of the official examples.
    for (const e of mineEvents) expect(String((e.bizLocation as { id: string }).id)).toMatch(/\/414\/697000000002[04]|\/414\/6970000000017/);
    const audit = (await admin.get('/api/v1/audit?action=trace.capture&pageSize=200')).json();
    expect(audit.items.some((a: { actorUsername: string }) => a.actorUsername === 'enterprise1')).toBe(true);
  });

  it('answers the standard query parameters, pages with Link rel=next, and refuses unknown parameters', async () => {
    const shipping = (await admin.get('/epcis/events?EQ_bizStep=shipping&perPage=1000')).json().epcisBody.queryResults.resultsBody.eventList as Event[];
    expect(shipping.length).toBeGreaterThan(0);
    for (const e of shipping) expect(String(e.bizStep)).toMatch(/shipping$/);
    const page1 = await admin.get('/epcis/events?perPage=2');
    expect(page1.headers.link).toMatch(/rel="next"/);
    const next = /<([^>]+)>/.exec(String(page1.headers.link))?.[1] ?? '';
    const page2 = (await admin.get(next)).json().epcisBody.queryResults.resultsBody.eventList as Event[];
    const first = page1.json().epcisBody.queryResults.resultsBody.eventList as Event[];
    expect(page2.length).toBe(2);
    expect(page2.map((e) => e.eventID)).not.toContain(first[0]?.eventID);
    const epc = (await admin.get('/epcis/events?MATCH_anyEPC=urn:epc:id:sgtin:0614141.107346.2017&perPage=1000')).json();
    expect(epc.epcisBody.queryResults.resultsBody.eventList.length).toBeGreaterThan(0);
    const bad = await admin.get('/epcis/events?EQ_colour=red');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('query.EQ_colour');
    const types = (await admin.get('/epcis/eventTypes')).json().member;
    expect(types).toEqual(expect.arrayContaining(['ObjectEvent', 'AggregationEvent', 'TransformationEvent']));
  });
});
