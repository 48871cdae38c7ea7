import { type SqlBool, sql } from 'kysely';
import {
  type CanonicalPools,
  canonicalise,
  commitmentOf,
  createSeed,
  DrawInputError,
  drawInspection,
  entropyBytes,
  fromHex,
  InsufficientInspectorsError,
  type PoolInspector,
  type PoolTarget,
  poolHashOf,
} from '../../../../common/draw/index.ts';
import type { DrawInput, TaskDetail } from '../../../../common/inspection-api.ts';
import { ROOT_REGION_CODE } from '../../../../common/roles.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, regionCodeInScope } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { currentCreditClasses, describeEntities, listTargetPool } from '../../entities/index.ts';
import { todayInShanghai } from '../dates.ts';
import { ratiosOf } from '../plans/plan-service.ts';
import type { TaskRow } from '../tasks/queries.ts';
import { poolFilter, scopeFromJson } from '../tasks/scope.ts';
import { getTask, loadTaskForManage, requireStatus } from '../tasks/task-service.ts';
import { decodePools, encodePools } from './pool-document.ts';

/**
 * The draw ceremony of common/draw/README.md §1 on the server: freeze (snapshot of the canonical pools, poolHash)
 * → commit (secret seed stored, its SHA-256 published) → draw (witness entropy, drawInspection, seed revealed).
 * Each step is one audited transaction on the locked task row; retries of commit and draw return what is stored.
 */

const MAX_EXAMPLES = 5;

function paramsOf(task: TaskRow) {
  return {
    taskRef: task.id,
    ratioBasisPoints: ratiosOf(task),
    inspectorsPerTarget: task.inspectors_per_target,
    regionRule: task.region_rule,
    maxTargetsPerInspector: task.max_targets_per_inspector,
  };
}

/**
 * The 执法检查人员名录库 of a task: active inspectors of its region's registers — of the whole city under the
 * 'county' rule (交叉检查: nobody inspects his own district, so the others must) — with certification as of
 * `day` and their declared conflicts.
 */
async function inspectorPool(trx: Db, regions: RegionDirectory, task: TaskRow, day: string): Promise<PoolInspector[]> {
  const rootCode = task.region_rule === 'county' ? ROOT_REGION_CODE : task.region_code;
  const root = regions.get(rootCode)?.path;
  if (!root) throw notFound();
  const rows = await trx
    .selectFrom('inspection_inspector as i')
    .select([
      'i.id',
      'i.home_region_code',
      sql<boolean>`(i.badge_number is not null and i.badge_valid_until >= ${day}::date)`.as('certified'),
      sql<string[]>`array(select c.credit_code from inspection_inspector_conflict c where c.inspector_id = i.id order by c.credit_code)`.as('conflicts'),
    ])
    .where('i.active', '=', true)
    .where(regionCodeInScope('i.region_code', root))
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({ id: r.id, certified: r.certified, homeRegionCode: r.home_region_code, conflicts: r.conflicts }));
}

/**
 * Freezes the pools: the task's 检查对象名录库 (entities in scope with their current credit class) and 执法检查人员名录库,
 * canonicalised and hashed (README §3). Refused when an entity in scope has no credit class — a class is never
 * assumed — or when fewer certified inspectors exist than one target needs. A frozen task may be frozen again
 * (the pools are taken afresh) until it is committed.
 */
