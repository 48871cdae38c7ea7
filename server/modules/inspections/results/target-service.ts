import { type SqlBool, sql } from 'kysely';
import type { Evidence, FollowUpInput, MyTarget, Page, ResultCategory, ResultInput, TaskTarget } from '../../../../common/inspection-api.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, forbidden, notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import type { Actor } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { inspectorIdOf, isRegulator, regionVisible, requireStaff } from '../access.ts';
import { iso, todayInShanghai } from '../dates.ts';
import { inspectorNames, itemsOfTasks } from '../tasks/queries.ts';
import { loadTaskForRead } from '../tasks/task-service.ts';

/**
 * Results per target (谁检查、谁录入): the category, findings and inspection day, evidence files (≤ 5 MB, SHA-256,
 * stored in the database like plan attachments) and the follow-up (整改期限, 复查). The assigned inspectors and the
 * task's regulators record them while the inspection runs; the follow-up stays open after publication.
 */

type TargetRow = {
  id: string;
  task_id: string;
  draw_order: number;
  credit_code: string;
  entity_name: string;
  region_code: string;
  risk_class: 'A' | 'B' | 'C' | 'D' | null;
  inspector_ids: string[];
  result_category: string | null;
  findings: string | null;
  inspected_on: string | null;
  result_recorded_at: Date | null;
  recorded_by_name: string | null;
  rectification_due: string | null;
  recheck_on: string | null;
  recheck_result: string | null;
  task_status: string;
  task_kind: string;
};

/** Whether results may be entered on a task in this state. */
export const recordable = (kind: string, status: string) => status === 'in_progress' || (kind === 'random' && status === 'drawn');

function targetQuery(db: Db) {
  return db
    .selectFrom('inspection_task_target as x')
    .innerJoin('inspection_task as t', 't.id', 'x.task_id')
    .leftJoin('platform_user as u', 'u.id', 'x.result_recorded_by')
    .select([
      'x.id',
      'x.task_id',
      'x.draw_order',
      'x.credit_code',
      'x.entity_name',
      'x.region_code',
      'x.risk_class',
      'x.inspector_ids',
      'x.result_category',
      'x.findings',
      'x.inspected_on',
      'x.result_recorded_at',
      'u.display_name as recorded_by_name',
      'x.rectification_due',
      'x.recheck_on',
      'x.recheck_result',
      't.status as task_status',
      't.kind as task_kind',
    ]);
}

