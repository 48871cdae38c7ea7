import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDetail, EntityEvent, EntitySummary } from '../../../common/entity-api.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { appendEntityEvent, findEntityByCreditCode } from './index.ts';
import { buildEntity, entityInput, makeCreditCode, withWrongCheckChar } from './test-factories.ts';

// Published codes of Huzhou enterprises (regulation.md §4: 天能电池集团股份有限公司, 湖州市城市投资发展有限公司).
const REAL_HUZHOU_CODES = ['913305007490121183', '9133050014697721XW'];
const DEMO_ENTERPRISE = '91330502MA2B3C4D58';

describe.each(DB_KINDS)('entities registry on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let wuxing: Client;
  let nanxun: Client;
  let inspector: Client;
  let enterprise: Client;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    wuxing = await t.login('wuxing');
    nanxun = await t.login('nanxun');
    inspector = await t.login('inspector1');
    enterprise = await t.login('enterprise1');
  });
  afterAll(() => t.close());

  const auditCount = async (action: string, entityId?: string) => {
    let q = t.database.db
      .selectFrom('platform_audit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', action);
    if (entityId) q = q.where('entity_id', '=', entityId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  describe('GET /api/v1/credit-codes/{code} (public)', () => {
    it.each(REAL_HUZHOU_CODES)('accepts the published code %s without a login', async (code) => {
      const res = await t.anonymous.get(`/api/v1/credit-codes/${code}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ valid: true, reason: null, expectedCheckChar: code.charAt(17) });
    });

    it('refuses a wrong check character naming position 18 and the expected character', async () => {
      const res = await t.anonymous.get('/api/v1/credit-codes/913305007490121184');
      expect(res.json()).toEqual({
        valid: false,
        reason: '第 18 位校验码应为 3，实际为 4 / position 18: check character should be 3, not 4',
        expectedCheckChar: '3',
      });
    });

    it('names the position of a character outside the charset, and the length', async () => {
      expect((await t.anonymous.get('/api/v1/credit-codes/91330502MA2B3C4DZ8')).json().reason).toMatch(/第 17 位字符“Z”.*position 17/);
      const short = (await t.anonymous.get('/api/v1/credit-codes/91330502MA2B3C4D5')).json();
      expect(short).toMatchObject({ valid: false, expectedCheckChar: '8' });
      expect(short.reason).toMatch(/18 位.*当前 17 位/);
    });
  });

  describe('create and update', () => {
    it('registers entities with valid real and generated codes, audited, with a 设立登记 event', async () => {
      for (const creditCode of [...REAL_HUZHOU_CODES, makeCreditCode('330502', '92'), makeCreditCode('330502', '93')]) {
        const type = creditCode.startsWith('92') ? 'individual_business' : creditCode.startsWith('93') ? 'farmer_cooperative' : 'enterprise';
        const res = await admin.post('/api/v1/entities', entityInput({ creditCode, type }));
        expect(res.statusCode, res.body).toBe(201);
        const e: EntityDetail = res.json();
        expect(e).toMatchObject({ creditCode, type, regionName: '织里镇', countyName: '吴兴区', industryName: '纺织业', canEdit: true, isDemo: false });
        expect(e.events.map((v) => [v.kind, v.sourceModule])).toEqual([['registration', 'entities']]);
        expect(await auditCount('entity.create', e.id)).toBe(1);
      }
    });

    it('stores a code typed in lower case with blanks as the upper-case code', async () => {
      const code = makeCreditCode();
      const e: EntityDetail = (await admin.post('/api/v1/entities', entityInput({ creditCode: ` ${code.toLowerCase()} ` }))).json();
      expect(e.creditCode).toBe(code);
    });

    it('refuses a wrong check character with 400 naming body.creditCode, position 18 and the expected character', async () => {
      const { wrong, expected } = withWrongCheckChar(makeCreditCode());
      const res = await wuxing.post('/api/v1/entities', entityInput({ creditCode: wrong }));
      expect(res.statusCode).toBe(400);
      const body = res.json().error;
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details).toEqual([
        expect.objectContaining({
          field: 'body.creditCode',
          rule: 'gb32100',
          position: 18,
          expectedCheckChar: expected,
          message: expect.stringContaining(`第 18 位校验码应为 ${expected}`),
        }),
      ]);
      expect(body.details[0].message).toContain(`position 18: check character should be ${expected}`);
    });

    it('refuses a duplicate code (409), an unknown industry, a county-level region and a region outside the officer’s county', async () => {
      const e = await buildEntity(wuxing);
      const dup = await wuxing.post('/api/v1/entities', entityInput({ creditCode: e.creditCode }));
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe('ENTITY_CREDIT_CODE_TAKEN');
      const bad = await wuxing.post('/api/v1/entities', entityInput({ industryCode: '99', regionCode: '330502' }));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.map((d: { field: string; rule: string }) => [d.field, d.rule])).toEqual([
        ['body.industryCode', 'gb4754'],
        ['body.regionCode', 'township'],
      ]);
      const elsewhere = await wuxing.post('/api/v1/entities', entityInput({ regionCode: '330503100' }));
      expect(elsewhere.json().error.details[0]).toMatchObject({ field: 'body.regionCode', rule: 'scope' });
    });

    it('updates in one audited transaction and tells the timeline: status, list in, field changes', async () => {
      const e = await buildEntity(wuxing);
      const res = await wuxing.patch(`/api/v1/entities/${e.id}`, {
        status: 'revoked',
        specialLists: ['abnormal_operation'],
        address: '湖州市吴兴区织里镇新址 8 号',
      });
      expect(res.statusCode, res.body).toBe(200);
      const after: EntityDetail = res.json();
      expect(after).toMatchObject({ status: 'revoked', specialLists: ['abnormal_operation'], address: '湖州市吴兴区织里镇新址 8 号' });
      expect(after.events.map((v) => v.kind).sort()).toEqual(['abnormal_in', 'change', 'registration', 'status']);
      expect(after.events.find((v) => v.kind === 'status')?.summary).toContain('登记状态由“存续”变更为“吊销”');
      expect(after.events.find((v) => v.kind === 'status')?.recordedBy).toBe('吴兴区监管员（演示）');
      const audit = await t.database.db.selectFrom('platform_audit').selectAll().where('action', '=', 'entity.update').where('entity_id', '=', e.id).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.before).toMatchObject({ status: 'subsisting' });
      expect(audit[0]?.after).toMatchObject({ status: 'revoked' });
      // Saving the same values again changes nothing and writes nothing.
      await wuxing.patch(`/api/v1/entities/${e.id}`, { status: 'revoked' });
      expect(await auditCount('entity.update', e.id)).toBe(1);
    });

    it('an update with a wrong code names body.creditCode too', async () => {
      const e = await buildEntity(wuxing);
      const { wrong, expected } = withWrongCheckChar(makeCreditCode());
      const res = await wuxing.patch(`/api/v1/entities/${e.id}`, { creditCode: wrong });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'body.creditCode', position: 18, expectedCheckChar: expected });
    });
  });

  describe('scope', () => {
    it('a 南浔区 officer can neither read nor edit a 吴兴区 entity (404), nor find it in the list', async () => {
      const e = await buildEntity(wuxing);
      expect((await nanxun.get(`/api/v1/entities/${e.id}`)).statusCode).toBe(404);
      expect((await nanxun.patch(`/api/v1/entities/${e.id}`, { name: '改名' })).statusCode).toBe(404);
      expect((await nanxun.get(`/api/v1/entities/${e.id}/events`)).statusCode).toBe(404);
      expect((await nanxun.post(`/api/v1/entities/${e.id}/licences`, licence())).statusCode).toBe(404);
      const list = (await nanxun.get(`/api/v1/entities?q=${e.creditCode}`)).json();
      expect(list.total).toBe(0);
      const all: EntitySummary[] = (await nanxun.get('/api/v1/entities?pageSize=200')).json().items;
      expect(all.every((x) => x.countyCode === '330503')).toBe(true);
      expect((await nanxun.get('/api/v1/entities?regionCode=330502')).statusCode).toBe(404);
    });

    it('the city sees every county and narrows by region; an inspector reads his county but may not edit', async () => {
      const e = await buildEntity(wuxing);
      const city = (await admin.get('/api/v1/entities?regionCode=330503&pageSize=200')).json();
      expect(city.items.every((x: EntitySummary) => x.countyCode === '330503')).toBe(true);
      expect((await inspector.get(`/api/v1/entities/${e.id}`)).json().canEdit).toBe(false);
      expect((await inspector.patch(`/api/v1/entities/${e.id}`, { name: '改名' })).statusCode).toBe(403);
      expect((await inspector.post('/api/v1/entities', entityInput())).statusCode).toBe(403);
    });

    it('an enterprise user reads its own entity only, read-only; the public sees nothing here', async () => {
      const list = (await enterprise.get('/api/v1/entities')).json();
      expect(list.items.map((x: EntitySummary) => x.creditCode)).toEqual([DEMO_ENTERPRISE]);
      const own: EntityDetail = (await enterprise.get(`/api/v1/entities/${list.items[0].id}`)).json();
      expect(own).toMatchObject({ creditCode: DEMO_ENTERPRISE, canEdit: false, isDemo: true });
      expect(own.licences.length).toBeGreaterThan(0);
      expect((await enterprise.patch(`/api/v1/entities/${own.id}`, { name: '改名' })).statusCode).toBe(403);
      const other = await buildEntity(wuxing);
      expect((await enterprise.get(`/api/v1/entities/${other.id}`)).statusCode).toBe(404);
      expect((await t.anonymous.get('/api/v1/entities')).statusCode).toBe(401);
      expect((await t.anonymous.get(`/api/v1/entities/${other.id}`)).statusCode).toBe(401);
    });
  });

  describe('list', () => {
    it('filters by name/code, type, industry section, status, special list and licence expiry; sorts and pages on the server', async () => {
      const e = await buildEntity(wuxing, { name: '湖州筛选测试纺织有限公司', industryCode: '17', status: 'operating', specialLists: ['serious_violation'] });
      const q = async (query: string) => (await wuxing.get(`/api/v1/entities?${query}`)).json();
      expect((await q(`q=${encodeURIComponent('筛选测试')}`)).items.map((x: EntitySummary) => x.id)).toEqual([e.id]);
      expect((await q(`q=${e.creditCode.slice(0, 12)}`)).items.map((x: EntitySummary) => x.id)).toContain(e.id);
      expect((await q('type=individual_business&pageSize=200')).items.every((x: EntitySummary) => x.type === 'individual_business')).toBe(true);
      const textile = (await q('industry=C&pageSize=200')).items as EntitySummary[];
      expect(textile.some((x) => x.id === e.id)).toBe(true);
      expect(textile.every((x) => Number(x.industryCode?.slice(0, 2)) >= 13 && Number(x.industryCode?.slice(0, 2)) <= 43)).toBe(true);
      expect((await q('industry=17&status=operating&specialList=serious_violation')).items.map((x: EntitySummary) => x.id)).toContain(e.id);
      expect((await wuxing.get('/api/v1/entities?industry=Z')).statusCode).toBe(400);

      const expiring = (await q('licenceExpiringDays=90&sort=nextLicenceExpiry&pageSize=200')).items as EntitySummary[];
      expect(expiring.length).toBeGreaterThan(0);
      const dates = expiring.map((x) => x.nextLicenceExpiry ?? '');
      expect(dates).toEqual([...dates].sort());

      const page1 = await q('sort=name&order=desc&pageSize=5&page=1');
      const page2 = await q('sort=name&order=desc&pageSize=5&page=2');
      expect(page1.total).toBeGreaterThan(10);
      const names = [...page1.items, ...page2.items].map((x: EntitySummary) => x.name);
      expect(names).toEqual([...names].sort().reverse());
      expect(new Set([...page1.items, ...page2.items].map((x: EntitySummary) => x.id)).size).toBe(10);
    });
  });

  describe('licences and certifications', () => {
    it('adds, changes and deletes a licence (audited, on the timeline); a licence number is unique', async () => {
      const e = await buildEntity(wuxing);
      const added = await wuxing.post(`/api/v1/entities/${e.id}/licences`, licence());
      expect(added.statusCode, added.body).toBe(201);
      const l = added.json();
      expect(l).toMatchObject({ status: 'valid', expired: false });
      expect((await wuxing.post(`/api/v1/entities/${e.id}/licences`, licence({ number: l.number }))).statusCode).toBe(409);
      const revoked = await wuxing.patch(`/api/v1/entity-licences/${l.id}`, { status: 'revoked' });
      expect(revoked.json().status).toBe('revoked');
      const badDates = await wuxing.patch(`/api/v1/entity-licences/${l.id}`, { expiresOn: '2000-01-01' });
      expect(badDates.json().error.details[0]).toMatchObject({ field: 'body.expiresOn', rule: 'after_issue' });
      expect((await nanxun.patch(`/api/v1/entity-licences/${l.id}`, { status: 'valid' })).statusCode).toBe(404);
      expect((await wuxing.request({ method: 'DELETE', url: `/api/v1/entity-licences/${l.id}` })).statusCode).toBe(204);
      const detail: EntityDetail = (await wuxing.get(`/api/v1/entities/${e.id}`)).json();
      expect(detail.licences).toEqual([]);
      expect(detail.events.filter((v) => v.kind === 'licence').map((v) => v.summary)).toEqual([
        expect.stringContaining('删除许可证记录'),
        expect.stringContaining('状态 有效 → 吊销'),
        expect.stringContaining('取得工业产品生产许可证'),
      ]);
      for (const action of ['entity.licence.create', 'entity.licence.update', 'entity.licence.delete']) expect(await auditCount(action, l.id)).toBe(1);
    });

    it('adds a 品字标浙江制造 certification and lists it on the detail page', async () => {
      const e = await buildEntity(wuxing);
      const res = await wuxing.post(`/api/v1/entities/${e.id}/certifications`, {
        kind: 'zhejiang_made',
        number: `ZJM-T-${Date.now()}`,
        issuer: '浙江制造国际认证联盟',
        issuedOn: '2024-03-01',
        expiresOn: '2027-02-28',
        status: 'valid',
      });
      expect(res.statusCode, res.body).toBe(201);
      const detail: EntityDetail = (await wuxing.get(`/api/v1/entities/${e.id}`)).json();
      expect(detail.certifications.map((c) => c.kind)).toEqual(['zhejiang_made']);
      expect(detail.events.some((v) => v.kind === 'certification' && v.summary.includes('品字标浙江制造'))).toBe(true);
      expect((await enterprise.post(`/api/v1/entities/${e.id}/certifications`, {})).statusCode).toBe(400);
    });
  });

  describe('the timeline surface other modules call', () => {
    it('appendEntityEvent finds the entity by credit code, is idempotent by dedupeKey, and the timeline reads it', async () => {
      const e = await buildEntity(wuxing);
      const input = {
        creditCode: e.creditCode.toLowerCase(),
        occurredOn: '2025-06-18',
        kind: 'inspection' as const,
        summary: '“双随机、一公开”抽查：未发现问题',
        sourceModule: 'inspections',
        reference: 'task-42',
        details: { result: 'no_problem' },
        dedupeKey: `inspections:result:${e.id}`,
      };
      const first = await inTransaction(t.database.db, (trx) => appendEntityEvent(trx, input));
      const again = await inTransaction(t.database.db, (trx) => appendEntityEvent(trx, input));
      expect(first).toMatchObject({ entityId: e.id, created: true });
      expect(again).toEqual({ ...first, created: false });
      const events: EntityEvent[] = (await wuxing.get(`/api/v1/entities/${e.id}/events?pageSize=50`)).json().items;
      expect(events.filter((v) => v.kind === 'inspection')).toEqual([
        expect.objectContaining({ occurredOn: '2025-06-18', sourceModule: 'inspections', reference: 'task-42', details: { result: 'no_problem' } }),
      ]);
      expect(
        await inTransaction(t.database.db, (trx) => appendEntityEvent(trx, { ...input, creditCode: makeCreditCode(), dedupeKey: null }, { ifMissing: 'skip' })),
      ).toBeNull();
      await expect(inTransaction(t.database.db, (trx) => appendEntityEvent(trx, { ...input, kind: 'nonsense' as 'note', dedupeKey: null }))).rejects.toThrow(
        /未知的事件类型/,
      );
      expect((await findEntityByCreditCode(t.database.db, e.creditCode))?.id).toBe(e.id);
    });

    it('the database refuses to change or delete a timeline event', async () => {
      const e = await buildEntity(wuxing);
      await expect(sql`update entity_event set summary = 'x' where entity_id = ${e.id}`.execute(t.database.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from entity_event where entity_id = ${e.id}`.execute(t.database.db)).rejects.toThrow(/append-only/);
    });
  });
});

function licence(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'industrial_product',
    number: `(浙)XK06-T-${Date.now()}${Math.floor(Math.random() * 1000)}`,
    productCategory: '电线电缆',
    issuer: '浙江省市场监督管理局',
    issuedOn: '2022-05-01',
    expiresOn: '2027-04-30',
    status: 'valid',
    ...overrides,
  };
}
