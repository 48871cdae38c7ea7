import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test-support/app.ts';
import { DB_KINDS } from '../../../test-support/db.ts';

const CTX = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { example: 'http://ns.example.com/epcis/' }];
const DL = 'https://id.gs1.org';
const BASE = 'http://localhost:8080';
const PLANT = `${DL}/414/6970000000017`; // 湖州示范食品 织里生产基地 (330502100)
const STORE = `${DL}/414/6970000001021`; // 德清示范超市 门店 (330521)
const GTIN = '06970000000123';
const LOT = `${DL}/01/${GTIN}/10/TEA-2026A`;
const OTHER_LOT = `${DL}/01/${GTIN}/10/TEA-2026B`;
const PALLET = `${DL}/00/006970000000000026`;

// What must never reach a consumer: prices, contract numbers, purchase orders, despatch advices, parties, quantities,
// personal data, sensor readings and their devices.
const PRIVATE = [
  '88.88',
  'price',
  'HT-2026-SECRET',
  'PO-SECRET-4711',
  'DESADV-SECRET-1',
  'SECRET-PARTY-88',
  'SECRET-BUYER-99',
  'possessing_party',
  'owning_party',
  'erp.example.com',
  'partners.example.com',
  '张三',
  '13800138000',
  '1234.5',
  '37.25',
  'SENSOR-DEV-7',
  'ns.example.com',
];

