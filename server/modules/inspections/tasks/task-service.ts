import { type SqlBool, sql } from 'kysely';
import { DEFAULT_DRAW_PARAMS } from '../../../../common/draw/types.ts';
import type { ListTasksInput, Page, Recusal, TaskDetail, TaskInput, TaskSummary, TaskUpdate } from '../../../../common/inspection-api.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, regionCodeInScope } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { workdayCalendar } from '../../calendar/index.ts';
import { inspectorIdOf, isRegulator, regionForWrite, regionVisible, requireRegulator, requireStaff, rootOf } from '../access.ts';
import { iso, todayInShanghai } from '../dates.ts';
import { currentItemRefs } from '../plans/item-service.ts';
import { loadPlanInScope, ratioColumns, ratiosOf } from '../plans/plan-service.ts';
import { presentDetail, presentSummary } from './present.ts';
import { assignedTo, inspectorNames, itemsOfTasks, pageOfTasks, type TaskRow, taskQuery } from './queries.ts';
import { normaliseScope, poolFilter } from './scope.ts';

/**
 * 抽查任务: created from an annual plan (ratios and rules copied, adjustable while a draft) or, for a complaint or
 * clue, as a 非随机 task that bypasses the draw. Regulators see their region's tasks; an inspector only the tasks
 * he was drawn for; an enterprise none.
 */

