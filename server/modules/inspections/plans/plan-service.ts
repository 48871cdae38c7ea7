import { sql } from 'kysely';
import { DEFAULT_DRAW_PARAMS, RATIO_BANDS, RISK_CLASSES, type RiskClass } from '../../../../common/draw/types.ts';
import type { InspectionPlan, ItemRef, Page, PlanInput, PlanUpdate, RatioWarning } from '../../../../common/inspection-api.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { notFound } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, regionCodeInScope } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { assertVisible, regionForWrite, requireRegulator, rootOf } from '../access.ts';
import { currentItemRefs, itemRefsBy } from './item-service.ts';

/**
 * 年度抽查计划 (国发〔2019〕5号: the county government's annual plan, 一般 and 重点 items; filed with the bureau one
 * level up, 国市监信〔2019〕38号). Ratios per credit class are set by the plan (国市监信发〔2022〕6号: differentiated by
 * class); defaults are the top of each band of the one published numeric scheme (common/draw RATIO_BANDS), and a
 * ratio outside its band is a warning, not an error — the bands are local practice, not national law.
 */

/** Ratios outside the Linxian 2024 bands. */
export function ratioWarnings(ratios: Record<RiskClass, number>): RatioWarning[] {
  return RISK_CLASSES.flatMap((c) => {
    const band = RATIO_BANDS[c];
    const bp = ratios[c];
    return bp < band.min || bp > band.max ? [{ riskClass: c, basisPoints: bp, min: band.min, max: band.max }] : [];
  });
}

type PlanRow = {
  id: string;
  year: number;
  name: string;
  region_code: string;
  ratio_a: number;
  ratio_b: number;
  ratio_c: number;
  ratio_d: number;
  inspectors_per_target: number;
  region_rule: 'none' | 'county' | 'township';
  is_demo: boolean;
  created_at: Date;
  task_count: number;
};

export const ratiosOf = (r: { ratio_a: number; ratio_b: number; ratio_c: number; ratio_d: number }): Record<RiskClass, number> => ({
  A: r.ratio_a,
  B: r.ratio_b,
  C: r.ratio_c,
  D: r.ratio_d,
});

export const ratioColumns = (r: Record<RiskClass, number>) => ({ ratio_a: r.A, ratio_b: r.B, ratio_c: r.C, ratio_d: r.D });

