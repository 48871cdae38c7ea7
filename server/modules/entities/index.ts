import type { FastifyInstance } from 'fastify';
import { creditRoutes } from './credit/routes.ts';
import { entityRoutes } from './routes.ts';
import { entitySchemas } from './schema.ts';

/** 企业信用风险分类: the newest class per credit code (internal: never publish it) and the monthly run (its job, CLI, demo seed). */
export { creditMonthlyRecomputeJob } from './credit/job.ts';
export { recomputeCreditClasses } from './credit/recompute.ts';
export { currentCreditClasses } from './credit/service.ts';
export { type EntityRef, findEntityByCreditCode } from './lookup.ts';
export {
  describeEntities,
  listTargetPool,
  listTargetPoolPage,
  listTargetPoolWithNames,
  type TargetPoolEntity,
  type TargetPoolEntityDetail,
  type TargetPoolFilter,
} from './target-pool.ts';
/**
 * The entities module's public surface. Other modules record what happened to an entity (an inspection
 * result, a sampling failure, a penalty) on its timeline with appendEntityEvent, inside their own
 * transaction, and look entities up by credit code with findEntityByCreditCode. They never touch the
 * entity_* tables.
 */
export { type AppendedEntityEvent, appendEntityEvent, type EntityEventInput } from './timeline.ts';

/** The entities module (市场主体): registry, licences, certifications, timeline, bulk import, credit-code check. */
export async function entitiesModule(app: FastifyInstance): Promise<void> {
  for (const schema of entitySchemas) app.addSchema(schema);
  await entityRoutes(app);
  await creditRoutes(app);
}
