import type { FastifyInstance } from 'fastify';
import type { CalendarYearInput } from '../../../common/calendar/api.ts';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { workdayCalendar } from './calendar-source.ts';
import { calendarError } from './errors.ts';
import * as s from './schema.ts';
import { createYear, getCoverage, getYear, getYearDays, listYears, publishYear, unpublishYear, updateYear } from './service.ts';

/**
 * Public calendar arithmetic (no login, rate-limited like the other public routes), the coverage and holiday years
 * for anyone logged in, and the city administrator's entry of the next year's State Council notice.
 */
export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['calendar'];
  const V1 = '/api/v1/calendar';
  const config = { rateLimit: { max: app.rateLimits.publicPerMinute, timeWindow: '1 minute' } };

  app.get<{ Querystring: { from: string; days: number } }>(
    `${V1}/workdays/add`,
    {
      config,
      schema: {
        tags,
        summary: 'N 个工作日后的日期 / The date N working days after a date',
        description:
          'Counts statutory working days (State Council holiday notices — the chinese-days package plus the published years entered by the city administrator — make-up workdays included) after `from`, which is not counted ("自…之日起N个工作日内"). days=0 returns `from`. 400 CALENDAR_OUT_OF_RANGE when the count needs a year the holiday data does not cover (the message names the covered years); never guessed.',
        security: [],
        querystring: s.addWorkdaysQuery,
        response: { 200: { $ref: 'WorkdayDate#' }, ...s.errors(400, 429) },
      },
    },
    async (req) => {
      const { from, days } = req.query;
      const calendar = await workdayCalendar(app.db);
      try {
        return { date: calendar.addWorkdays(from, days) };
      } catch (err) {
        throw calendarError(err, { from: 'querystring.from', days: 'querystring.days' }, { from, days });
      }
    },
  );

  app.get(
    `${V1}/coverage`,
    {
      schema: {
        tags,
        summary: '法定工作日历覆盖的年份及来源 / Years the statutory calendar covers, and where each comes from',
        response: { 200: { $ref: 'CalendarCoverage#' }, ...s.errors(401, 403) },
      },
    },
    async (req) => getCoverage(app.db, actorOf(req)),
  );

  app.get<{ Querystring: { page: number; pageSize: number } }>(
    `${V1}/years`,
    {
      schema: {
        tags,
        summary: '法定节假日安排年度列表 / Covered and entered years, newest first',
        querystring: s.yearsQuery,
        response: { 200: { $ref: 'CalendarYearPage#' }, ...s.errors(400, 401, 403) },
      },
    },
    async (req) => listYears(app.db, actorOf(req), req.query),
  );

  app.post<{ Body: CalendarYearInput & { year: number } }>(
    `${V1}/years`,
    {
      schema: {
        tags,
        summary: '录入下一年度的节假日安排（草稿，市局管理员）/ Enter the next year’s notice as a draft (city admin)',
        body: s.createYearBody,
        response: { 201: { $ref: 'CalendarYear#' }, ...s.errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await createYear(app.db, actorOf(req), req.body, auditContextOf(req))),
  );

  app.get<{ Params: { year: number } }>(
    `${V1}/years/:year`,
    {
      schema: {
        tags,
        summary: '录入的年度安排 / An entered year',
        params: s.yearParams,
        response: { 200: { $ref: 'CalendarYear#' }, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => getYear(app.db, actorOf(req), req.params.year),
  );

  app.put<{ Params: { year: number }; Body: CalendarYearInput }>(
    `${V1}/years/:year`,
    {
      schema: {
        tags,
        summary: '修改草稿 / Replace a draft year',
        params: s.yearParams,
        body: s.updateYearBody,
        response: { 200: { $ref: 'CalendarYear#' }, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateYear(app.db, actorOf(req), req.params.year, req.body, auditContextOf(req)),
  );

  app.get<{ Params: { year: number } }>(
    `${V1}/years/:year/days`,
    {
      schema: {
        tags,
        summary: '已覆盖年份的节假日与调休上班日（月历）/ Holidays and make-up workdays of a covered year',
        params: s.yearParams,
        response: { 200: { $ref: 'CalendarYearDays#' }, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => getYearDays(app.db, actorOf(req), req.params.year),
  );

  app.post<{ Params: { year: number } }>(
    `${V1}/years/:year/publish`,
    {
      schema: {
        tags,
        summary: '发布：此后工作日期限计入该年 / Publish: deadlines are counted into the year from now on',
        params: s.yearParams,
        response: { 200: { $ref: 'CalendarYear#' }, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => publishYear(app.db, actorOf(req), req.params.year, auditContextOf(req)),
  );

  app.post<{ Params: { year: number }; Body: { reason: string } }>(
    `${V1}/years/:year/unpublish`,
    {
      schema: {
        tags,
        summary: '撤回最后一个已发布年份（须说明理由）/ Withdraw the last published year, with a reason',
        params: s.yearParams,
        body: s.unpublishBody,
        response: { 200: { $ref: 'CalendarYear#' }, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => unpublishYear(app.db, actorOf(req), req.params.year, req.body.reason, auditContextOf(req)),
  );
}
