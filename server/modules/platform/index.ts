import type { FastifyInstance } from 'fastify';
import { adminRoutes } from './admin-routes.ts';
import { apiKeyRoutes } from './api-key-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { jobRoutes } from './job-routes.ts';
import { sharedSchemas } from './schema.ts';
import { userRoutes } from './user-routes.ts';

export { isDemoLoaded, markDemoLoaded } from './settings.ts';

/** The platform module: auth, users, regions, audit, dashboard, scheduled jobs. */
export async function platformModule(app: FastifyInstance): Promise<void> {
  for (const schema of sharedSchemas) app.addSchema(schema);
  await authRoutes(app);
  await userRoutes(app);
  await adminRoutes(app);
  await apiKeyRoutes(app);
  await jobRoutes(app);
}
