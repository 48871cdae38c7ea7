import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarRangeError } from '../../../../common/calendar/index.ts';
import type { PassRateReport, PublicFailure, SampleDetail, SampleSummary } from '../../../../common/sampling/api.ts';
import { buildTestApp, type Client, type TestApp } from '../../../test-support/app.ts';
import { DB_KINDS } from '../../../test-support/db.ts';
import { workdayCalendar } from '../../calendar/index.ts';
import { buildEntity } from '../../entities/test-factories.ts';
import { RISK_SAMPLING_FAILED } from './index.ts';
import { buildCategory, buildIssuedSample, buildSample, daysAgo, items, sampleInput, today } from './test-factories.ts';

const DEMO_ENTERPRISE = '91330502MA2B3C4D58';
const I02 = '00000000-0000-4000-8001-000000000002';

describe.each(DB_KINDS)('supervision sampling on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let wuxing: Client;
  let nanxun: Client;
  let inspector: Client;
  let enterprise: Client;
  let categoryId: string;
  let wuxingCode: string;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    wuxing = await t.login('wuxing');
    nanxun = await t.login('nanxun');
    inspector = await t.login('inspector1');
    enterprise = await t.login('enterprise1');
    categoryId = (await buildCategory(admin, { name: '儿童服装（测试）', riskLevel: 'medium' })).id;
    wuxingCode = (await buildEntity(wuxing)).creditCode;
  });
  afterAll(() => t.close());

  const db = () => t.database.db;
  const events = (sampleId: string) =>
    db().selectFrom('entity_event').selectAll().where('kind', '=', 'sampling').where('dedupe_key', '=', `inspections:sampling:${sampleId}:final`).execute();
  const outbox = (sampleId: string) =>
    db().selectFrom('platform_outbox').selectAll().where('topic', '=', RISK_SAMPLING_FAILED).where('key', '=', sampleId).execute();
  const audits = (action: string, id: string) =>
    db().selectFrom('platform_audit').selectAll().where('action', '=', action).where('entity_id', '=', id).execute();

  describe('conclusion from the test items', () => {
    it('computes 不合格 from one item over its limit, 合格 when all pass, none while an item is open', async () => {
      const fail = await buildSample(inspector, sampleInput(wuxingCode, categoryId, { items: items(true) }));
      expect(fail).toMatchObject({ status: 'draft', computedConclusion: 'fail', conclusion: null, sampleNo: expect.stringMatching(/^CJ-\d{4}-330502-\d{6}$/) });
      expect(fail.items.map((i) => [i.name, i.verdict, i.verdictSource])).toEqual([
        ['甲醛含量', 'fail', 'computed'],
        ['pH 值', 'pass', 'computed'],
        ['纤维含量', 'pass', 'entered'],
      ]);
      expect((await buildSample(wuxing, sampleInput(wuxingCode, categoryId))).computedConclusion).toBe('pass');
      const open = await buildSample(wuxing, sampleInput(wuxingCode, categoryId, { items: [{ name: '甲醛含量', limitMax: 75 }] }));
      expect(open.computedConclusion).toBeNull();
      // An open item blocks the report.
      const res = await wuxing.post(`/api/v1/sampling/samples/${open.id}/issue`, { reportNo: 'R-1', reportDate: daysAgo(5) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'items', rule: 'verdict' });
    });

    it('refuses a verdict that contradicts the limit, an item with no limit, and names the item', async () => {
      const res = await wuxing.post(
        '/api/v1/sampling/samples',
        sampleInput(wuxingCode, categoryId, {
          items: [
            { name: '导体电阻', unit: 'Ω/km', limitMax: 7.41, resultValue: 7.9, verdict: 'pass' },
            { name: '外观', resultText: '良好', verdict: 'pass' },
          ],
        }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.items.0', 'body.items.1']);
    });

    it('edits a draft (items replaced, conclusion recomputed) and locks it once issued', async () => {
      const s = await buildSample(inspector, sampleInput(wuxingCode, categoryId));
      const edited: SampleDetail = (await inspector.patch(`/api/v1/sampling/samples/${s.id}`, { items: items(true), batch: 'B-EDIT' })).json();
      expect(edited).toMatchObject({ batch: 'B-EDIT', computedConclusion: 'fail' });
      // An inspector enters; only an officer issues.
      expect((await inspector.post(`/api/v1/sampling/samples/${s.id}/issue`, { reportNo: 'R', reportDate: daysAgo(3) })).statusCode).toBe(403);
      expect((await wuxing.post(`/api/v1/sampling/samples/${s.id}/issue`, { reportNo: 'R-2', reportDate: daysAgo(3) })).statusCode).toBe(200);
      const locked = await wuxing.patch(`/api/v1/sampling/samples/${s.id}`, { batch: 'X' });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().error.code).toBe('SAMPLING_SAMPLE_LOCKED');
    });

    it('overrides the conclusion only with a reason, audited', async () => {
      const s = await buildSample(wuxing, sampleInput(wuxingCode, categoryId));
      const noReason = await wuxing.post(`/api/v1/sampling/samples/${s.id}/issue`, {
        reportNo: 'R-3',
        reportDate: daysAgo(20),
        override: { conclusion: 'fail', reason: ' ' },
      });
      expect(noReason.statusCode).toBe(400);
      const res = await wuxing.post(`/api/v1/sampling/samples/${s.id}/issue`, {
        reportNo: 'R-3',
        reportDate: daysAgo(20),
        notifiedOn: daysAgo(18),
        override: { conclusion: 'fail', reason: '标签缺少执行标准，属 GB 5296.4 规定的必检项目' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ computedConclusion: 'pass', overrideConclusion: 'fail', conclusion: 'fail', status: 'issued' });
      const [audit] = await audits('sampling.sample.override', s.id);
      expect(audit?.after).toEqual({ conclusion: 'fail', reason: '标签缺少执行标准，属 GB 5296.4 规定的必检项目' });
    });
  });

  describe('final conclusions: timeline and outbox', () => {
    it('合格 is final at issue: one timeline event with the agreed shape, no outbox row', async () => {
      const s = await buildIssuedSample(wuxing, sampleInput(wuxingCode, categoryId));
      expect(s).toMatchObject({ status: 'final', finalConclusion: 'pass', finalVia: 'issued', finalOn: s.reportDate });
      const ev = await events(s.id);
      expect(ev).toHaveLength(1);
      expect(ev[0]).toMatchObject({ source_module: 'inspections', reference: s.sampleNo, occurred_on: s.reportDate });
      expect(ev[0]?.details).toEqual({ conclusion: '合格', sampleId: s.id, category: '儿童服装（测试）', failedItems: [] });
      expect(await outbox(s.id)).toHaveLength(0);
    });

    it('不合格 becomes final after the window: timeline event and risk signal exactly once, also on retry', async () => {
      const s = await buildIssuedSample(wuxing, sampleInput(wuxingCode, categoryId, { items: items(true) }), {
        reportDate: daysAgo(25),
        notifiedOn: daysAgo(16),
      });
      expect(s).toMatchObject({ status: 'issued', retestWindow: { lastDay: daysAgo(1), open: false } });
      const first = await wuxing.post(`/api/v1/sampling/samples/${s.id}/finalize`);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ status: 'final', finalConclusion: 'fail', finalVia: 'window_closed', finalOn: today() });
      // A retried request, and the sweep, change nothing.
      expect((await wuxing.post(`/api/v1/sampling/samples/${s.id}/finalize`)).statusCode).toBe(200);
      expect((await wuxing.post('/api/v1/sampling/samples/finalize-due', {})).json().sampleIds).not.toContain(s.id);
      const ev = await events(s.id);
      expect(ev).toHaveLength(1);
      expect(ev[0]?.details).toEqual({ conclusion: '不合格', sampleId: s.id, category: '儿童服装（测试）', failedItems: ['甲醛含量'] });
      const rows = await outbox(s.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ delivered_at: null, attempts: 0 });
      expect(rows[0]?.payload).toMatchObject({
        schemaVersion: 1,
        sampleId: s.id,
        sampleNo: s.sampleNo,
        creditCode: wuxingCode,
        countyCode: '330502',
        categoryName: '儿童服装（测试）',
        riskLevel: 'medium',
        finalVia: 'window_closed',
        failedItems: [{ name: '甲醛含量', standard: 'GB 18401-2010 B类', unit: 'mg/kg', limitMin: null, limitMax: 75, limitText: null, result: 96 }],
      });
      expect(await audits('sampling.sample.finalize', s.id)).toHaveLength(1);
    });

    it('the sweep finalizes every closed window in scope, and leaves open ones', async () => {
      const closed = await buildIssuedSample(wuxing, sampleInput(wuxingCode, categoryId, { items: items(true) }), {
        reportDate: daysAgo(30),
        notifiedOn: daysAgo(20),
      });
      const open = await buildIssuedSample(wuxing, sampleInput(wuxingCode, categoryId, { items: items(true) }), {
        reportDate: daysAgo(30),
        notifiedOn: daysAgo(3),
      });
      const res = await wuxing.post('/api/v1/sampling/samples/finalize-due', {});
      expect(res.json().sampleIds).toContain(closed.id);
      expect(res.json().sampleIds).not.toContain(open.id);
      const stillOpen = await wuxing.post(`/api/v1/sampling/samples/${open.id}/finalize`);
      expect(stillOpen.statusCode).toBe(409);
      expect(stillOpen.json().error.code).toBe('SAMPLING_RETEST_WINDOW_OPEN');
      expect(await outbox(closed.id)).toHaveLength(1);
      expect(await outbox(open.id)).toHaveLength(0);
    });
  });

  describe('the 15-day 复检 window', () => {
    const failing = async (notifiedOn: string | null) =>
      buildIssuedSample(wuxing, sampleInput(wuxingCode, categoryId, { sampledOn: daysAgo(60), items: items(true) }), { reportDate: daysAgo(50), notifiedOn });

    it('accepts a request on day 15 after receipt, refuses day 16 and one dated before receipt', async () => {
      const onDay15 = await failing(daysAgo(30));
      const ok = await wuxing.post(`/api/v1/sampling/samples/${onDay15.id}/retest-request`, { requestedOn: daysAgo(15), note: '企业书面申请' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'retest_requested', retestRequestedOn: daysAgo(15) });

      const onDay16 = await failing(daysAgo(30));
      const late = await wuxing.post(`/api/v1/sampling/samples/${onDay16.id}/retest-request`, { requestedOn: daysAgo(14) });
      expect(late.statusCode).toBe(409);
      expect(late.json().error).toMatchObject({ code: 'SAMPLING_RETEST_WINDOW_CLOSED', details: [{ lastDay: daysAgo(15), requestedOn: daysAgo(14) }] });
      expect(late.json().error.message).toContain('15 日');

      const early = await wuxing.post(`/api/v1/sampling/samples/${onDay16.id}/retest-request`, { requestedOn: daysAgo(31) });
      expect(early.statusCode).toBe(400);
      expect((await wuxing.get(`/api/v1/sampling/samples/${onDay16.id}`)).json().status).toBe('issued');
    });

    it('does not start before the result is served', async () => {
      const s = await failing(null);
      const res = await wuxing.post(`/api/v1/sampling/samples/${s.id}/retest-request`, { requestedOn: daysAgo(1) });
      expect(res.json().error.code).toBe('SAMPLING_NOT_NOTIFIED');
      const notified = (await wuxing.post(`/api/v1/sampling/samples/${s.id}/notify`, { notifiedOn: daysAgo(2) })).json();
      expect(notified.retestWindow).toEqual({ rule: 'product_15d', lastDay: expect.any(String), daysLeft: 13, open: true });
    });

    it('the final conclusion follows the 复检: overturned → 合格 (no risk signal), upheld → 不合格', async () => {
      const overturned = await failing(daysAgo(10));
      await wuxing.post(`/api/v1/sampling/samples/${overturned.id}/retest-request`, { requestedOn: daysAgo(8) });
      const failingItem = overturned.items.find((i) => i.verdict === 'fail');
      const otherItem = overturned.items.find((i) => i.verdict === 'pass');
      const wrongItem = await wuxing.post(`/api/v1/sampling/samples/${overturned.id}/retest-result`, {
        lab: '浙江省产品质量安全科学研究院',
        reportNo: 'F-1',
        reportDate: daysAgo(1),
        items: [{ itemId: otherItem?.id, resultValue: 5 }],
      });
      expect(wrongItem.statusCode).toBe(400);
      const res = await wuxing.post(`/api/v1/sampling/samples/${overturned.id}/retest-result`, {
        lab: '浙江省产品质量安全科学研究院',
        reportNo: 'F-1',
        reportDate: daysAgo(1),
        items: [{ itemId: failingItem?.id, resultValue: 70 }],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'final',
        conclusion: 'fail',
        retestConclusion: 'pass',
        finalConclusion: 'pass',
        finalVia: 'retest',
        finalOn: daysAgo(1),
      });
      expect((await events(overturned.id))[0]?.details).toMatchObject({ conclusion: '合格', failedItems: [] });
      expect(await outbox(overturned.id)).toHaveLength(0);

      const upheld = await failing(daysAgo(10));
      await wuxing.post(`/api/v1/sampling/samples/${upheld.id}/retest-request`, { requestedOn: daysAgo(9) });
      const item = upheld.items.find((i) => i.verdict === 'fail');
      const r2 = await wuxing.post(`/api/v1/sampling/samples/${upheld.id}/retest-result`, {
        lab: '复检机构',
        reportNo: 'F-2',
        reportDate: today(),
        items: [{ itemId: item?.id, resultValue: 88 }],
      });
      expect(r2.json()).toMatchObject({ finalConclusion: 'fail', finalVia: 'retest' });
      expect((await outbox(upheld.id))[0]?.payload).toMatchObject({ finalVia: 'retest', failedItems: [{ name: '甲醛含量', result: 88 }] });
    });

    it('a drug sample gets the 7-working-day 复验 window of its category', async () => {
      const drug = await buildCategory(admin, { name: '基本药物（测试）', riskLevel: 'high', retestRule: 'drug_7wd' });
      const s = await buildIssuedSample(wuxing, sampleInput(wuxingCode, drug.id, { items: items(true) }), { reportDate: daysAgo(30), notifiedOn: daysAgo(10) });
      expect(s.retestRule).toBe('drug_7wd');
      expect(s.retestWindow?.rule).toBe('drug_7wd');
    });
  });

  describe('scope', () => {
    it('a 南浔区 officer gets 404 for a 吴兴区 sample, cannot find it, and cannot sample a 吴兴区 entity', async () => {
      const s = await buildSample(wuxing, sampleInput(wuxingCode, categoryId, { items: items(true) }));
      expect((await nanxun.get(`/api/v1/sampling/samples/${s.id}`)).statusCode).toBe(404);
      expect((await nanxun.patch(`/api/v1/sampling/samples/${s.id}`, { batch: 'x' })).statusCode).toBe(404);
      expect((await nanxun.post(`/api/v1/sampling/samples/${s.id}/issue`, { reportNo: 'R', reportDate: daysAgo(1) })).statusCode).toBe(404);
      expect((await nanxun.post(`/api/v1/sampling/samples/${s.id}/finalize`)).statusCode).toBe(404);
      const list = (await nanxun.get(`/api/v1/sampling/samples?q=${s.sampleNo}`)).json();
      expect(list.total).toBe(0);
      const all: SampleSummary[] = (await nanxun.get('/api/v1/sampling/samples?pageSize=200')).json().items;
      expect(all.every((x) => x.countyCode === '330503')).toBe(true);
      expect((await nanxun.get('/api/v1/sampling/samples?regionCode=330502')).statusCode).toBe(404);
      expect((await nanxun.get('/api/v1/sampling/pass-rates?year=2025&regionCode=330502')).statusCode).toBe(404);
      expect((await nanxun.get('/api/v1/grading/regions?year=2025&regionCode=330502')).statusCode).toBe(404);
      const create = await nanxun.post('/api/v1/sampling/samples', sampleInput(wuxingCode, categoryId));
      expect(create.statusCode).toBe(400);
      expect(create.json().error.details[0]).toMatchObject({ field: 'body.creditCode', rule: 'registered' });
    });

    it('an enterprise sees only its own issued samples, without internal fields, and may ask for its 复检 itself', async () => {
      const draft = await buildSample(wuxing, sampleInput(DEMO_ENTERPRISE, categoryId, { items: items(true) }));
      const own = await buildIssuedSample(wuxing, sampleInput(DEMO_ENTERPRISE, categoryId, { items: items(true) }), {
        reportDate: daysAgo(5),
        notifiedOn: daysAgo(1),
      });
      const other = await buildIssuedSample(wuxing, sampleInput(wuxingCode, categoryId, { items: items(true) }), {
        reportDate: daysAgo(5),
        notifiedOn: daysAgo(1),
      });
      const list: SampleSummary[] = (await enterprise.get('/api/v1/sampling/samples?pageSize=200')).json().items;
      expect(list.every((x) => x.creditCode === DEMO_ENTERPRISE)).toBe(true);
      expect(list.map((x) => x.id)).toContain(own.id);
      expect(list.map((x) => x.id)).not.toContain(draft.id);
      expect((await enterprise.get(`/api/v1/sampling/samples/${draft.id}`)).statusCode).toBe(404);
      expect((await enterprise.get(`/api/v1/sampling/samples/${other.id}`)).statusCode).toBe(404);
      const detail: SampleDetail = (await enterprise.get(`/api/v1/sampling/samples/${own.id}`)).json();
      expect(detail).toMatchObject({ riskLevel: null, overrideReason: null, actions: { requestRetest: true, issue: false, finalize: false } });
      // Its own 复检 application is dated today by the server, whatever it sends.
      const req = await enterprise.post(`/api/v1/sampling/samples/${own.id}/retest-request`, { requestedOn: daysAgo(30), note: '对甲醛检测结果有异议' });
      expect(req.statusCode, req.body).toBe(200);
      expect(req.json()).toMatchObject({ status: 'retest_requested', retestRequestedOn: today() });
      expect((await enterprise.post(`/api/v1/sampling/samples/${other.id}/retest-request`, {})).statusCode).toBe(404);
      expect((await enterprise.post('/api/v1/sampling/samples', sampleInput(DEMO_ENTERPRISE, categoryId))).statusCode).toBe(403);
      for (const url of [
        '/api/v1/sampling/categories',
        '/api/v1/sampling/plans',
        '/api/v1/sampling/pass-rates?year=2025',
        '/api/v1/grading/regions',
        '/api/v1/grading/enterprises',
      ]) {
        expect((await enterprise.get(url)).statusCode, url).toBe(403);
      }
    });
  });

  describe('pass rates and the plan', () => {
    it('counts final batches only, per county and category, with the city total', async () => {
      const cat = await buildCategory(admin, { riskLevel: 'low' });
      const nanxunCode = (await buildEntity(nanxun, { regionCode: '330503100' })).creditCode;
      const input = (code: string, failing: boolean) => sampleInput(code, cat.id, { sampledOn: '2024-05-10', items: items(failing) });
      for (let i = 0; i < 3; i++) await buildIssuedSample(wuxing, input(wuxingCode, false));
      await buildIssuedSample(wuxing, input(wuxingCode, true), { notifiedOn: '2024-05-25' });
      await wuxing.post('/api/v1/sampling/samples/finalize-due', {});
      await buildIssuedSample(wuxing, input(wuxingCode, true)); // 不合格, not served: pending
      await buildSample(wuxing, input(wuxingCode, false)); // draft: pending
      await buildIssuedSample(nanxun, input(nanxunCode, false));

      const city: PassRateReport = (await admin.get(`/api/v1/sampling/pass-rates?year=2024&category=${cat.code}`)).json();
      const pick = (rows: PassRateReport['rows'], region: string) => rows.find((r) => r.regionCode === region);
      expect(pick(city.rows, '330502')).toMatchObject({ categoryCode: cat.code, batches: 4, passed: 3, failed: 1, pending: 2, passRate: 75 });
      expect(pick(city.rows, '330503')).toMatchObject({ batches: 1, passed: 1, passRate: 100 });
      expect(pick(city.totals, '330500')).toMatchObject({ categoryId: null, batches: 5, passed: 4, failed: 1, pending: 2, passRate: 80 });
      const county: PassRateReport = (await wuxing.get(`/api/v1/sampling/pass-rates?year=2024&category=${cat.id}`)).json();
      expect(county.rows.map((r) => r.regionCode)).toEqual(['330502']);
    });

    it('drafts the rate into 表1 I02 through the plan’s review: a draft with its source, never approved', async () => {
      const drug = await buildCategory(admin, { name: '基本药物（计划测试）', riskLevel: 'high', planIndicatorCode: 'I02' });
      const code = (await buildEntity(nanxun, { regionCode: '330503102' })).creditCode;
      for (const failing of [false, false, false, true]) {
        await buildIssuedSample(nanxun, sampleInput(code, drug.id, { sampledOn: '2022-04-01', items: items(failing) }), { notifiedOn: '2022-04-20' });
      }
      await nanxun.post('/api/v1/sampling/samples/finalize-due', {});
      const offers: PassRateReport['offers'] = (await nanxun.get('/api/v1/sampling/pass-rates?year=2022')).json().offers;
      expect(offers.find((o) => o.indicatorCode === 'I02')).toMatchObject({ regionCode: '330503', batches: 4, passed: 3, passRate: 75, canDraft: true });

      // The demo has an approved 2022 value for 南浔区: the plan asks for a correction reason.
      const body = { year: 2022, regionCode: '330503', indicatorCode: 'I02' };
      const noReason = await nanxun.post('/api/v1/sampling/pass-rates/plan-draft', body);
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.details[0].field).toBe('body.correctionReason');
      const res = await nanxun.post('/api/v1/sampling/pass-rates/plan-draft', { ...body, correctionReason: '以监督抽查系统最终结论为准' });
      expect(res.statusCode, res.body).toBe(200);
      const draft = res.json();
      expect(draft).toMatchObject({ indicatorCode: 'I02', regionCode: '330503', year: 2022, value: 75, numerator: 3, denominator: 4, status: 'draft' });
      expect(draft.sourceNote).toContain('监督抽查系统汇总');
      const cell = await db()
        .selectFrom('plan_value')
        .select(['status', 'version'])
        .where('indicator_id', '=', I02)
        .where('region_code', '=', '330503')
        .where('year', '=', 2022)
        .orderBy('version')
        .execute();
      expect(cell.map((c) => c.status)).toEqual(['approved', 'draft']);
      // Then the plan's own review: the county submits, the city approves.
      expect((await nanxun.post(`/api/v1/values/${draft.valueId}/submit`)).json().status).toBe('submitted');
      expect((await admin.post(`/api/v1/values/${draft.valueId}/approve`)).json()).toMatchObject({ status: 'approved', value: 75 });
      // Another county's cell is out of reach; an inspector drafts nothing.
      expect((await nanxun.post('/api/v1/sampling/pass-rates/plan-draft', { ...body, regionCode: '330502' })).statusCode).toBe(404);
      expect((await inspector.post('/api/v1/sampling/pass-rates/plan-draft', { ...body, regionCode: '330502' })).statusCode).toBe(403);
    });
  });

  describe('grading and the colour map', () => {
    it('grades enterprises from 3 years of final results and colours the region by its C share', async () => {
      const cat = await buildCategory(admin, { riskLevel: 'medium' });
      const high = await buildCategory(admin, { riskLevel: 'high' });
      const c1 = await buildEntity(admin, { regionCode: '330521101' });
      const c2 = await buildEntity(admin, { regionCode: '330521101' });
      const aa = await buildEntity(admin, { regionCode: '330521102' });
      const a = await buildEntity(admin, { regionCode: '330521102' });
      const run = async (code: string, categoryId: string, sampledOn: string, failing: boolean) =>
        buildIssuedSample(admin, sampleInput(code, categoryId, { sampledOn, items: items(failing) }), {
          notifiedOn: failing ? `${sampledOn.slice(0, 4)}-12-20` : null,
        });
      await run(c1.creditCode, cat.id, '2020-03-01', true);
      await run(c1.creditCode, cat.id, '2021-03-01', true);
      await run(c2.creditCode, high.id, '2021-06-01', true);
      await run(aa.creditCode, cat.id, '2019-03-01', false);
      await run(aa.creditCode, cat.id, '2021-03-01', false);
      await run(aa.creditCode, cat.id, '2021-09-01', false);
      await run(a.creditCode, cat.id, '2018-03-01', true); // outside the 2019–2021 window
      await run(a.creditCode, cat.id, '2021-03-01', false);
      await admin.post('/api/v1/sampling/samples/finalize-due', {});

      const graded = (await admin.get('/api/v1/grading/enterprises?year=2021&regionCode=330521&pageSize=50')).json();
      const gradeOf = (id: string) => graded.items.find((g: { entityId: string }) => g.entityId === id);
      expect(gradeOf(c1.id)).toMatchObject({ grade: 'C', reason: 'repeated_failures', failures: 2 });
      expect(gradeOf(c2.id)).toMatchObject({ grade: 'C', reason: 'high_risk_failure' });
      expect(gradeOf(aa.id)).toMatchObject({ grade: 'AA', batches: 3, yearsSampled: 2 });
      expect(gradeOf(a.id)).toMatchObject({ grade: 'A', batches: 1 });

      const map = (await admin.get('/api/v1/grading/regions?year=2021')).json();
      const deqing = map.root.children.find((c: { regionCode: string }) => c.regionCode === '330521');
      expect(deqing).toMatchObject({ counts: { AA: 1, A: 1, B: 0, C: 2 }, graded: 4, cShare: 0.5, colour: 'red' });
      expect(deqing.children.find((c: { regionCode: string }) => c.regionCode === '330521101')).toMatchObject({ graded: 2, colour: null });
      expect(map.window).toEqual({ fromYear: 2019, toYear: 2021 });
      // A county officer sees his county's tree only.
      expect((await wuxing.get('/api/v1/grading/regions?year=2021')).json().root.regionCode).toBe('330502');

      // The rule is versioned: raising the red threshold recolours; the city changes it, with a reason.
      const rule = (await admin.get('/api/v1/grading/rule')).json();
      expect((await wuxing.post('/api/v1/grading/rule', { params: rule.params, reason: 'x' })).statusCode).toBe(403);
      const bad = await admin.post('/api/v1/grading/rule', { params: { ...rule.params, colour: { red: 0.05, yellow: 0.1, blue: 0.02 } }, reason: '测试' });
      expect(bad.json().error.details[0].field).toBe('body.params.colour');
      const next = await admin.post('/api/v1/grading/rule', { params: { ...rule.params, colour: { red: 0.6, yellow: 0.4, blue: 0.1 } }, reason: '测试阈值' });
      expect(next.statusCode).toBe(201);
      expect(next.json().version).toBe(rule.version + 1);
      const again = (await admin.get('/api/v1/grading/regions?year=2021')).json();
      expect(again.root.children.find((c: { regionCode: string }) => c.regionCode === '330521').colour).toBe('yellow');
      await admin.post('/api/v1/grading/rule', { params: rule.params, reason: '恢复' });
    });
  });

  describe('public 不合格 list', () => {
    it('shows published final 不合格 only, with nothing internal, to anyone', async () => {
      const s = await buildIssuedSample(wuxing, sampleInput(wuxingCode, categoryId, { productName: '公示测试连衣裙', items: items(true) }), {
        reportDate: daysAgo(28),
        notifiedOn: daysAgo(20),
      });
      expect((await wuxing.post(`/api/v1/sampling/samples/${s.id}/publish`)).statusCode).toBe(409);
      await wuxing.post(`/api/v1/sampling/samples/${s.id}/finalize`);
      const unpublished = (await t.anonymous.get('/api/v1/public/sampling/failures?pageSize=200')).json();
      expect(unpublished.items.some((f: PublicFailure) => f.productName === '公示测试连衣裙')).toBe(false);
      const published = await wuxing.post(`/api/v1/sampling/samples/${s.id}/publish`);
      expect(published.json().publishedAt).not.toBeNull();
      // 20 working days after the final conclusion (today): a date while the statutory calendar reaches that far, null
      // past it (late in a year, before the next year's arrangement is entered) — never a guess.
      const { finalOn, publicationDeadline: deadline } = published.json();
      const calendar = await workdayCalendar(t.database.db);
      if (deadline === null) expect(() => calendar.addWorkdays(finalOn, 20)).toThrow(CalendarRangeError);
      else expect(deadline).toBe(calendar.addWorkdays(finalOn, 20));
      const res = await t.anonymous.get('/api/v1/public/sampling/failures?pageSize=200');
      expect(res.statusCode).toBe(200);
      const mine: PublicFailure = res.json().items.find((f: PublicFailure) => f.productName === '公示测试连衣裙');
      expect(Object.keys(mine).sort()).toEqual(
        ['batch', 'brand', 'categoryName', 'countyName', 'enterpriseName', 'failedItems', 'productName', 'publishedOn', 'sampledOn', 'spec'].sort(),
      );
      expect(mine).toMatchObject({ countyName: '吴兴区', failedItems: [{ name: '甲醛含量', requirement: '≤ 75 mg/kg', result: '96 mg/kg' }] });
      const text = res.body;
      for (const secret of [s.id, s.sampleNo, wuxingCode, 'riskLevel', 'medium', '湖州市质量技术监督检测研究院', 'overrideReason'])
        expect(text).not.toContain(secret);
      // Internal routes stay closed to the public.
      expect((await t.anonymous.get(`/api/v1/sampling/samples/${s.id}`)).statusCode).toBe(401);
      expect((await t.anonymous.get('/api/v1/grading/regions')).statusCode).toBe(401);
    });
  });

  describe('categories', () => {
    it('changes a category as a new version with a reason, audited', async () => {
      const c = await buildCategory(admin, { riskLevel: 'low' });
      expect((await admin.patch(`/api/v1/sampling/categories/${c.id}`, { riskLevel: 'high' })).statusCode).toBe(400);
      expect((await wuxing.patch(`/api/v1/sampling/categories/${c.id}`, { riskLevel: 'high', reason: 'x' })).statusCode).toBe(403);
      const res = await admin.patch(`/api/v1/sampling/categories/${c.id}`, { riskLevel: 'high', reason: '近两年连续发现不合格' });
      expect(res.json()).toMatchObject({ riskLevel: 'high', version: 2 });
      const versions = (await wuxing.get(`/api/v1/sampling/categories/${c.id}/versions`)).json();
      expect(versions.map((v: { version: number; riskLevel: string; reason: string }) => [v.version, v.riskLevel, v.reason])).toEqual([
        [2, 'high', '近两年连续发现不合格'],
        [1, 'low', '新建 / created'],
      ]);
      expect(await audits('sampling.category.update', c.id)).toHaveLength(1);
      // Samples keep the grade they were taken under.
      const s = await buildSample(wuxing, sampleInput(wuxingCode, c.id));
      await admin.patch(`/api/v1/sampling/categories/${c.id}`, { riskLevel: 'medium', reason: '回调' });
      expect((await wuxing.get(`/api/v1/sampling/samples/${s.id}`)).json().riskLevel).toBe('high');
    });
  });
});
