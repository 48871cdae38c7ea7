import type { FastifyInstance } from 'fastify';
import { addWorkdays } from '../../../common/calendar/index.ts';
import { calendarError } from './errors.ts';
import * as s from './schema.ts';

/** Public calendar arithmetic: no login, no database, rate-limited like the other public routes. */
export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['calendar'];
  const config = { rateLimit: { max: app.rateLimits.publicPerMinute, timeWindow: '1 minute' } };

  app.get<{ Querystring: { from: string; days: number } }>(
    '/api/v1/calendar/workdays/add',
    {
      config,
      schema: {
        tags,
        summary: 'N 个工作日后的日期 / The date N working days after a date',
        description:
          'Counts statutory working days (State Council holiday notices, make-up workdays included) after `from`, which is not counted ("自…之日起N个工作日内"). days=0 returns `from`. 400 CALENDAR_OUT_OF_RANGE when the count needs a year the holiday data does not cover (the message names the covered years); never guessed.',
        security: [],
        querystring: s.addWorkdaysQuery,
        response: { 200: { $ref: 'WorkdayDate#' }, ...s.errors(400, 429) },
      },
    },
    async (req) => {
      const { from, days } = req.query;
      try {
        return { date: addWorkdays(from, days) };
      } catch (err) {
        throw calendarError(err, { from: 'querystring.from', days: 'querystring.days' }, { from, days });
      }
    },
  );
}
