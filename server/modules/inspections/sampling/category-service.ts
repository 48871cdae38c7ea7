import type { CategoryInput, CategoryUpdate, CategoryVersion, SamplingCategory } from '../../../../common/sampling/api.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, forbidden, notFound, validationFailed } from '../../../platform/errors.ts';
import { type Actor, requireRole } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { type CategoryRow, presentCategory } from './present.ts';

/**
 * Product categories of supervision sampling and their risk grade (产品分级: high / medium / low). The
 * city bureau keeps the list; every change is a new version with a reason (sampling_category_version)
 * and an audit row. A sample keeps the grade its category had when it was sampled.
 */

/** Regulators read the list (the grades are internal: enterprises and the public do not). */
export async function listCategories(db: Db, actor: Actor, options: { includeInactive?: boolean } = {}): Promise<SamplingCategory[]> {
  if (actor.role === 'enterprise') throw forbidden();
  let q = db.selectFrom('sampling_category').selectAll().orderBy('code');
  if (!options.includeInactive) q = q.where('active', '=', true);
  return (await q.execute()).map(presentCategory);
}

async function writeVersion(trx: Db, row: CategoryRow, reason: string, actorId: string | null): Promise<void> {
  await trx
    .insertInto('sampling_category_version')
    .values({
      category_id: row.id,
      version: row.version,
      code: row.code,
      name: row.name,
      risk_level: row.risk_level,
      plan_indicator_code: row.plan_indicator_code,
      basis: row.basis,
      retest_rule: row.retest_rule,
      active: row.active,
      reason,
      changed_by: actorId,
    })
    .execute();
}

export async function createCategory(
  db: Db,
  actor: Actor,
  input: CategoryInput,
  ctx: AuditContext,
  options: { demo?: boolean; trx?: Db; reason?: string } = {},
): Promise<SamplingCategory> {
  requireRole(actor, 'city_admin');
  const run = async (trx: Db) => {
    const code = input.code.trim().toUpperCase();
    const clash = await trx.selectFrom('sampling_category').select('id').where('code', '=', code).executeTakeFirst();
    if (clash) throw new AppError(409, 'SAMPLING_CATEGORY_CODE_TAKEN', `类别代码 ${code} 已存在 / Category code already exists`);
    const row = await trx
      .insertInto('sampling_category')
      .values({
        code,
        name: input.name.trim(),
        risk_level: input.riskLevel,
        plan_indicator_code: input.planIndicatorCode?.trim() || null,
        basis: input.basis?.trim() || null,
        retest_rule: input.retestRule ?? 'product_15d',
        is_demo: options.demo ?? false,
        updated_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeVersion(trx, row, options.reason ?? '新建 / created', actor.id);
    await appendAudit(trx, ctx, { action: 'sampling.category.create', entityType: 'sampling_category', entityId: row.id, after: presentCategory(row) });
    return presentCategory(row);
  };
  return options.trx ? run(options.trx) : inTransaction(db, run);
}

/** Changes a category (grade, name, 表1 mapping, active) as a new version; the reason is required. */
export async function updateCategory(db: Db, actor: Actor, id: string, input: CategoryUpdate, ctx: AuditContext): Promise<SamplingCategory> {
  requireRole(actor, 'city_admin');
  if (!input.reason.trim()) throw validationFailed([{ field: 'body.reason', rule: 'required', message: '修改须说明理由 / a change needs a reason' }]);
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('sampling_category').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound();
    const next = {
      name: input.name?.trim() ?? before.name,
      risk_level: input.riskLevel ?? before.risk_level,
      plan_indicator_code: input.planIndicatorCode === undefined ? before.plan_indicator_code : input.planIndicatorCode?.trim() || null,
      basis: input.basis === undefined ? before.basis : input.basis?.trim() || null,
      retest_rule: input.retestRule ?? before.retest_rule,
      active: input.active ?? before.active,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== before[k]);
    if (!changed) return presentCategory(before);
    const row = await trx
      .updateTable('sampling_category')
      .set({ ...next, version: before.version + 1, updated_by: actor.id, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeVersion(trx, row, input.reason.trim(), actor.id);
    await appendAudit(trx, ctx, {
      action: 'sampling.category.update',
      entityType: 'sampling_category',
      entityId: id,
      before: presentCategory(before),
      after: { ...presentCategory(row), reason: input.reason.trim() },
    });
    return presentCategory(row);
  });
}

/** Every version of a category, newest first. */
export async function categoryHistory(db: Db, actor: Actor, id: string): Promise<CategoryVersion[]> {
  if (actor.role === 'enterprise') throw forbidden();
  const rows = await db
    .selectFrom('sampling_category_version as v')
    .leftJoin('platform_user as u', 'u.id', 'v.changed_by')
    .selectAll('v')
    .select('u.display_name as changed_by_name')
    .where('v.category_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute();
  if (rows.length === 0) throw notFound();
  return rows.map((r) => ({
    version: r.version,
    code: r.code,
    name: r.name,
    riskLevel: r.risk_level,
    planIndicatorCode: r.plan_indicator_code,
    basis: r.basis,
    retestRule: r.retest_rule,
    active: r.active,
    reason: r.reason,
    changedBy: r.changed_by_name ?? null,
    changedAt: new Date(r.changed_at).toISOString(),
  }));
}
