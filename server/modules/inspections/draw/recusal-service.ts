import { sql } from 'kysely';
import { InsufficientInspectorsError, RedrawError, redrawTarget } from '../../../../common/draw/index.ts';
import type { Recusal, RecusalInput } from '../../../../common/inspection-api.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, forbidden, notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import type { Actor } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { inspectorIdOf, isRegulator, regionVisible, requireRegulator, requireStaff } from '../access.ts';
import { listRecusals, loadTaskForManage, requireStatus } from '../tasks/task-service.ts';
import { loadDrawRecord } from './record.ts';

/**
 * 回避申请 after the draw (行政处罚法 第43条: the party may apply, the agency head decides). An application names the
 * target, the inspector and the reason; a regulator other than the applicant approves or rejects it. Approval
 * redraws that one inspector with common/draw redrawTarget (README §8) — the redraw is logged in order with its
 * reason and approver and replayed by every verification.
 */

async function recusalView(db: Db, taskId: string, id: string): Promise<Recusal> {
  const found = (await listRecusals(db, taskId)).find((r) => r.id === id);
  if (!found) throw notFound();
  return found;
}

/**
 * Files an application. Regulators in the task's scope may file for any drawn inspector; an inspector only for
 * himself. Only while the target has no result yet.
 */
export async function applyForRecusal(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  taskId: string,
  input: RecusalInput,
  ctx: AuditContext,
): Promise<Recusal> {
  requireStaff(actor);
  const id = await inTransaction(db, async (trx) => {
    const task = await trx.selectFrom('inspection_task').selectAll().where('id', '=', taskId).forUpdate().executeTakeFirst();
    if (!task) throw notFound();
    const target = await trx.selectFrom('inspection_task_target').selectAll().where('id', '=', input.targetId).where('task_id', '=', taskId).executeTakeFirst();
    if (isRegulator(actor)) {
      if (!regionVisible(regions, actor, task.region_code)) throw notFound();
    } else {
      const self = await inspectorIdOf(trx, actor);
      if (!self || !target?.inspector_ids.includes(self)) throw notFound();
      if (input.inspectorId !== self) throw forbidden();
    }
    if (task.kind !== 'random') throw new AppError(409, 'INSPECTION_TASK_NOT_RANDOM', '非随机检查请直接调整检查人员 / a non-random task has no draw to redo');
    if (task.status !== 'drawn' && task.status !== 'in_progress') {
      throw new AppError(
        409,
        'INSPECTION_TASK_STATE',
        '只能在摇号后、检查结束前申请回避 / recusal is applied for between the draw and the end of the inspection',
      );
    }
    if (!target) throw validationFailed([{ field: 'body.targetId', rule: 'target', message: '该任务没有这个检查对象 / no such target in this task' }]);
    if (!target.inspector_ids.includes(input.inspectorId)) {
      throw validationFailed([
        { field: 'body.inspectorId', rule: 'assigned', message: '该执法人员未被分派到此检查对象 / the inspector is not assigned to this target' },
      ]);
    }
    if (target.result_category !== null) {
      throw new AppError(409, 'INSPECTION_TARGET_INSPECTED', '该对象已录入检查结果，不能再申请回避 / the target was inspected already');
    }
    const row = await trx
      .insertInto('inspection_recusal')
      .values({ task_id: taskId, target_id: target.id, inspector_id: input.inspectorId, reason: input.reason.trim(), status: 'pending', applied_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        if (typeof err === 'object' && err !== null && 'code' in err && err.code === '23505') {
          throw new AppError(409, 'INSPECTION_RECUSAL_PENDING', '该人员对此对象已有待审批的回避申请 / an application is already pending');
        }
        throw err;
      });
    await appendAudit(trx, ctx, {
      action: 'inspection.recusal.apply',
      entityType: 'inspection_recusal',
      entityId: row.id,
      regionCode: task.region_code,
      after: { taskId, creditCode: target.credit_code, inspectorId: input.inspectorId, reason: input.reason.trim() },
    });
    return row.id;
  });
  return recusalView(db, taskId, id);
}

async function loadForDecision(trx: Db, regions: RegionDirectory, actor: Actor, id: string) {
  requireRegulator(actor);
  const recusal = await trx.selectFrom('inspection_recusal').selectAll().where('id', '=', id).executeTakeFirst();
  if (!recusal) throw notFound();
  const task = await loadTaskForManage(trx, regions, actor, recusal.task_id);
  const again = await trx.selectFrom('inspection_recusal').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { recusal: again, task };
}