let n = 0;
const at = (time: string, where: string) => ({
  eventID: `urn:uuid:7e5a0000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  eventTime: time,
  eventTimeZoneOffset: '+08:00',
  readPoint: { id: where },
  bizLocation: { id: where },
});
const doc = (eventList: unknown[]) => ({
  '@context': CTX,
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-10-20T00:00:00Z',
  epcisBody: { eventList },
});

const storing = {
  type: 'ObjectEvent',
  action: 'OBSERVE',
  bizStep: 'storing',
  quantityList: [{ epcClass: LOT }],
  ...at('2026-10-09T10:00:00+08:00', STORE),
};

/** Production (with a price, a purchase order and personal data) → pallet → shipped (parties, contract) → received → unpacked → inspected. */
function chain() {
  return doc([
    {
      type: 'ObjectEvent',
      action: 'ADD',
      bizStep: 'commissioning',
      disposition: 'active',
      quantityList: [{ epcClass: LOT, quantity: 1234.5, uom: 'KGM' }],
      ...at('2026-10-01T08:00:00+08:00', PLANT),
      bizTransactionList: [{ type: 'po', bizTransaction: 'https://erp.example.com/po/PO-SECRET-4711' }],
      ilmd: { 'cbvmda:productionDate': '2026-10-01', 'cbvmda:itemExpirationDate': '2027-09-30', 'example:batchOperator': '张三 13800138000' },
      'example:price': 88.88,
    },
    {
      type: 'AggregationEvent',
      action: 'ADD',
      bizStep: 'packing',
      parentID: PALLET,
      childQuantityList: [{ epcClass: LOT, quantity: 1234.5, uom: 'KGM' }],
      ...at('2026-10-02T08:00:00+08:00', PLANT),
    },
    // Another lot on the same pallet: the pallet's packing of other goods is not our lot's story.
    {
      type: 'AggregationEvent',
      action: 'ADD',
      bizStep: 'packing',
      parentID: PALLET,
      childQuantityList: [{ epcClass: OTHER_LOT, quantity: 10, uom: 'KGM' }],
      ...at('2026-10-02T09:00:00+08:00', PLANT),
    },
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      epcList: [PALLET],
      ...at('2026-10-03T09:00:00+08:00', PLANT),
      bizTransactionList: [{ type: 'desadv', bizTransaction: 'https://erp.example.com/desadv/DESADV-SECRET-1' }],
      sourceList: [{ type: 'possessing_party', source: 'https://partners.example.com/party/SECRET-PARTY-88' }],
      destinationList: [{ type: 'owning_party', destination: 'https://partners.example.com/party/SECRET-BUYER-99' }],
      'example:contractNo': 'HT-2026-SECRET',
    },
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'in_progress',
      epcList: [PALLET],
      ...at('2026-10-04T09:00:00+08:00', STORE),
    },
    {
      type: 'AggregationEvent',
      action: 'DELETE',
      bizStep: 'unpacking',
      parentID: PALLET,
      childQuantityList: [{ epcClass: LOT }],
      ...at('2026-10-04T10:00:00+08:00', STORE),
    },
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'inspecting',
      disposition: 'conformant',
      quantityList: [{ epcClass: LOT }],
      ...at('2026-10-05T14:30:00+08:00', STORE),
      bizTransactionList: [{ type: 'testres', bizTransaction: 'https://lab.example.org/report/HZ-2026-0042' }],
      sensorElementList: [{ sensorMetadata: { deviceID: 'urn:example:SENSOR-DEV-7' }, sensorReport: [{ type: 'Temperature', value: 37.25, uom: 'CEL' }] }],
      certificationInfo: 'https://cert.example.org/organic/ORG-77',
    },
    // After the lot left the pallet, the pallet's travels are someone else's.
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'shipping',
      epcList: [PALLET],
      ...at('2026-10-06T09:00:00+08:00', STORE),
    },
    storing,
  ]);
}

describe.each(DB_KINDS)('GS1 Digital Link resolver and consumer page on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  const page = (url: string, accept = 'text/html,application/xhtml+xml,*/*;q=0.8') => t.anonymous.request({ method: 'GET', url, headers: { accept } });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    const product = await admin.post('/api/v1/trace/products', {
      gtin: GTIN,
      name: '安吉白茶（明前特级）',
      brand: '示范',
      spec: '250 克/罐',
      category: '茶叶',
      shelfLifeDays: 540,
      enterpriseCreditCode: '91330502MA2B3C4D58',
      enterpriseName: '湖州示范食品有限公司（演示）',
    });
    expect(product.statusCode, product.body).toBe(201);
    const captured = await admin.request({ method: 'POST', url: '/epcis/capture', payload: chain(), headers: { 'content-type': 'application/ld+json' } });
    expect(captured.statusCode, captured.body).toBe(202);
    // The storing event is withdrawn by an error declaration (EPCIS 2.0 §7.4.1.2): it must not show.
    const withdrawn = await admin.request({
      method: 'POST',
      url: '/epcis/capture',
      payload: doc([{ ...storing, errorDeclaration: { declarationTime: '2026-10-10T00:00:00Z', reason: 'incorrect_data' } }]),
      headers: { 'content-type': 'application/ld+json' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(202);
  });
  afterAll(() => t.close());

  it('serves the consumer page of a batch: product, producer, dates, inspection and the chain of custody', async () => {
    const res = await page(`/01/${GTIN}/10/TEA-2026A`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers.vary).toContain('Accept');
    const html = res.body;
    expect(html).not.toMatch(/<script/i);
    for (const text of ['一码通 · 湖州质量追溯', '安吉白茶（明前特级）', '250 克/罐', '6970000000123', 'TEA-2026A', '2026年10月1日', '2027年9月30日']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('湖州示范食品有限公司（演示）'); // producer: the enterprise of the commissioning location
    expect(html).toContain('湖州市吴兴区'); // origin: the producer location's region
    // Latest inspection with its report; the organic certificate is for the linkset.
    expect(html).toMatch(/合格[\s\S]*2026年10月5日/);
    expect(html).toContain('HZ-2026-0042');
    // Timeline: the lot's own events and the pallet's while the lot was on it, in order; nothing after unpacking.
    const steps = [...html.matchAll(/<div class="step">([^<]+)/g)].map((m) => m[1]);
    expect(steps).toEqual(['生产赋码', '装箱', '发货', '收货', '拆箱', '检验']);
    expect(html).toContain('随外包装');
    expect(html).toContain('德清示范超市 门店（演示） · 德清县');
    expect(html).not.toContain('仓储'); // withdrawn by its error declaration
    expect(html).toContain('href="/public/plan"');
    expect(html).toContain('href="tel:12315"');
  });

  it('never shows private fields: prices, contracts, purchase orders, parties, quantities, personal or sensor data', async () => {
    const bodies = [
      (await page(`/01/${GTIN}/10/TEA-2026A`)).body,
      (await page(`/01/${GTIN}/10/TEA-2026A`, 'application/linkset+json')).body,
      (await page(`/01/${GTIN}/10/TEA-2026A`, 'application/json')).body,
      (await page(`/01/${GTIN}/10/TEA-2026A?linkType=gs1:traceability`)).body,
      (await page(`/resolve?uri=${encodeURIComponent(LOT)}`)).body,
    ];
    for (const body of bodies) {
      expect(body.length).toBeGreaterThan(200);
      for (const secret of PRIVATE) expect(body, secret).not.toContain(secret);
    }
    // …while what is public does show: the test report (the one business transaction a consumer may see).
    expect(bodies[3]).toContain('HZ-2026-0042');
  });

  it('answers JSON clients with an RFC 9264 linkset anchored at the canonical Digital Link', async () => {
    const res = await page(`/01/${GTIN}/10/TEA-2026A`, 'application/linkset+json');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/linkset\+json/);
    const [entry] = res.json().linkset;
    expect(entry.anchor).toBe(LOT);
    const pip = entry['https://gs1.org/voc/pip'][0];
    expect(pip).toMatchObject({ type: 'text/html', hreflang: ['zh-CN'] });
    expect(pip.href).toBe(`${BASE}/01/${GTIN}/10/TEA-2026A?linkType=gs1%3Apip`);
    expect(pip.title).toContain('安吉白茶');
    expect(entry['https://gs1.org/voc/traceability'][0].href).toBe(`${BASE}/01/${GTIN}/10/TEA-2026A?linkType=gs1%3Atraceability`);
    expect(entry['https://gs1.org/voc/certificationInfo']).toEqual([
      { href: 'https://cert.example.org/organic/ORG-77', title: '认证信息', hreflang: ['zh-CN'] },
    ]);
    const json = await page(`/01/${GTIN}/10/TEA-2026A`, 'application/json');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.json().linkset[0].anchor).toBe(LOT);
    // A browser-like Accept still gets HTML; the pip link gives HTML whatever the Accept.
    expect((await page(`/01/${GTIN}/10/TEA-2026A?linkType=gs1:pip`, 'application/json')).headers['content-type']).toMatch(/^text\/html/);
  });

  it('serves the public timeline JSON (gs1:traceability) with only the allowed fields', async () => {
    const res = await page(`/01/${GTIN}/10/TEA-2026A?linkType=gs1:traceability`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.product).toMatchObject({ registered: true, name: '安吉白茶（明前特级）' });
    expect(view.producer).toBe('湖州示范食品有限公司（演示）');
    expect(view.inspection).toMatchObject({ result: 'conformant', report: 'https://lab.example.org/report/HZ-2026-0042', region: '德清县' });
    expect(view.timeline).toHaveLength(6);
    expect(Object.keys(view.timeline[0]).sort()).toEqual(['bizStep', 'dispositionLabel', 'localTime', 'place', 'region', 'stepLabel', 'time', 'viaContainer']);
    expect(view.timeline[2]).toMatchObject({ bizStep: 'shipping', viaContainer: true, dispositionLabel: '运输中', localTime: '2026-10-03 09:00' });
  });

  it('resolves the same batch given whole: the id.gs1.org URI, an EPC URN, element string, with a zero-suppressed GTIN', async () => {
    for (const uri of [
      LOT,
      'urn:epc:class:lgtin:6970000.000012.TEA-2026A',
      `(01)${GTIN}(10)TEA-2026A`,
      `https://brand.example.com/dl/01/${GTIN}/10/TEA-2026A`,
    ]) {
      const res = await page(`/resolve?uri=${encodeURIComponent(uri)}`, 'application/json');
      expect(res.statusCode, `${uri}: ${res.body}`).toBe(200);
      expect(res.json().linkset[0].anchor).toBe(LOT);
    }
    const short = await page('/01/6970000000123/10/TEA-2026A');
    expect(short.statusCode).toBe(200);
    expect(short.body).toContain('安吉白茶');
  });

  it('serves a product-level page for the GTIN alone', async () => {
    const res = await page(`/01/${GTIN}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('这是产品级条码');
    expect(res.body).toContain('540 天');
    const linkset = await page(`/01/${GTIN}`, 'application/linkset+json');
    expect(linkset.json().linkset[0]).not.toHaveProperty(['https://gs1.org/voc/traceability']);
  });

  it('warns on a registered product whose batch has no records yet', async () => {
    const res = await page(`/01/${GTIN}/10/NEVER-SEEN`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('暂未查询到该批次的追溯记录');
  });

  it('warns of a recalled batch and of a failed inspection', async () => {
    const lotC = `${DL}/01/${GTIN}/10/TEA-2026C`;
    const res = await admin.request({
      method: 'POST',
      url: '/epcis/capture',
      headers: { 'content-type': 'application/ld+json' },
      payload: doc([
        {
          type: 'ObjectEvent',
          action: 'OBSERVE',
          bizStep: 'sampling',
          disposition: 'non_conformant',
          quantityList: [{ epcClass: OTHER_LOT }],
          ...at('2026-10-07T09:00:00+08:00', STORE),
        },
        {
          type: 'ObjectEvent',
          action: 'OBSERVE',
          bizStep: 'holding',
          disposition: 'recalled',
          quantityList: [{ epcClass: OTHER_LOT }],
          ...at('2026-10-08T09:00:00+08:00', STORE),
        },
        {
          type: 'ObjectEvent',
          action: 'OBSERVE',
          bizStep: 'inspecting',
          disposition: 'non_conformant',
          quantityList: [{ epcClass: lotC }],
          ...at('2026-10-07T09:00:00+08:00', STORE),
        },
      ]),
    });
    expect(res.statusCode, res.body).toBe(202);
    const recalled = await page(`/01/${GTIN}/10/TEA-2026B`);
    expect(recalled.body).toContain('该批次产品已召回');
    expect(recalled.body).toContain('最近一次抽样检验');
    const failed = await page(`/01/${GTIN}/10/TEA-2026C`);
    expect(failed.body).toContain('最近一次检验结果：不合格');
    expect(failed.body).not.toContain('该批次产品已召回');
    expect((await page(`/01/${GTIN}/10/TEA-2026A`)).body).not.toContain('role="alert"');
  });

  it('gives a friendly page, not an error dump, for malformed (400) and unknown (404) codes', async () => {
    const bad = await page(`/01/06970000000124/10/TEA-2026A`); // wrong check digit
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
    expect(bad.body).toContain('无法识别的追溯码');
    expect(bad.body).toContain('action="/resolve"');
    expect(bad.body).not.toMatch(/at \w+ \(|node_modules|Error:/);
    const badJson = await page(`/01/06970000000124/10/TEA-2026A`, 'application/json');
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error).toMatchObject({ code: 'TRACE_CODE_INVALID', requestId: expect.any(String) });

    const unknown = await page('/01/06970000000130/10/X1');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('未查询到该追溯码');
    const unknownJson = await page('/01/06970000000130/10/X1', 'application/linkset+json');
    expect(unknownJson.statusCode).toBe(404);
    expect(unknownJson.json().error.code).toBe('TRACE_CODE_UNKNOWN');

    for (const url of ['/01/123', '/01/', `/01/${GTIN}/21/S1/10/L1`, '/resolve?uri=hello', '/resolve']) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toContain('无法识别的追溯码');
    }
    // The old platform-code paths are gone: one scheme (/01/) for every product.
    expect((await page('/p/91330502MA2B3C4D58/TEA-500G/b/1')).statusCode).toBe(404);
    const pallet = await page(`/resolve?uri=${encodeURIComponent(PALLET)}`);
    expect(pallet.statusCode).toBe(404);
    // User input is escaped on the page.
    const xss = await page(`/resolve?uri=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    expect(xss.body).not.toContain('<img src=x');
    expect(xss.body).toContain('&lt;img src=x');
  });

  it('lists the raw-material lots of the demo drink batch: product, lot, producer and region, nothing private', async () => {
    const url = '/01/06970000000116/10/HZ-2025-0506';
    const html = (await page(url)).body;
    const section = /<section class="card" aria-label="原料批次">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(section).toContain('<h3>原料批次</h3>');
    for (const lot of ['AJ-2025-0418', 'AJ-2025-0422']) {
      expect(section).toContain(lot);
      expect(section).toContain(`href="/01/06970000000109/10/${lot}"`);
    }
    expect(section.match(/安吉白茶鲜叶（演示）/g)).toHaveLength(2);
    expect(section).toContain('安吉示范茶叶合作社（演示） · 湖州市安吉县');
    // The transformation's input quantities (320 / 280 kg) and output volume are not for the public.
    const text = html.replace(/<style>[\s\S]*?<\/style>/, '');
    expect(text).not.toMatch(/KGM|LTR|千克|公斤|\b(320|280|600|12000)\b/);

    const json = (await page(`${url}?linkType=gs1:traceability`)).body;
    expect(json).not.toMatch(/KGM|LTR|\b(320|280|12000)\b/);
    const view = JSON.parse(json);
    expect(view.inputs).toEqual([
      {
        productName: '安吉白茶鲜叶（演示）',
        gtin: '06970000000109',
        lot: 'AJ-2025-0418',
        serial: null,
        producer: '安吉示范茶叶合作社（演示）',
        region: '湖州市安吉县',
        path: '/01/06970000000109/10/AJ-2025-0418',
      },
      {
        productName: '安吉白茶鲜叶（演示）',
        gtin: '06970000000109',
        lot: 'AJ-2025-0422',
        serial: null,
        producer: '安吉示范茶叶合作社（演示）',
        region: '湖州市安吉县',
        path: '/01/06970000000109/10/AJ-2025-0422',
      },
    ]);
    // A raw-material lot itself was made by no transformation; a product-level code has no lots.
    expect((await page('/01/06970000000109/10/AJ-2025-0418?linkType=gs1:traceability')).json().inputs).toEqual([]);
    expect((await page('/01/06970000000116')).body).not.toContain('原料批次');
    expect((await page(`/01/${GTIN}/10/TEA-2026A`)).body).not.toContain('原料批次');
  });

  it('is rate-limited like the other public routes', async () => {
    for (const url of [`/01/${GTIN}/10/TEA-2026A`, `/resolve?uri=${encodeURIComponent(LOT)}`, '/01/x']) {
      const res = await page(url);
      expect(res.headers['x-ratelimit-limit'], url).toBe('300');
    }
  });
});
