import type { KeyProject, ProjectKind, ProjectStatus } from '../../../common/plan-api.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, validationFailed } from '../../platform/errors.ts';
import { type Actor, regionCodeInScope, regionRootPath, requireRole } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { getPlanRow } from './plan-service.ts';
import { presentMilestone, presentProject, presentProjectUpdate, todayInShanghai } from './present.ts';

/** The key-project register of the 附件: reforms, projects, platforms and policies with milestones and progress updates. */

export async function listProjects(db: Db, planId: string, filter: { kind?: ProjectKind; status?: ProjectStatus }): Promise<KeyProject[]> {
  await getPlanRow(db, planId);
  let q = db.selectFrom('plan_project').selectAll().where('plan_id', '=', planId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('kind').orderBy('seq').execute();
  const milestones = rows.length
    ? await db
        .selectFrom('plan_milestone')
        .selectAll()
        .where(
          'project_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const today = todayInShanghai();
  const order: ProjectKind[] = ['reform', 'project', 'platform', 'policy'];
  return rows
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.seq - b.seq)
    .map((r) =>
      presentProject(
        r,
        milestones.filter((m) => m.project_id === r.id).map((m) => presentMilestone(m, today)),
      ),
    );
}

export async function getProject(db: Db, id: string): Promise<KeyProject> {
  const row = await db.selectFrom('plan_project').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const today = todayInShanghai();
  const milestones = (await db.selectFrom('plan_milestone').selectAll().where('project_id', '=', id).orderBy('due_date').execute()).map((m) =>
    presentMilestone(m, today),
  );
  const updates = await db
    .selectFrom('plan_project_update as u')
    .leftJoin('platform_user as p', 'p.id', 'u.created_by')
    .leftJoin('plan_attachment as a', 'a.id', 'u.attachment_id')
    .selectAll('u')
    .select(['p.display_name as created_by_name', 'a.file_name as attachment_name', 'a.size_bytes as attachment_size'])
    .where('u.project_id', '=', id)
    .orderBy('u.created_at', 'desc')
    .execute();
  return presentProject(row, milestones, { milestones, updates: updates.map(presentProjectUpdate) });
}

/** Lead unit or status of a project (city_admin). */
export async function updateProject(
  db: Db,
  actor: Actor,
  id: string,
  input: { leadUnit?: string | null; status?: ProjectStatus },
  ctx: AuditContext,
): Promise<KeyProject> {
  requireRole(actor, 'city_admin');
  const before = await getProject(db, id);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('plan_project')
      .set({
        ...(input.leadUnit !== undefined ? { lead_unit: input.leadUnit } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'plan.project.update',
      entityType: 'plan_project',
      entityId: id,
      before: { leadUnit: before.leadUnit, status: before.status },
      after: input,
    });
  });
  return getProject(db, id);
}

export async function addMilestone(db: Db, actor: Actor, projectId: string, input: { title: string; dueDate: string }, ctx: AuditContext): Promise<KeyProject> {
  requireRole(actor, 'city_admin');
  await getProject(db, projectId);
  await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('plan_milestone')
      .values({ project_id: projectId, title: input.title, due_date: input.dueDate })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, { action: 'plan.milestone.create', entityType: 'plan_milestone', entityId: row.id, after: { projectId, ...input } });
  });
  return getProject(db, projectId);
}

/** Marks a milestone done on a date (or reopens it with null). */
export async function setMilestoneDone(db: Db, actor: Actor, id: string, completedAt: string | null, ctx: AuditContext): Promise<KeyProject> {
  requireRole(actor, 'city_admin');
  const row = await db.selectFrom('plan_milestone').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  if (completedAt !== null && completedAt > todayInShanghai()) {
    throw validationFailed([{ field: 'body.completedAt', rule: 'not_future', message: '完成日期不能晚于今天 / completion date cannot be in the future' }]);
  }
  await inTransaction(db, async (trx) => {
    await trx.updateTable('plan_milestone').set({ completed_at: completedAt }).where('id', '=', id).execute();
    await appendAudit(trx, ctx, {
      action: 'plan.milestone.complete',
      entityType: 'plan_milestone',
      entityId: id,
      before: { completedAt: row.completed_at },
      after: { completedAt },
    });
  });
  return getProject(db, row.project_id);
}

/** A progress update (city or county), optionally changing the project's status and carrying an attachment. */
export async function addProjectUpdate(
  db: Db,
  actor: Actor,
  projectId: string,
  input: { content: string; statusAfter?: ProjectStatus | null; attachmentId?: string | null },
  ctx: AuditContext,
): Promise<KeyProject> {
  requireRole(actor, 'city_admin', 'county_officer');
  await getProject(db, projectId);
  if (input.statusAfter && actor.role !== 'city_admin') {
    throw validationFailed([{ field: 'body.statusAfter', rule: 'role', message: '仅市局可变更项目状态 / only the city may change the status' }]);
  }
  if (input.attachmentId) {
    const root = regionRootPath(actor) ?? '/none/';
    const att = await db
      .selectFrom('plan_attachment')
      .select('id')
      .where('id', '=', input.attachmentId)
      .where(regionCodeInScope('region_code', root))
      .executeTakeFirst();
    if (!att) throw validationFailed([{ field: 'body.attachmentId', rule: 'exists', message: '附件不存在 / no such attachment' }]);
  }
  await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('plan_project_update')
      .values({
        project_id: projectId,
        content: input.content,
        status_after: input.statusAfter ?? null,
        attachment_id: input.attachmentId ?? null,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.statusAfter)
      await trx.updateTable('plan_project').set({ status: input.statusAfter, updated_at: new Date() }).where('id', '=', projectId).execute();
    await appendAudit(trx, ctx, {
      action: 'plan.project.progress',
      entityType: 'plan_project',
      entityId: projectId,
      regionCode: actor.regionCode,
      after: { updateId: row.id, ...input },
    });
  });
  return getProject(db, projectId);
}
