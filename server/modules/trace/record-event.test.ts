import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildErrorDeclaration } from '../../../common/trace-error-declaration.ts';
import { buildRecordEvent, checkRecordEvent, type RecordEventInput } from '../../../common/trace-record-event.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { loginTeaCoop, storedEventCount } from './test-enterprises.ts';

// The demo enterprise (湖州示范食品, account enterprise1) owns the plant and the warehouse; the farm is the tea cooperative's.
const PLANT = { identifier: 'https://id.gs1.org/414/6970000000017', gln: '6970000000017' };
const WAREHOUSE = { identifier: 'https://id.gs1.org/414/6970000000024', gln: '6970000000024' };
const FARM = { identifier: 'https://id.gs1.org/414/6970000001014', gln: '6970000001014' };
const GTIN = '06970000000116';
const LOT = 'WEB-20261201';
const BATCH = `https://id.gs1.org/01/${GTIN}/10/${LOT}`;

const form = (n: number, over: Partial<RecordEventInput>): RecordEventInput => ({
  eventID: `urn:uuid:7e5a0c1e-0000-4000-8000-${String(n).padStart(12, '0')}`,
  step: 'commissioning',
  batch: BATCH,
  lot: LOT,
  quantity: 480,
  uom: 'XBX',
  localTime: '2026-12-01T08:30',
  location: PLANT,
  ...over,
});

/**
 * The web form's events (登记批次事件, common/trace-record-event.ts) through the real capture path, as the enterprise's
 * web session sends them: the official EPCIS 2.0 schema accepts all four, the enterprise's location rule holds, a
 * retried submission is stored once, and the trace and the consumer page read what was recorded.
 */