/** The task if the caller may read it: regulators in scope, inspectors assigned to it; 404 otherwise. */
export async function loadTaskForRead(db: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<{ row: TaskRow; inspectorId: string | null }> {
  requireStaff(actor);
  const row = await taskQuery(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  if (isRegulator(actor)) {
    if (!regionVisible(regions, actor, row.region_code)) throw notFound();
    return { row, inspectorId: null };
  }
  const inspectorId = await inspectorIdOf(db, actor);
  const assigned =
    inspectorId === null
      ? undefined
      : await db
          .selectFrom('inspection_task_target')
          .select('id')
          .where('task_id', '=', id)
          .where(sql<SqlBool>`${inspectorId}::uuid = any(inspector_ids)`)
          .executeTakeFirst();
  if (!assigned) throw notFound();
  return { row, inspectorId };
}

/**
 * The task for a write by a regulator in scope, locked for the rest of the transaction (two requests on the same
 * task — a draw retried while the first is still running — run one after the other).
 */
export async function loadTaskForManage(trx: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<TaskRow> {
  requireRegulator(actor);
  const locked = await trx.selectFrom('inspection_task').select(['id', 'region_code']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!locked || !regionVisible(regions, actor, locked.region_code)) throw notFound();
  return taskQuery(trx).where('t.id', '=', id).executeTakeFirstOrThrow();
}

/** 409 unless the task is in one of the given states. */
export function requireStatus(row: TaskRow, ...statuses: TaskRow['status'][]): void {
  if (!statuses.includes(row.status)) {
    throw new AppError(
      409,
      'INSPECTION_TASK_STATE',
      `任务当前状态为 ${row.status}，不能执行此操作 / the task is ${row.status}; this step needs ${statuses.join(' or ')}`,
      [{ status: row.status, allowed: statuses }],
    );
  }
}

export async function listRecusals(db: Db, taskId: string): Promise<Recusal[]> {
  const rows = await db
    .selectFrom('inspection_recusal as r')
    .innerJoin('inspection_task_target as x', 'x.id', 'r.target_id')
    .innerJoin('platform_user as a', 'a.id', 'r.applied_by')
    .leftJoin('platform_user as d', 'd.id', 'r.decided_by')
    .select([
      'r.id',
      'r.target_id',
      'x.credit_code',
      'x.entity_name',
      'r.inspector_id',
      'r.reason',
      'r.status',
      'a.display_name as applied_by',
      'r.applied_at',
      'd.display_name as decided_by',
      'r.decided_at',
      'r.decision_note',
      'r.redraw_seq',
      'r.replacement_id',
    ])
    .where('r.task_id', '=', taskId)
    .orderBy('r.applied_at')
    .execute();
  const names = await inspectorNames(
    db,
    rows.flatMap((r) => [r.inspector_id, ...(r.replacement_id ? [r.replacement_id] : [])]),
  );
  return rows.map((r) => ({
    id: r.id,
    targetId: r.target_id,
    creditCode: r.credit_code,
    entityName: r.entity_name,
    inspectorId: r.inspector_id,
    inspectorName: names.get(r.inspector_id) ?? '',
    reason: r.reason,
    status: r.status,
    appliedBy: r.applied_by,
    appliedAt: iso(r.applied_at) ?? '',
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    decisionNote: r.decision_note,
    redrawSeq: r.redraw_seq,
    replacementId: r.replacement_id,
    replacementName: r.replacement_id ? (names.get(r.replacement_id) ?? '') : null,
  }));
}

/** One task as the caller may see it. */
export async function getTask(db: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<TaskDetail> {
  const { row, inspectorId } = await loadTaskForRead(db, regions, actor, id);
  const items = (await itemsOfTasks(db, [id])).get(id) ?? [];
  const regulator = isRegulator(actor);
  let recusals = await listRecusals(db, id);
  if (!regulator) recusals = recusals.filter((r) => r.inspectorId === inspectorId);
  return presentDetail(row, items, recusals, regions, todayInShanghai(), await workdayCalendar(db), { regulator, canManage: regulator });
}

/** Tasks in the caller's region (regulators) or assigned to him (inspectors), newest first. */
export async function listTasks(db: Db, regions: RegionDirectory, actor: Actor, input: ListTasksInput): Promise<Page<TaskSummary>> {
  requireStaff(actor);
  let q = taskQuery(db);
  if (isRegulator(actor)) q = q.where(regionCodeInScope('t.region_code', rootOf(actor)));
  else q = q.where(assignedTo(await inspectorIdOf(db, actor)));
  if (input.status) q = q.where('t.status', '=', input.status);
  if (input.kind) q = q.where('t.kind', '=', input.kind);
  if (input.planId) q = q.where('t.plan_id', '=', input.planId);
  if (input.q) q = q.where('t.name', 'ilike', `%${input.q.replace(/[\\%_]/g, '\\$&')}%`);
  const { rows, total, items } = await pageOfTasks(db, q, (q) => q.orderBy('t.created_at', 'desc'), input);
  const today = todayInShanghai();
  const calendar = await workdayCalendar(db);
  return {
    items: rows.map((r) => presentSummary(r, items.get(r.id) ?? [], regions, today, calendar)),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

function checkDates(input: { startsOn?: string | null; deadline?: string | null }): void {
  if (input.startsOn && input.deadline && input.deadline < input.startsOn) {
    throw validationFailed([{ field: 'body.deadline', rule: 'order', message: '检查截止日期不得早于开始日期 / the deadline is before the start' }]);
  }
}

/** A task's region must lie within its plan's region (a county plan cannot carry another county's task). */
function requirePlanCovers(regions: RegionDirectory, planRegionCode: string, taskRegionPath: string, field: string): void {
  if (!taskRegionPath.startsWith(regions.get(planRegionCode)?.path ?? '\u0000')) {
    throw validationFailed([{ field, rule: 'plan', message: '任务区域须在计划区域内 / the task region must lie within the plan region' }]);
  }
}

/**
 * Creates a task in the caller's region. Random tasks take the plan's ratios, inspectors per target and region
 * rule unless given; non-random tasks (complaint, clue, referral) need the trigger reason and skip the draw.
 */
export async function createTask(db: Db, regions: RegionDirectory, actor: Actor, input: TaskInput, ctx: AuditContext): Promise<TaskDetail> {
  requireRegulator(actor);
  const region = regionForWrite(regions, actor, input.regionCode, 'body.regionCode', ['city', 'county']);
  const triggerReason = input.triggerReason?.trim() || null;
  if (input.kind === 'non_random' && !triggerReason) {
    throw validationFailed([
      { field: 'body.triggerReason', rule: 'required', message: '非随机检查须写明触发原因（投诉举报、线索、转办）/ a non-random inspection needs its trigger' },
    ]);
  }
  checkDates(input);
  const scope = normaliseScope(input.scope);
  poolFilter(regions, region, scope);
  const id = await inTransaction(db, async (trx) => {
    const plan = input.planId ? await loadPlanInScope(trx, regions, actor, input.planId) : null;
    if (plan) requirePlanCovers(regions, plan.region_code, region.path, 'body.regionCode');
    const items = await currentItemRefs(trx, input.itemIds, 'body.itemIds');
    const ratios = input.ratioBasisPoints ?? (plan ? ratiosOf(plan) : DEFAULT_DRAW_PARAMS.ratioBasisPoints);
    const row = await trx
      .insertInto('inspection_task')
      .values({
        plan_id: plan?.id ?? null,
        kind: input.kind,
        name: input.name.trim(),
        region_code: region.code,
        trigger_reason: input.kind === 'non_random' ? triggerReason : null,
        scope: JSON.stringify(scope),
        ...ratioColumns(ratios),
        inspectors_per_target: input.inspectorsPerTarget ?? plan?.inspectors_per_target ?? DEFAULT_DRAW_PARAMS.inspectorsPerTarget,
        region_rule: input.regionRule ?? plan?.region_rule ?? DEFAULT_DRAW_PARAMS.regionRule,
        max_targets_per_inspector: input.maxTargetsPerInspector ?? null,
        starts_on: input.startsOn ?? null,
        deadline: input.deadline ?? null,
        status: 'draft',
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('inspection_task_item')
      .values(items.map((i) => ({ task_id: row.id, item_id: i.id })))
      .execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.task.create',
      entityType: 'inspection_task',
      entityId: row.id,
      regionCode: region.code,
      after: { name: input.name, kind: input.kind, planId: plan?.id ?? null, items: items.map((i) => `${i.code}v${i.version}`), scope, ratios },
    });
    return row.id;
  });
  return getTask(db, regions, actor, id);
}

/** Edits a draft (after the freeze the parameters are part of the pool hash and cannot change). */
export async function updateTask(db: Db, regions: RegionDirectory, actor: Actor, id: string, input: TaskUpdate, ctx: AuditContext): Promise<TaskDetail> {
  await inTransaction(db, async (trx) => {
    const row = await loadTaskForManage(trx, regions, actor, id);
    requireStatus(row, 'draft');
    const region = regions.get(row.region_code);
    if (!region) throw notFound();
    checkDates({
      startsOn: input.startsOn !== undefined ? input.startsOn : row.starts_on,
      deadline: input.deadline !== undefined ? input.deadline : row.deadline,
    });
    const scope = input.scope ? normaliseScope(input.scope) : undefined;
    if (scope) poolFilter(regions, region, scope);
    if (row.kind === 'non_random' && input.triggerReason !== undefined && !input.triggerReason?.trim()) {
      throw validationFailed([
        { field: 'body.triggerReason', rule: 'required', message: '非随机检查须写明触发原因 / a non-random inspection needs its trigger' },
      ]);
    }
    if (input.planId) {
      const plan = await loadPlanInScope(trx, regions, actor, input.planId);
      requirePlanCovers(regions, plan.region_code, region.path, 'body.planId');
    }
    if (input.itemIds) {
      const items = await currentItemRefs(trx, input.itemIds, 'body.itemIds');
      await trx.deleteFrom('inspection_task_item').where('task_id', '=', id).execute();
      await trx
        .insertInto('inspection_task_item')
        .values(items.map((i) => ({ task_id: id, item_id: i.id })))
        .execute();
    }
    await trx
      .updateTable('inspection_task')
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.planId !== undefined ? { plan_id: input.planId } : {}),
        ...(scope ? { scope: JSON.stringify(scope) } : {}),
        ...(input.ratioBasisPoints ? ratioColumns(input.ratioBasisPoints) : {}),
        ...(input.inspectorsPerTarget !== undefined ? { inspectors_per_target: input.inspectorsPerTarget } : {}),
        ...(input.regionRule !== undefined ? { region_rule: input.regionRule } : {}),
        ...(input.maxTargetsPerInspector !== undefined ? { max_targets_per_inspector: input.maxTargetsPerInspector } : {}),
        ...(input.startsOn !== undefined ? { starts_on: input.startsOn } : {}),
        ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
        ...(row.kind === 'non_random' && input.triggerReason ? { trigger_reason: input.triggerReason.trim() } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, { action: 'inspection.task.update', entityType: 'inspection_task', entityId: id, regionCode: row.region_code, after: input });
  });
  return getTask(db, regions, actor, id);
}
