import type { FastifyInstance } from 'fastify';
import { calendarRoutes } from './routes.ts';
import { calendarSchemas } from './schema.ts';

export { invalidateWorkdayCalendar, type ServerCalendar, serverCalendar, workdayCalendar } from './calendar-source.ts';
export { calendarError } from './errors.ts';

/**
 * The calendar module: statutory working-day arithmetic (common/calendar) over HTTP, public; the statutory calendar
 * the server counts deadlines on (`workdayCalendar(db)`: package + published entered years); and the city
 * administrator's entry of the next year's State Council holiday notice.
 */
export async function calendarModule(app: FastifyInstance): Promise<void> {
  for (const schema of calendarSchemas) app.addSchema(schema);
  await calendarRoutes(app);
}
