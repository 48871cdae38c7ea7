import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test-support/app.ts';
import { DB_KINDS } from '../../../test-support/db.ts';

const BASE = 'http://localhost:8080';
const DRINK_GTIN = '06970000000116'; // 湖州示范食品: the demo drink, lot HZ-2025-0506 (server/seed/trace-demo.ts)
const TEA_GTIN = '06970000000109'; // 安吉示范茶叶合作社: tea leaves, lots AJ-2025-0418 and AJ-2025-0422

interface BatchJson {
  lot: string;
  identifier: string;
  uri: string;
  path: string;
  elementString: string | null;
  eventCount: number;
  firstSeen: string;
  lastSeen: string;
  qrPng: string;
  qrSvg: string;
  labels: string;
}

describe.each(DB_KINDS)('batches of a registered product on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  const productId: Record<string, string> = {};
  const batches = async (c: Client, gtin: string) => {
    const res = await c.get(`/api/v1/trace/products/${productId[gtin]}/batches`);
    return { status: res.statusCode, body: res.json() as { items: BatchJson[]; total: number; product: { gtin: string } } };
  };

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    const products = (await admin.get('/api/v1/trace/products?pageSize=100')).json().items as { id: string; gtin: string }[];
    for (const p of products) productId[p.gtin] = p.id;
  });
  afterAll(() => t.close());

  it('lists the batches events name, with the code on our domain and its QR and label links', async () => {
    const { status, body } = await batches(admin, DRINK_GTIN);
    expect(status).toBe(200);
    expect(body.product.gtin).toBe(DRINK_GTIN);
    expect(body.total).toBe(1);
    const uri = `${BASE}/01/${DRINK_GTIN}/10/HZ-2025-0506`;
    expect(body.items[0]).toMatchObject({
      lot: 'HZ-2025-0506',
      identifier: `https://id.gs1.org/01/${DRINK_GTIN}/10/HZ-2025-0506`,
      uri,
      path: `/01/${DRINK_GTIN}/10/HZ-2025-0506`,
      elementString: `(01)${DRINK_GTIN}(10)HZ-2025-0506`,
      // made (transformation), inspected, packed on the pallet
      eventCount: 3,
      firstSeen: '2025-05-06T02:00:00.000Z',
      lastSeen: '2025-05-08T01:00:00.000Z',
      qrPng: `/api/v1/trace/codes/qr.png?uri=${encodeURIComponent(uri)}`,
    });
    const png = await admin.get(body.items[0]?.qrPng ?? '');
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const tea = await batches(admin, TEA_GTIN);
    expect(tea.body.items.map((b) => b.lot)).toEqual(['AJ-2025-0418', 'AJ-2025-0422']);
  });

  it('shows an enterprise its own products’ batches only, and a county the batches seen in its region', async () => {
    const enterprise = await t.login('enterprise1');
    expect((await batches(enterprise, DRINK_GTIN)).body.items.map((b) => b.lot)).toEqual(['HZ-2025-0506']);
    expect((await batches(enterprise, TEA_GTIN)).status).toBe(404);
    const anji = await t.login('anji');
    const anjiTea = await batches(anji, TEA_GTIN);
    // Only the farm's own events (commissioning, shipping) are in 安吉; receiving and processing happened in 吴兴.
    expect(anjiTea.body.items.map((b) => [b.lot, b.eventCount])).toEqual([
      ['AJ-2025-0418', 2],
      ['AJ-2025-0422', 2],
    ]);
    expect((await batches(anji, DRINK_GTIN)).body).toMatchObject({ items: [], total: 0 });
    const inspector = await t.login('inspector1');
    expect((await batches(inspector, DRINK_GTIN)).status).toBe(403);
    expect((await admin.get('/api/v1/trace/products/00000000-0000-4000-8000-000000000000/batches')).statusCode).toBe(404);
  });
});
