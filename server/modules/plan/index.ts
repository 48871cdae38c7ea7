import type { FastifyInstance } from 'fastify';
import type { IndicatorValue } from '../../../common/plan-api.ts';
import type { AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import type { Actor } from '../../platform/scope.ts';
import { evaluationRoutes } from './evaluation-routes.ts';
import { planRoutes } from './plan-routes.ts';
import { projectRoutes } from './project-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { planSchemas } from './schema.ts';
import { valueRoutes } from './value-routes.ts';
import { saveValue } from './value-service.ts';

export { computeProgress } from './progress-service.ts';

/** A yearly value another module computed and offers for a 表1 indicator (e.g. a sampling pass rate). */
export interface OfferedValue {
  /** The indicator's code (I02 …) in the active plan whose period contains `year`. */
  indicatorCode: string;
  regionCode: string;
  year: number;
  value: number;
  numerator?: number | null;
  denominator?: number | null;
  /** Where the number came from; shown beside the value in entry and review. */
  sourceNote: string;
  /** Needed when the cell already has an approved value (the draft is then a correction). */
  correctionReason?: string;
}

/**
 * Drafts an offered value through the ordinary draft path (saveValue): it lands as a draft, or updates the
 * cell's open draft, and is then submitted and approved like a typed-in value — nothing here approves.
 * The caller's role and region decide as for a typed value (city: any; county: its own). Call it inside
 * the caller's transaction.
 */
export async function draftIndicatorValue(trx: Db, regions: RegionDirectory, actor: Actor, offer: OfferedValue, ctx: AuditContext): Promise<IndicatorValue> {
  const indicator = await trx
    .selectFrom('plan_indicator as i')
    .innerJoin('plan_plan as p', 'p.id', 'i.plan_id')
    .select(['i.id', 'i.plan_id'])
    .where('i.code', '=', offer.indicatorCode)
    .where('p.status', '=', 'active')
    .where('p.base_year', '<=', offer.year)
    .where('p.end_year', '>=', offer.year)
    .orderBy('p.start_year', 'desc')
    .executeTakeFirst();
  if (!indicator) {
    throw new AppError(
      404,
      'PLAN_INDICATOR_NOT_FOUND',
      `现行规划中没有指标 ${offer.indicatorCode}（${offer.year} 年）/ No indicator ${offer.indicatorCode} in an active plan for ${offer.year}`,
    );
  }
  return saveValue(
    trx,
    regions,
    actor,
    indicator.plan_id,
    {
      indicatorId: indicator.id,
      regionCode: offer.regionCode,
      year: offer.year,
      value: offer.value,
      numerator: offer.numerator ?? null,
      denominator: offer.denominator ?? null,
      sourceNote: offer.sourceNote,
      ...(offer.correctionReason ? { correctionReason: offer.correctionReason } : {}),
    },
    ctx,
    { trx },
  );
}

/** The plan module: 表1 indicators, yearly values and their review, progress, evaluations, 考核, key projects. */
export async function planModule(app: FastifyInstance): Promise<void> {
  for (const schema of planSchemas) app.addSchema(schema);
  await planRoutes(app);
  await valueRoutes(app);
  await evaluationRoutes(app);
  await reportRoutes(app);
  await projectRoutes(app);
}
