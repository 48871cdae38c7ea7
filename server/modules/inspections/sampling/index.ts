import type { FastifyInstance } from 'fastify';
import { gradingRoutes } from '../grading/routes.ts';
import { gradingSchemas } from '../grading/schema.ts';
import { samplingRoutes } from './routes.ts';
import { samplingSchemas } from './schema.ts';

export { RISK_SAMPLING_FAILED, type RiskSamplingFailedPayload } from './finalize.ts';
export { finalizeDueSamplesJob } from './finalize-due.ts';

/**
 * Supervision sampling (监督抽查) and product grading (三分) of the inspections module: its own plugin,
 * registered by server/app.ts. Writes to other modules go through their surfaces: the entity timeline
 * (entities/index.ts appendEntityEvent), the plan's draft values (plan/index.ts draftIndicatorValue), and
 * the outbox (risk.sampling_failed) for the risk module.
 */
export async function samplingModule(app: FastifyInstance): Promise<void> {
  for (const schema of [...samplingSchemas, ...gradingSchemas]) app.addSchema(schema);
  await samplingRoutes(app);
  await gradingRoutes(app);
}
