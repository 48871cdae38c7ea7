import type { FastifyInstance } from 'fastify';
import { calendarRoutes } from './routes.ts';
import { calendarSchemas } from './schema.ts';

export { calendarError } from './errors.ts';

/** The calendar module: statutory working-day arithmetic (common/calendar) over HTTP, public. */
export async function calendarModule(app: FastifyInstance): Promise<void> {
  for (const schema of calendarSchemas) app.addSchema(schema);
  await calendarRoutes(app);
}