function notByApplicant(actor: Actor, appliedBy: string): void {
  if (actor.id === appliedBy) {
    throw new AppError(
      403,
      'INSPECTION_RECUSAL_SELF_DECISION',
      '回避申请须由申请人以外的负责人审批 / an application is decided by someone other than its applicant',
    );
  }
}

/**
 * Approves an application and redraws the inspector (README §8): the replacement is drawn from stream
 * `redraw/<seq>` among the inspectors still eligible for the target. A retried approval returns the same result.
 */
export async function approveRecusal(db: Db, regions: RegionDirectory, actor: Actor, id: string, note: string | null, ctx: AuditContext): Promise<Recusal> {
  const taskId = await inTransaction(db, async (trx) => {
    const { recusal, task } = await loadForDecision(trx, regions, actor, id);
    if (recusal.status === 'approved') return task.id;
    if (recusal.status !== 'pending') throw new AppError(409, 'INSPECTION_RECUSAL_DECIDED', '该申请已处理 / the application was decided already');
    notByApplicant(actor, recusal.applied_by);
    requireStatus(task, 'drawn', 'in_progress');
    const target = await trx.selectFrom('inspection_task_target').selectAll().where('id', '=', recusal.target_id).executeTakeFirstOrThrow();
    if (target.result_category !== null) throw new AppError(409, 'INSPECTION_TARGET_INSPECTED', '该对象已录入检查结果 / the target was inspected already');
    const record = await loadDrawRecord(trx, task.id);
    if (!record) throw new AppError(409, 'INSPECTION_TASK_STATE', '任务尚未摇号 / the task has not been drawn');
    let next: ReturnType<typeof redrawTarget>;
    try {
      next = redrawTarget(record, target.credit_code, recusal.inspector_id, recusal.reason, actor.username);
    } catch (err) {
      if (err instanceof InsufficientInspectorsError) {
        throw new AppError(
          409,
          'INSPECTION_NO_REPLACEMENT',
          '没有符合条件的执法人员可替换，请扩充名录库后按非随机方式调整 / no eligible inspector is left to replace him',
          [{ creditCode: target.credit_code }],
        );
      }
      if (err instanceof RedrawError) throw new AppError(409, 'INSPECTION_DRAW_INCONSISTENT', `摇号记录核验不一致，不能重抽 / ${err.message}`);
      throw err;
    }
    const redraw = next.redraws[next.redraws.length - 1];
    const updated = next.targets.find((t) => t.creditCode === target.credit_code);
    if (!redraw || !updated) throw new AppError(500, 'INSPECTION_REDRAW_FAILED', '重抽失败 / redraw failed');
    await trx.updateTable('inspection_task_target').set({ inspector_ids: updated.inspectors }).where('id', '=', target.id).execute();
    await trx
      .updateTable('inspection_recusal')
      .set({
        status: 'approved',
        decided_by: actor.id,
        decided_at: sql`now()`,
        decision_note: note?.trim() || null,
        redraw_seq: redraw.seq,
        replacement_id: redraw.replacementId,
        approved_by_name: actor.username,
      })
      .where('id', '=', id)
      .execute();
    await trx.updateTable('inspection_task').set({ updated_at: sql`now()` }).where('id', '=', task.id).execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.recusal.approve',
      entityType: 'inspection_recusal',
      entityId: id,
      regionCode: task.region_code,
      after: {
        taskId: task.id,
        seq: redraw.seq,
        creditCode: target.credit_code,
        recused: recusal.inspector_id,
        replacement: redraw.replacementId,
        reason: recusal.reason,
      },
    });
    return task.id;
  });
  return recusalView(db, taskId, id);
}

/** Rejects an application (the inspector stays); recorded with the decision note. */
export async function rejectRecusal(db: Db, regions: RegionDirectory, actor: Actor, id: string, note: string | null, ctx: AuditContext): Promise<Recusal> {
  const taskId = await inTransaction(db, async (trx) => {
    const { recusal, task } = await loadForDecision(trx, regions, actor, id);
    if (recusal.status === 'rejected') return task.id;
    if (recusal.status !== 'pending') throw new AppError(409, 'INSPECTION_RECUSAL_DECIDED', '该申请已处理 / the application was decided already');
    notByApplicant(actor, recusal.applied_by);
    await trx
      .updateTable('inspection_recusal')
      .set({ status: 'rejected', decided_by: actor.id, decided_at: sql`now()`, decision_note: note?.trim() || null })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.recusal.reject',
      entityType: 'inspection_recusal',
      entityId: id,
      regionCode: task.region_code,
      after: { taskId: task.id, note },
    });
    return task.id;
  });
  return recusalView(db, taskId, id);
}
