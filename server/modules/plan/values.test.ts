import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator, IndicatorValue, Plan } from '../../../common/plan-api.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';

describe.each(DB_KINDS)('yearly values and their review on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let wuxing: Client;
  let nanxun: Client;
  let inspector: Client;
  let plan: Plan;
  let byCode: Record<string, Indicator>;
  const ind = (code: string): Indicator => {
    const found = byCode[code];
    if (!found) throw new Error(code);
    return found;
  };
  beforeAll(async () => {
    t = await buildTestApp(kind);
    [admin, wuxing, nanxun, inspector] = await Promise.all([t.login('admin'), t.login('wuxing'), t.login('nanxun'), t.login('inspector1')]);
    plan = (await admin.get('/api/v1/plans')).json().items[0];
    const items: Indicator[] = (await admin.get(`/api/v1/plans/${plan.id}/indicators`)).json().items;
    byCode = Object.fromEntries(items.map((i) => [i.code, i]));
  });
  afterAll(() => t.close());

  const draft = (client: Client, body: Record<string, unknown>) => client.post(`/api/v1/plans/${plan.id}/values`, body);

  it('runs draft → submit → return with reason → fix → approve, and locks the published value', async () => {
    const created = await draft(wuxing, {
      indicatorId: ind('I01').id,
      regionCode: '330502',
      year: 2025,
      period: 'Q1',
      value: 97.2,
      sourceNote: '区农业农村局季报',
    });
    expect(created.statusCode).toBe(201);
    const v: IndicatorValue = created.json();
    expect(v).toMatchObject({ status: 'draft', version: 1, regionName: '吴兴区', indicatorCode: 'I01' });

    // Another county never sees this draft, nor may it act on it.
    expect((await nanxun.get(`/api/v1/values/${v.id}`)).statusCode).toBe(404);
    expect((await nanxun.post(`/api/v1/values/${v.id}/submit`)).statusCode).toBe(404);
    const list = (await nanxun.get(`/api/v1/plans/${plan.id}/values?status=draft&pageSize=200`)).json();
    expect(list.items.every((x: IndicatorValue) => x.regionCode === '330503')).toBe(true);
    expect((await inspector.get(`/api/v1/values/${v.id}`)).statusCode).toBe(404);

    // A county officer cannot approve, and cannot approve what is not submitted.
    expect((await wuxing.post(`/api/v1/values/${v.id}/approve`)).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/values/${v.id}/approve`)).statusCode).toBe(409);

    expect((await wuxing.post(`/api/v1/values/${v.id}/submit`)).json().status).toBe('submitted');
    expect((await wuxing.patch(`/api/v1/values/${v.id}`, { value: 97.5 })).statusCode).toBe(409);

    const noReason = await admin.post(`/api/v1/values/${v.id}/return`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('body.reason');
    const returned = await admin.post(`/api/v1/values/${v.id}/return`, { reason: '与统计公报口径不一致，请核实' });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '与统计公报口径不一致，请核实' });
    expect((await wuxing.get(`/api/v1/values/${v.id}`)).json().returnReason).toBe('与统计公报口径不一致，请核实');

    const fixed = await wuxing.patch(`/api/v1/values/${v.id}`, { value: 97.4, sourceNote: '区农业农村局季报（修订）' });
    expect(fixed.json()).toMatchObject({ value: 97.4, status: 'returned' });
    await wuxing.post(`/api/v1/values/${v.id}/submit`);
    const approved = await admin.post(`/api/v1/values/${v.id}/approve`);
    expect(approved.json()).toMatchObject({ status: 'approved', reviewedBy: expect.stringContaining('市局') });

    // Published: visible to everyone signed in, locked for edits.
    expect((await nanxun.get(`/api/v1/values/${v.id}`)).statusCode).toBe(200);
    expect((await inspector.get(`/api/v1/values/${v.id}`)).statusCode).toBe(200);
    expect((await wuxing.patch(`/api/v1/values/${v.id}`, { value: 1 })).statusCode).toBe(409);
    await expect(sql`update plan_value set value = 1 where id = ${v.id}`.execute(t.database.db)).rejects.toThrow(/locked/);
    await expect(sql`delete from plan_value where id = ${v.id}`.execute(t.database.db)).rejects.toThrow(/cannot be deleted/);

    const audit = (await admin.get(`/api/v1/audit?entityId=${v.id}&pageSize=50`)).json();
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual(
      ['plan.value.approve', 'plan.value.create', 'plan.value.return', 'plan.value.submit', 'plan.value.submit', 'plan.value.update'].sort(),
    );
  });

  it('corrects a published value as a new version with a reason; history keeps every version', async () => {
    const create = await draft(wuxing, { indicatorId: ind('I02').id, regionCode: '330502', year: 2025, period: 'Q2', value: 99 });
    const v1: IndicatorValue = create.json();
    await wuxing.post(`/api/v1/values/${v1.id}/submit`);
    await admin.post(`/api/v1/values/${v1.id}/approve`);

    const noReason = await draft(wuxing, { indicatorId: ind('I02').id, regionCode: '330502', year: 2025, period: 'Q2', value: 98.5 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0]).toMatchObject({ field: 'body.correctionReason', rule: 'required' });

    const v2: IndicatorValue = (
      await draft(wuxing, { indicatorId: ind('I02').id, regionCode: '330502', year: 2025, period: 'Q2', value: 98.5, correctionReason: '抽检批次补录' })
    ).json();
    expect(v2).toMatchObject({ version: 2, status: 'draft', correctionReason: '抽检批次补录' });
    await wuxing.post(`/api/v1/values/${v2.id}/submit`);
    await admin.post(`/api/v1/values/${v2.id}/approve`);

    const history: IndicatorValue[] = (await wuxing.get(`/api/v1/values/${v2.id}/history`)).json().items;
    expect(history.map((h) => [h.version, h.status, h.value])).toEqual([
      [1, 'superseded', 99],
      [2, 'approved', 98.5],
    ]);
  });

  it('keeps a county officer to its own county and the city row to the city', async () => {
    const other = await draft(wuxing, { indicatorId: ind('I01').id, regionCode: '330503', year: 2025, period: 'Q3', value: 97 });
    expect(other.statusCode).toBe(404);
    const city = await draft(wuxing, { indicatorId: ind('I01').id, regionCode: '330500', year: 2025, period: 'Q3', value: 97 });
    expect(city.statusCode).toBe(404);
    const inspectorTry = await draft(inspector, { indicatorId: ind('I01').id, regionCode: '330502', year: 2025, period: 'Q3', value: 97 });
    expect(inspectorTry.statusCode).toBe(403);
    const byCity = await draft(admin, { indicatorId: ind('I01').id, regionCode: '330500', year: 2025, period: 'Q3', value: 97 });
    expect(byCity.statusCode).toBe(201);
  });

  it('refuses impossible values and names the field and the rule', async () => {
    const rate = await draft(wuxing, { indicatorId: ind('I01').id, regionCode: '330502', year: 2025, period: 'Q4', value: 105 });
    expect(rate.statusCode).toBe(400);
    expect(rate.json().error.details[0]).toMatchObject({ field: 'body.value', rule: 'range' });
    expect(rate.json().error.details[0].message).toMatch(/数值须在 0–100/);
    const year = await draft(wuxing, { indicatorId: ind('I01').id, regionCode: '330502', year: 2019, value: 90 });
    expect(year.json().error.details[0]).toMatchObject({ field: 'body.year', rule: 'range' });
    const text = await draft(wuxing, { indicatorId: ind('I01').id, regionCode: '330502', year: 2025, value: '97' });
    expect(text.json().error.details[0]).toMatchObject({ field: 'body.value', rule: 'type' });
  });

  it('warns (without blocking) on a year-on-year jump and on counties adding up to more than the city', async () => {
    // The demo publishes 2021–2024 for every county; a 2025 correction far from 2024 must warn.
    const pm = ind('I25');
    const prev: IndicatorValue[] = (await wuxing.get(`/api/v1/plans/${plan.id}/values?indicatorId=${pm.id}&regionCode=330502&year=2024`)).json().items;
    const last = prev.find((p) => p.status === 'approved');
    if (!last) throw new Error('no 2024 PM2.5 for 吴兴区');
    // The demo publishes 吴兴区's 2025 PM2.5 (server/seed/plan-demo.ts): a tripled value is a correction that must warn.
    const res = await draft(admin, { indicatorId: pm.id, regionCode: '330502', year: 2025, value: last.value * 3, correctionReason: '核对监测数据' });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings.map((w: { rule: string }) => w.rule)).toContain('yoy_change');

    const green = ind('I03');
    const cityValue = await draft(admin, { indicatorId: green.id, regionCode: '330500', year: 2021, value: 10, correctionReason: '测试' });
    expect(cityValue.json().warnings.map((w: { rule: string }) => w.rule)).toContain('county_sum_exceeds_city');
  });

  it('submits and approves in batches, all or nothing', async () => {
    const a: IndicatorValue = (await draft(nanxun, { indicatorId: ind('I06').id, regionCode: '330503', year: 2025, period: 'Q1', value: 50 })).json();
    const b: IndicatorValue = (await draft(nanxun, { indicatorId: ind('I07').id, regionCode: '330503', year: 2025, period: 'Q1', value: 40 })).json();
    const submitted = await nanxun.post('/api/v1/values/submit-batch', { ids: [a.id, b.id] });
    expect(submitted.json().items.map((x: IndicatorValue) => x.status)).toEqual(['submitted', 'submitted']);
    // One id the caller cannot act on → nothing changes.
    const c: IndicatorValue = (await draft(nanxun, { indicatorId: ind('I09').id, regionCode: '330503', year: 2025, period: 'Q1', value: 4 })).json();
    const mixed = await admin.post('/api/v1/values/approve-batch', { ids: [a.id, c.id] });
    expect(mixed.statusCode).toBe(409);
    expect((await admin.get(`/api/v1/values/${a.id}`)).json().status).toBe('submitted');
    const ok = await admin.post('/api/v1/values/approve-batch', { ids: [a.id, b.id] });
    expect(ok.json().items.map((x: IndicatorValue) => x.status)).toEqual(['approved', 'approved']);
  });
});
