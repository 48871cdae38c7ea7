import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test-support/app.ts';
import { DB_KINDS } from '../../../test-support/db.ts';

const BASE = 'http://localhost:8080';
const OWN = '91330502MA2B3C4D58'; // enterprise1: 湖州示范食品有限公司（演示）
const OTHER = '93330523MA2C0D1E2Q'; // 安吉示范茶叶合作社（演示）
const PLANT = 'https://id.gs1.org/414/6970000000017';

describe.each(DB_KINDS)('trace products, platform codes, QR codes and labels on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let enterprise: Client;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    enterprise = await t.login('enterprise1');
  });
  afterAll(() => t.close());

  it('lets an enterprise register its own products (GTIN or platform reference), audited', async () => {
    const gs1 = await enterprise.post('/api/v1/trace/products', { gtin: '6970000000130', name: '示范绿茶饮料', spec: '500 毫升', shelfLifeDays: 365 });
    expect(gs1.statusCode, gs1.body).toBe(201);
    expect(gs1.json()).toMatchObject({
      gtin: '06970000000130',
      productRef: null,
      enterpriseCreditCode: OWN,
      enterpriseName: '湖州示范食品有限公司（演示）',
      code: `${BASE}/01/06970000000130`,
    });
    const own = await enterprise.post('/api/v1/trace/products', { productRef: 'TEA-500G', name: '散装白茶', origin: '浙江安吉' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().code).toBe(`${BASE}/p/${OWN}/TEA-500G`);
    const audit = await t.database.db.selectFrom('platform_audit').select(['action', 'entity_id']).where('action', '=', 'trace.product.register').execute();
    expect(audit.map((a) => a.entity_id)).toEqual(expect.arrayContaining([gs1.json().id, own.json().id]));

    const again = await enterprise.post('/api/v1/trace/products', { gtin: '06970000000130', name: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TRACE_PRODUCT_EXISTS');
    const notMine = await enterprise.post('/api/v1/trace/products', { productRef: 'X1', name: '别人的', enterpriseCreditCode: OTHER });
    expect(notMine.statusCode).toBe(403);
  });

  it('checks the GTIN, the reference and the owner', async () => {
    const bad = await enterprise.post('/api/v1/trace/products', { gtin: '6970000000131', name: '校验位错' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'body.gtin', rule: 'gtin' });
    const both = await enterprise.post('/api/v1/trace/products', { gtin: '6970000000130', productRef: 'A', name: 'x' });
    expect(both.json().error.details[0].rule).toBe('one_of');
    const cset = await enterprise.post('/api/v1/trace/products', { productRef: '白茶', name: 'x' });
    expect(cset.json().error.details[0]).toMatchObject({ field: 'body.productRef', rule: 'cset82' });
    const noOwner = await admin.post('/api/v1/trace/products', { productRef: 'A', name: 'x' });
    expect(noOwner.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.enterpriseCreditCode', 'body.enterpriseName']);
    const badOwner = await admin.post('/api/v1/trace/products', {
      productRef: 'A',
      name: 'x',
      enterpriseCreditCode: '93330523MA2C0D1E2X',
      enterpriseName: 'y',
    });
    expect(badOwner.json().error.details[0].rule).toBe('check_char');
    const inspector = await t.login('inspector1');
    expect((await inspector.post('/api/v1/trace/products', { productRef: 'A', name: 'x' })).statusCode).toBe(403);
  });

  it('lists all products to regulators and its own to an enterprise', async () => {
    const other = await admin.post('/api/v1/trace/products', {
      productRef: 'LEAF-1',
      name: '安吉白茶鲜叶',
      enterpriseCreditCode: OTHER,
      enterpriseName: '安吉示范茶叶合作社（演示）',
    });
    expect(other.statusCode, other.body).toBe(201);
    const all = (await admin.get('/api/v1/trace/products?pageSize=100')).json();
    expect(all.items.map((p: { enterpriseCreditCode: string }) => p.enterpriseCreditCode)).toEqual(expect.arrayContaining([OWN, OTHER]));
    const mine = (await enterprise.get('/api/v1/trace/products')).json();
    expect(mine.total).toBeGreaterThanOrEqual(2);
    expect(mine.items.every((p: { enterpriseCreditCode: string }) => p.enterpriseCreditCode === OWN)).toBe(true);
    const found = (await admin.get(`/api/v1/trace/products?q=${encodeURIComponent('鲜叶')}`)).json();
    expect(found.items.map((p: { name: string }) => p.name)).toContain('安吉白茶鲜叶');
    expect(found.items.every((p: { name: string }) => p.name.includes('鲜叶'))).toBe(true);
    expect((await t.anonymous.get('/api/v1/trace/products')).statusCode).toBe(401);
  });

  it('issues a platform code for a batch of a product without a GS1 prefix, and resolves it', async () => {
    const res = await enterprise.post('/api/v1/trace/codes', { productRef: 'TEA-500G', lot: '20261001' });
    expect(res.statusCode, res.body).toBe(201);
    const issued = res.json();
    const uri = `${BASE}/p/${OWN}/TEA-500G/b/20261001`;
    expect(issued).toMatchObject({ uri, epcisIdentifier: uri, level: 'batch', elementString: null, productName: '散装白茶' });
    expect(issued.qrPng).toBe(`/api/v1/trace/codes/qr.png?uri=${encodeURIComponent(uri)}`);
    const audit = await t.database.db.selectFrom('platform_audit').select('after').where('action', '=', 'trace.code.issue').execute();
    expect(audit.map((a) => a.after)).toContainEqual({ uri, level: 'batch' });

    expect((await enterprise.post('/api/v1/trace/codes', { productRef: 'NOT-REGISTERED', lot: '1' })).statusCode).toBe(404);
    expect((await enterprise.post('/api/v1/trace/codes', { productRef: 'TEA-500G', lot: '批次' })).statusCode).toBe(400);

    // The enterprise uses the platform code as the lot identifier in its events; the consumer page answers for it.
    const capture = await enterprise.request({
      method: 'POST',
      url: '/epcis/capture',
      headers: { 'content-type': 'application/ld+json' },
      payload: {
        '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
        type: 'EPCISDocument',
        schemaVersion: '2.0',
        creationDate: '2026-10-01T00:00:00Z',
        epcisBody: {
          eventList: [
            {
              type: 'ObjectEvent',
              action: 'ADD',
              bizStep: 'commissioning',
              eventTime: '2026-10-01T08:00:00+08:00',
              eventTimeZoneOffset: '+08:00',
              quantityList: [{ epcClass: uri, quantity: 50, uom: 'KGM' }],
              readPoint: { id: PLANT },
              bizLocation: { id: PLANT },
              ilmd: { 'cbvmda:productionDate': '2026-10-01' },
            },
          ],
        },
      },
    });
    expect(capture.statusCode, capture.body).toBe(202);
    const page = await t.anonymous.request({ method: 'GET', url: `/p/${OWN}/TEA-500G/b/20261001`, headers: { accept: 'text/html' } });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('散装白茶');
    expect(page.body).toContain('生产赋码');
    expect(page.body).toContain('湖州示范食品有限公司（演示）');
    expect(page.body).toContain('湖州市吴兴区织里镇'); // 产地: where it was made, before the owner's declared origin
    const linkset = await t.anonymous.request({ method: 'GET', url: `/p/${OWN}/TEA-500G/b/20261001`, headers: { accept: 'application/linkset+json' } });
    expect(linkset.json().linkset[0].anchor).toBe(uri);
    expect((await t.anonymous.get(`/p/${OWN}/TEA-500G/b/OTHER-LOT`)).statusCode).toBe(200); // registered product, no records yet
    expect((await t.anonymous.get(`/p/${OTHER}/NOPE/b/1`)).statusCode).toBe(404);
  });

  it('issues the Digital Link on our domain for a GTIN batch', async () => {
    const res = await enterprise.post('/api/v1/trace/codes', { gtin: '06970000000130', lot: 'A1' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      uri: `${BASE}/01/06970000000130/10/A1`,
      epcisIdentifier: 'https://id.gs1.org/01/06970000000130/10/A1',
      elementString: '(01)06970000000130(10)A1',
    });
  });

  it('renders QR codes (PNG, SVG) of the code as a Digital Link on our domain, for the owner and regulators only', async () => {
    const q = `uri=${encodeURIComponent('https://id.gs1.org/01/06970000000130/10/A1')}`;
    const png = await enterprise.get(`/api/v1/trace/codes/qr.png?${q}&size=256`);
    expect(png.statusCode, png.body).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.rawPayload.readUInt32BE(16)).toBe(256); // IHDR width
    const svg = await admin.get(`/api/v1/trace/codes/qr.svg?${q}`);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    const county = await t.login('anji');
    expect((await county.get(`/api/v1/trace/codes/qr.svg?${q}`)).statusCode).toBe(200);

    const theirs = `uri=${encodeURIComponent(`${BASE}/p/${OTHER}/LEAF-1/b/1`)}`;
    expect((await enterprise.get(`/api/v1/trace/codes/qr.png?${theirs}`)).statusCode).toBe(403);
    expect((await enterprise.get(`/api/v1/trace/codes/qr.png?uri=${encodeURIComponent('https://id.gs1.org/01/06970000000147/10/A1')}`)).statusCode).toBe(403);
    expect((await (await t.login('inspector1')).get(`/api/v1/trace/codes/qr.png?${q}`)).statusCode).toBe(403);
    expect((await t.anonymous.get(`/api/v1/trace/codes/qr.png?${q}`)).statusCode).toBe(401);
    const bad = await admin.get(`/api/v1/trace/codes/qr.png?uri=${encodeURIComponent('https://id.gs1.org/01/06970000000131')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('query.uri');
  });

  it('prints an A4 label sheet: QR, product name, lot and the GS1 element string on each label', async () => {
    const res = await enterprise.get(`/api/v1/trace/codes/labels.html?uri=${encodeURIComponent('(01)06970000000130(10)A1')}&count=25`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toContain('@page{size:A4');
    expect(html.match(/<div class="label">/g)).toHaveLength(25);
    expect(html.match(/<section class="sheet">/g)).toHaveLength(2);
    expect(html.match(/<svg /g)).toHaveLength(25);
    expect(html).toContain('示范绿茶饮料');
    expect(html).toContain('批次 A1');
    expect(html).toContain('(01)06970000000130(10)A1');
    expect(html).toContain(`${BASE}/01/06970000000130/10/A1`);
    expect(html).not.toMatch(/<script/i);
    expect((await enterprise.get(`/api/v1/trace/codes/labels.html?uri=x&count=1000`)).statusCode).toBe(400);
  });
});
