import { directionSign, type Indicator, type IndicatorInput, type Plan } from '../../../common/plan-api.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, validationFailed } from '../../platform/errors.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import { type Actor, requireRole } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { type IndicatorRow, type PlanRow, presentIndicator, presentPlan } from './present.ts';
import { logProgress } from './progress-log.ts';
import { rollupRegions } from './progress-service.ts';

export interface CreatePlanInput {
  code: string;
  name: string;
  baseYear: number;
  startYear: number;
  endYear: number;
  sourceNote?: string | null;
}

export type UpdateIndicatorInput = Partial<IndicatorInput> & { responsibleUnits?: Record<string, string> };

/** All plans, newest period first (any signed-in user). */
export async function listPlans(db: Db): Promise<Plan[]> {
  const rows = await db
    .selectFrom('plan_plan as p')
    .selectAll('p')
    .select((eb) => eb.selectFrom('plan_indicator as i').whereRef('i.plan_id', '=', 'p.id').select(eb.fn.countAll<number>().as('n')).as('indicator_count'))
    .orderBy('p.start_year', 'desc')
    .execute();
  return rows.map((r) => presentPlan(r, Number(r.indicator_count ?? 0)));
}

export async function getPlanRow(db: Db, planId: string): Promise<PlanRow> {
  const row = await db.selectFrom('plan_plan').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** A new plan (e.g. the 2026–2030 plan); its indicators follow through the UI or an xlsx import. */
export async function createPlan(db: Db, actor: Actor, input: CreatePlanInput, ctx: AuditContext): Promise<Plan> {
  requireRole(actor, 'city_admin');
  if (!(input.baseYear < input.startYear && input.startYear <= input.endYear)) {
    throw validationFailed([{ field: 'body.startYear', rule: 'period', message: '须满足 基期年 < 起始年 ≤ 结束年 / baseYear < startYear ≤ endYear' }]);
  }
  return inTransaction(db, async (trx) => {
    const clash = await trx.selectFrom('plan_plan').select('id').where('code', '=', input.code).executeTakeFirst();
    if (clash) throw new AppError(409, 'PLAN_CODE_TAKEN', `规划编码 ${input.code} 已存在 / Plan code already exists`);
    const row = await trx
      .insertInto('plan_plan')
      .values({
        code: input.code,
        name: input.name,
        base_year: input.baseYear,
        start_year: input.startYear,
        end_year: input.endYear,
        source_note: input.sourceNote ?? null,
        // A new plan starts as a draft: its indicators are entered before it becomes the one every page opens on.
        status: 'draft',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, { action: 'plan.create', entityType: 'plan', entityId: row.id, after: input });
    return presentPlan(row, 0);
  });
}

/** Renames a plan or moves it through draft → active → closed (city_admin). */
export async function updatePlan(
  db: Db,
  actor: Actor,
  planId: string,
  input: { name?: string; status?: 'draft' | 'active' | 'closed'; sourceNote?: string | null },
  ctx: AuditContext,
): Promise<Plan> {
  requireRole(actor, 'city_admin');
  const before = await getPlanRow(db, planId);
  if (input.status === 'active') {
    const count = await db
      .selectFrom('plan_indicator')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) === 0) {
      throw validationFailed([
        { field: 'body.status', rule: 'indicators', message: '规划尚无指标，不能启用 / a plan without indicators cannot be made active' },
      ]);
    }
  }
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('plan_plan')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.sourceNote !== undefined ? { source_note: input.sourceNote } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', planId)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'plan.update',
      entityType: 'plan',
      entityId: planId,
      before: { name: before.name, status: before.status, sourceNote: before.source_note },
      after: input,
    });
  });
  const plans = await listPlans(db);
  const plan = plans.find((p) => p.id === planId);
  if (!plan) throw notFound();
  return plan;
}

async function unitsByIndicator(db: Db, indicatorIds: string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  if (indicatorIds.length === 0) return out;
  const rows = await db.selectFrom('plan_indicator_unit').selectAll().where('indicator_id', 'in', indicatorIds).orderBy('region_code').execute();
  for (const r of rows) {
    const units = out.get(r.indicator_id) ?? {};
    units[r.region_code] = r.unit_name;
    out.set(r.indicator_id, units);
  }
  return out;
}

export async function listIndicatorRows(db: Db, planId: string): Promise<IndicatorRow[]> {
  return db.selectFrom('plan_indicator').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
}

/** The plan's indicators in 表1 order with their responsible units. */
export async function listIndicators(db: Db, planId: string): Promise<Indicator[]> {
  const plan = await getPlanRow(db, planId);
  const rows = await listIndicatorRows(db, planId);
  const units = await unitsByIndicator(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentIndicator(r, plan.base_year, units.get(r.id) ?? {}));
}

