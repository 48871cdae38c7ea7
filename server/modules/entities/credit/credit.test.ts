import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditClassList, CreditClassRecord, CreditModel, EntityCreditHistory, RecomputeResult } from '../../../../common/credit-risk/api.ts';
import { DEFAULT_CREDIT_MODEL, DEFAULT_CREDIT_MODEL_DESCRIPTION } from '../../../../common/credit-risk/model.ts';
import { addMonths, periodOf } from '../../../../common/credit-risk/period.ts';
import type { EntityDetail, EntityEventKind } from '../../../../common/entity-api.ts';
import { buildTestApp, type Client, type TestApp } from '../../../test-support/app.ts';
import { DB_KINDS } from '../../../test-support/db.ts';
import { appendEntityEvent, currentCreditClasses, recomputeCreditClasses } from '../index.ts';
import { addDays, todayInShanghai } from '../present.ts';
import { buildEntity } from '../test-factories.ts';

const today = todayInShanghai();
const PERIOD = periodOf(today);
const yearsAgo = (n: number) => addDays(today, -Math.round(n * 365.25) - 2);

describe.each(DB_KINDS)('credit-risk classes on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let wuxing: Client;
  let nanxun: Client;
  let inspector: Client;
  let enterprise: Client;
  /** Hand-built entities in 吴兴区 织里镇, by the class they should get. */
  const built: Record<string, EntityDetail> = {};

  const event = (e: EntityDetail, kind: EntityEventKind, occurredOn: string, details: Record<string, unknown> | null = null) =>
    appendEntityEvent(t.database.db, { entityId: e.id, occurredOn, kind, summary: `测试事件 ${kind}`, sourceModule: 'inspections', details });
  const history = async (client: Client, e: EntityDetail) => {
    const res = await client.get(`/api/v1/entities/${e.id}/credit-classes`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as EntityCreditHistory;
  };
  const current = async (e: EntityDetail): Promise<CreditClassRecord> => {
    const record = (await history(admin, e)).records.find((r) => r.period === PERIOD);
    if (!record) throw new Error(`no class for ${e.name} in ${PERIOD}`);
    return record;
  };
  const recompute = async (period = PERIOD) => {
    const res = await admin.post('/api/v1/credit-classes/recompute', { period });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as RecomputeResult;
  };
  const auditCount = async (action: string) =>
    Number(
      (
        await t.database.db
          .selectFrom('platform_audit')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const licence = (status: string, expiresOn: string) => ({
    kind: 'industrial_product',
    number: `(浙)XK06-T-${Date.now()}${randomInt(1_000_000)}`,
    productCategory: '电线电缆',
    issuedOn: '2019-05-01',
    expiresOn,
    status,
  });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    wuxing = await t.login('wuxing');
    nanxun = await t.login('nanxun');
    inspector = await t.login('inspector1');
    enterprise = await t.login('enterprise1');

    // A: twelve clean years and a valid ISO 9001 certificate: 10 − 5 − 5 = 0.
    built.A = await buildEntity(wuxing, { name: '湖州信用A测试有限公司', establishedOn: yearsAgo(12) });
    const cert = await wuxing.post(`/api/v1/entities/${built.A.id}/certifications`, {
      kind: 'iso9001',
      number: `T${randomInt(1e9)}Q`,
      issuer: '中国质量认证中心',
      issuedOn: addDays(today, -100),
      expiresOn: addDays(today, 900),
      status: 'valid',
    });
    expect(cert.statusCode, cert.body).toBe(201);

    // B: five clean years; a sample that passed and an abnormal listing that was lifted change nothing.
    built.B = await buildEntity(wuxing, { name: '湖州信用B测试有限公司', establishedOn: yearsAgo(5) });
    await event(built.B, 'sampling', addDays(today, -200), { conclusion: '合格' });
    await event(built.B, 'abnormal_in', addDays(today, -300));
    await event(built.B, 'abnormal_out', addDays(today, -100));

    // C: two failed samples inside 36 months (+24; a third, older one does not count) and one complaint in
    // the last 12 months (+3; an older one does not count): 10 + 24 + 3 = 37.
    built.C = await buildEntity(wuxing, { name: '湖州信用C测试有限公司', establishedOn: yearsAgo(6) });
    await event(built.C, 'sampling', addDays(today, -40), { conclusion: '不合格', sampleNo: 'T-1' });
    await event(built.C, 'sampling', addDays(today, -500), { conclusion: '不合格', sampleNo: 'T-2' });
    await event(built.C, 'sampling', addDays(today, -1200), { conclusion: '不合格', sampleNo: 'T-3' });
    await event(built.C, 'complaint', addDays(today, -30));
    await event(built.C, 'complaint', addDays(today, -400));

    // D by score: a penalty (+10), 2 expired/revoked production licences (+10 +20), 3 complaints (+9),
    // two years old (+5): 10 + 10 + 30 + 9 + 5 = 64.
    built.D = await buildEntity(wuxing, { name: '湖州信用D测试有限公司', establishedOn: yearsAgo(2) });
    await event(built.D, 'penalty', addDays(today, -20));
    for (const d of [-10, -50, -90]) await event(built.D, 'complaint', addDays(today, d));
    expect((await wuxing.post(`/api/v1/entities/${built.D.id}/licences`, licence('valid', addDays(today, -5)))).statusCode).toBe(201);
    expect((await wuxing.post(`/api/v1/entities/${built.D.id}/licences`, licence('revoked', addDays(today, 400)))).statusCode).toBe(201);

    // Floors: on the serious-violation list → D whatever the score; back on the abnormal list → at least C.
    // 10 + 50 − 5 (15 years) − 8 (green product) = 47 is C by score; the list makes it D.
    built.serious = await buildEntity(wuxing, { name: '湖州信用严重失信测试有限公司', establishedOn: yearsAgo(15) });
    await event(built.serious, 'serious_in', addDays(today, -15));
    const green = await wuxing.post(`/api/v1/entities/${built.serious.id}/certifications`, {
      kind: 'green_product',
      number: `CQC${randomInt(1e9)}GP`,
      issuer: '中国质量认证中心',
      issuedOn: addDays(today, -100),
      status: 'valid',
    });
    expect(green.statusCode, green.body).toBe(201);
    built.abnormal = await buildEntity(wuxing, { name: '湖州信用经营异常测试有限公司', establishedOn: yearsAgo(15) });
    await event(built.abnormal, 'abnormal_in', addDays(today, -400));
    await event(built.abnormal, 'abnormal_out', addDays(today, -300));
    await event(built.abnormal, 'abnormal_in', addDays(today, -10));

    // Not classified: cancelled. And one in 南浔区 for the scope tests.
    built.cancelled = await buildEntity(wuxing, { name: '湖州信用注销测试有限公司', status: 'cancelled' });
    built.nanxun = await buildEntity(nanxun, { name: '湖州信用南浔测试有限公司', regionCode: '330503100', establishedOn: yearsAgo(4) });
  });
  afterAll(() => t.close());

  describe('model', () => {
    it('version 1 is seeded as common/credit-risk documents it, and is the active one', async () => {
      const res = await inspector.get('/api/v1/credit-models/active');
      expect(res.statusCode, res.body).toBe(200);
      const m: CreditModel = res.json();
      expect(m).toMatchObject({ version: 1, effectiveFrom: '2022-01-01', active: true, description: DEFAULT_CREDIT_MODEL_DESCRIPTION });
      expect({ baseScore: m.baseScore, thresholds: m.thresholds, factors: m.factors }).toEqual(DEFAULT_CREDIT_MODEL);
    });

    it('the demo seed classified the demo entities for the current month, in all four classes', async () => {
      const list: CreditClassList = (await admin.get(`/api/v1/credit-classes?period=${PERIOD}&pageSize=5`)).json();
      expect(list.periods).toContain(PERIOD);
      for (const c of ['A', 'B', 'C', 'D'] as const) expect(list.counts[c]).toBeGreaterThan(0);
      expect(list.byRegion.map((r) => r.regionName)).toEqual(['吴兴区', '南浔区', '德清县', '长兴县', '安吉县']);
    });
  });

  describe('recompute', () => {
    let first: RecomputeResult;
    beforeAll(async () => {
      first = await recompute();
    });

    it('gives the expected class, score and breakdown for hand-built entities', async () => {
      const a = await current(built.A as EntityDetail);
      expect(a).toMatchObject({ class: 'A', computedClass: 'A', adjusted: false, score: 0, baseScore: 10, floor: null, modelVersion: 1, asOf: today });
      expect(a.factors.find((f) => f.factor === 'certifications')).toEqual({ factor: 'certifications', value: ['iso9001'], points: -5 });
      expect(a.factors).toHaveLength(9);

      const b = await current(built.B as EntityDetail);
      expect(b).toMatchObject({ class: 'B', score: 10 });
      expect(b.factors.find((f) => f.factor === 'abnormal_operation')).toEqual({ factor: 'abnormal_operation', value: false, points: 0 });

      const c = await current(built.C as EntityDetail);
      expect(c).toMatchObject({ class: 'C', score: 37 });
      expect(c.factors.filter((f) => f.points !== 0).map((f) => [f.factor, f.value, f.points])).toEqual([
        ['sampling_failures', 2, 24],
        ['complaints', 1, 3],
      ]);

      const d = await current(built.D as EntityDetail);
      expect(d).toMatchObject({ class: 'D', score: 64, floor: null });
      expect(d.factors.filter((f) => f.points !== 0).map((f) => [f.factor, f.value, f.points])).toEqual([
        ['penalties', 1, 10],
        ['complaints', 3, 9],
        ['licence_expired', 1, 10],
        ['licence_revoked', 1, 20],
        ['years_in_business', 2, 5],
      ]);

      expect(await current(built.serious as EntityDetail)).toMatchObject({ class: 'D', score: 47, floor: 'D' });
      expect(await current(built.abnormal as EntityDetail)).toMatchObject({ class: 'C', score: 30, floor: null });
      expect((await history(admin, built.cancelled as EntityDetail)).records).toEqual([]);
    });

    it('is idempotent: a re-run replaces the period’s rows, one run row and one audit row each', async () => {
      const rows = async () =>
        (
          await t.database.db
            .selectFrom('entity_credit_class')
            .select(['entity_id', 'class', 'score'])
            .where('period', '=', PERIOD)
            .orderBy('entity_id')
            .execute()
        ).map((r) => `${r.entity_id}:${r.class}:${r.score}`);
      const before = await rows();
      const audits = await auditCount('entity.credit.recompute');
      const second = await recompute();
      expect(await rows()).toEqual(before);
      expect(second).toMatchObject({ period: PERIOD, entities: first.entities, counts: first.counts, modelVersion: 1 });
      expect(await auditCount('entity.credit.recompute')).toBe(audits + 1);
      const runs = await t.database.db.selectFrom('entity_credit_run').select('run_by').where('period', '=', PERIOD).orderBy('id', 'desc').execute();
      expect(runs[0]?.run_by).toBe('admin');
    });

    it('refuses a future period, a malformed one, and anyone but the city administrator', async () => {
      const future = await admin.post('/api/v1/credit-classes/recompute', { period: addMonths(PERIOD, 1) });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.code).toBe('CREDIT_PERIOD_IN_FUTURE');
      const bad = await admin.post('/api/v1/credit-classes/recompute', { period: '2026-13' });
      expect(bad.json().error.details[0].field).toBe('body.period');
      expect((await wuxing.post('/api/v1/credit-classes/recompute', {})).statusCode).toBe(403);
    });

    it('can be limited to a region: other regions’ rows stay as they were', async () => {
      const nanxunBefore = await current(built.nanxun as EntityDetail);
      await event(built.C as EntityDetail, 'penalty', addDays(today, -3));
      const r = await recomputeCreditClasses(t.database.db, PERIOD, { regionPath: '/330500/330502/' });
      expect(r.entities).toBeLessThan(first.entities);
      expect(await current(built.C as EntityDetail)).toMatchObject({ class: 'C', score: 47 });
      expect(await current(built.nanxun as EntityDetail)).toEqual(nanxunBefore);
    });

    it('offers currentCreditClasses to other modules: the newest period, by credit code, absent when never classed', async () => {
      const codes = [built.A, built.D, built.cancelled].map((e) => (e as EntityDetail).creditCode);
      const map = await currentCreditClasses(t.database.db, [...codes, (codes[0] as string).toLowerCase()]);
      expect(Object.fromEntries(map)).toEqual({
        [codes[0] as string]: { class: 'A', period: PERIOD, adjusted: false },
        [codes[1] as string]: { class: 'D', period: PERIOD, adjusted: false },
      });
    });
  });

  describe('list', () => {
    it('filters by class and name, counts per class and per township for a county officer', async () => {
      const res = await wuxing.get(`/api/v1/credit-classes?q=${encodeURIComponent('湖州信用')}&class=D`);
      expect(res.statusCode, res.body).toBe(200);
      const list: CreditClassList = res.json();
      expect(list.items.map((i) => i.name).sort()).toEqual(['湖州信用D测试有限公司', '湖州信用严重失信测试有限公司']);
      expect(list.items[0]?.mainFactors.length).toBeGreaterThan(0);
      expect(list).toMatchObject({ period: PERIOD, canAdjust: true, canRecompute: false });
      expect(list.byRegion.map((r) => r.regionCode).every((c) => c.startsWith('330502') && c.length === 9)).toBe(true);
      const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
      expect(sum(list.counts)).toBe(list.byRegion.reduce((a, r) => a + sum(r.counts), 0));
    });

    it('shows a county officer only its own county; another county is 404', async () => {
      const list: CreditClassList = (await nanxun.get(`/api/v1/credit-classes?q=${encodeURIComponent('湖州信用')}&pageSize=50`)).json();
      expect(list.items.map((i) => i.name)).toEqual(['湖州信用南浔测试有限公司']);
      expect((await nanxun.get('/api/v1/credit-classes?regionCode=330502')).statusCode).toBe(404);
      expect((await nanxun.get(`/api/v1/entities/${built.C?.id}/credit-classes`)).statusCode).toBe(404);
    });
  });

  describe('manual adjustment', () => {
    it('moves the class with a reason, audited, effective in the list and for other modules, and survives a re-run', async () => {
      const b = built.B as EntityDetail;
      const audits = await auditCount('entity.credit.adjust');
      const res = await wuxing.post(`/api/v1/entities/${b.id}/credit-adjustments`, {
        period: PERIOD,
        toClass: 'C',
        reason: '近期多次接到群众实名举报，现场核查发现问题',
      });
      expect(res.statusCode, res.body).toBe(201);
      const record: CreditClassRecord = res.json();
      expect(record).toMatchObject({ class: 'C', computedClass: 'B', adjusted: true });
      expect(record.adjustments[0]).toMatchObject({
        fromClass: 'B',
        toClass: 'C',
        reason: '近期多次接到群众实名举报，现场核查发现问题',
        adjustedBy: '吴兴区监管员（演示）',
      });
      expect(await auditCount('entity.credit.adjust')).toBe(audits + 1);
      const audit = await t.database.db
        .selectFrom('platform_audit')
        .select(['actor_username', 'before', 'after'])
        .where('action', '=', 'entity.credit.adjust')
        .where('entity_id', '=', b.id)
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({
        actor_username: 'wuxing',
        before: { class: 'B' },
        after: { class: 'C', reason: '近期多次接到群众实名举报，现场核查发现问题' },
      });

      const list: CreditClassList = (await admin.get(`/api/v1/credit-classes?q=${b.creditCode}`)).json();
      expect(list.items[0]).toMatchObject({ class: 'C', computedClass: 'B', adjusted: true });
      expect((await currentCreditClasses(t.database.db, [b.creditCode])).get(b.creditCode)).toEqual({ class: 'C', period: PERIOD, adjusted: true });

      const rerun = await recompute();
      expect(rerun.adjustmentsKept).toBeGreaterThanOrEqual(1);
      expect(await current(b)).toMatchObject({ class: 'C', computedClass: 'B', adjusted: true });
    });

    it('requires a reason of at least 5 characters (400 naming body.reason) and a different class', async () => {
      const a = built.A as EntityDetail;
      for (const body of [
        { period: PERIOD, toClass: 'B' },
        { period: PERIOD, toClass: 'B', reason: '太短' },
        { period: PERIOD, toClass: 'B', reason: '   短  理 ' },
      ]) {
        const res = await wuxing.post(`/api/v1/entities/${a.id}/credit-adjustments`, body);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.reason']);
      }
      const same = await wuxing.post(`/api/v1/entities/${a.id}/credit-adjustments`, { period: PERIOD, toClass: 'A', reason: '复核后维持原分类' });
      expect(same.json().error.details[0].field).toBe('body.toClass');
      const noPeriod = await wuxing.post(`/api/v1/entities/${a.id}/credit-adjustments`, { period: '2023-01', toClass: 'B', reason: '复核后调整分类' });
      expect(noPeriod.statusCode).toBe(404);
    });

    it('is refused to another county (404), to inspectors (403) and to enterprises (403)', async () => {
      const body = { period: PERIOD, toClass: 'B', reason: '跨区调整测试理由' };
      expect((await nanxun.post(`/api/v1/entities/${built.C?.id}/credit-adjustments`, body)).statusCode).toBe(404);
      expect((await inspector.post(`/api/v1/entities/${built.C?.id}/credit-adjustments`, body)).statusCode).toBe(403);
      expect((await enterprise.post(`/api/v1/entities/${built.C?.id}/credit-adjustments`, body)).statusCode).toBe(403);
      expect((await current(built.C as EntityDetail)).adjusted).toBe(false);
    });
  });

  describe('internal only', () => {
    it('an enterprise cannot read any class, not even its own; anonymous callers get 401', async () => {
      const own = (await enterprise.get('/api/v1/entities')).json().items[0] as { id: string };
      for (const url of ['/api/v1/credit-classes', `/api/v1/entities/${own.id}/credit-classes`, '/api/v1/credit-models/active', '/api/v1/credit-models']) {
        expect((await enterprise.get(url)).statusCode, url).toBe(403);
        expect((await t.anonymous.get(url)).statusCode, url).toBe(401);
      }
      expect(JSON.stringify((await enterprise.get(`/api/v1/entities/${own.id}`)).json())).not.toMatch(/creditClass|computedClass|"class"/);
    });

    it('no public route describes a class in its response', async () => {
      const spec = t.app.swagger() as { paths: Record<string, Record<string, { security?: unknown[]; responses?: unknown }>> };
      const names = new Set<string>();
      const walk = (node: unknown): void => {
        if (typeof node !== 'object' || node === null) return;
        if (Array.isArray(node)) {
          for (const item of node) walk(item);
          return;
        }
        for (const [k, v] of Object.entries(node)) {
          if (k === 'properties' && typeof v === 'object' && v !== null) for (const p of Object.keys(v)) names.add(p);
          walk(v);
        }
      };
      let publicOps = 0;
      for (const [path, ops] of Object.entries(spec.paths)) {
        for (const op of Object.values(ops)) {
          if (!Array.isArray(op.security) || op.security.length > 0) continue;
          publicOps += 1;
          expect(path).not.toMatch(/credit-(classes|models|adjustments)/);
          walk(op.responses);
        }
      }
      expect(publicOps).toBeGreaterThan(0);
      for (const n of ['class', 'computedClass', 'creditClass', 'creditRiskClass', 'adjustedClass']) expect(names.has(n), n).toBe(false);
    });
  });

  describe('model versions', () => {
    it('validates a new version (400 naming the field) and lets only the city administrator publish one', async () => {
      const bad = await admin.post('/api/v1/credit-models', {
        ...DEFAULT_CREDIT_MODEL,
        thresholds: { A: 30, B: 20, C: 40 },
        description: '测试：分界顺序错误（A 大于 B）的模型版本，应被拒绝',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.thresholds']);
      const short = await admin.post('/api/v1/credit-models', { ...DEFAULT_CREDIT_MODEL, description: '太短' });
      expect(short.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.description']);
      expect((await wuxing.post('/api/v1/credit-models', { ...DEFAULT_CREDIT_MODEL, description: '区县无权发布评分模型新版本的测试说明' })).statusCode).toBe(
        403,
      );
    });

    it('a new version applies from the current month; earlier results and earlier months keep version 1', async () => {
      const c = built.C as EntityDetail;
      const lastMonth = addMonths(PERIOD, -1);
      await recompute(lastMonth);
      const v1Last = (await history(admin, c)).records.find((r) => r.period === lastMonth);
      expect(v1Last).toMatchObject({ modelVersion: 1, asOf: expect.stringMatching(new RegExp(`^${lastMonth}-`)) });

      const v2 = {
        ...DEFAULT_CREDIT_MODEL,
        factors: { ...DEFAULT_CREDIT_MODEL.factors, complaints: { pointsEach: 10, maxPoints: 30, windowMonths: 12 } },
        description: '测试第 2 版：投诉每件 +10，其余同第 1 版（本平台的文档化取值）',
      };
      const res = await admin.post('/api/v1/credit-models', v2);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ version: 2, active: true, effectiveFrom: `${PERIOD}-01`, createdBy: '市局管理员（演示）' });
      const versions: CreditModel[] = (await admin.get('/api/v1/credit-models')).json();
      expect(versions.map((m) => [m.version, m.active])).toEqual([
        [2, true],
        [1, false],
      ]);
      // Publishing changed no result.
      expect((await current(c)).modelVersion).toBe(1);

      await recompute(lastMonth);
      expect((await history(admin, c)).records.find((r) => r.period === lastMonth)).toMatchObject({ modelVersion: 1, score: v1Last?.score });
      await recompute(PERIOD);
      const now = await current(c);
      expect(now).toMatchObject({ modelVersion: 2, score: 54, class: 'D' });
      expect((await history(admin, c)).models.map((m) => m.version).sort()).toEqual([1, 2]);

      await expect(sql`update entity_credit_model set base_score = 0 where version = 1`.execute(t.database.db)).rejects.toThrow(/immutable/);
    });
  });
});
