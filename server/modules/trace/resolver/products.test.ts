import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocatedGtin, gs1CheckDigit, DEMO_PLATFORM_COMPANY_PREFIX as PREFIX } from '../../../../common/gs1/index.ts';
import { buildTestApp, type Client, type TestApp } from '../../../test-support/app.ts';
import { DB_KINDS } from '../../../test-support/db.ts';

const BASE = 'http://localhost:8080';
const OWN = '91330502MA2B3C4D58'; // enterprise1: 湖州示范食品有限公司（演示）
const OTHER = '93330523MA2C0D1E2Q'; // 安吉示范茶叶合作社（演示）
const PLANT = 'https://id.gs1.org/414/6970000000017';
const THEIR_BASE = 'https://id.gs1.org/414/6970000001014'; // 安吉示范茶叶合作社 基地

/** The item reference of a GTIN-14 the platform allocated under the 7-digit demo prefix. */
const itemRef = (gtin: string) => Number(gtin.slice(1 + PREFIX.length, 13));

const epcisDocument = (event: Record<string, unknown>) => ({
  '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-10-01T00:00:00Z',
  epcisBody: { eventList: [{ eventTime: '2026-10-01T08:00:00+08:00', eventTimeZoneOffset: '+08:00', ...event }] },
});

describe.each(DB_KINDS)('trace products, platform-allocated GTINs, QR codes and labels on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let enterprise: Client;
  /** GTIN the platform allocated to enterprise1's 散装白茶 (TEA-500G). */
  let teaGtin = '';

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    enterprise = await t.login('enterprise1');
  });
  afterAll(() => t.close());

  it('lets an enterprise register its own products (its GTIN, or a reference and a GTIN the platform allocates), audited', async () => {
    const gs1 = await enterprise.post('/api/v1/trace/products', { gtin: '6970000000130', name: '示范绿茶饮料', spec: '500 毫升', shelfLifeDays: 365 });
    expect(gs1.statusCode, gs1.body).toBe(201);
    expect(gs1.json()).toMatchObject({
      gtin: '06970000000130',
      gtinIssuer: 'owner',
      productRef: null,
      enterpriseCreditCode: OWN,
      enterpriseName: '湖州示范食品有限公司（演示）',
      code: `${BASE}/01/06970000000130`,
    });
    const own = await enterprise.post('/api/v1/trace/products', { productRef: 'TEA-500G', name: '散装白茶', origin: '浙江安吉' });
    expect(own.statusCode, own.body).toBe(201);
    teaGtin = own.json().gtin;
    // The platform's GTIN under its prefix (9520000 by default), written as GTIN-14; the code is a plain Digital Link.
    expect(teaGtin).toBe(allocatedGtin(PREFIX, itemRef(teaGtin)));
    expect(own.json()).toMatchObject({ gtinIssuer: 'platform', productRef: 'TEA-500G', enterpriseCreditCode: OWN, code: `${BASE}/01/${teaGtin}` });
    const next = await enterprise.post('/api/v1/trace/products', { productRef: 'TEA-250G', name: '散装白茶 小包' });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().gtin).toBe(allocatedGtin(PREFIX, itemRef(teaGtin) + 1)); // sequential
    const audit = await t.database.db.selectFrom('platform_audit').select(['action', 'entity_id']).where('action', '=', 'trace.product.register').execute();
    expect(audit.map((a) => a.entity_id)).toEqual(expect.arrayContaining([gs1.json().id, own.json().id]));

    const again = await enterprise.post('/api/v1/trace/products', { gtin: '06970000000130', name: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TRACE_PRODUCT_EXISTS');
    const notMine = await enterprise.post('/api/v1/trace/products', { productRef: 'X1', name: '别人的', enterpriseCreditCode: OTHER });
    expect(notMine.statusCode).toBe(403);
    const twice = await enterprise.post('/api/v1/trace/products', { productRef: 'TEA-500G', name: '重复' });
    expect(twice.statusCode).toBe(409); // no second GTIN for the same product
    expect((await enterprise.post('/api/v1/trace/products', { productRef: 'TEA-1KG', name: '散装白茶 大包' })).json().gtin).toBe(
      allocatedGtin(PREFIX, itemRef(teaGtin) + 2), // the refused registration spent no number
    );
  });

  it('checks the GTIN, the reference and the owner', async () => {
    const bad = await enterprise.post('/api/v1/trace/products', { gtin: '6970000000131', name: '校验位错' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'body.gtin', rule: 'gtin' });
    const both = await enterprise.post('/api/v1/trace/products', { gtin: '6970000000130', productRef: 'A', name: 'x' });
    expect(both.json().error.details[0].rule).toBe('one_of');
    // GTINs under the platform's prefix are the platform's to allocate: nobody registers one as their own.
    const caseData = `1${allocatedGtin(PREFIX, 90_000).slice(1, 13)}`; // a case (indicator 1) of a platform item
    for (const gtin of [allocatedGtin(PREFIX, 90_000).slice(1), `${caseData}${gs1CheckDigit(caseData)}`]) {
      const taken = await enterprise.post('/api/v1/trace/products', { gtin, name: 'x' });
      expect(taken.statusCode, gtin).toBe(400);
      expect(taken.json().error.details[0]).toMatchObject({ field: 'body.gtin', rule: 'platform_prefix' });
    }
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

  it('issues the Digital Link of a batch of a platform-allocated GTIN, and resolves it like any GTIN', async () => {
    const res = await enterprise.post('/api/v1/trace/codes', { gtin: teaGtin, lot: '20261001' });
    expect(res.statusCode, res.body).toBe(201);
    const issued = res.json();
    const uri = `${BASE}/01/${teaGtin}/10/20261001`;
    const canonical = `https://id.gs1.org/01/${teaGtin}/10/20261001`;
    expect(issued).toMatchObject({ uri, epcisIdentifier: canonical, level: 'batch', elementString: `(01)${teaGtin}(10)20261001`, productName: '散装白茶' });
    expect(issued.qrPng).toBe(`/api/v1/trace/codes/qr.png?uri=${encodeURIComponent(uri)}`);
    const audit = await t.database.db.selectFrom('platform_audit').select('after').where('action', '=', 'trace.code.issue').execute();
    expect(audit.map((a) => a.after)).toContainEqual({ uri, level: 'batch' });

    expect((await admin.post('/api/v1/trace/codes', { gtin: allocatedGtin(PREFIX, 99_000), lot: '1' })).statusCode).toBe(404);
    expect((await enterprise.post('/api/v1/trace/codes', { gtin: teaGtin, lot: '批次' })).statusCode).toBe(400);
    expect((await enterprise.post('/api/v1/trace/codes', { productRef: 'TEA-500G', lot: '1' })).statusCode).toBe(400); // no second scheme

    // The enterprise puts the code as printed (our domain) in its events; capture normalises it like any Digital Link.
    const capture = await enterprise.request({
      method: 'POST',
      url: '/epcis/capture',
      headers: { 'content-type': 'application/ld+json' },
      payload: epcisDocument({
        type: 'ObjectEvent',
        action: 'ADD',
        bizStep: 'commissioning',
        quantityList: [{ epcClass: uri, quantity: 50, uom: 'KGM' }],
        readPoint: { id: PLANT },
        bizLocation: { id: PLANT },
        ilmd: { 'cbvmda:productionDate': '2026-10-01' },
      }),
    });
    expect(capture.statusCode, capture.body).toBe(202);
    const stored = await t.database.db.selectFrom('trace_event_identifier').select('identifier').where('identifier', '=', canonical).execute();
    expect(stored.length).toBeGreaterThan(0);
    const page = await t.anonymous.request({ method: 'GET', url: `/01/${teaGtin}/10/20261001`, headers: { accept: 'text/html' } });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('散装白茶');
    expect(page.body).toContain('生产赋码');
    expect(page.body).toContain('湖州示范食品有限公司（演示）');
    expect(page.body).toContain('湖州市吴兴区织里镇'); // 产地: where it was made, before the owner's declared origin
    expect(page.body).toContain('平台分配');
    expect(page.body).toContain('演示码'); // the default prefix is GS1's demonstration prefix 952
    const linkset = await t.anonymous.request({ method: 'GET', url: `/01/${teaGtin}/10/20261001`, headers: { accept: 'application/linkset+json' } });
    expect(linkset.statusCode).toBe(200);
    expect(linkset.json().linkset[0].anchor).toBe(canonical);
    const json = await t.anonymous.get(`/01/${teaGtin}/10/20261001?linkType=gs1:traceability`);
    expect(json.json()).toMatchObject({ code: { gtin: teaGtin, gtinIssuer: 'platform', demonstration: true }, producer: '湖州示范食品有限公司（演示）' });
    expect((await t.anonymous.get(`/01/${teaGtin}/10/OTHER-LOT`)).statusCode).toBe(200); // registered product, no records yet
    expect((await t.anonymous.get(`/01/${allocatedGtin(PREFIX, 99_000)}/10/1`)).statusCode).toBe(404);
  });

  it("keeps another enterprise's platform GTIN out of an enterprise's hands, and names its owner to consumers", async () => {
    const theirs = await admin.post('/api/v1/trace/products', {
      productRef: 'LEAF-2',
      name: '安吉白茶干茶',
      enterpriseCreditCode: OTHER,
      enterpriseName: '安吉示范茶叶合作社（演示）',
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const gtin: string = theirs.json().gtin;
    expect(theirs.json()).toMatchObject({ gtinIssuer: 'platform', enterpriseCreditCode: OTHER });
    // Not registrable as one's own (it is under the platform's prefix), not issuable, not printable.
    expect((await enterprise.post('/api/v1/trace/products', { gtin, name: '冒用' })).json().error.details[0].rule).toBe('platform_prefix');
    const issue = await enterprise.post('/api/v1/trace/codes', { gtin, lot: 'L1' });
    expect(issue.statusCode).toBe(403);
    expect(issue.json().error.code).toBe('TRACE_CODE_NOT_YOURS');
    expect((await enterprise.get(`/api/v1/trace/codes/qr.png?uri=${encodeURIComponent(`${BASE}/01/${gtin}/10/L1`)}`)).statusCode).toBe(403);
    expect((await enterprise.get(`/api/v1/trace/codes/labels.html?uri=${gtin}`)).statusCode).toBe(403);
    // Capture is authorised by location (EPCIS readPoint/bizLocation): not at the owner's site.
    const capture = await enterprise.request({
      method: 'POST',
      url: '/epcis/capture',
      headers: { 'content-type': 'application/ld+json' },
      payload: epcisDocument({
        type: 'ObjectEvent',
        action: 'ADD',
        bizStep: 'commissioning',
        quantityList: [{ epcClass: `${BASE}/01/${gtin}/10/L1`, quantity: 5, uom: 'KGM' }],
        readPoint: { id: THEIR_BASE },
        bizLocation: { id: THEIR_BASE },
      }),
    });
    expect(capture.statusCode).toBe(403);
    expect(capture.json().error.code).toBe('TRACE_LOCATION_NOT_YOURS');
    // The owner's issued code works for the city, and the consumer page names the owner.
    expect((await admin.post('/api/v1/trace/codes', { gtin, lot: 'L1' })).statusCode).toBe(201);
    const page = await t.anonymous.request({ method: 'GET', url: `/01/${gtin}/10/L1`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('安吉白茶干茶');
    expect(page.body).toContain('安吉示范茶叶合作社（演示）');
  });

  it('never gives two products the same GTIN, also when registrations race', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        admin.post('/api/v1/trace/products', {
          productRef: `RACE-${i}`,
          name: `并发登记 ${i}`,
          enterpriseCreditCode: OTHER,
          enterpriseName: '安吉示范茶叶合作社（演示）',
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const refs = results.map((r) => itemRef(r.json().gtin)).sort((a, b) => a - b);
    expect(refs).toEqual(Array.from({ length: 6 }, (_, i) => (refs[0] ?? 0) + i)); // distinct and without gaps
    const all = await t.database.db.selectFrom('trace_product').select('gtin').execute();
    expect(new Set(all.map((p) => p.gtin)).size).toBe(all.length);
  });

  it('steps over a GTIN already registered, and refuses clearly once the prefix is spent', async () => {
    const db = t.database.db;
    const last = async () =>
      Number(
        (await db.selectFrom('trace_gtin_allocation').select('last_item_ref').where('company_prefix', '=', PREFIX).executeTakeFirstOrThrow()).last_item_ref,
      );
    const before = await last();
    // A GTIN under the prefix that got in before (e.g. registered before the prefix was configured) is not handed out again.
    await db
      .insertInto('trace_product')
      .values({ gtin: allocatedGtin(PREFIX, before + 1), name: '早先登记', enterprise_credit_code: OTHER, enterprise_name: '安吉示范茶叶合作社（演示）' })
      .execute();
    const stepped = await admin.post('/api/v1/trace/products', { productRef: 'STEP', name: 'x', enterpriseCreditCode: OTHER, enterpriseName: 'y' });
    expect(stepped.json().gtin).toBe(allocatedGtin(PREFIX, before + 2));

    const saved = await last();
    await sql`update trace_gtin_allocation set last_item_ref = 99998 where company_prefix = ${PREFIX}`.execute(db);
    try {
      const lastOne = await admin.post('/api/v1/trace/products', { productRef: 'LAST', name: 'x', enterpriseCreditCode: OTHER, enterpriseName: 'y' });
      expect(lastOne.json().gtin).toBe(allocatedGtin(PREFIX, 99_999));
      const none = await admin.post('/api/v1/trace/products', { productRef: 'NONE', name: 'x', enterpriseCreditCode: OTHER, enterpriseName: 'y' });
      expect(none.statusCode).toBe(409);
      expect(none.json().error.code).toBe('TRACE_GTIN_CAPACITY_EXHAUSTED');
      expect(none.json().error.message).toContain('9520000');
      expect(await last()).toBe(99_999);
      // A GS1 product still registers: only allocation is exhausted.
      expect(
        (await admin.post('/api/v1/trace/products', { gtin: '6970000000147', name: 'x', enterpriseCreditCode: OTHER, enterpriseName: 'y' })).statusCode,
      ).toBe(201);
    } finally {
      await sql`update trace_gtin_allocation set last_item_ref = ${saved} where company_prefix = ${PREFIX}`.execute(db);
    }
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

    const leaf = (await admin.get('/api/v1/trace/products?q=LEAF-1')).json().items[0];
    expect(leaf).toMatchObject({ gtinIssuer: 'platform', enterpriseCreditCode: OTHER });
    const theirs = `uri=${encodeURIComponent(`${BASE}/01/${leaf.gtin}/10/1`)}`;
    expect((await enterprise.get(`/api/v1/trace/codes/qr.png?${theirs}`)).statusCode).toBe(403);
    expect((await admin.get(`/api/v1/trace/codes/qr.png?${theirs}`)).statusCode).toBe(200);
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

  it('prints the platform-allocated GTIN on QR codes and label sheets, marked 演示 under the demonstration prefix', async () => {
    const uri = `${BASE}/01/${teaGtin}/10/L7`;
    const svg = await enterprise.get(`/api/v1/trace/codes/qr.svg?uri=${encodeURIComponent(uri)}`);
    expect(svg.statusCode, svg.body).toBe(200);
    expect(svg.headers['content-disposition']).toContain(`01_${teaGtin}_10_L7.svg`);
    const sheet = await enterprise.get(`/api/v1/trace/codes/labels.html?uri=${encodeURIComponent(`https://id.gs1.org/01/${teaGtin}/10/L7`)}&count=3`);
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.body).toContain(uri);
    expect(sheet.body).toContain(`(01)${teaGtin}(10)L7`);
    expect(sheet.body).toContain('散装白茶');
    expect(sheet.body.match(/<b class="demo">演示码<\/b>/g)).toHaveLength(3);
    expect(sheet.body).toContain('GS1 前缀 952 仅供演示');
    expect(sheet.body).not.toContain('/p/');
    // An enterprise's own GTIN (GS1 China prefix 697) is no demonstration number.
    expect((await enterprise.get(`/api/v1/trace/codes/labels.html?uri=${encodeURIComponent('(01)06970000000130(10)A1')}`)).body).not.toContain('演示码');
  });
});
