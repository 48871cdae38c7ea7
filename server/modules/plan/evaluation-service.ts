import type { Evaluation, EvaluationIndicatorRow, EvaluationKind, EvaluationSnapshot, ProgressStatus } from '../../../common/plan-api.ts';
import { PROGRESS_STATUSES } from '../../../common/plan-api.ts';
import { LAGGING_STATUSES, PROGRESS_METHOD_VERSION } from '../../../common/progress/index.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, validationFailed } from '../../platform/errors.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import { type Actor, requireRole } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { getPlanRow, listIndicatorRows } from './plan-service.ts';
import { targetOf } from './present.ts';
import { computeProgress, rollupRegions } from './progress-service.ts';

/**
 * Evaluations (年度评估 / 中期评估 / 终期评估). A draft shows a live preview; freezing stores the values,
 * method version, statuses and narrative as of that moment, and the database refuses any later change
 * (migration 0003), so a data correction never moves a frozen evaluation.
 */

export interface CreateEvaluationInput {
  kind: EvaluationKind;
  dataYear: number;
  asOf: string;
  title: string;
  narrative?: string;
}

/** Computes the snapshot of a plan as of a data year (city view, with each district/county's status). */
export async function buildSnapshot(
  db: Db,
  regions: RegionDirectory,
  planId: string,
  meta: { kind: EvaluationKind; dataYear: number; asOf: string; frozenAt: string },
): Promise<EvaluationSnapshot> {
  const plan = await getPlanRow(db, planId);
  const indicators = await listIndicatorRows(db, planId);
  const regionList = rollupRegions(regions).sort((a, b) => a.path.length - b.path.length || a.sortOrder - b.sortOrder);
  const city = regionList.find((r) => r.level === 'city');
  const counties = regionList.filter((r) => r.level === 'county');
  const progress = await computeProgress(
    db,
    regions,
    planId,
    meta.dataYear,
    regionList.map((r) => r.code),
  );
  const key = (indicatorId: string, regionCode: string) => `${indicatorId}|${regionCode}`;
  const byKey = new Map(progress.map((p) => [key(p.indicatorId, p.regionCode), p]));
  const rows: EvaluationIndicatorRow[] = indicators.map((ind) => {
    const p = city ? byKey.get(key(ind.id, city.code)) : undefined;
    return {
      indicatorId: ind.id,
      code: ind.code,
      category: ind.category,
      subCategory: ind.sub_category,
      name: ind.name,
      unit: ind.unit,
      target: targetOf(ind),
      targetValue: p?.targetValue ?? null,
      baseline: p?.baseValue ?? ind.baseline_value,
      latestValue: p?.currentValue ?? null,
      latestYear: p?.currentYear ?? null,
      series: p?.series ?? [],
      status: p?.progress.status ?? 'not_available',
      progressValue: p?.progress.progressValue ?? null,
      score: p?.progress.score ?? null,
      currentStatusShare: p?.progress.currentStatusShare ?? null,
      forecast: p?.progress.forecast?.value ?? null,
      method: p?.progress.method ?? '',
      leadUnit: ind.lead_unit,
      regions: counties.map((c) => {
        const cp = byKey.get(key(ind.id, c.code));
        return { regionCode: c.code, regionName: c.name, latestValue: cp?.currentValue ?? null, status: cp?.progress.status ?? 'not_available' };
      }),
    };
  });
  const categories: EvaluationSnapshot['categories'] = [];
  for (const row of rows) {
    let entry = categories.find((c) => c.category === row.category);
    if (!entry) {
      entry = { category: row.category, counts: Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as Record<ProgressStatus, number> };
      categories.push(entry);
    }
    entry.counts[row.status] += 1;
  }
  return {
    planName: plan.name,
    kind: meta.kind,
    dataYear: meta.dataYear,
    asOf: meta.asOf,
    methodVersion: PROGRESS_METHOD_VERSION,
    frozenAt: meta.frozenAt,
    categories,
    rows,
    lagging: rows.filter((r) => LAGGING_STATUSES.includes(r.status)).map((r) => ({ code: r.code, name: r.name, status: r.status, leadUnit: r.leadUnit })),
  };
}

type EvaluationRow = Awaited<ReturnType<typeof loadEvaluation>>;

