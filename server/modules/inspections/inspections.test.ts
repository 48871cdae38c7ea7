import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PublishedDraw, verifyDraw } from '../../../common/draw/index.ts';
import type {
  InspectionPlan,
  Inspector,
  PublicTaskResults,
  PublicTaskSummary,
  PublicVerification,
  Recusal,
  TargetPoolPreview,
  TaskDetail,
  TaskSummary,
  TaskTarget,
} from '../../../common/inspection-api.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { buildEntity } from '../entities/test-factories.ts';
import { ceremony, createTask, inspectorsOf, itemIds, ok, recordOf, targetsOf } from './test-support.ts';

// 织里镇 clothing makers: a small pool of classified demo entities (common/draw needs a class for each).
const ZHILI_CLOTHING = { regionCodes: ['330502100'], industries: ['18'] };
const ALL = { A: 10000, B: 10000, C: 10000, D: 10000 };

describe.each(DB_KINDS)('inspections on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let wuxing: Client;
  let nanxun: Client;
  let inspector: Client;
  let enterprise: Client;
  let wuxingInspectors: Inspector[];
  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    wuxing = await t.login('wuxing');
    nanxun = await t.login('nanxun');
    inspector = await t.login('inspector1');
    enterprise = await t.login('enterprise1');
    wuxingInspectors = await inspectorsOf(wuxing, '330502');
  });
  afterAll(() => t.close());

  const put = (c: Client, url: string, payload: unknown) => c.request({ method: 'PUT', url, payload: payload as object });
  const del = (c: Client, url: string) => c.request({ method: 'DELETE', url });

  describe('the draw ceremony', () => {
    it('freezes, commits, draws with the witness value and reveals the seed; the record verifies from its own inputs', async () => {
      const task = await createTask(wuxing, { name: '测试：完整摇号', scope: ZHILI_CLOTHING, ratioBasisPoints: { A: 5000, B: 5000, C: 10000, D: 10000 } });
      expect(task).toMatchObject({ status: 'draft', kind: 'random', regionName: '吴兴区', inspectorsPerTarget: 2, regionRule: 'township' });

      const frozen = await ok<TaskDetail>(wuxing.post(`/api/v1/inspection-tasks/${task.id}/freeze`));
      expect(frozen.status).toBe('frozen');
      expect(frozen.draw.poolHash).toMatch(/^[0-9a-f]{64}$/);
      expect(frozen.draw.targetPoolSize).toBeGreaterThan(3);
      expect(frozen.draw.commitment).toBeNull();

      const committed = await ok<TaskDetail>(wuxing.post(`/api/v1/inspection-tasks/${task.id}/commit`));
      expect(committed.status).toBe('committed');
      expect(committed.draw.commitment).toMatch(/^[0-9a-f]{64}$/);
      // The seed stays secret until the draw: no endpoint returns it, not even to the task's own officer.
      expect(committed.draw.seed).toBeNull();
      expect((await wuxing.get(`/api/v1/inspection-tasks/${task.id}`)).body).not.toContain('"seed":"');
      expect((await wuxing.get(`/api/v1/inspection-tasks/${task.id}/draw-record`)).statusCode).toBe(404);
      expect((await t.anonymous.get(`/api/v1/public/inspection-tasks/${task.id}/verification`)).statusCode).toBe(404);

      const drawn = await ok<TaskDetail>(
        wuxing.post(`/api/v1/inspection-tasks/${task.id}/draw`, { publicEntropy: '2026-11-30 见证人报数 8271', witness: '企业代表' }),
      );
      expect(drawn.status).toBe('drawn');
      expect(drawn.draw).toMatchObject({
        publicEntropy: '2026-11-30 见证人报数 8271',
        witness: '企业代表',
        commitment: committed.draw.commitment,
        poolHash: frozen.draw.poolHash,
      });
      expect(drawn.draw.seed).toMatch(/^[0-9a-f]{64}$/);
      expect(drawn.draw.strata?.map((s) => s.riskClass)).toEqual(['A', 'B', 'C', 'D']);
      expect(drawn.targetCount).toBe(drawn.draw.strata?.reduce((n, s) => n + s.drawn, 0));

      // Anyone holding the published record recomputes the same draw, with no database.
      const record = await recordOf(wuxing, task.id);
      expect(record).toMatchObject({ format: 'zhiliang-draw/1', seed: drawn.draw.seed, commitment: drawn.draw.commitment, poolHash: drawn.draw.poolHash });
      expect(verifyDraw(record)).toEqual({ consistent: true, firstDifference: null });
      const auditor = await ok<{ consistent: boolean; formatted: string }>(wuxing.get(`/api/v1/inspection-tasks/${task.id}/verification`));
      expect(auditor.consistent).toBe(true);
      expect(auditor.formatted).toMatch(/^一致 \/ consistent/);

      const pub = await ok<PublicVerification>(t.anonymous.get(`/api/v1/public/inspection-tasks/${task.id}/verification`));
      expect(pub).toMatchObject({
        consistent: true,
        seed: drawn.draw.seed,
        commitment: drawn.draw.commitment,
        poolHash: drawn.draw.poolHash,
        firstDifference: null,
      });
      expect(pub.targetCount).toBe(drawn.targetCount);
      // Not published yet: the drawn entities are not announced.
      expect(pub.targets).toEqual([]);

      const steps = await t.database.db.selectFrom('platform_audit').select('action').where('entity_id', '=', task.id).orderBy('seq').execute();
      expect(steps.map((s) => s.action)).toEqual(['inspection.task.create', 'inspection.task.freeze', 'inspection.task.commit', 'inspection.task.draw']);
    });

    it('changing any input of the record makes it inconsistent and names the first difference', async () => {
      const task = await createTask(wuxing, { name: '测试：篡改检测', scope: ZHILI_CLOTHING, ratioBasisPoints: ALL });
      await ceremony(wuxing, task.id, '7');
      const record = await recordOf(wuxing, task.id);
      const other = (hex: string) => `${hex.slice(0, 63)}${hex.endsWith('0') ? '1' : '0'}`;

      expect(verifyDraw({ ...record, seed: other(record.seed) }).firstDifference?.path).toBe('commitment');
      const entropy = verifyDraw({ ...record, publicEntropy: '8' });
      expect(entropy.consistent).toBe(false);
      expect(entropy.firstDifference?.path).toMatch(/^targets\[\d+\]\.(creditCode|inspectors\[\d+\])$/);
      const pool = record.targetPool.map((p, i) => (i === 0 ? { ...p, riskClass: p.riskClass === 'A' ? 'B' : 'A' } : p));
      expect(verifyDraw({ ...record, targetPool: pool }).firstDifference?.path).toBe('poolHash');
      // A conflict the first inspector has not declared yet (a duplicate would canonicalise away and change nothing).
      const first = record.inspectorPool[0];
      const undeclared = record.targetPool.find((t) => !first?.conflicts.includes(t.creditCode))?.creditCode ?? '';
      const inspectors = record.inspectorPool.map((p, i) => (i === 0 ? { ...p, conflicts: [...p.conflicts, undeclared] } : p));
      expect(verifyDraw({ ...record, inspectorPool: inspectors }).firstDifference?.path).toBe('poolHash');
      const moved = record.targets.map((x, i) => (i === 0 ? { ...x, inspectors: [...x.inspectors].reverse() } : x));
      expect(verifyDraw({ ...record, targets: moved }).firstDifference?.path).toBe('targets[0].inspectors[0]');
    });

    it('a record tampered in the database is reported inconsistent by the public endpoint, without internal values', async () => {
      const task = await createTask(wuxing, { name: '测试：库内篡改', scope: ZHILI_CLOTHING, ratioBasisPoints: ALL });
      const drawn = await ceremony(wuxing, task.id);
      const db = t.database.db;
      const pool = await db.selectFrom('inspection_task_pool').selectAll().where('task_id', '=', task.id).executeTakeFirstOrThrow();
      // A pool entry changed after the fact: the stored document no longer hashes to the published poolHash.
      const text = gunzipSync(pool.canonical_gz).toString('latin1');
      const changed = text.replace(/\t([ABCD])\t/, (_m, c: string) => `\t${c === 'A' ? 'B' : 'A'}\t`);
      expect(changed).not.toBe(text);
      await db
        .updateTable('inspection_task_pool')
        .set({ canonical_gz: gzipSync(Buffer.from(changed, 'latin1')) })
        .where('task_id', '=', task.id)
        .execute();
      const pub = await ok<PublicVerification>(t.anonymous.get(`/api/v1/public/inspection-tasks/${task.id}/verification`));
      expect(pub.consistent).toBe(false);
      expect(pub.firstDifference).toMatchObject({ path: 'poolHash', withheld: false, actual: drawn.draw.poolHash });

      await db.updateTable('inspection_task_pool').set({ canonical_gz: pool.canonical_gz }).where('task_id', '=', task.id).execute();
      expect((await ok<PublicVerification>(t.anonymous.get(`/api/v1/public/inspection-tasks/${task.id}/verification`))).consistent).toBe(true);
      // A changed class of a drawn target: the path is named, the values (internal classes) are withheld.
      const first = await db
        .selectFrom('inspection_task_target')
        .select(['id', 'risk_class'])
        .where('task_id', '=', task.id)
        .where('draw_order', '=', 0)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('inspection_task_target')
        .set({ risk_class: first.risk_class === 'A' ? 'B' : 'A' })
        .where('id', '=', first.id)
        .execute();
      const withheld = await ok<PublicVerification>(t.anonymous.get(`/api/v1/public/inspection-tasks/${task.id}/verification`));
      expect(withheld.consistent).toBe(false);
      expect(withheld.firstDifference).toEqual({ path: 'targets[0].riskClass', expected: null, actual: null, withheld: true });
      const full = await ok<{ firstDifference: { path: string; expected: string } }>(wuxing.get(`/api/v1/inspection-tasks/${task.id}/verification`));
      expect(full.firstDifference).toMatchObject({ path: 'targets[0].riskClass', expected: first.risk_class });
    });

    it('refuses to draw from a frozen document changed after the freeze, writes nothing, and draws once it is restored; targets keep their frozen names', async () => {
      const task = await createTask(wuxing, { name: '测试：冻结后篡改', scope: ZHILI_CLOTHING, ratioBasisPoints: ALL });
      await ok(wuxing.post(`/api/v1/inspection-tasks/${task.id}/freeze`));
      await ok(wuxing.post(`/api/v1/inspection-tasks/${task.id}/commit`));
      const db = t.database.db;
      const pool = await db.selectFrom('inspection_task_pool').selectAll().where('task_id', '=', task.id).executeTakeFirstOrThrow();
      const text = gunzipSync(pool.canonical_gz).toString('latin1');
      const changed = text.replace(/\t([ABCD])\t/, (_m, c: string) => `\t${c === 'A' ? 'B' : 'A'}\t`);
      await db
        .updateTable('inspection_task_pool')
        .set({ canonical_gz: gzipSync(Buffer.from(changed, 'latin1')) })
        .where('task_id', '=', task.id)
        .execute();
      const refused = await wuxing.post(`/api/v1/inspection-tasks/${task.id}/draw`, { publicEntropy: 'tampered' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('INSPECTION_POOL_HASH_MISMATCH');
      expect((await ok<TaskDetail>(wuxing.get(`/api/v1/inspection-tasks/${task.id}`))).status).toBe('committed');
      expect(await db.selectFrom('inspection_task_target').select('id').where('task_id', '=', task.id).execute()).toEqual([]);

      await db.updateTable('inspection_task_pool').set({ canonical_gz: pool.canonical_gz }).where('task_id', '=', task.id).execute();
      // Names changed after the freeze: the drawn targets keep the names the frozen pool had.
      const inScope = db.selectFrom('entity').where('region_code', '=', '330502100').where('industry_code', 'like', '18%');
      const before = new Map((await inScope.select(['credit_code', 'name']).execute()).map((e) => [e.credit_code, e.name]));
      await db
        .updateTable('entity')
        .set({ name: sql`name || '（更名）'` })
        .where('region_code', '=', '330502100')
        .where('industry_code', 'like', '18%')
        .execute();
      try {
        await ok(wuxing.post(`/api/v1/inspection-tasks/${task.id}/draw`, { publicEntropy: 'restored' }));
      } finally {
        await db.updateTable('entity').set({ name: sql`left(name, length(name) - 4)` }).where('name', 'like', '%（更名）').execute();
      }
      const targets = await targetsOf(wuxing, task.id);
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.map((x) => x.entityName)).toEqual(targets.map((x) => before.get(x.creditCode)));
    });

    it('a retried draw with the same witness value returns the stored draw; another value is refused, never a second draw', async () => {
      const task = await createTask(wuxing, { name: '测试：重试幂等', scope: ZHILI_CLOTHING, ratioBasisPoints: ALL });
      await ok(wuxing.post(`/api/v1/inspection-tasks/${task.id}/freeze`));
      const c1 = await ok<TaskDetail>(wuxing.post(`/api/v1/inspection-tasks/${task.id}/commit`));
      const c2 = await ok<TaskDetail>(wuxing.post(`/api/v1/inspection-tasks/${task.id}/commit`));
      expect(c2.draw.commitment).toBe(c1.draw.commitment);
      const [d1, d2] = await Promise.all([
        ok<TaskDetail>(wuxing.post(`/api/v1/inspection-tasks/${task.id}/draw`, { publicEntropy: '42' })),
        ok<TaskDetail>(wuxing.post(`/api/v1/inspection-tasks/${task.id}/draw`, { publicEntropy: '42' })),
      ]);
      expect(d2.draw.seed).toBe(d1.draw.seed);
      expect(d2.draw.drawnAt).toBe(d1.draw.drawnAt);
      const d3 = await ok<TaskDetail>(wuxing.post(`/api/v1/inspection-tasks/${task.id}/draw`, { publicEntropy: '42' }));
      expect(d3.draw.drawnAt).toBe(d1.draw.drawnAt);
      const rows = await t.database.db.selectFrom('inspection_task_target').select('id').where('task_id', '=', task.id).execute();
      expect(rows).toHaveLength(d1.targetCount);
      const again = await wuxing.post(`/api/v1/inspection-tasks/${task.id}/draw`, { publicEntropy: '43' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('INSPECTION_TASK_ALREADY_DRAWN');
      const draws = await t.database.db
        .selectFrom('platform_audit')
        .select('seq')
        .where('entity_id', '=', task.id)
        .where('action', '=', 'inspection.task.draw')
        .execute();
      expect(draws).toHaveLength(1);
    });

    it('never draws an inspector against a declared conflict, his own township or a lapsed badge, and always assigns ≥ 2', async () => {
      const preview = await ok<TargetPoolPreview>(
        wuxing.get('/api/v1/inspection-target-pool?regionCode=330502&regionCodes=330502100&industries=18&pageSize=200'),
      );
      expect(preview.unclassified).toBe(0);
      const certified = wuxingInspectors.filter((i) => i.certified);
      expect(certified.length).toBeGreaterThanOrEqual(6);
      const declared: [string, string][] = [];
      for (const [i, e] of preview.items.entries()) {
        for (const p of [certified[i % certified.length], certified[(i + 1) % certified.length]]) {
          if (!p) continue;
          await ok(wuxing.post(`/api/v1/inspection-inspectors/${p.id}/conflicts`, { creditCode: e.creditCode, reason: '测试：亲属关系' }));
          declared.push([p.id, e.creditCode]);
        }
      }
      for (const perTarget of [2, 3]) {
        const task = await createTask(wuxing, {
          name: `测试：回避 ${perTarget}`,
          scope: ZHILI_CLOTHING,
          ratioBasisPoints: ALL,
          inspectorsPerTarget: perTarget,
        });
        await ceremony(wuxing, task.id, `conflicts-${perTarget}`);
        const record = await recordOf(wuxing, task.id);
        expect(verifyDraw(record).consistent).toBe(true);
        expect(record.targets).toHaveLength(preview.total);
        const byId = new Map(wuxingInspectors.map((p) => [p.id, p]));
        for (const target of record.targets) {
          const region = record.targetPool.find((p) => p.creditCode === target.creditCode)?.regionCode;
          expect(target.inspectors).toHaveLength(perTarget);
          expect(new Set(target.inspectors).size).toBe(perTarget);
          for (const id of target.inspectors) {
            expect(declared).not.toContainEqual([id, target.creditCode]);
            expect(byId.get(id)?.certified).toBe(true);
            expect(byId.get(id)?.homeRegionCode).not.toBe(region);
          }
        }
      }
      for (const [id, code] of declared) await ok(del(wuxing, `/api/v1/inspection-inspectors/${id}/conflicts/${code}`));
    });

    it('refuses to draw after a conflict was declared behind the frozen pools, until they are frozen again', async () => {
      const task = await createTask(wuxing, { name: '测试：冻结后回避', scope: ZHILI_CLOTHING, ratioBasisPoints: ALL });
      await ok(wuxing.post(`/api/v1/inspection-tasks/${task.id}/freeze`));
      await ok(wuxing.post(`/api/v1/inspection-tasks/${task.id}/commit`));
      const preview = await ok<TargetPoolPreview>(wuxing.get('/api/v1/inspection-target-pool?regionCode=330502&regionCodes=330502100&industries=18'));
      const [p] = wuxingInspectors;
      const code = preview.items[0]?.creditCode ?? '';
      await ok(wuxing.post(`/api/v1/inspection-inspectors/${p?.id}/conflicts`, { creditCode: code, reason: '测试：冻结后申报' }));
      const refused = await wuxing.post(`/api/v1/inspection-tasks/${task.id}/draw`, { publicEntropy: '1' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('INSPECTION_CONFLICTS_CHANGED');
      expect((await ok<TaskDetail>(wuxing.post(`/api/v1/inspection-tasks/${task.id}/unfreeze`))).status).toBe('draft');
      const drawn = await ceremony(wuxing, task.id, '1');
      const record = await recordOf(wuxing, task.id);
      expect(record.inspectorPool.find((i) => i.id === p?.id)?.conflicts).toContain(code);
      expect(record.targets.find((x) => x.creditCode === code)?.inspectors).not.toContain(p?.id);
      expect(drawn.status).toBe('drawn');
      await ok(del(wuxing, `/api/v1/inspection-inspectors/${p?.id}/conflicts/${code}`));
    });

    it('refuses to freeze a pool with an unclassified entity (compute the credit classes first) — no class is assumed', async () => {
      await buildEntity(wuxing, { regionCode: '330502102', industryCode: '2411' });
      const task = await createTask(wuxing, { name: '测试：未分类', scope: { regionCodes: ['330502102'], industries: ['24'] } });
      const res = await wuxing.post(`/api/v1/inspection-tasks/${task.id}/freeze`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'INSPECTION_POOL_UNCLASSIFIED', message: expect.stringContaining('请先计算信用分类') });
      expect(res.json().error.details[0].count).toBeGreaterThanOrEqual(1);
      expect((await ok<TaskDetail>(wuxing.get(`/api/v1/inspection-tasks/${task.id}`))).status).toBe('draft');
    });
  });

  describe('recusal after the draw', () => {
    it('an application approved by another regulator redraws one inspector, logged in order and replayed by verification', async () => {
      const task = await createTask(wuxing, { name: '测试：回避重抽', scope: ZHILI_CLOTHING, ratioBasisPoints: ALL });
      await ceremony(wuxing, task.id, 'recusal');
      const [target] = await targetsOf(wuxing, task.id);
      const recused = target?.inspectors[1]?.id ?? '';
      const application = await ok<Recusal>(
        wuxing.post(`/api/v1/inspection-tasks/${task.id}/recusals`, { targetId: target?.id, inspectorId: recused, reason: '当事人申请：与检查人员有利害关系' }),
        201,
      );
      expect(application).toMatchObject({ status: 'pending', redrawSeq: null, creditCode: target?.creditCode });
      const duplicate = await wuxing.post(`/api/v1/inspection-tasks/${task.id}/recusals`, { targetId: target?.id, inspectorId: recused, reason: '重复' });
      expect(duplicate.statusCode).toBe(409);

      const self = await wuxing.post(`/api/v1/inspection-recusals/${application.id}/approve`, {});
      expect(self.statusCode).toBe(403);
      expect(self.json().error.code).toBe('INSPECTION_RECUSAL_SELF_DECISION');
      expect((await nanxun.post(`/api/v1/inspection-recusals/${application.id}/approve`, {})).statusCode).toBe(404);

      const approved = await ok<Recusal>(admin.post(`/api/v1/inspection-recusals/${application.id}/approve`, { note: '同意' }));
      expect(approved).toMatchObject({ status: 'approved', redrawSeq: 1, decisionNote: '同意' });
      expect(approved.replacementId).not.toBe(recused);
      expect(await ok<Recusal>(admin.post(`/api/v1/inspection-recusals/${application.id}/approve`, {}))).toEqual(approved);

      const after = (await targetsOf(wuxing, task.id)).find((x) => x.id === target?.id);
      expect(after?.inspectors.map((i) => i.id)).toEqual(target?.inspectors.map((i) => (i.id === recused ? approved.replacementId : i.id)));
      const record = await recordOf(wuxing, task.id);
      expect(record.redraws).toEqual([
        {
          seq: 1,
          creditCode: target?.creditCode,
          recusedInspectorId: recused,
          replacementId: approved.replacementId,
          reason: '当事人申请：与检查人员有利害关系',
          approvedBy: 'admin',
        },
      ]);
      expect(verifyDraw(record)).toEqual({ consistent: true, firstDifference: null });
      // A logged replacement that the redraw stream does not produce is caught.
      const other = record.inspectorPool.find((i) => i.certified && i.id !== approved.replacementId && !after?.inspectors.some((x) => x.id === i.id))?.id;
      const forged = { ...record, redraws: [{ ...record.redraws[0], replacementId: other }] };
      expect(verifyDraw(forged).firstDifference?.path).toBe('redraws[0].replacementId');
      expect((await ok<PublicVerification>(t.anonymous.get(`/api/v1/public/inspection-tasks/${task.id}/verification`))).redrawCount).toBe(1);
      const audit = await t.database.db
        .selectFrom('platform_audit')
        .select(['action', 'actor_username'])
        .where('entity_id', '=', application.id)
        .orderBy('seq')
        .execute();
      expect(audit).toEqual([
        { action: 'inspection.recusal.apply', actor_username: 'wuxing' },
        { action: 'inspection.recusal.approve', actor_username: 'admin' },
      ]);
    });
  });

  describe('results, deadlines and publication', () => {
    /** A non-random task in 吴兴区 assigned to inspector1's register entry and one colleague. */
    async function nonRandomTask(name: string) {
      const me = wuxingInspectors.find((i) => i.username === 'inspector1');
      // Outside the 织里 clothing pool the draws use (a new entity has no credit class yet).
      const colleague = wuxingInspectors.find((i) => i.certified && i.id !== me?.id && i.homeRegionCode !== '330502101');
      const entity = await buildEntity(wuxing, { regionCode: '330502101', industryCode: '1810' });
      const task = await createTask(wuxing, { name, kind: 'non_random', triggerReason: '12315 投诉举报', deadline: '2026-11-30' });
      const assigned = await ok<TaskDetail>(
        wuxing.post(`/api/v1/inspection-tasks/${task.id}/assign`, { targets: [{ creditCode: entity.creditCode, inspectorIds: [me?.id, colleague?.id] }] }),
      );
      expect(assigned).toMatchObject({ status: 'in_progress', kind: 'non_random', targetCount: 1 });
      const [target] = await targetsOf(wuxing, task.id);
      return { task, target: target as TaskTarget, entity, me: me as Inspector, colleague: colleague as Inspector };
    }

    it('non-random tasks bypass the draw, keep the rules for people and are labelled 非随机', async () => {
      const me = wuxingInspectors.find((i) => i.username === 'inspector1');
      const entity = await buildEntity(wuxing, { regionCode: '330502101', industryCode: '1810' });
      await ok(wuxing.post(`/api/v1/inspection-inspectors/${me?.id}/conflicts`, { creditCode: entity.creditCode, reason: '测试' }));
      const task = await createTask(wuxing, { name: '测试：非随机', kind: 'non_random', triggerReason: '转办线索' });
      const lapsed = wuxingInspectors.find((i) => !i.certified);
      const bad = await wuxing.post(`/api/v1/inspection-tasks/${task.id}/assign`, {
        targets: [{ creditCode: entity.creditCode, inspectorIds: [me?.id, lapsed?.id] }],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.map((d: { rule: string }) => d.rule)).toEqual(['conflict', 'certified']);
      const one = await wuxing.post(`/api/v1/inspection-tasks/${task.id}/assign`, { targets: [{ creditCode: entity.creditCode, inspectorIds: [me?.id] }] });
      expect(one.statusCode).toBe(400);
      expect((await wuxing.post(`/api/v1/inspection-tasks/${task.id}/freeze`)).statusCode).toBe(409);
      const noReason = await wuxing.post('/api/v1/inspection-tasks', {
        name: 'x',
        kind: 'non_random',
        regionCode: '330502',
        itemIds: (await itemIds(wuxing)).slice(0, 1),
      });
      expect(noReason.json().error.details[0]).toMatchObject({ field: 'body.triggerReason', rule: 'required' });
      await ok(del(wuxing, `/api/v1/inspection-inspectors/${me?.id}/conflicts/${entity.creditCode}`));
    });

    it('the drawn inspector records his result, evidence and follow-up; others cannot', async () => {
      const { task, target } = await nonRandomTask('测试：结果录入');
      const mine = await ok<{ items: TaskTarget[] }>(inspector.get('/api/v1/inspection-my-targets'));
      expect(mine.items.map((x) => x.id)).toContain(target.id);
      expect(mine.items.every((x) => x.riskClass === null)).toBe(true);
      expect((await ok<TaskDetail>(inspector.get(`/api/v1/inspection-tasks/${task.id}`))).canManage).toBe(false);

      const missing = await put(inspector, `/api/v1/inspection-targets/${target.id}/result`, { category: 'rectified', inspectedOn: '2026-11-20' });
      expect(missing.json().error.details[0]).toMatchObject({ field: 'body.findings', rule: 'required' });
      const saved = await ok<TaskTarget>(
        put(inspector, `/api/v1/inspection-targets/${target.id}/result`, {
          category: 'rectified',
          findings: '标签不全，已责令改正',
          inspectedOn: '2026-11-20',
        }),
      );
      expect(saved.result).toMatchObject({ category: 'rectified', inspectedOn: '2026-11-20', recordedBy: '吴兴区执法检查员（演示）' });
      const follow = await ok<TaskTarget>(
        inspector.patch(`/api/v1/inspection-targets/${target.id}/follow-up`, { rectificationDue: '2026-12-05', recheckOn: null }),
      );
      expect(follow.followUp).toEqual({ rectificationDue: '2026-12-05', recheckOn: null, recheckResult: null });

      const pdf = Buffer.from('%PDF-1.4 test evidence');
      const ev = await ok<{ id: string; sha256: string; sizeBytes: number }>(
        inspector.post(`/api/v1/inspection-targets/${target.id}/evidence`, {
          fileName: '现场照片.pdf',
          contentType: 'application/pdf',
          contentBase64: pdf.toString('base64'),
        }),
        201,
      );
      expect(ev.sizeBytes).toBe(pdf.length);
      const download = await wuxing.get(`/api/v1/inspection-evidence/${ev.id}`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['x-content-sha256']).toBe(ev.sha256);
      expect(download.rawPayload.equals(pdf)).toBe(true);
      const big = Buffer.alloc(5 * 1024 * 1024 + 1).toString('base64');
      const tooBig = await inspector.post(`/api/v1/inspection-targets/${target.id}/evidence`, {
        fileName: 'big.pdf',
        contentType: 'application/pdf',
        contentBase64: big,
      });
      expect(tooBig.statusCode).toBe(400);
      expect(tooBig.json().error.details[0].rule).toBe('maxSize');

      // Another county, an enterprise, an unassigned view: nothing.
      expect((await put(nanxun, `/api/v1/inspection-targets/${target.id}/result`, { category: 'no_problem', inspectedOn: '2026-11-20' })).statusCode).toBe(404);
      expect((await nanxun.get(`/api/v1/inspection-evidence/${ev.id}`)).statusCode).toBe(404);
      expect((await enterprise.get(`/api/v1/inspection-evidence/${ev.id}`)).statusCode).toBe(403);
    });

    it.each([
      ['Spring Festival (14 Feb and 28 Feb are make-up workdays)', '2026-02-10', '2026-03-16'],
      ['Spring Festival, ending the day before the make-up Saturday', '2026-02-13', '2026-03-19'],
      ['Mid-Autumn and National Day (20 Sep and 10 Oct are make-up workdays)', '2026-09-18', '2026-10-22'],
      ['the last day before National Day', '2026-09-30', '2026-11-03'],
    ])('publication is due 20 working days after the end — %s', async (_label, endedOn, due) => {
      const { task, target } = await nonRandomTask(`测试：期限 ${endedOn}`);
      await ok(put(wuxing, `/api/v1/inspection-targets/${target.id}/result`, { category: 'no_problem', inspectedOn: endedOn }));
      const finished = await ok<TaskDetail>(wuxing.post(`/api/v1/inspection-tasks/${task.id}/finish`, { endedOn }));
      expect(finished.status).toBe('finished');
      // All these deadlines lie before today (late 2026): overdue.
      expect(finished.publication).toMatchObject({ due, state: 'overdue' });
      expect(finished.publication?.workdaysLeft).toBeLessThan(0);
      const again = await ok<TaskDetail>(wuxing.post(`/api/v1/inspection-tasks/${task.id}/finish`, { endedOn }));
      expect(again.publication?.due).toBe(due);
    });

    it('refuses to finish before every target has a result, an end in the future, or a date the calendar does not cover', async () => {
      const { task, target } = await nonRandomTask('测试：结束检查');
      const early = await wuxing.post(`/api/v1/inspection-tasks/${task.id}/finish`, { endedOn: '2026-11-20' });
      expect(early.json().error.code).toBe('INSPECTION_RESULTS_MISSING');
      await ok(put(wuxing, `/api/v1/inspection-targets/${target.id}/result`, { category: 'no_problem', inspectedOn: '2026-11-20' }));
      const future = await wuxing.post(`/api/v1/inspection-tasks/${task.id}/finish`, { endedOn: '2099-01-01' });
      expect(future.json().error.details[0]).toMatchObject({ field: 'body.endedOn', rule: 'past' });
      const before = await wuxing.post(`/api/v1/inspection-tasks/${task.id}/finish`, { endedOn: '2026-11-19' });
      expect(before.json().error.details[0]).toMatchObject({ field: 'body.endedOn', rule: 'order' });
    });

    it('the publication queue shows deadlines with warning and overdue flags; publishing writes the entity timeline', async () => {
      const { task, target, entity } = await nonRandomTask('测试：公示');
      await ok(put(inspector, `/api/v1/inspection-targets/${target.id}/result`, { category: 'unreachable', findings: '住所无人', inspectedOn: '2026-10-09' }));
      await ok(wuxing.post(`/api/v1/inspection-tasks/${task.id}/finish`, { endedOn: '2026-10-09' }));
      const queue = await ok<{ items: TaskSummary[] }>(wuxing.get('/api/v1/inspection-publication-queue?pageSize=100'));
      expect(queue.items.find((q) => q.id === task.id)?.publication).toMatchObject({ due: '2026-11-05', state: 'overdue' });
      // The demo complaint task is due two working days from now: a warning.
      expect(queue.items.some((q) => q.isDemo && q.publication?.state === 'warning' && q.publication.workdaysLeft === 2)).toBe(true);
      expect((await ok<{ items: TaskSummary[] }>(nanxun.get('/api/v1/inspection-publication-queue'))).items.map((q) => q.id)).not.toContain(task.id);

      const published = await ok<TaskDetail>(wuxing.post(`/api/v1/inspection-tasks/${task.id}/publish`));
      expect(published.publication?.state).toBe('published');
      await ok(wuxing.post(`/api/v1/inspection-tasks/${task.id}/publish`));
      const events = await ok<{ items: { kind: string; summary: string; sourceModule: string }[] }>(wuxing.get(`/api/v1/entities/${entity.id}/events`));
      expect(events.items.filter((e) => e.sourceModule === 'inspections')).toEqual([
        expect.objectContaining({ kind: 'inspection', summary: '非随机检查（测试：公示）：通过登记的住所（经营场所）无法联系' }),
      ]);
      const late = await t.database.db
        .selectFrom('platform_audit')
        .select('after')
        .where('entity_id', '=', task.id)
        .where('action', '=', 'inspection.task.publish')
        .executeTakeFirstOrThrow();
      expect(late.after).toMatchObject({ late: true });
    });
  });

  describe('scope and privacy', () => {
    it('a county officer sees only his own county’s tasks, plans and inspectors (404 otherwise); enterprises nothing', async () => {
      const task = await createTask(wuxing, { name: '测试：范围', scope: ZHILI_CLOTHING });
      for (const url of [
        `/api/v1/inspection-tasks/${task.id}`,
        `/api/v1/inspection-tasks/${task.id}/targets`,
        `/api/v1/inspection-tasks/${task.id}/draw-record`,
      ]) {
        expect((await nanxun.get(url)).statusCode).toBe(404);
      }
      for (const step of ['freeze', 'commit', 'draw']) expect((await nanxun.post(`/api/v1/inspection-tasks/${task.id}/${step}`, {})).statusCode).toBe(404);
      expect((await nanxun.patch(`/api/v1/inspection-tasks/${task.id}`, { name: 'x' })).statusCode).toBe(404);
      expect((await ok<{ items: TaskSummary[] }>(nanxun.get('/api/v1/inspection-tasks?pageSize=200'))).items.map((x) => x.id)).not.toContain(task.id);
      expect((await ok<{ items: TaskSummary[] }>(admin.get('/api/v1/inspection-tasks?pageSize=200'))).items.map((x) => x.id)).toContain(task.id);
      const [someone] = wuxingInspectors;
      expect((await nanxun.get(`/api/v1/inspection-inspectors/${someone?.id}`)).statusCode).toBe(404);
      expect((await ok<{ items: Inspector[] }>(nanxun.get('/api/v1/inspection-inspectors?pageSize=200'))).items.every((i) => i.regionCode === '330503')).toBe(
        true,
      );
      expect((await nanxun.get('/api/v1/inspection-target-pool?regionCode=330502')).statusCode).toBe(404);
      const plans = await ok<{ items: InspectionPlan[] }>(wuxing.get('/api/v1/inspection-plans'));
      expect((await nanxun.get(`/api/v1/inspection-plans/${plans.items[0]?.id}`)).statusCode).toBe(404);
      const elsewhere = await nanxun.post('/api/v1/inspection-tasks', {
        name: 'x',
        kind: 'random',
        regionCode: '330502',
        itemIds: (await itemIds(nanxun)).slice(0, 1),
      });
      expect(elsewhere.json().error.details[0]).toMatchObject({ field: 'body.regionCode', rule: 'scope' });
      // An inspector sees a task only when drawn for it.
      expect((await inspector.get(`/api/v1/inspection-tasks/${task.id}`)).statusCode).toBe(404);
      for (const url of ['/api/v1/inspection-tasks', `/api/v1/inspection-tasks/${task.id}`, '/api/v1/inspection-inspectors', '/api/v1/inspection-my-targets']) {
        expect((await enterprise.get(url)).statusCode).toBe(403);
      }
    });

    it('the public pages list published tasks, targets and results only: no credit class, no inspector data', async () => {
      const list = await ok<{ items: PublicTaskSummary[] }>(t.anonymous.get('/api/v1/public/inspection-results'));
      const demo = list.items.find((x) => x.verifiable);
      expect(demo).toBeDefined();
      const detail = await ok<PublicTaskResults>(t.anonymous.get(`/api/v1/public/inspection-results/${demo?.id}`));
      const verification = await ok<PublicVerification>(t.anonymous.get(`/api/v1/public/inspection-tasks/${demo?.id}/verification`));
      expect(verification.consistent).toBe(true);
      expect(verification.redrawCount).toBe(1);
      expect(verification.targets.map((x) => x.creditCode).sort()).toEqual(detail.targets.map((x) => x.creditCode).sort());
      expect(detail.targets.every((x) => x.category !== null)).toBe(true);

      const inspectors = await inspectorsOf(admin, '330500');
      const record = (await ok<PublishedDraw>(admin.get(`/api/v1/inspection-tasks/${demo?.id}/draw-record`))) as PublishedDraw;
      for (const body of [JSON.stringify(list), JSON.stringify(detail), JSON.stringify(verification)]) {
        expect(body).not.toMatch(/riskClass|strata|inspector|badge|conflict|"class"|witness|triggerReason/i);
        for (const p of inspectors) {
          expect(body).not.toContain(p.id);
          expect(body).not.toContain(p.name);
          if (p.badgeNumber) expect(body).not.toContain(p.badgeNumber);
        }
        for (const x of record.targets) expect(body).not.toMatch(new RegExp(`${x.creditCode}[^}]*"${x.riskClass}"`));
      }
      // Unpublished, draft and non-random tasks are not public.
      const drafts = await ok<{ items: TaskSummary[] }>(admin.get('/api/v1/inspection-tasks?status=finished'));
      for (const x of drafts.items) expect((await t.anonymous.get(`/api/v1/public/inspection-results/${x.id}`)).statusCode).toBe(404);
      expect((await t.anonymous.get('/api/v1/inspection-tasks')).statusCode).toBe(401);
      const items = await ok<{ code: string; kind: string; legalBasis: string }[]>(t.anonymous.get('/api/v1/public/inspection-items'));
      expect(items.length).toBeGreaterThanOrEqual(5);
      expect(items[0]).toMatchObject({ kind: expect.stringMatching(/general|key/), legalBasis: expect.any(String) });
    });
  });

  describe('registers, items and plans', () => {
    it('keeps the inspector register: badge validity makes an inspector certified; a duplicate badge is a 409', async () => {
      const created = await ok<Inspector>(
        wuxing.post('/api/v1/inspection-inspectors', {
          name: '测试人员',
          badgeNumber: 'T-0001',
          badgeValidUntil: '2027-12-31',
          homeRegionCode: '330502104',
          specialities: ['计量'],
        }),
        201,
      );
      expect(created).toMatchObject({ certified: true, regionCode: '330502', homeRegionName: '埭溪镇', active: true });
      const lapsed = await ok<Inspector>(wuxing.patch(`/api/v1/inspection-inspectors/${created.id}`, { badgeValidUntil: '2025-12-31' }));
      expect(lapsed.certified).toBe(false);
      const dup = await wuxing.post('/api/v1/inspection-inspectors', {
        name: '重复',
        badgeNumber: 'T-0001',
        badgeValidUntil: '2027-12-31',
        homeRegionCode: '330502104',
      });
      expect(dup.statusCode).toBe(409);
      const half = await wuxing.post('/api/v1/inspection-inspectors', { name: '半填', badgeNumber: 'T-0002', homeRegionCode: '330502104' });
      expect(half.json().error.details[0]).toMatchObject({ field: 'body.badgeValidUntil', rule: 'badge' });
      expect((await wuxing.post('/api/v1/inspection-inspectors', { name: '越界', homeRegionCode: '330503100' })).json().error.details[0].rule).toBe('scope');
      await ok(wuxing.patch(`/api/v1/inspection-inspectors/${created.id}`, { active: false }));
    });

    it('versions the item list: a revision supersedes the old version; only the city bureau edits it', async () => {
      const item = await ok<{ id: string; version: number }>(
        admin.post('/api/v1/inspection-items', { code: 'T-ITEM-1', name: '测试事项', kind: 'general', legalBasis: '《测试条例》第一条' }),
        201,
      );
      expect((await wuxing.post('/api/v1/inspection-items', { code: 'T-ITEM-2', name: 'x', kind: 'general', legalBasis: 'y' })).statusCode).toBe(403);
      const v2 = await ok<{ id: string; version: number; status: string }>(
        admin.post(`/api/v1/inspection-items/${item.id}/revise`, { name: '测试事项（修订）', kind: 'key', legalBasis: '《测试条例》第二条' }),
        201,
      );
      expect(v2).toMatchObject({ version: 2, status: 'current' });
      const history = await ok<{ id: string; status: string }[]>(admin.get('/api/v1/inspection-items?history=true'));
      expect(history.find((i) => i.id === item.id)?.status).toBe('superseded');
      const stale = await wuxing.post('/api/v1/inspection-tasks', { name: 'x', kind: 'random', regionCode: '330502', itemIds: [item.id] });
      expect(stale.json().error.details[0]).toMatchObject({ field: 'body.itemIds.0', rule: 'current' });
      expect((await ok<{ code: string }[]>(t.anonymous.get('/api/v1/public/inspection-items'))).map((i) => i.code)).toContain('T-ITEM-1');
    });

    it('plans default the ratios to common/draw and warn (not refuse) outside the published bands', async () => {
      const ids = (await itemIds(wuxing)).slice(0, 2);
      const plan = await ok<InspectionPlan>(wuxing.post('/api/v1/inspection-plans', { year: 2027, name: '测试计划', regionCode: '330502', itemIds: ids }), 201);
      expect(plan).toMatchObject({ ratioBasisPoints: { A: 500, B: 2000, C: 6000, D: 10000 }, inspectorsPerTarget: 2, regionRule: 'township', warnings: [] });
      const odd = await ok<InspectionPlan>(wuxing.patch(`/api/v1/inspection-plans/${plan.id}`, { ratioBasisPoints: { A: 800, B: 2000, C: 6000, D: 5000 } }));
      expect(odd.warnings).toEqual([
        { riskClass: 'A', basisPoints: 800, min: 0, max: 500 },
        { riskClass: 'D', basisPoints: 5000, min: 6100, max: 10000 },
      ]);
      const one = await wuxing.post('/api/v1/inspection-plans', { year: 2027, name: 'x', regionCode: '330502', itemIds: ids, inspectorsPerTarget: 1 });
      expect(one.statusCode).toBe(400);
      const task = await createTask(wuxing, { name: '测试：计划比例', planId: plan.id });
      expect(task.ratioBasisPoints).toEqual({ A: 800, B: 2000, C: 6000, D: 5000 });
      // A draft cannot be moved to a plan of another county, even by the city (whose scope covers both).
      const nanxunPlan = await ok<InspectionPlan>(
        admin.post('/api/v1/inspection-plans', { year: 2027, name: '南浔计划', regionCode: '330503', itemIds: ids }),
        201,
      );
      const moved = await admin.patch(`/api/v1/inspection-tasks/${task.id}`, { planId: nanxunPlan.id });
      expect(moved.statusCode).toBe(400);
      expect(moved.json().error.details[0]).toMatchObject({ field: 'body.planId', rule: 'plan' });
    });
  });

  it('keeps one transaction per request: a draw that cannot staff every target leaves the task committed and writes nothing', async () => {
    const task = await createTask(wuxing, { name: '测试：人员不足', scope: ZHILI_CLOTHING, ratioBasisPoints: ALL, inspectorsPerTarget: 20 });
    const frozen = await wuxing.post(`/api/v1/inspection-tasks/${task.id}/freeze`);
    expect(frozen.json().error.code).toBe('INSPECTION_POOL_TOO_FEW_INSPECTORS');
    // At most one target per inspector: 7 certified inspectors staff 3 targets of 2, and the pool has more.
    await ok(wuxing.patch(`/api/v1/inspection-tasks/${task.id}`, { inspectorsPerTarget: 2, maxTargetsPerInspector: 1 }));
    await ok(wuxing.post(`/api/v1/inspection-tasks/${task.id}/freeze`));
    await ok(wuxing.post(`/api/v1/inspection-tasks/${task.id}/commit`));
    const res = await wuxing.post(`/api/v1/inspection-tasks/${task.id}/draw`, { publicEntropy: 'x' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'INSPECTION_INSUFFICIENT_INSPECTORS', details: [expect.objectContaining({ required: 2 })] });
    expect((await ok<TaskDetail>(wuxing.get(`/api/v1/inspection-tasks/${task.id}`))).status).toBe('committed');
    expect(await t.database.db.selectFrom('inspection_task_target').select('id').where('task_id', '=', task.id).execute()).toEqual([]);
    expect((await ok<TaskDetail>(wuxing.post(`/api/v1/inspection-tasks/${task.id}/unfreeze`))).draw).toMatchObject({
      seed: null,
      commitment: null,
      poolHash: null,
    });
  });
});
