import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { loginTeaCoop } from './test-enterprises.ts';

const CTX = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];
const DL = 'https://id.gs1.org';
const FARM = `${DL}/414/6970000001014`; // 安吉示范茶叶合作社 93330523MA2C0D1E2Q (330523)
const PLANT = `${DL}/414/6970000000017`; // 湖州示范食品 91330502MA2B3C4D58 (330502100, 吴兴区)
const FOOD = '91330502MA2B3C4D58';
const TEA = '93330523MA2C0D1E2Q';
const STORE = '91330521MA2D1E2F3D'; // 德清示范超市 (330521)

let n = 0;
function doc(where: string, lot: string) {
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
          eventID: `urn:uuid:ca970000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
          eventTime: '2026-11-01T08:00:00+08:00',
          eventTimeZoneOffset: '+08:00',
          quantityList: [{ epcClass: `${DL}/01/06970000000109/10/${lot}`, quantity: 10, uom: 'KGM' }],
          readPoint: { id: where },
          bizLocation: { id: where },
        },
      ],
    },
  };
}

interface JobJson {
  captureID: string;
  status: string;
  documentType: string | null;
  eventCount: number;
  storedCount: number;
  errorCount: number;
  firstError: string | null;
  errors: { title?: string; details?: unknown[] }[];
  enterpriseCreditCode: string | null;
  enterpriseName: string | null;
  createdBy: { username: string; displayName: string } | null;
  createdAt: string;
}

describe.each(DB_KINDS)('EPCIS capture jobs list on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let food: Client;
  let tea: Client;
  const jobs = { foodOk: '', foodFailed: '', teaOk: '' };
  /** The demo supply chain as the seed captured it: each enterprise's part on its own (server/seed/demo.ts). */
  const demo = { tea: '', food: '', store: '' };

  const capture = async (c: Client, body: unknown) =>
    c.request({ method: 'POST', url: '/epcis/capture', payload: body as object, headers: { 'content-type': 'application/ld+json' } });
  const list = async (c: Client, query = '') => {
    const res = await c.get(`/api/v1/trace/captures${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: JobJson[]; total: number; page: number; pageSize: number };
  };
  const ids = (body: { items: JobJson[] }) => body.items.map((j) => j.captureID);

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    food = await t.login('enterprise1');
    tea = await loginTeaCoop(t, admin);
    const seeded = await list(admin, '?pageSize=100');
    const part = (enterprise: string) => seeded.items.find((j) => j.enterpriseCreditCode === enterprise)?.captureID ?? '';
    Object.assign(demo, { tea: part(TEA), food: part(FOOD), store: part(STORE) });

    const ok = await capture(food, doc(PLANT, 'CJ-FOOD-1'));
    expect(ok.statusCode, ok.body).toBe(202);
    jobs.foodOk = ok.json().captureID;
    // A location that is not theirs: refused, and the failed job is recorded.
    const refused = await capture(food, doc(FARM, 'CJ-FOOD-2'));
    expect(refused.statusCode, refused.body).toBe(403);
    const teaOk = await capture(tea, doc(FARM, 'CJ-TEA-1'));
    expect(teaOk.statusCode, teaOk.body).toBe(202);
    jobs.teaOk = teaOk.json().captureID;
    const failed = await list(food, '?status=failed');
    expect(failed.items).toHaveLength(1);
    jobs.foodFailed = failed.items[0]?.captureID ?? '';
  });
  afterAll(() => t.close());

  it('shows the city every job, newest first, with counts, enterprise and who reported it', async () => {
    const all = await list(admin, '?pageSize=100');
    expect(ids(all)).toEqual(expect.arrayContaining([jobs.foodOk, jobs.foodFailed, jobs.teaOk]));
    const times = all.items.map((j) => j.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(all.items[0]?.captureID).toBe(jobs.teaOk);
    // The demo supply chain, each enterprise's part on its own: 湖州示范食品's through its account, the others by the
    // city (data migration), each filed under the enterprise whose locations it names.
    const seeded = [demo.tea, demo.food, demo.store].map((id) => all.items.find((j) => j.captureID === id));
    expect(seeded.map((j) => [j?.createdBy?.username, j?.enterpriseCreditCode, j?.status, j?.documentType, j?.eventCount, j?.storedCount])).toEqual([
      ['admin', TEA, 'success', 'EPCISDocument', 3, 3],
      ['enterprise1', FOOD, 'success', 'EPCISDocument', 5, 5],
      ['admin', STORE, 'success', 'EPCISDocument', 1, 1],
    ]);
    const ok = all.items.find((j) => j.captureID === jobs.foodOk);
    expect(ok).toMatchObject({
      status: 'success',
      eventCount: 1,
      storedCount: 1,
      errorCount: 0,
      firstError: null,
      errors: [],
      enterpriseCreditCode: FOOD,
      enterpriseName: '湖州示范食品有限公司（演示）',
      createdBy: { username: 'enterprise1' },
    });
    const paged = await list(admin, '?pageSize=1&page=2');
    expect(paged).toMatchObject({ total: all.total, page: 2, pageSize: 1 });
    expect(ids(paged)).toEqual([all.items[1]?.captureID]);
  });

  it('filters by status, lists the first error and gives every error in the detail', async () => {
    const failed = await list(admin, '?status=failed');
    expect(failed.items.every((j) => j.status === 'failed')).toBe(true);
    const job = failed.items.find((j) => j.captureID === jobs.foodFailed);
    expect(job).toMatchObject({ errorCount: 1, storedCount: 0, errors: [] });
    expect(job?.firstError).toContain('不属于本企业');
    const detail = await admin.get(`/api/v1/trace/captures/${jobs.foodFailed}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json() as JobJson;
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]?.title).toContain('不属于本企业');
    expect(body.errors[0]?.details?.length).toBeGreaterThan(0);
    expect((await list(admin, '?status=success')).items.every((j) => j.status === 'success')).toBe(true);
  });

  it('shows an enterprise only its own jobs: never another enterprise’s, nor the city’s', async () => {
    const own = await list(food, '?pageSize=100');
    expect(ids(own).sort()).toEqual([jobs.foodOk, jobs.foodFailed, demo.food].sort());
    const other = await list(tea, '?pageSize=100');
    expect(ids(other)).toEqual([jobs.teaOk, demo.tea]);
    expect((await food.get(`/api/v1/trace/captures/${jobs.teaOk}`)).statusCode).toBe(404);
    expect((await tea.get(`/api/v1/trace/captures/${jobs.foodOk}`)).statusCode).toBe(404);
    expect((await tea.get(`/api/v1/trace/captures/${jobs.foodFailed}`)).statusCode).toBe(404);
    // The region switcher is for regulators; an enterprise's view stays its own whatever it asks.
    expect(ids(await list(food, '?regionCode=330523'))).not.toContain(jobs.teaOk);
  });

  it('shows a county officer the jobs of enterprises in its county only', async () => {
    const wuxing = await t.login('wuxing'); // 吴兴区: the food plant
    const anji = await t.login('anji'); // 安吉县: the tea farm
    const deqing = await t.login('deqing'); // 德清县: a store, no jobs of its own
    const w = await list(wuxing, '?pageSize=100');
    expect(ids(w)).toEqual(expect.arrayContaining([jobs.foodOk, jobs.foodFailed]));
    expect(ids(w)).not.toContain(jobs.teaOk);
    const a = await list(anji, '?pageSize=100');
    expect(ids(a)).toContain(jobs.teaOk);
    expect(ids(a)).not.toContain(jobs.foodOk);
    expect(ids(a)).not.toContain(jobs.foodFailed);
    expect(ids(await list(deqing, '?pageSize=100'))).toEqual([demo.store]);
    expect((await wuxing.get(`/api/v1/trace/captures/${jobs.teaOk}`)).statusCode).toBe(404);
    expect((await anji.get(`/api/v1/trace/captures/${jobs.foodOk}`)).statusCode).toBe(404);
    expect((await wuxing.get(`/api/v1/trace/captures/${jobs.foodFailed}`)).statusCode).toBe(200);
    // Another county through the region switcher: not found, as if it did not exist.
    expect((await wuxing.get('/api/v1/trace/captures?regionCode=330523')).statusCode).toBe(404);
  });

  it('lets the city narrow to one county with the region switcher', async () => {
    const a = await list(admin, '?regionCode=330523&pageSize=100');
    expect(ids(a)).toEqual([jobs.teaOk, demo.tea]);
    expect((await admin.get('/api/v1/trace/captures?regionCode=999999')).statusCode).toBe(404);
  });

  it('refuses inspectors and anonymous callers, and checks its input', async () => {
    const inspector = await t.login('inspector1');
    expect((await inspector.get('/api/v1/trace/captures')).statusCode).toBe(403);
    expect((await inspector.get(`/api/v1/trace/captures/${jobs.foodOk}`)).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/trace/captures')).statusCode).toBe(401);
    const bad = await admin.get('/api/v1/trace/captures?status=done&pageSize=1000');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await admin.get('/api/v1/trace/captures/not-a-uuid')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/trace/captures/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
  it('files the city’s data migration under the one enterprise whose locations it names, so that enterprise and its county see it', async () => {
    const single = await capture(admin, doc(PLANT, 'CJ-CITY-1'));
    expect(single.statusCode, single.body).toBe(202);
    const both = doc(PLANT, 'CJ-CITY-2');
    both.epcisBody.eventList.push({
      ...doc(FARM, 'CJ-CITY-3').epcisBody.eventList[0],
      eventID: `urn:uuid:ca970000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    } as (typeof both.epcisBody.eventList)[0]);
    const mixed = await capture(admin, both);
    expect(mixed.statusCode, mixed.body).toBe(202);
    const one = (await admin.get(`/api/v1/trace/captures/${single.json().captureID}`)).json() as JobJson;
    expect(one).toMatchObject({ enterpriseCreditCode: FOOD, enterpriseName: '湖州示范食品有限公司（演示）', createdBy: { username: 'admin' } });
    expect((await admin.get(`/api/v1/trace/captures/${mixed.json().captureID}`)).json()).toMatchObject({ enterpriseCreditCode: null });
    expect(ids(await list(food, '?pageSize=100'))).toContain(single.json().captureID);
    expect(ids(await list(food, '?pageSize=100'))).not.toContain(mixed.json().captureID);
    expect(ids(await list(await t.login('wuxing'), '?pageSize=100'))).toContain(single.json().captureID);
    expect(ids(await list(tea, '?pageSize=100'))).not.toContain(single.json().captureID);
  });
});
