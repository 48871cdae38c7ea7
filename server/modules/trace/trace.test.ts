import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CODES } from '../../seed/trace-demo.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';

const CTX = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];
const DL = 'https://id.gs1.org';
const FARM = `${DL}/414/6970000001014`; // 安吉示范茶叶合作社 (330523)
const PLANT = `${DL}/414/6970000000017`; // 湖州示范食品 织里 (330502100)
const STORE = `${DL}/414/6970000001021`; // 德清示范超市 (330521)
const leaf = (lot: string) => `${DL}/01/06970000000109/10/${lot}`;
const TEA_A = leaf('LEAF-A');
const TEA_B = leaf('LEAF-B');
const DRINK = `${DL}/01/06970000000116/10/DRINK-1`;
const OTHER = `${DL}/01/06970000000116/10/DRINK-2`;
const PALLET = `${DL}/00/006970000000000026`;

let n = 0;
const base = (time: string, where: string) => ({
  eventID: `urn:uuid:5a1e0000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  eventTime: time,
  eventTimeZoneOffset: '+08:00',
  readPoint: { id: where },
  bizLocation: { id: where },
});

/** Farm → plant (two leaf lots become one drink lot) → pallet → shipped to the store; plus an unrelated lot. */
function chain() {
  return {
    '@context': CTX,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-11-20T00:00:00Z',
    epcisBody: {
      eventList: [
        {
          type: 'ObjectEvent',
          action: 'ADD',
          bizStep: 'commissioning',
          quantityList: [{ epcClass: TEA_A, quantity: 100, uom: 'KGM' }],
          ...base('2026-11-01T08:00:00+08:00', FARM),
        },
        {
          type: 'ObjectEvent',
          action: 'ADD',
          bizStep: 'commissioning',
          quantityList: [{ epcClass: TEA_B, quantity: 80, uom: 'KGM' }],
          ...base('2026-11-01T09:00:00+08:00', FARM),
        },
        {
          type: 'TransformationEvent',
          bizStep: 'commissioning',
          inputQuantityList: [
            { epcClass: TEA_A, quantity: 100, uom: 'KGM' },
            { epcClass: TEA_B, quantity: 80, uom: 'KGM' },
          ],
          outputQuantityList: [{ epcClass: DRINK, quantity: 2000, uom: 'LTR' }],
          ...base('2026-11-05T10:00:00+08:00', PLANT),
        },
        {
          type: 'ObjectEvent',
          action: 'ADD',
          bizStep: 'commissioning',
          quantityList: [{ epcClass: OTHER, quantity: 10, uom: 'LTR' }],
          ...base('2026-11-05T11:00:00+08:00', PLANT),
        },
        {
          type: 'AggregationEvent',
          action: 'ADD',
          bizStep: 'packing',
          parentID: PALLET,
          childQuantityList: [{ epcClass: DRINK, quantity: 2000, uom: 'LTR' }],
          ...base('2026-11-06T08:00:00+08:00', PLANT),
        },
        {
          type: 'ObjectEvent',
          action: 'OBSERVE',
          bizStep: 'shipping',
          disposition: 'in_transit',
          epcList: [PALLET],
          ...base('2026-11-06T09:00:00+08:00', PLANT),
          destinationList: [{ type: 'location', destination: STORE }],
        },
        {
          type: 'ObjectEvent',
          action: 'OBSERVE',
          bizStep: 'receiving',
          disposition: 'in_progress',
          epcList: [PALLET],
          ...base('2026-11-07T09:00:00+08:00', STORE),
        },
      ],
    },
  };
}

describe.each(DB_KINDS)('backward/forward trace and recall scope on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    const res = await admin.request({ method: 'POST', url: '/epcis/capture', payload: chain(), headers: { 'content-type': 'application/ld+json' } });
    expect(res.statusCode, res.body).toBe(202);
  });
  afterAll(() => t.close());

  it('traces backward through the transformation to both leaf lots and up to the pallet', async () => {
    const res = await admin.get(`/api/v1/trace?code=${encodeURIComponent(DRINK)}&direction=backward`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.root).toBe(DRINK);
    expect([...body.codes].sort()).toEqual([DRINK, PALLET, TEA_A, TEA_B].sort());
    expect(body.codes).not.toContain(OTHER);
    // Every event naming a reached code: both commissionings, the transformation, packing, shipping, receiving.
    expect(body.events).toHaveLength(6);
    // The links walked, as the goods went: both leaf lots into the drink lot, the drink lot onto the pallet.
    expect(body.edges.map((e: { source: string; target: string; kind: string }) => [e.source, e.target, e.kind])).toEqual(
      [
        [DRINK, PALLET, 'aggregation'],
        [TEA_A, DRINK, 'transformation'],
        [TEA_B, DRINK, 'transformation'],
      ].sort((x, y) => (`${x[0]}${x[1]}` < `${y[0]}${y[1]}` ? -1 : 1)),
    );
    for (const edge of body.edges) {
      expect(edge.events).toHaveLength(1);
      expect(body.events).toContain(edge.events[0]);
    }
    const forward = (await admin.get(`/api/v1/trace?code=${encodeURIComponent(TEA_A)}&direction=forward`)).json();
    expect(forward.edges.map((e: { source: string; target: string }) => [e.source, e.target])).toEqual([[TEA_A, DRINK]]);
  });

  it('traces forward from a contaminated leaf lot to the drink lot only, and accepts an EPC URN', async () => {
    const res = await admin.get(`/api/v1/trace?code=${encodeURIComponent(TEA_A)}&direction=forward`);
    expect([...res.json().codes].sort()).toEqual([DRINK, TEA_A].sort());
    const urn = await admin.get(`/api/v1/trace?code=${encodeURIComponent('urn:epc:id:sscc:0697000.0000000002')}&direction=forward`);
    expect(urn.statusCode, urn.body).toBe(200);
    const bad = await admin.get(`/api/v1/trace?code=${encodeURIComponent(`${DL}/01/06970000000110/10/X`)}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('query.code');
  });

  it('scopes a recall: downstream lots and where they are now (the store, via the pallet), per region', async () => {
    const res = await admin.get(`/api/v1/trace/recall?code=${encodeURIComponent(TEA_A)}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.lots).toEqual([DRINK]);
    expect(body.holders).toEqual(
      expect.arrayContaining([expect.objectContaining({ location: STORE, regionCode: '330521', codes: expect.arrayContaining([DRINK]) })]),
    );
    expect(body.byRegion).toEqual(expect.arrayContaining([expect.objectContaining({ regionCode: '330521', regionName: '德清县' })]));
    expect(body.enterprises).toContain('91330521MA2D1E2F3D');
  });

  it('is for regulators: an enterprise may not run a trace', async () => {
    const enterprise = await t.login('enterprise1');
    expect((await enterprise.get(`/api/v1/trace?code=${encodeURIComponent(DRINK)}`)).statusCode).toBe(403);
  });

  it('exports the trace as a sortable spreadsheet, one row per critical tracking event item (xlsx and CSV)', async () => {
    const csv = await admin.get(`/api/v1/trace/export.csv?code=${encodeURIComponent(DRINK)}&direction=backward`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('事件时间,事件类型,业务步骤,追溯码,批次/序列号,数量,单位,发生地点,地点名称,来源地点,目的地点,单据,事件ID');
    expect(lines.some((l) => l.includes('TransformationEvent') && l.includes('LEAF-A') && l.includes('100') && l.includes('KGM'))).toBe(true);
    expect(lines.some((l) => l.includes('发货') && l.includes(STORE))).toBe(true);
    const xlsx = await admin.get(`/api/v1/trace/export.xlsx?code=${encodeURIComponent(DRINK)}&direction=backward`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it("registers enterprise locations within the caller's region, with GLN and credit-code checks", async () => {
    const anji = await t.login('anji');
    const ok = await anji.post('/api/v1/trace/locations', {
      gln: '6970000002011',
      name: '安吉示范竹制品厂',
      enterpriseCreditCode: '93330523MA2C0D1E2Q',
      enterpriseName: '安吉示范茶叶合作社（演示）',
      regionCode: '330523',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().identifier).toBe('https://id.gs1.org/414/6970000002011');
    const elsewhere = await anji.post('/api/v1/trace/locations', {
      gln: '6970000002028',
      name: 'x',
      enterpriseCreditCode: '93330523MA2C0D1E2Q',
      enterpriseName: 'x',
      regionCode: '330502',
    });
    expect(elsewhere.statusCode).toBe(404);
    const badGln = await admin.post('/api/v1/trace/locations', {
      gln: '6970000002012',
      name: 'x',
      enterpriseCreditCode: '93330523MA2C0D1E2Q',
      enterpriseName: 'x',
      regionCode: '330523',
    });
    expect(badGln.statusCode).toBe(400);
    expect(badGln.json().error.details[0].field).toBe('body.gln');
    const list = (await anji.get('/api/v1/trace/locations')).json().items;
    expect(list.every((l: { regionCode: string }) => l.regionCode.startsWith('330523'))).toBe(true);
  });

  it('the demo supply chain is captured through EPCIS and traces from the drink lot back to both tea-leaf lots', async () => {
    const body = (await admin.get(`/api/v1/trace?code=${encodeURIComponent(DEMO_CODES.drinkLot)}&direction=backward`)).json();
    expect([...body.codes].sort()).toEqual([DEMO_CODES.drinkLot, DEMO_CODES.pallet, DEMO_CODES.teaLotA, DEMO_CODES.teaLotB].sort());
    const recall = (await admin.get(`/api/v1/trace/recall?code=${encodeURIComponent(DEMO_CODES.teaLotA)}`)).json();
    expect(recall.byRegion.map((r: { regionName: string }) => r.regionName)).toContain('德清县');
  });
});