export async function getIndicatorRow(db: Db, id: string): Promise<IndicatorRow> {
  const row = await db.selectFrom('plan_indicator').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getIndicator(db: Db, id: string): Promise<Indicator> {
  const row = await getIndicatorRow(db, id);
  const plan = await getPlanRow(db, row.plan_id);
  const units = await unitsByIndicator(db, [id]);
  return presentIndicator(row, plan.base_year, units.get(id) ?? {});
}

function checkIndicatorInput(input: Partial<IndicatorInput>, prefix = 'body'): void {
  const issues = [];
  if (input.targetValue === null && (input.targetText === null || input.targetText === '')) {
    issues.push({ field: `${prefix}.targetValue`, rule: 'required', message: '目标值或目标说明至少填写一项 / give a target value or a target text' });
  }
  if (input.valueMin != null && input.valueMax != null && input.valueMin > input.valueMax) {
    issues.push({ field: `${prefix}.valueMax`, rule: 'range', message: '上限不能小于下限 / valueMax must not be below valueMin' });
  }
  if (issues.length) throw validationFailed(issues);
}

function indicatorColumns(input: Partial<IndicatorInput>) {
  const cols: Record<string, unknown> = {};
  const map: [keyof IndicatorInput, string][] = [
    ['code', 'code'],
    ['seq', 'seq'],
    ['category', 'category'],
    ['subCategory', 'sub_category'],
    ['name', 'name'],
    ['unit', 'unit'],
    ['targetValue', 'target_value'],
    ['targetText', 'target_text'],
    ['targetYear', 'target_year'],
    ['direction', 'direction'],
    ['accumulation', 'accumulation'],
    ['regionRollup', 'region_rollup'],
    ['baselineValue', 'baseline_value'],
    ['baselineSource', 'baseline_source'],
    ['leadUnit', 'lead_unit'],
    ['valueMin', 'value_min'],
    ['valueMax', 'value_max'],
    ['yoyBand', 'yoy_band'],
    ['limit', 'limit_value'],
    ['decimals', 'decimals'],
    ['note', 'note'],
  ];
  for (const [k, col] of map) if (input[k] !== undefined) cols[col] = k === 'direction' && input.direction ? directionSign(input.direction) : input[k];
  return cols;
}

/** Adds an indicator to a plan (city_admin). */
export async function createIndicator(db: Db, actor: Actor, planId: string, input: IndicatorInput, ctx: AuditContext): Promise<Indicator> {
  requireRole(actor, 'city_admin');
  const plan = await getPlanRow(db, planId);
  checkIndicatorInput({ targetValue: input.targetValue ?? null, targetText: input.targetText ?? null, ...input });
  return inTransaction(db, async (trx) => {
    const row = await insertIndicator(trx, planId, input).catch(rethrowUnique);
    await appendAudit(trx, ctx, { action: 'plan.indicator.create', entityType: 'plan_indicator', entityId: row.id, after: input });
    return presentIndicator(row, plan.base_year, {});
  });
}

export function insertIndicator(trx: Db, planId: string, input: IndicatorInput): Promise<IndicatorRow> {
  return trx
    .insertInto('plan_indicator')
    .values({
      plan_id: planId,
      code: input.code,
      seq: input.seq,
      category: input.category,
      sub_category: input.subCategory ?? null,
      name: input.name,
      unit: input.unit,
      target_value: input.targetValue ?? null,
      target_text: input.targetText ?? null,
      target_year: input.targetYear,
      direction: directionSign(input.direction),
      accumulation: input.accumulation,
      region_rollup: input.regionRollup,
      baseline_value: input.baselineValue ?? null,
      baseline_source: input.baselineSource ?? null,
      lead_unit: input.leadUnit ?? null,
      value_min: input.valueMin ?? null,
      value_max: input.valueMax ?? null,
      yoy_band: input.yoyBand ?? 0.5,
      limit_value: input.limit ?? null,
      decimals: input.decimals ?? 2,
      note: input.note ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

function rethrowUnique(err: unknown): never {
  if (err && typeof err === 'object' && 'code' in err && err.code === '23505') {
    throw new AppError(409, 'PLAN_INDICATOR_DUPLICATE', '指标编码或序号已存在 / Indicator code or sequence already used in this plan');
  }
  throw err;
}

/** Changes an indicator's definition or its responsible units (city_admin); audited with before/after. */
export async function updateIndicator(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  id: string,
  input: UpdateIndicatorInput,
  ctx: AuditContext,
): Promise<Indicator> {
  requireRole(actor, 'city_admin');
  const before = await getIndicator(db, id);
  const { responsibleUnits, ...fields } = input;
  const merged = {
    targetValue: 'value' in before.target ? before.target.value : null,
    targetText: 'text' in before.target ? before.target.text : null,
    valueMin: before.valueMin,
    valueMax: before.valueMax,
    ...fields,
  };
  checkIndicatorInput(merged);
  for (const code of Object.keys(responsibleUnits ?? {})) {
    if (regions.get(code)?.level !== 'county') {
      throw validationFailed([{ field: `body.responsibleUnits.${code}`, rule: 'region', message: '须为区县代码 / must be a district/county code' }]);
    }
  }
  await inTransaction(db, async (trx) => {
    const cols = indicatorColumns(fields);
    if (Object.keys(cols).length) {
      await trx
        .updateTable('plan_indicator')
        .set({ ...cols, updated_at: new Date() })
        .where('id', '=', id)
        .execute()
        .catch(rethrowUnique);
    }
    for (const [code, unit] of Object.entries(responsibleUnits ?? {})) {
      if (unit.trim() === '') {
        await trx.deleteFrom('plan_indicator_unit').where('indicator_id', '=', id).where('region_code', '=', code).execute();
      } else {
        await trx
          .insertInto('plan_indicator_unit')
          .values({ indicator_id: id, region_code: code, unit_name: unit.trim() })
          .onConflict((oc) => oc.columns(['indicator_id', 'region_code']).doUpdateSet({ unit_name: unit.trim() }))
          .execute();
      }
    }
    await appendAudit(trx, ctx, { action: 'plan.indicator.update', entityType: 'plan_indicator', entityId: id, before, after: input });
  });
  return getIndicator(db, id);
}

/** The provincial value of a year for a text target such as 达到省指标 (city_admin). */
export async function setReferenceValue(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  indicatorId: string,
  year: number,
  input: { value: number; source: string },
  ctx: AuditContext,
): Promise<void> {
  requireRole(actor, 'city_admin');
  const ind = await getIndicatorRow(db, indicatorId);
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('plan_reference_value')
      .select(['value', 'source'])
      .where('indicator_id', '=', indicatorId)
      .where('year', '=', year)
      .executeTakeFirst();
    await trx
      .insertInto('plan_reference_value')
      .values({ indicator_id: indicatorId, year, value: input.value, source: input.source, updated_by: actor.id })
      .onConflict((oc) =>
        oc.columns(['indicator_id', 'year']).doUpdateSet({ value: input.value, source: input.source, updated_by: actor.id, updated_at: new Date() }),
      )
      .execute();
    await logProgress(
      trx,
      regions,
      ind.plan_id,
      [indicatorId],
      rollupRegions(regions).map((r) => r.code),
      `参考值 ${year} 年更新 / reference value set`,
    );
    await appendAudit(trx, ctx, {
      action: 'plan.reference.set',
      entityType: 'plan_indicator',
      entityId: indicatorId,
      before: before ?? null,
      after: { year, ...input },
    });
  });
}

/** A district/county's share of a summed city target (分解目标), city_admin. */
export async function setRegionTarget(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  indicatorId: string,
  regionCode: string,
  targetValue: number | null,
  ctx: AuditContext,
): Promise<void> {
  requireRole(actor, 'city_admin');
  const ind = await getIndicatorRow(db, indicatorId);
  if (regions.get(regionCode)?.level !== 'county') {
    throw validationFailed([{ field: 'params.regionCode', rule: 'region', message: '须为区县代码 / must be a district/county code' }]);
  }
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('plan_region_target')
      .select('target_value')
      .where('indicator_id', '=', indicatorId)
      .where('region_code', '=', regionCode)
      .executeTakeFirst();
    if (targetValue === null) {
      await trx.deleteFrom('plan_region_target').where('indicator_id', '=', indicatorId).where('region_code', '=', regionCode).execute();
    } else {
      await trx
        .insertInto('plan_region_target')
        .values({ indicator_id: indicatorId, region_code: regionCode, target_value: targetValue, updated_by: actor.id })
        .onConflict((oc) =>
          oc.columns(['indicator_id', 'region_code']).doUpdateSet({ target_value: targetValue, updated_by: actor.id, updated_at: new Date() }),
        )
        .execute();
    }
    await logProgress(trx, regions, ind.plan_id, [indicatorId], [regionCode], '分解目标更新 / county target set');
    await appendAudit(trx, ctx, {
      action: 'plan.region_target.set',
      entityType: 'plan_indicator',
      entityId: indicatorId,
      regionCode,
      before: before ?? null,
      after: { targetValue },
    });
  });
}