async function loadEvaluation(db: Db, id: string) {
  const row = await db
    .selectFrom('plan_evaluation as e')
    .leftJoin('platform_user as u', 'u.id', 'e.created_by')
    .selectAll('e')
    .select('u.display_name as created_by_name')
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

async function present(db: Db, regions: RegionDirectory, row: EvaluationRow, withRows: boolean): Promise<Evaluation> {
  const snapshot =
    row.status === 'frozen'
      ? (row.snapshot as EvaluationSnapshot)
      : await buildSnapshot(db, regions, row.plan_id, { kind: row.kind, dataYear: row.data_year, asOf: row.as_of, frozenAt: '' });
  return {
    id: row.id,
    planId: row.plan_id,
    kind: row.kind,
    dataYear: row.data_year,
    asOf: row.as_of,
    title: row.title,
    narrative: row.narrative,
    status: row.status,
    createdBy: row.created_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    frozenAt: row.frozen_at ? new Date(row.frozen_at).toISOString() : null,
    snapshot: withRows ? snapshot : { ...snapshot, rows: [], lagging: snapshot.lagging },
  };
}

export async function listEvaluations(db: Db, regions: RegionDirectory, planId: string): Promise<Evaluation[]> {
  await getPlanRow(db, planId);
  const ids = await db.selectFrom('plan_evaluation').select('id').where('plan_id', '=', planId).orderBy('created_at', 'desc').execute();
  const out: Evaluation[] = [];
  for (const { id } of ids) out.push(await present(db, regions, await loadEvaluation(db, id), false));
  return out;
}

export async function getEvaluation(db: Db, regions: RegionDirectory, id: string): Promise<Evaluation> {
  return present(db, regions, await loadEvaluation(db, id), true);
}

function checkYear(plan: { start_year: number; end_year: number }, dataYear: number): void {
  if (dataYear < plan.start_year || dataYear > plan.end_year) {
    throw validationFailed([
      { field: 'body.dataYear', rule: 'range', message: `数据年度须在 ${plan.start_year}–${plan.end_year} 之间 / dataYear must lie within the plan` },
    ]);
  }
}

/** A new draft evaluation (city_admin). */
export async function createEvaluation(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  planId: string,
  input: CreateEvaluationInput,
  ctx: AuditContext,
): Promise<Evaluation> {
  requireRole(actor, 'city_admin');
  const plan = await getPlanRow(db, planId);
  checkYear(plan, input.dataYear);
  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('plan_evaluation')
      .values({
        plan_id: planId,
        kind: input.kind,
        data_year: input.dataYear,
        as_of: input.asOf,
        title: input.title,
        narrative: input.narrative ?? '',
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, { action: 'plan.evaluation.create', entityType: 'plan_evaluation', entityId: row.id, after: input });
    return row.id;
  });
  return getEvaluation(db, regions, id);
}

function frozenError(): AppError {
  return new AppError(409, 'PLAN_EVALUATION_FROZEN', '评估已冻结，不能修改 / The evaluation is frozen and cannot change');
}

/** Edits a draft's title, narrative or as-of date. */
export async function updateEvaluation(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  id: string,
  input: { title?: string; narrative?: string; asOf?: string },
  ctx: AuditContext,
): Promise<Evaluation> {
  requireRole(actor, 'city_admin');
  const before = await loadEvaluation(db, id);
  if (before.status === 'frozen') throw frozenError();
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('plan_evaluation')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.narrative !== undefined ? { narrative: input.narrative } : {}),
        ...(input.asOf !== undefined ? { as_of: input.asOf } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'plan.evaluation.update',
      entityType: 'plan_evaluation',
      entityId: id,
      before: { title: before.title, narrative: before.narrative, asOf: before.as_of },
      after: input,
    });
  });
  return getEvaluation(db, regions, id);
}

/** Freezes a draft: computes the snapshot from the published values now and stores it for good. */
export async function freezeEvaluation(db: Db, regions: RegionDirectory, actor: Actor, id: string, ctx: AuditContext): Promise<Evaluation> {
  requireRole(actor, 'city_admin');
  await inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('plan_evaluation').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound();
    if (row.status === 'frozen') throw frozenError();
    const frozenAt = new Date();
    const snapshot = await buildSnapshot(trx, regions, row.plan_id, {
      kind: row.kind,
      dataYear: row.data_year,
      asOf: row.as_of,
      frozenAt: frozenAt.toISOString(),
    });
    await trx
      .updateTable('plan_evaluation')
      .set({
        status: 'frozen',
        snapshot: JSON.stringify(snapshot),
        method_version: snapshot.methodVersion,
        frozen_by: actor.id,
        frozen_at: frozenAt,
        updated_at: frozenAt,
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'plan.evaluation.freeze',
      entityType: 'plan_evaluation',
      entityId: id,
      after: { methodVersion: snapshot.methodVersion, dataYear: row.data_year, statuses: Object.fromEntries(snapshot.rows.map((r) => [r.code, r.status])) },
    });
  });
  return getEvaluation(db, regions, id);
}