async function itemsOfPlans(db: Db, planIds: string[]): Promise<Map<string, ItemRef[]>> {
  if (planIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('inspection_plan_item as pi')
    .innerJoin('inspection_item as i', 'i.id', 'pi.item_id')
    .select(['pi.plan_id', 'i.id', 'i.code', 'i.version', 'i.name', 'i.kind'])
    .where('pi.plan_id', 'in', planIds)
    .orderBy('i.code')
    .execute();
  return itemRefsBy(rows, (r) => r.plan_id);
}

function present(r: PlanRow, items: ItemRef[], regions: RegionDirectory): InspectionPlan {
  const ratioBasisPoints = ratiosOf(r);
  return {
    id: r.id,
    year: r.year,
    name: r.name,
    regionCode: r.region_code,
    regionName: regions.get(r.region_code)?.name ?? r.region_code,
    items,
    ratioBasisPoints,
    inspectorsPerTarget: r.inspectors_per_target,
    regionRule: r.region_rule,
    warnings: ratioWarnings(ratioBasisPoints),
    taskCount: Number(r.task_count),
    isDemo: r.is_demo,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function planQuery(db: Db) {
  return db
    .selectFrom('inspection_plan as p')
    .selectAll('p')
    .select(sql<number>`(select count(*) from inspection_task t where t.plan_id = p.id)`.as('task_count'));
}

/** Plans of the caller's region subtree, newest year first. */
export async function listPlans(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  input: { page: number; pageSize: number; year?: number },
): Promise<Page<InspectionPlan>> {
  requireRegulator(actor);
  let q = planQuery(db).where(regionCodeInScope('p.region_code', rootOf(actor)));
  if (input.year !== undefined) q = q.where('p.year', '=', input.year);
  const [rows, count] = await Promise.all([
    q
      .orderBy('p.year', 'desc')
      .orderBy('p.region_code')
      .orderBy('p.created_at', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const items = await itemsOfPlans(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => present(r, items.get(r.id) ?? [], regions)), total: Number(count.n), page: input.page, pageSize: input.pageSize };
}

/** The plan row if the caller may see it (404 otherwise). */
export async function loadPlanInScope(db: Db, regions: RegionDirectory, actor: Actor, id: string) {
  const row = await planQuery(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  assertVisible(regions, actor, row.region_code);
  return row;
}

export async function getPlan(db: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<InspectionPlan> {
  requireRegulator(actor);
  const row = await loadPlanInScope(db, regions, actor, id);
  return present(row, (await itemsOfPlans(db, [id])).get(id) ?? [], regions);
}

/** Creates an annual plan for the caller's region (or a district/county within it). */
export async function createPlan(db: Db, regions: RegionDirectory, actor: Actor, input: PlanInput, ctx: AuditContext): Promise<InspectionPlan> {
  requireRegulator(actor);
  const region = regionForWrite(regions, actor, input.regionCode, 'body.regionCode', ['city', 'county']);
  const ratios = input.ratioBasisPoints ?? DEFAULT_DRAW_PARAMS.ratioBasisPoints;
  const id = await inTransaction(db, async (trx) => {
    const items = await currentItemRefs(trx, input.itemIds, 'body.itemIds');
    const row = await trx
      .insertInto('inspection_plan')
      .values({
        year: input.year,
        name: input.name.trim(),
        region_code: region.code,
        ...ratioColumns(ratios),
        inspectors_per_target: input.inspectorsPerTarget ?? DEFAULT_DRAW_PARAMS.inspectorsPerTarget,
        region_rule: input.regionRule ?? DEFAULT_DRAW_PARAMS.regionRule,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('inspection_plan_item')
      .values(items.map((i) => ({ plan_id: row.id, item_id: i.id })))
      .execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.plan.create',
      entityType: 'inspection_plan',
      entityId: row.id,
      regionCode: region.code,
      after: { year: input.year, name: input.name, items: items.map((i) => `${i.code}v${i.version}`), ratios, warnings: ratioWarnings(ratios) },
    });
    return row.id;
  });
  return getPlan(db, regions, actor, id);
}

/** Changes a plan; tasks already created keep the ratios they copied. */
export async function updatePlan(db: Db, regions: RegionDirectory, actor: Actor, id: string, input: PlanUpdate, ctx: AuditContext): Promise<InspectionPlan> {
  requireRegulator(actor);
  await inTransaction(db, async (trx) => {
    const before = await loadPlanInScope(trx, regions, actor, id);
    if (input.itemIds) {
      const items = await currentItemRefs(trx, input.itemIds, 'body.itemIds');
      await trx.deleteFrom('inspection_plan_item').where('plan_id', '=', id).execute();
      await trx
        .insertInto('inspection_plan_item')
        .values(items.map((i) => ({ plan_id: id, item_id: i.id })))
        .execute();
    }
    await trx
      .updateTable('inspection_plan')
      .set({
        ...(input.year !== undefined ? { year: input.year } : {}),
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.ratioBasisPoints ? ratioColumns(input.ratioBasisPoints) : {}),
        ...(input.inspectorsPerTarget !== undefined ? { inspectors_per_target: input.inspectorsPerTarget } : {}),
        ...(input.regionRule !== undefined ? { region_rule: input.regionRule } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'inspection.plan.update',
      entityType: 'inspection_plan',
      entityId: id,
      regionCode: before.region_code,
      before: { year: before.year, name: before.name, ratios: ratiosOf(before), regionRule: before.region_rule },
      after: input,
    });
  });
  return getPlan(db, regions, actor, id);
}
