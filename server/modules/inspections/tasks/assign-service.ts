import { sql } from 'kysely';
import { normaliseCreditCode } from '../../../../common/credit-code.ts';
import { excludedByRegion } from '../../../../common/draw/index.ts';
import type { AssignInput, TaskDetail } from '../../../../common/inspection-api.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldIssue, notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import type { Actor } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { describeEntities } from '../../entities/index.ts';
import { todayInShanghai } from '../dates.ts';
import { isCertified } from '../registers/inspector-service.ts';
import { getTask, loadTaskForManage, requireStatus } from './task-service.ts';

/**
 * A 非随机 inspection (complaint, clue, referral: regulation.md §1 — these bypass the draw and are labelled as such):
 * the regulator names the targets and their inspectors. The rules of the draw still hold for the people: at least
 * two certified, active inspectors per target, none with a declared conflict, none excluded by the task's region
 * rule. Moves the task from draft to in_progress.
 */
export async function assignNonRandom(db: Db, regions: RegionDirectory, actor: Actor, id: string, input: AssignInput, ctx: AuditContext): Promise<TaskDetail> {
  await inTransaction(db, async (trx) => {
    const task = await loadTaskForManage(trx, regions, actor, id);
    if (task.kind !== 'non_random')
      throw new AppError(409, 'INSPECTION_TASK_RANDOM', '双随机任务须通过摇号确定检查对象 / a random task gets its targets from the draw');
    requireStatus(task, 'draft');
    const taskRegion = regions.get(task.region_code);
    if (!taskRegion) throw notFound();
    const codes = input.targets.map((t) => normaliseCreditCode(t.creditCode));
    const entities = await describeEntities(trx, codes);
    const inspectorIds = [...new Set(input.targets.flatMap((t) => t.inspectorIds))];
    const inspectors = await trx
      .selectFrom('inspection_inspector as i')
      .select([
        'i.id',
        'i.active',
        'i.badge_number',
        'i.badge_valid_until',
        'i.home_region_code',
        'i.region_code',
        sql<string[]>`array(select c.credit_code from inspection_inspector_conflict c where c.inspector_id = i.id)`.as('conflicts'),
      ])
      .where('i.id', 'in', inspectorIds)
      .execute();
    const byId = new Map(inspectors.map((i) => [i.id, i]));
    const today = todayInShanghai();
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    input.targets.forEach((t, i) => {
      const code = codes[i] ?? '';
      const entity = entities.get(code);
      const field = `body.targets.${i}`;
      if (seen.has(code)) issues.push({ field: `${field}.creditCode`, rule: 'unique', message: `${code} 重复 / listed twice` });
      seen.add(code);
      if (!entity || !regions.get(entity.regionCode)?.path.startsWith(taskRegion.path)) {
        issues.push({
          field: `${field}.creditCode`,
          rule: 'entity',
          message: `${code} 不是任务区域内登记的市场主体 / not a registered entity within the task's region`,
        });
        return;
      }
      t.inspectorIds.forEach((inspectorId, j) => {
        const p = byId.get(inspectorId);
        const at = `${field}.inspectorIds.${j}`;
        if (!p || !regions.get(p.region_code)?.path.startsWith(actor.regionPath)) {
          issues.push({ field: at, rule: 'inspector', message: '名录库中没有该执法人员 / no such inspector in your register' });
        } else if (!p.active || !isCertified(p.badge_number, p.badge_valid_until, today)) {
          issues.push({ field: at, rule: 'certified', message: '该人员未持有效执法证或已停用 / not a certified, active inspector' });
        } else if (p.conflicts.includes(code)) {
          issues.push({ field: at, rule: 'conflict', message: '该人员已申报与此主体回避 / declared a conflict with this entity' });
        } else if (excludedByRegion(task.region_rule, p.home_region_code, entity.regionCode)) {
          issues.push({ field: at, rule: 'regionRule', message: '按本任务的回避规则，该人员不能检查本辖区主体 / excluded by the task’s region rule' });
        }
      });
    });
    if (issues.length > 0) throw validationFailed(issues);
    await trx
      .insertInto('inspection_task_target')
      .values(
        input.targets.map((t, i) => {
          const code = codes[i] ?? '';
          const entity = entities.get(code);
          return {
            task_id: id,
            draw_order: i,
            credit_code: code,
            entity_name: entity?.name ?? code,
            region_code: entity?.regionCode ?? task.region_code,
            risk_class: null,
            inspector_ids: t.inspectorIds,
            is_demo: task.is_demo,
          };
        }),
      )
      .execute();
    await trx.updateTable('inspection_task').set({ status: 'in_progress', updated_at: sql`now()` }).where('id', '=', id).execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.task.assign',
      entityType: 'inspection_task',
      entityId: id,
      regionCode: task.region_code,
      after: {
        nonRandom: true,
        triggerReason: task.trigger_reason,
        targets: input.targets.map((t, i) => ({ creditCode: codes[i], inspectorIds: t.inspectorIds })),
      },
    });
  });
  return getTask(db, regions, actor, id);
}
