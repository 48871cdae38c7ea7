import type { AssessmentAdjustment, AssessmentResult, ProgressStatus, Rubric } from '../../../common/plan-api.ts';
import { PROGRESS_STATUSES } from '../../../common/plan-api.ts';
import { PROGRESS_METHOD_VERSION } from '../../../common/progress/index.ts';
import { type AuditContext, appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, validationFailed } from '../../platform/errors.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import { type Actor, requireRole } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { DEFAULT_STATUS_POINTS, defaultWeights, scoreRegions } from './assessment-score.ts';
import { getPlanRow, listIndicatorRows } from './plan-service.ts';
import { computeProgress, rollupRegions } from './progress-service.ts';

export interface RubricInput {
  weights: Record<string, number>;
  statusPoints: Record<ProgressStatus, number>;
  note?: string | null;
}

export interface AdjustmentInput {
  regionCode: string;
  kind: 'bonus' | 'penalty';
  points: number;
  reason: string;
}

/** The rubric in force for a plan year: its latest version, or the default (equal weights) as version 0. */
async function currentRubric(db: Db, planId: string, year: number): Promise<Rubric> {
  const row = await db
    .selectFrom('plan_rubric')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('year', '=', year)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row) {
    return {
      id: row.id,
      planId,
      year,
      version: row.version,
      weights: row.weights as Record<string, number>,
      statusPoints: row.status_points as Record<ProgressStatus, number>,
      note: row.note,
      createdAt: new Date(row.created_at).toISOString(),
    };
  }
  const indicators = await listIndicatorRows(db, planId);
  return {
    id: '',
    planId,
    year,
    version: 0,
    weights: defaultWeights(indicators.map((i) => i.id)),
    statusPoints: { ...DEFAULT_STATUS_POINTS },
    note: '默认细则：各指标等权，满分 100 / default rubric: equal weights, 100 points',
    createdAt: new Date(0).toISOString(),
  };
}

function checkYear(plan: { start_year: number; end_year: number }, year: number): void {
  if (year < plan.start_year || year > plan.end_year) throw notFound();
}

/**
 * The year's score sheet and ranking of the districts/counties. A county officer sees only its own row;
 * the city sees all.
 */
export async function assessment(db: Db, regions: RegionDirectory, actor: Actor, planId: string, year: number): Promise<AssessmentResult> {
  requireRole(actor, 'city_admin', 'county_officer');
  const plan = await getPlanRow(db, planId);
  checkYear(plan, year);
  const rubric = await currentRubric(db, planId, year);
  const counties = rollupRegions(regions)
    .filter((r) => r.level === 'county')
    .sort((a, b) => a.sortOrder - b.sortOrder);
  const [indicators, progress, adjRows] = await Promise.all([
    listIndicatorRows(db, planId),
    computeProgress(
      db,
      regions,
      planId,
      year,
      counties.map((c) => c.code),
    ),
    db.selectFrom('plan_assessment_adjustment').selectAll().where('plan_id', '=', planId).where('year', '=', year).orderBy('created_at').execute(),
  ]);
  const adjustments: AssessmentAdjustment[] = adjRows.map((a) => ({
    id: a.id,
    regionCode: a.region_code,
    kind: a.kind,
    points: a.points,
    reason: a.reason,
    createdAt: new Date(a.created_at).toISOString(),
  }));
  const scores = scoreRegions(
    indicators.map((i) => ({ id: i.id, code: i.code, name: i.name })),
    rubric.weights,
    rubric.statusPoints,
    counties.map((c) => ({
      regionCode: c.code,
      regionName: c.name,
      statuses: Object.fromEntries(progress.filter((p) => p.regionCode === c.code).map((p) => [p.indicatorId, p.progress.status])),
    })),
    adjustments,
  );
  const visible = actor.role === 'city_admin' ? scores : scores.filter((s) => s.regionCode === actor.regionCode);
  return { planId, year, rubric, regions: visible, methodVersion: PROGRESS_METHOD_VERSION };
}

/** Saves the year's rubric as a new version (city_admin); earlier versions stay for reproducibility. */
export async function saveRubric(db: Db, actor: Actor, planId: string, year: number, input: RubricInput, ctx: AuditContext): Promise<Rubric> {
  requireRole(actor, 'city_admin');
  const plan = await getPlanRow(db, planId);
  checkYear(plan, year);
  const indicators = new Set((await listIndicatorRows(db, planId)).map((i) => i.id));
  const issues = [];
  for (const [id, w] of Object.entries(input.weights)) {
    if (!indicators.has(id)) issues.push({ field: `body.weights.${id}`, rule: 'indicator', message: '不是该规划的指标 / not an indicator of this plan' });
    else if (!(w >= 0)) issues.push({ field: `body.weights.${id}`, rule: 'minimum', message: '权重不能为负 / weight must not be negative' });
  }
  for (const s of PROGRESS_STATUSES) {
    const v = input.statusPoints[s];
    if (v === undefined || !(v >= 0 && v <= 1)) {
      issues.push({ field: `body.statusPoints.${s}`, rule: 'range', message: '须在 0–1 之间（得分比例）/ must lie within 0–1 (share of the weight)' });
    }
  }
  if (issues.length) throw validationFailed(issues);
  return inTransaction(db, async (trx) => {
    const last = await trx
      .selectFrom('plan_rubric')
      .select('version')
      .where('plan_id', '=', planId)
      .where('year', '=', year)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const row = await trx
      .insertInto('plan_rubric')
      .values({
        plan_id: planId,
        year,
        version: (last?.version ?? 0) + 1,
        weights: JSON.stringify(input.weights),
        status_points: JSON.stringify(input.statusPoints),
        note: input.note ?? null,
        created_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, { action: 'plan.rubric.save', entityType: 'plan_rubric', entityId: row.id, after: { year, version: row.version, ...input } });
    return {
      id: row.id,
      planId,
      year,
      version: row.version,
      weights: input.weights,
      statusPoints: input.statusPoints,
      note: row.note,
      createdAt: new Date(row.created_at).toISOString(),
    };
  });
}

/** A bonus or penalty item for a district/county (city_admin), with its reason. */
export async function addAdjustment(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  planId: string,
  year: number,
  input: AdjustmentInput,
  ctx: AuditContext,
): Promise<AssessmentAdjustment> {
  requireRole(actor, 'city_admin');
  const plan = await getPlanRow(db, planId);
  checkYear(plan, year);
  if (regions.get(input.regionCode)?.level !== 'county') {
    throw validationFailed([{ field: 'body.regionCode', rule: 'region', message: '须为区县代码 / must be a district/county code' }]);
  }
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('plan_assessment_adjustment')
      .values({ plan_id: planId, year, region_code: input.regionCode, kind: input.kind, points: input.points, reason: input.reason, created_by: actor.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx, {
      action: 'plan.assessment.adjust',
      entityType: 'plan_assessment_adjustment',
      entityId: row.id,
      regionCode: input.regionCode,
      after: { year, ...input },
    });
    return {
      id: row.id,
      regionCode: row.region_code,
      kind: row.kind,
      points: row.points,
      reason: row.reason,
      createdAt: new Date(row.created_at).toISOString(),
    };
  });
}
