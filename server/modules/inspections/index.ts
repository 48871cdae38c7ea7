import type { FastifyInstance } from 'fastify';
import { drawRoutes } from './draw/routes.ts';
import { planRoutes } from './plans/routes.ts';
import { registerRoutes } from './registers/routes.ts';
import { resultRoutes } from './results/routes.ts';
import { inspectionSchemas } from './schema.ts';
import { taskRoutes } from './tasks/routes.ts';

/**
 * The inspections module's public surface. The CLI verifies a task's draw from the database with verifyTaskDraw
 * (`zhiliang draw verify <taskId>`), the same verdict function as for a record file.
 */
export { loadDrawRecord, type StoredDrawRecord } from './draw/record.ts';
export { verifyTaskDraw } from './draw/verification-service.ts';

/** 双随机、一公开: registers, item list, plans, tasks with a publicly verifiable draw, results and publication. */
export async function inspectionsModule(app: FastifyInstance): Promise<void> {
  for (const schema of inspectionSchemas) app.addSchema(schema);
  await registerRoutes(app);
  await planRoutes(app);
  await taskRoutes(app);
  await drawRoutes(app);
  await resultRoutes(app);
}