async function evidenceOf(db: Db, targetIds: string[]): Promise<Map<string, Evidence[]>> {
  const out = new Map<string, Evidence[]>();
  if (targetIds.length === 0) return out;
  const rows = await db
    .selectFrom('inspection_evidence')
    .select(['id', 'target_id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'uploaded_at'])
    .where('target_id', 'in', targetIds)
    .orderBy('uploaded_at')
    .execute();
  for (const r of rows) {
    const list = out.get(r.target_id) ?? [];
    list.push({
      id: r.id,
      fileName: r.file_name,
      contentType: r.content_type,
      sizeBytes: r.size_bytes,
      sha256: r.sha256,
      uploadedAt: iso(r.uploaded_at) ?? '',
    });
    out.set(r.target_id, list);
  }
  return out;
}

async function presentTargets(
  db: Db,
  regions: RegionDirectory,
  rows: TargetRow[],
  view: { regulator: boolean; inspectorId: string | null },
): Promise<TaskTarget[]> {
  const [names, evidence] = await Promise.all([
    inspectorNames(
      db,
      rows.flatMap((r) => r.inspector_ids),
    ),
    evidenceOf(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    taskId: r.task_id,
    drawOrder: r.draw_order,
    creditCode: r.credit_code,
    entityName: r.entity_name,
    regionCode: r.region_code,
    regionName: regions.get(r.region_code)?.name ?? r.region_code,
    // The class is an internal reference for allocating supervision (国市监信发〔2022〕6号): regulators only.
    riskClass: view.regulator ? r.risk_class : null,
    inspectors: r.inspector_ids.map((id) => ({ id, name: names.get(id) ?? '' })),
    result:
      r.result_category && r.inspected_on
        ? {
            category: r.result_category as ResultCategory, // the column's check constraint lists RESULT_CATEGORIES
            findings: r.findings,
            inspectedOn: r.inspected_on,
            recordedAt: iso(r.result_recorded_at) ?? '',
            recordedBy: r.recorded_by_name,
          }
        : null,
    followUp: { rectificationDue: r.rectification_due, recheckOn: r.recheck_on, recheckResult: r.recheck_result },
    evidence: evidence.get(r.id) ?? [],
    canRecord: recordable(r.task_kind, r.task_status) && (view.regulator || (view.inspectorId !== null && r.inspector_ids.includes(view.inspectorId))),
  }));
}

/** The targets of a task, in draw order: all of them for regulators, his own for an inspector. */
export async function listTargets(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  taskId: string,
  input: { page: number; pageSize: number; q?: string },
): Promise<Page<TaskTarget>> {
  const { inspectorId } = await loadTaskForRead(db, regions, actor, taskId);
  let q = targetQuery(db).where('x.task_id', '=', taskId);
  if (!isRegulator(actor)) q = q.where(sql<SqlBool>`${inspectorId}::uuid = any(x.inspector_ids)`);
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, '\\$&')}%`;
    q = q.where((eb) => eb.or([eb('x.entity_name', 'ilike', like), eb('x.credit_code', 'like', `${input.q?.toUpperCase()}%`)]));
  }
  const [rows, count] = await Promise.all([
    q
      .orderBy('x.draw_order')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const items = await presentTargets(db, regions, rows, { regulator: isRegulator(actor), inspectorId });
  return { items, total: Number(count.n), page: input.page, pageSize: input.pageSize };
}

/** The inspector's own targets across tasks (the mobile task list); `open` keeps those still to be inspected. */
export async function listMyTargets(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  input: { page: number; pageSize: number; open: boolean },
): Promise<Page<MyTarget>> {
  requireStaff(actor);
  if (actor.role !== 'inspector') throw forbidden();
  const inspectorId = await inspectorIdOf(db, actor);
  if (!inspectorId) return { items: [], total: 0, page: input.page, pageSize: input.pageSize };
  let q = targetQuery(db)
    .where(sql<SqlBool>`${inspectorId}::uuid = any(x.inspector_ids)`)
    .where('t.status', 'in', ['drawn', 'in_progress', 'finished', 'published']);
  if (input.open) q = q.where('t.status', 'in', ['drawn', 'in_progress']);
  const [rows, count] = await Promise.all([
    q
      .select(['t.name as task_name', 't.deadline'])
      .orderBy(sql`x.result_category is not null`)
      .orderBy('t.deadline')
      .orderBy('x.entity_name')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const [targets, items] = await Promise.all([
    presentTargets(db, regions, rows, { regulator: false, inspectorId }),
    itemsOfTasks(db, [...new Set(rows.map((r) => r.task_id))]),
  ]);
  return {
    items: targets.map((t, i) => {
      const r = rows[i];
      return {
        ...t,
        taskName: r?.task_name ?? '',
        taskStatus: (r?.task_status ?? 'drawn') as MyTarget['taskStatus'], // from the task row (check constraint)
        taskKind: (r?.task_kind ?? 'random') as MyTarget['taskKind'],
        deadline: r?.deadline ?? null,
        items: items.get(t.taskId) ?? [],
      };
    }),
    total: Number(count.n),
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** The target for a write: regulators in the task's scope, or one of its assigned inspectors; 404 otherwise. */
export async function loadTargetForWrite(trx: Db, regions: RegionDirectory, actor: Actor, targetId: string) {
  requireStaff(actor);
  const row = await targetQuery(trx).select(['t.region_code as task_region']).where('x.id', '=', targetId).executeTakeFirst();
  if (!row) throw notFound();
  let inspectorId: string | null = null;
  if (isRegulator(actor)) {
    if (!regionVisible(regions, actor, row.task_region)) throw notFound();
  } else {
    inspectorId = await inspectorIdOf(trx, actor);
    if (!inspectorId || !row.inspector_ids.includes(inspectorId)) throw notFound();
  }
  // Lock the task so that a result cannot slip in while it is being finished.
  await trx.selectFrom('inspection_task').select('id').where('id', '=', row.task_id).forUpdate().execute();
  return { row, inspectorId };
}

/** The target as the writer sees it after the write; `inspectorId` is the one loadTargetForWrite found. */
async function targetView(db: Db, regions: RegionDirectory, actor: Actor, targetId: string, inspectorId: string | null): Promise<TaskTarget> {
  const row = await targetQuery(db).where('x.id', '=', targetId).executeTakeFirstOrThrow();
  const [view] = await presentTargets(db, regions, [row], { regulator: isRegulator(actor), inspectorId });
  if (!view) throw notFound();
  return view;
}

/** Records (or corrects) the result of one target; the first result starts the inspection (drawn → in_progress). */
export async function recordResult(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  targetId: string,
  input: ResultInput,
  ctx: AuditContext,
): Promise<TaskTarget> {
  const inspectorId = await inTransaction(db, async (trx) => {
    const { row, inspectorId } = await loadTargetForWrite(trx, regions, actor, targetId);
    const task = await trx
      .selectFrom('inspection_task')
      .select(['status', 'kind', 'region_code', 'starts_on'])
      .where('id', '=', row.task_id)
      .executeTakeFirstOrThrow();
    if (!recordable(task.kind, task.status)) {
      throw new AppError(409, 'INSPECTION_TASK_STATE', '任务不在检查阶段，不能录入结果 / results are recorded between the draw and the end of the inspection');
    }
    if (input.inspectedOn > todayInShanghai()) {
      throw validationFailed([{ field: 'body.inspectedOn', rule: 'past', message: '检查日期不能晚于今天 / the inspection day cannot be in the future' }]);
    }
    const pending = await trx
      .selectFrom('inspection_recusal')
      .select('id')
      .where('target_id', '=', targetId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending)
      throw new AppError(409, 'INSPECTION_RECUSAL_PENDING', '该对象有待审批的回避申请，审批后再录入 / a recusal application is pending for this target');
    const findings = input.findings?.trim() || null;
    if (input.category !== 'no_problem' && !findings) {
      throw validationFailed([{ field: 'body.findings', rule: 'required', message: '发现问题时须填写检查情况 / describe what was found' }]);
    }
    await trx
      .updateTable('inspection_task_target')
      .set({
        result_category: input.category,
        findings,
        inspected_on: input.inspectedOn,
        result_recorded_at: sql`now()`,
        result_recorded_by: actor.id,
      })
      .where('id', '=', targetId)
      .execute();
    if (task.status === 'drawn') {
      await trx.updateTable('inspection_task').set({ status: 'in_progress', updated_at: sql`now()` }).where('id', '=', row.task_id).execute();
    }
    await appendAudit(trx, ctx, {
      action: 'inspection.result.record',
      entityType: 'inspection_task_target',
      entityId: targetId,
      regionCode: task.region_code,
      before: row.result_category ? { category: row.result_category, findings: row.findings, inspectedOn: row.inspected_on } : null,
      after: { taskId: row.task_id, creditCode: row.credit_code, category: input.category, findings, inspectedOn: input.inspectedOn },
    });
    return inspectorId;
  });
  return targetView(db, regions, actor, targetId, inspectorId);
}

/** 整改期限 and 复查: after a result is recorded, also after publication. */
export async function updateFollowUp(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  targetId: string,
  input: FollowUpInput,
  ctx: AuditContext,
): Promise<TaskTarget> {
  const inspectorId = await inTransaction(db, async (trx) => {
    const { row, inspectorId } = await loadTargetForWrite(trx, regions, actor, targetId);
    if (!row.result_category || !row.inspected_on) {
      throw new AppError(409, 'INSPECTION_RESULT_MISSING', '请先录入检查结果 / record the result first');
    }
    const due = input.rectificationDue !== undefined ? input.rectificationDue : row.rectification_due;
    const recheck = input.recheckOn !== undefined ? input.recheckOn : row.recheck_on;
    if (due && due < row.inspected_on) {
      throw validationFailed([{ field: 'body.rectificationDue', rule: 'order', message: '整改期限不得早于检查日期 / the deadline is before the inspection' }]);
    }
    if (recheck && recheck < row.inspected_on) {
      throw validationFailed([{ field: 'body.recheckOn', rule: 'order', message: '复查日期不得早于检查日期 / the re-check is before the inspection' }]);
    }
    await trx
      .updateTable('inspection_task_target')
      .set({
        ...(input.rectificationDue !== undefined ? { rectification_due: input.rectificationDue } : {}),
        ...(input.recheckOn !== undefined ? { recheck_on: input.recheckOn } : {}),
        ...(input.recheckResult !== undefined ? { recheck_result: input.recheckResult?.trim() || null } : {}),
      })
      .where('id', '=', targetId)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.result.follow_up',
      entityType: 'inspection_task_target',
      entityId: targetId,
      before: { rectificationDue: row.rectification_due, recheckOn: row.recheck_on, recheckResult: row.recheck_result },
      after: input,
    });
    return inspectorId;
  });
  return targetView(db, regions, actor, targetId, inspectorId);
}