describe.each(DB_KINDS)('events recorded with the web form on %s', (kind) => {
  let t: TestApp;
  let enterprise: Client;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    enterprise = await t.login('enterprise1');
  });
  afterAll(() => t.close());

  const post = (event: Record<string, unknown>) => enterprise.request({ method: 'POST', url: '/epcis/events', payload: event });

  it('stores production, shipment, receipt and inspection of a batch once each, and the trace and the consumer page show them', async () => {
    const inputs = [
      form(1, { step: 'commissioning', quantity: 480, uom: 'XBX', expiryDate: '2027-11-30' }),
      form(2, { step: 'shipping', localTime: '2026-12-02T09:00', destinationGln: '6970000001021', reference: 'FH-20261202-07' }),
      form(3, { step: 'receiving', localTime: '2026-12-02T15:00', location: WAREHOUSE, reference: 'FH-20261202-07' }),
      form(4, { step: 'inspecting', localTime: '2026-12-03T10:00', quantity: 6, uom: 'H87', conformant: true, reference: 'JC2026-1203-001' }),
    ];
    for (const input of inputs) {
      expect(checkRecordEvent(input, new Date('2026-12-07T00:00:00Z'))).toEqual([]);
      const event = buildRecordEvent(input);
      const first = await post(event);
      expect(first.statusCode, first.body).toBe(201);
      // A second click, or a retry after a lost answer, sends the same eventID: acknowledged, not stored twice.
      const again = await post(event);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toEqual({ eventID: input.eventID, created: false });
    }

    const stored = await enterprise.get(`/epcis/events?MATCH_epcClass=${encodeURIComponent(BATCH)}&perPage=50`);
    expect(stored.statusCode, stored.body).toBe(200);
    const events = stored.json().epcisBody.queryResults.resultsBody.eventList as Record<string, unknown>[];
    expect(events.map((e) => [e.bizStep, e.disposition])).toEqual([
      ['commissioning', 'active'],
      ['shipping', 'in_transit'],
      ['receiving', 'in_progress'],
      ['inspecting', 'conformant'],
    ]);
    expect(events[1]?.bizTransactionList).toEqual([{ type: 'desadv', bizTransaction: 'urn:epcglobal:cbv:bt:6970000000017:FH-20261202-07' }]);

    // The regulators' trace (enterprises read their own events through EPCIS, not the trace).
    const trace = await (await t.login('admin')).get(`/api/v1/trace?code=${encodeURIComponent(BATCH)}&direction=forward`);
    expect(trace.statusCode, trace.body).toBe(200);
    expect([...trace.json().events].sort()).toEqual(inputs.map((i) => i.eventID).sort());

    // The consumer page: the inspection with its report number (not the URN), the expiry as recorded, no document numbers.
    const page = await t.anonymous.request({ method: 'GET', url: `/01/${GTIN}/10/${LOT}?linkType=gs1:traceability` });
    expect(page.statusCode, page.body).toBe(200);
    const view = page.json();
    expect(view.inspection).toMatchObject({ result: 'conformant', report: 'JC2026-1203-001' });
    expect(view.expiryDate).toBe('2027-11-30');
    expect(view.timeline.map((step: { bizStep: string }) => step.bizStep)).toEqual(['commissioning', 'shipping', 'receiving', 'inspecting']);
    expect(page.body).not.toContain('FH-20261202-07');
  });

  it('lists a refused upload or event in 上报记录 with its reason, storing no event of it', async () => {
    const events = () => storedEventCount(t);
    const before = await events();
    const good = buildRecordEvent(form(20, { step: 'receiving', lot: 'WEB-REFUSED', batch: `https://id.gs1.org/01/${GTIN}/10/WEB-REFUSED` }));
    const { eventTime: _t, ...undated } = buildRecordEvent(form(21, { step: 'receiving' }));
    const document = {
      '@context': good['@context'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-12-07T00:00:00Z',
      epcisBody: { eventList: [good, undated] },
    };
    const refused = await enterprise.request({ method: 'POST', url: '/epcis/capture', payload: document });
    expect(refused.statusCode, refused.body).toBe(400);
    const single = await post(undated);
    expect(single.statusCode, single.body).toBe(400);
    expect(await events()).toBe(before);

    const list = (await enterprise.get('/api/v1/trace/captures?status=failed&pageSize=10')).json();
    expect(
      list.items.slice(0, 2).map((j: { documentType: string; eventCount: number; storedCount: number }) => [j.documentType, j.eventCount, j.storedCount]),
    ).toEqual([
      ['ObjectEvent', 1, 0],
      ['EPCISDocument', 2, 0],
    ]);
    expect(list.items[1].firstError).toMatch(/\/epcisBody\/eventList\/1/);
  });

  it('declares a recorded event erroneous from what the batch query returned: kept, marked, gone from the consumer page', async () => {
    const lot = 'WEB-DECLARE';
    const batch = `https://id.gs1.org/01/${GTIN}/10/${lot}`;
    const made = form(30, { step: 'commissioning', lot, batch, quantity: 500 });
    const inspected = form(31, {
      step: 'inspecting',
      lot,
      batch,
      localTime: '2026-12-02T10:00',
      quantity: 6,
      uom: 'H87',
      conformant: true,
      reference: 'JC-WRONG-1',
    });
    for (const input of [made, inspected]) expect((await post(buildRecordEvent(input))).statusCode).toBe(201);

    // What the web reads: the batch's events, as the query returns them (document @context, recordTime added).
    const listed = await enterprise.get(`/epcis/events?MATCH_anyEPCClass=${encodeURIComponent(batch)}&perPage=50`);
    expect(listed.statusCode, listed.body).toBe(200);
    const doc = listed.json();
    const wrong = (doc.epcisBody.queryResults.resultsBody.eventList as Record<string, unknown>[]).find((e) => e.eventID === inspected.eventID);
    expect(wrong?.recordTime).toBeDefined();
    const declaration = buildErrorDeclaration({
      event: wrong ?? {},
      reason: 'did_not_occur',
      declarationTime: '2026-12-07T09:00:00+08:00',
      context: doc['@context'],
    });

    // Another enterprise cannot declare it: the event stands at enterprise1's plant.
    const tea = await loginTeaCoop(t, await t.login('admin'));
    const foreign = await tea.request({ method: 'POST', url: '/epcis/events', payload: declaration });
    expect(foreign.statusCode, foreign.body).toBe(403);
    expect(foreign.json().error.code).toBe('TRACE_LOCATION_NOT_YOURS');

    const declared = await post(declaration);
    expect(declared.statusCode, declared.body).toBe(201);
    // The same declaration again (a second click, a lost answer): acknowledged, stored once.
    expect((await post(declaration)).statusCode).toBe(200);

    const both = await enterprise.get(`/epcis/events/${encodeURIComponent(inspected.eventID)}`);
    const versions = both.json().epcisBody.queryResults.resultsBody.eventList as { errorDeclaration?: { reason: string } }[];
    expect(versions.map((e) => e.errorDeclaration?.reason ?? null)).toEqual([null, 'did_not_occur']);

    // The consumer page leaves the withdrawn inspection out: no report is shown for the batch.
    const page = await t.anonymous.request({ method: 'GET', url: `/01/${GTIN}/10/${lot}?linkType=gs1:traceability` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().inspection).toBeNull();
    expect(page.json().timeline.map((step: { bizStep: string }) => step.bizStep)).toEqual(['commissioning']);
    expect(page.body).not.toContain('JC-WRONG-1');
  });

  it('refuses an event at another enterprise’s location with 403 naming it, and stores nothing', async () => {
    const input = form(9, { step: 'receiving', location: FARM, reference: null });
    const res = await post(buildRecordEvent(input));
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('TRACE_LOCATION_NOT_YOURS');
    expect(res.json().error.message).toContain('6970000001014');
    expect((await enterprise.get(`/epcis/events/${encodeURIComponent(input.eventID)}`)).statusCode).toBe(404);
  });
});
