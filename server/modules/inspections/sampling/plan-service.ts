import type { ListPlansInput, Page, PlanInput, PlanUpdate, SamplingPlan } from '../../../../common/sampling/api.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, forbidden, notFound, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, isPathInScope, regionCodeInScope, requireRole } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { canDecideSamples, regionPath } from './access.ts';
import { selectPlanCounts } from './queries.ts';

/**
 * Sampling plans (监督抽查计划): how many batches of a product category a region samples in a year. The
 * city plans for the city or any district/county; a district/county officer for its own. Regulators read
 * the plans in their region and those above it (the city plan covers them too).
 */

type PlanRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function present(row: PlanRow, regions: RegionDirectory, actor: Actor, counts?: { sampled: number; final: number; failed: number }): SamplingPlan {
  return {
    id: row.id,
    year: row.year,
    categoryId: row.category_id,
    categoryName: row.category_name,
    regionCode: row.region_code,
    regionName: regions.get(row.region_code)?.name ?? row.region_code,
    title: row.title,
    plannedBatches: row.planned_batches,
    notes: row.notes,
    sampledBatches: counts?.sampled ?? 0,
    finalBatches: counts?.final ?? 0,
    failedBatches: counts?.failed ?? 0,
    canEdit: canEditPlan(actor, regions, row.region_code),
    isDemo: row.is_demo,
  };
}

function canEditPlan(actor: Actor, regions: RegionDirectory, regionCode: string): boolean {
  if (!canDecideSamples(actor)) return false;
  const region = regions.get(regionCode);
  return region !== undefined && region.level !== 'township' && isPathInScope(actor, region.path);
}

function base(db: Db) {
  return db.selectFrom('sampling_plan as p').innerJoin('sampling_category as c', 'c.id', 'p.category_id').selectAll('p').select('c.name as category_name');
}

export async function listPlans(db: Db, regions: RegionDirectory, actor: Actor, input: ListPlansInput): Promise<Page<SamplingPlan>> {
  if (actor.role === 'enterprise') throw forbidden();
  const path = regionPath(actor, regions, input.regionCode);
  // The plans of the subtree, and of the regions above it (a county sees the city plan it works under).
  const above = path.split('/').filter(Boolean);
  let q = base(db).where((eb) => eb.or([regionCodeInScope('p.region_code', path), eb('p.region_code', 'in', above)]));
  if (input.year !== undefined) q = q.where('p.year', '=', input.year);
  if (input.categoryId) q = q.where('p.category_id', '=', input.categoryId);
  const [rows, count] = await Promise.all([
    q
      .orderBy('p.year', 'desc')
      .orderBy('p.region_code')
      .orderBy('c.code')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const counts = new Map(
    (
      await selectPlanCounts(
        db,
        rows.map((r) => r.id),
      )
    ).map((c) => [c.plan_id, { sampled: Number(c.sampled), final: Number(c.final), failed: Number(c.failed ?? 0) }]),
  );
  return { items: rows.map((r) => present(r, regions, actor, counts.get(r.id))), total: Number(count.n), page: input.page, pageSize: input.pageSize };
}

async function checkCategory(db: Db, categoryId: string): Promise<void> {
  const c = await db.selectFrom('sampling_category').select('active').where('id', '=', categoryId).executeTakeFirst();
  if (!c?.active) throw validationFailed([{ field: 'body.categoryId', rule: 'exists', message: '产品类别不存在或已停用 / no such active category' }]);
}

export async function createPlan(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  input: PlanInput,
  ctx: AuditContext,
  options: { demo?: boolean; trx?: Db } = {},
): Promise<SamplingPlan> {
  requireRole(actor, 'city_admin', 'county_officer');
  const region = regions.get(input.regionCode);
  if (!region || !isPathInScope(actor, region.path)) throw notFound();
  if (region.level === 'township')
    throw validationFailed([{ field: 'body.regionCode', rule: 'level', message: '计划按市或区县编制 / plans are made for the city or a district/county' }]);
  const run = async (trx: Db) => {
    await checkCategory(trx, input.categoryId);
    const clash = await trx
      .selectFrom('sampling_plan')
      .select('id')
      .where('year', '=', input.year)
      .where('category_id', '=', input.categoryId)
      .where('region_code', '=', input.regionCode)
      .executeTakeFirst();
    if (clash) throw new AppError(409, 'SAMPLING_PLAN_EXISTS', '该年度、类别和区域的计划已存在 / A plan for this year, category and region exists');
    const row = await trx
      .insertInto('sampling_plan')
      .values({
        year: input.year,
        category_id: input.categoryId,
        region_code: input.regionCode,
        title: input.title.trim(),
        planned_batches: input.plannedBatches,
        notes: input.notes?.trim() || null,
        is_demo: options.demo ?? false,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, { action: 'sampling.plan.create', entityType: 'sampling_plan', entityId: row.id, regionCode: input.regionCode, after: input });
    return present(await base(trx).where('p.id', '=', row.id).executeTakeFirstOrThrow(), regions, actor);
  };
  return options.trx ? run(options.trx) : inTransaction(db, run);
}

export async function updatePlan(db: Db, regions: RegionDirectory, actor: Actor, id: string, input: PlanUpdate, ctx: AuditContext): Promise<SamplingPlan> {
  requireRole(actor, 'city_admin', 'county_officer');
  return inTransaction(db, async (trx) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
    const before = await base(trx).where('p.id', '=', id).forUpdate('p').executeTakeFirst();
    const region = before ? regions.get(before.region_code) : undefined;
    if (!before || !region || !isPathInScope(actor, region.path)) throw notFound();
    if (!canEditPlan(actor, regions, before.region_code)) throw forbidden();
    await trx
      .updateTable('sampling_plan')
      .set({
        title: input.title?.trim() ?? before.title,
        planned_batches: input.plannedBatches ?? before.planned_batches,
        notes: input.notes === undefined ? before.notes : input.notes?.trim() || null,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const after = await base(trx).where('p.id', '=', id).executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, {
      action: 'sampling.plan.update',
      entityType: 'sampling_plan',
      entityId: id,
      regionCode: before.region_code,
      before: { title: before.title, plannedBatches: before.planned_batches, notes: before.notes },
      after: { title: after.title, plannedBatches: after.planned_batches, notes: after.notes },
    });
    const counts = (await selectPlanCounts(trx, [id]))[0];
    return present(
      after,
      regions,
      actor,
      counts ? { sampled: Number(counts.sampled), final: Number(counts.final), failed: Number(counts.failed ?? 0) } : undefined,
    );
  });
}