export async function freezeTask(db: Db, regions: RegionDirectory, actor: Actor, id: string, ctx: AuditContext): Promise<TaskDetail> {
  await inTransaction(db, async (trx) => {
    const task = await loadTaskForManage(trx, regions, actor, id);
    if (task.kind !== 'random') throw new AppError(409, 'INSPECTION_TASK_NOT_RANDOM', '非随机检查不摇号 / a non-random inspection has no draw');
    requireStatus(task, 'draft', 'frozen');
    const region = regions.get(task.region_code);
    if (!region) throw notFound();
    const filter = poolFilter(regions, region, scopeFromJson(task.scope), 'scope');
    const entities = await listTargetPool(trx, filter);
    if (entities.length === 0) {
      throw new AppError(
        400,
        'INSPECTION_POOL_EMPTY',
        '检查对象名录库为空：任务范围内没有符合条件的市场主体 / the target pool is empty: no entity matches the task scope',
      );
    }
    const classes = await currentCreditClasses(
      trx,
      entities.map((e) => e.creditCode),
    );
    const missing = entities.filter((e) => !classes.has(e.creditCode));
    if (missing.length > 0) {
      throw new AppError(
        400,
        'INSPECTION_POOL_UNCLASSIFIED',
        `检查对象名录库中有 ${missing.length} 户主体尚无信用风险分类，请先计算信用分类 / ${missing.length} entities in the pool have no credit-risk class; compute the credit classes first`,
        [{ field: 'scope', rule: 'creditClass', count: missing.length, examples: missing.slice(0, MAX_EXAMPLES).map((e) => e.creditCode) }],
      );
    }
    const targetPool: PoolTarget[] = entities.map((e) => ({
      creditCode: e.creditCode,
      riskClass: classes.get(e.creditCode)?.class ?? 'A', // every code has a class: checked just above
      regionCode: e.regionCode,
    }));
    const day = todayInShanghai();
    const inspectors = await inspectorPool(trx, regions, task, day);
    const certified = inspectors.filter((i) => i.certified).length;
    if (certified < task.inspectors_per_target) {
      throw new AppError(
        400,
        'INSPECTION_POOL_TOO_FEW_INSPECTORS',
        `执法检查人员名录库中持有效执法证的仅 ${certified} 人，每户需 ${task.inspectors_per_target} 人 / only ${certified} certified inspectors; ${task.inspectors_per_target} are needed per target`,
        [{ certified, required: task.inspectors_per_target }],
      );
    }
    let pools: CanonicalPools;
    try {
      pools = canonicalise({ params: paramsOf(task), targetPool, inspectorPool: inspectors });
    } catch (err) {
      if (err instanceof DrawInputError) throw new AppError(400, 'INSPECTION_POOL_INVALID', `名录数据不符合摇号规范：${err.message}`, [{ path: err.path }]);
      throw err;
    }
    const poolHash = poolHashOf(pools);
    const { gz, byteLength } = encodePools(pools);
    await trx
      .insertInto('inspection_task_pool')
      .values({ task_id: id, canonical_gz: gz, byte_length: byteLength })
      .onConflict((oc) => oc.column('task_id').doUpdateSet({ canonical_gz: gz, byte_length: byteLength }))
      .execute();
    await trx
      .updateTable('inspection_task')
      .set({
        status: 'frozen',
        pool_hash: poolHash,
        target_pool_size: pools.targets.length,
        inspector_pool_size: pools.inspectors.length,
        frozen_at: sql`now()`,
        frozen_by: actor.id,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.task.freeze',
      entityType: 'inspection_task',
      entityId: id,
      regionCode: task.region_code,
      before: task.status === 'frozen' ? { poolHash: task.pool_hash } : null,
      after: { poolHash, targets: pools.targets.length, inspectors: pools.inspectors.length, certified },
    });
  });
  return getTask(db, regions, actor, id);
}

/**
 * Back to draft from frozen or committed (the pools were wrong, an inspector was missing). A committed task's
 * seed is discarded unrevealed; the commitment that was published stays in the audit trail, so anyone can see that
 * a commitment was withdrawn before any entropy existed — it cannot have been chosen for its result.
 */
export async function unfreezeTask(db: Db, regions: RegionDirectory, actor: Actor, id: string, ctx: AuditContext): Promise<TaskDetail> {
  await inTransaction(db, async (trx) => {
    const task = await loadTaskForManage(trx, regions, actor, id);
    requireStatus(task, 'frozen', 'committed');
    await trx.deleteFrom('inspection_task_pool').where('task_id', '=', id).execute();
    await trx
      .updateTable('inspection_task')
      .set({
        status: 'draft',
        pool_hash: null,
        target_pool_size: null,
        inspector_pool_size: null,
        frozen_at: null,
        frozen_by: null,
        seed: null,
        commitment: null,
        committed_at: null,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.task.unfreeze',
      entityType: 'inspection_task',
      entityId: id,
      regionCode: task.region_code,
      before: { status: task.status, poolHash: task.pool_hash, commitment: task.commitment },
    });
  });
  return getTask(db, regions, actor, id);
}

/**
 * Commits to the draw (README §4): 32 bytes from the CSPRNG are stored as the secret seed and SHA-256 of them is
 * published. From here the pools cannot change. A retried commit returns the commitment already made.
 */
export async function commitTask(db: Db, regions: RegionDirectory, actor: Actor, id: string, ctx: AuditContext): Promise<TaskDetail> {
  await inTransaction(db, async (trx) => {
    const task = await loadTaskForManage(trx, regions, actor, id);
    if (task.status === 'committed') return;
    requireStatus(task, 'frozen');
    const seed = createSeed();
    const commitment = commitmentOf(fromHex(seed) as Uint8Array); // createSeed returns 64 hex digits
    await trx
      .updateTable('inspection_task')
      .set({ status: 'committed', seed, commitment, committed_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.task.commit',
      entityType: 'inspection_task',
      entityId: id,
      regionCode: task.region_code,
      after: { commitment, poolHash: task.pool_hash },
    });
  });
  return getTask(db, regions, actor, id);
}

/**
 * The draw (摇号): the witness's entropy is mixed with the committed seed and drawInspection picks the targets
 * stratified by class and at least two certified, unconflicted inspectors for each (README §6–§7); the seed is
 * revealed with the result. Idempotent: the same entropy again returns the stored draw, a different one is a 409
 * — there is never a second draw.
 */
