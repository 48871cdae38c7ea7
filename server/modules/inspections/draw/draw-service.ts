import { type SqlBool, sql } from 'kysely';
import {
  type CanonicalPools,
  canonicalise,
  commitmentOf,
  computeDraw,
  createSeed,
  DrawInputError,
  entropyBytes,
  fromHex,
  InsufficientInspectorsError,
  type PoolInspector,
  type PoolTarget,
  prepareCanonicalDraw,
} from '../../../../common/draw/index.ts';
import type { DrawInput, TaskDetail } from '../../../../common/inspection-api.ts';
import { ROOT_REGION_CODE } from '../../../../common/roles.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import { BulkArray, bulkInsert } from '../../../platform/bulk-insert.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, regionCodeInScope } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { currentCreditClasses, describeEntities, listTargetPoolWithNames } from '../../entities/index.ts';
import { todayInShanghai } from '../dates.ts';
import { ratiosOf } from '../plans/plan-service.ts';
import type { TaskRow } from '../tasks/queries.ts';
import { poolFilter, scopeFromJson } from '../tasks/scope.ts';
import { getTask, loadTaskForManage, requireStatus } from '../tasks/task-service.ts';
import { decodeNames, decodePools, encodeNames, encodePools } from './pool-document.ts';

/**
 * The draw ceremony of common/draw/README.md §1 on the server: freeze (snapshot of the canonical pools, poolHash)
 * → commit (secret seed stored, its SHA-256 published) → draw (witness entropy, the draw of README §6–§7, seed revealed).
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

/** The names of the canonical target pool's entries: the listing is in the same order unless collations differ. */
function namesInPoolOrder(pool: PoolTarget[], listed: { creditCode: string; name: string }[]): string[] {
  if (pool.length === listed.length && pool.every((t, i) => t.creditCode === listed[i]?.creditCode)) return listed.map((e) => e.name);
  const byCode = new Map(listed.map((e) => [e.creditCode, e.name]));
  return pool.map((t) => byCode.get(t.creditCode) ?? t.creditCode);
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
    const entities = await listTargetPoolWithNames(trx, filter);
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
    const { gz, byteLength, poolHash } = encodePools(pools);
    const stored = { canonical_gz: gz, byte_length: byteLength, names_gz: encodeNames(namesInPoolOrder(pools.targets, entities)) };
    await trx
      .insertInto('inspection_task_pool')
      .values({ task_id: id, ...stored })
      .onConflict((oc) => oc.column('task_id').doUpdateSet(stored))
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
 * The draw (摇号): the witness's entropy is mixed with the committed seed and the draw picks the targets
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
    const pool = await trx.selectFrom('inspection_task_pool').select(['canonical_gz', 'names_gz']).where('task_id', '=', id).executeTakeFirst();
    if (!pool || !task.seed || !task.frozen_at) throw new AppError(500, 'INSPECTION_POOL_MISSING', '冻结名录缺失 / the frozen pools are missing');
    const frozen = decodePools(pool.canonical_gz);
    if (frozen.poolHash !== task.pool_hash) {
      throw new AppError(
        409,
        'INSPECTION_POOL_HASH_MISMATCH',
        '冻结名录与已公布的名录哈希不一致，拒绝摇号：请撤回承诺、重新冻结名录 / the stored pools no longer match the published poolHash; the draw is refused — unfreeze and freeze again',
        [{ poolHash: task.pool_hash, stored: frozen.poolHash }],
      );
    }
    // A conflict declared after the freeze is not in the frozen pools: the draw waits for a fresh freeze rather
    // than risk drawing an inspector against it (行政处罚法 第43条).
    const late = await trx
      .selectFrom('inspection_inspector_conflict')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('declared_at', '>', task.frozen_at)
      .where(sql<SqlBool>`inspector_id = any(${sql.val(frozen.inspectorPool.map((i) => i.id))}::uuid[])`)
      .executeTakeFirstOrThrow();
    if (Number(late.n) > 0) {
      throw new AppError(
        409,
        'INSPECTION_CONFLICTS_CHANGED',
        `冻结名录后有 ${late.n} 条新的回避申报，请撤回承诺、重新冻结名录后再摇号 / ${late.n} conflicts were declared after the freeze; unfreeze, freeze again and commit before drawing`,
      );
    }
    let draw: ReturnType<typeof computeDraw>;
    try {
      // The stored document hashes to the published poolHash, so its pools are the canonical frozen ones.
      const pools = { params: frozen.params, targets: frozen.targetPool, inspectors: frozen.inspectorPool };
      draw = computeDraw(prepareCanonicalDraw(pools, frozen.poolHash, task.seed, publicEntropy));
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
    // Names as frozen with the pool; a pool frozen before they were kept (0015) has them looked up.
    const frozenNames = decodeNames(pool.names_gz, frozen.targetPool.length);
    const lookedUp = frozenNames
      ? null
      : await describeEntities(
          trx,
          draw.targets.map((t) => t.creditCode),
        );
    const rows = draw.targets.map((t, i) => {
      const position = draw.positions[i] as number; // the index in the pool of targets[i]
      const name = frozenNames ? frozenNames.at(position) : lookedUp?.get(t.creditCode)?.name;
      const { regionCode } = frozen.targetPool[position] as PoolTarget;
      return [id, i, t.creditCode, name ?? t.creditCode, regionCode, t.riskClass, new BulkArray(t.inspectors), task.is_demo];
    });
    // One COPY: 50,012 targets for 5 % of a million-entity pool (bench/inspections-draw.ts).
    await bulkInsert(
      trx,
      'inspection_task_target',
      ['task_id', 'draw_order', 'credit_code', 'entity_name', 'region_code', 'risk_class', 'inspector_ids', 'is_demo'],
      rows,
    );
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
