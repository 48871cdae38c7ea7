import type { FastifyInstance } from 'fastify';
import { evaluationRoutes } from './evaluation-routes.ts';
import { planRoutes } from './plan-routes.ts';
import { projectRoutes } from './project-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { planSchemas } from './schema.ts';
import { valueRoutes } from './value-routes.ts';

export { computeProgress } from './progress-service.ts';

/** The plan module: 表1 indicators, yearly values and their review, progress, evaluations, 考核, key projects. */
export async function planModule(app: FastifyInstance): Promise<void> {
  for (const schema of planSchemas) app.addSchema(schema);
  await planRoutes(app);
  await valueRoutes(app);
  await evaluationRoutes(app);
  await reportRoutes(app);
  await projectRoutes(app);
}