export async function drawTask(db: Db, regions: RegionDirectory, actor: Actor, id: string, input: DrawInput, ctx: AuditContext): Promise<TaskDetail> {
  const publicEntropy = input.publicEntropy ?? '';
  try {
    entropyBytes(publicEntropy);
  } catch (err) {
    if (err instanceof DrawInputError) {
      throw validationFailed([{ field: 'body.publicEntropy', rule: 'entropy', message: `见证值须为不超过 256 字节（UTF-8）的文字 / ${err.expected}` }]);
    }
    throw err;
  }
  await inTransaction(db, async (trx) => {
    const task = await loadTaskForManage(trx, regions, actor, id);
    if (task.drawn_at) {
      if ((task.public_entropy ?? '') === publicEntropy) return;
      throw new AppError(
        409,
        'INSPECTION_TASK_ALREADY_DRAWN',
        '该任务已摇号，不能以其他见证值重新摇号 / this task was drawn already; it is never drawn twice',
        [{ drawnAt: new Date(task.drawn_at).toISOString() }],
      );
    }
    requireStatus(task, 'committed');
    const pool = await trx.selectFrom('inspection_task_pool').select('canonical_gz').where('task_id', '=', id).executeTakeFirst();
    if (!pool || !task.seed || !task.frozen_at) throw new AppError(500, 'INSPECTION_POOL_MISSING', '冻结名录缺失 / the frozen pools are missing');
    const pools = decodePools(pool.canonical_gz);
    // A conflict declared after the freeze is not in the frozen pools: the draw waits for a fresh freeze rather
    // than risk drawing an inspector against it (行政处罚法 第43条).
    const late = await trx
      .selectFrom('inspection_inspector_conflict')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('declared_at', '>', task.frozen_at)
      .where(sql<SqlBool>`inspector_id = any(${sql.val(pools.inspectorPool.map((i) => i.id))}::uuid[])`)
      .executeTakeFirstOrThrow();
    if (Number(late.n) > 0) {
      throw new AppError(
        409,
        'INSPECTION_CONFLICTS_CHANGED',
        `冻结名录后有 ${late.n} 条新的回避申报，请撤回承诺、重新冻结名录后再摇号 / ${late.n} conflicts were declared after the freeze; unfreeze, freeze again and commit before drawing`,
      );
    }
    let draw: ReturnType<typeof drawInspection>;
    try {
      draw = drawInspection({ ...pools, seed: task.seed, publicEntropy });
    } catch (err) {
      if (err instanceof InsufficientInspectorsError) {
        throw new AppError(
          409,
          'INSPECTION_INSUFFICIENT_INSPECTORS',
          `检查对象 ${err.creditCode} 可选执法人员仅 ${err.eligible} 人（需 ${err.required} 人）：请撤回承诺，补充名录库或调整规则后重新冻结 / target ${err.creditCode}: ${err.eligible} eligible inspectors, ${err.required} required`,
          [{ creditCode: err.creditCode, eligible: err.eligible, required: err.required }],
        );
      }
      throw err;
    }
    const names = await describeEntities(
      trx,
      draw.targets.map((t) => t.creditCode),
    );
    const regionOf = new Map(pools.targetPool.map((t) => [t.creditCode, t.regionCode]));
    const rows = draw.targets.map((t, i) => ({
      task_id: id,
      draw_order: i,
      credit_code: t.creditCode,
      entity_name: names.get(t.creditCode)?.name ?? t.creditCode,
      region_code: regionOf.get(t.creditCode) ?? task.region_code,
      risk_class: t.riskClass,
      inspector_ids: t.inspectors,
      is_demo: task.is_demo,
    }));
    // One statement with the rows as one JSON parameter: 50,000 targets (5 % of a million) as chunked
    // multi-row VALUES cost a second of query building and parsing (bench/inspections-draw.ts).
    if (rows.length) {
      await sql`
        insert into inspection_task_target (task_id, draw_order, credit_code, entity_name, region_code, risk_class, inspector_ids, is_demo)
        select ${id}::uuid, draw_order, credit_code, entity_name, region_code, risk_class, inspector_ids, ${task.is_demo}
        from jsonb_to_recordset(${JSON.stringify(rows.map(({ task_id: _t, is_demo: _d, ...r }) => r))}::jsonb)
          as t(draw_order int, credit_code text, entity_name text, region_code text, risk_class text, inspector_ids uuid[])`.execute(trx);
    }
    await trx
      .updateTable('inspection_task')
      .set({
        status: 'drawn',
        public_entropy: publicEntropy,
        witness: input.witness?.trim() || null,
        drawn_at: sql`now()`,
        drawn_by: actor.id,
        strata: JSON.stringify(draw.strata),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.task.draw',
      entityType: 'inspection_task',
      entityId: id,
      regionCode: task.region_code,
      after: { publicEntropy, witness: input.witness ?? null, seed: task.seed, commitment: task.commitment, poolHash: task.pool_hash, strata: draw.strata },
    });
  });
  return getTask(db, regions, actor, id);
}
