import type { FastifyInstance } from 'fastify';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { listJobs, runJobNow } from './job-service.ts';
import { errors } from './schema.ts';

const nullableString = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;

export const jobRun = {
  $id: 'JobRun',
  type: 'object',
  required: ['job', 'slot', 'status', 'trigger', 'attempts', 'requestedBy', 'startedAt', 'finishedAt', 'summary', 'error'],
  properties: {
    job: { type: 'string' },
    slot: { type: 'string', description: "the period run for: 'YYYY-MM' (monthly) or 'YYYY-MM-DD' (daily), Asia/Shanghai" },
    status: { type: 'string', enum: ['running', 'success', 'failed'] },
    trigger: { type: 'string', enum: ['schedule', 'manual'] },
    attempts: { type: 'integer' },
    requestedBy: nullableString,
    startedAt: dateTime,
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    summary: { type: ['object', 'null'], additionalProperties: true },
    error: nullableString,
  },
} as const;

const jobInfo = {
  type: 'object',
  required: ['name', 'title', 'schedule', 'scheduleText', 'currentSlot', 'nextRunAt', 'lastRuns'],
  properties: {
    name: { type: 'string', example: 'credit.monthly_recompute' },
    title: { type: 'string', example: '每月信用风险分类' },
    schedule: {
      type: 'object',
      required: ['kind', 'at', 'timeZone'],
      properties: {
        kind: { type: 'string', enum: ['daily', 'monthly'] },
        day: { type: 'integer', minimum: 1, maximum: 28, description: 'monthly: day of the month' },
        at: { type: 'string', pattern: '^\\d{2}:\\d{2}$' },
        timeZone: { type: 'string', enum: ['Asia/Shanghai'] },
      },
    },
    scheduleText: { type: 'string', example: '每月 1 日 02:00（北京时间）' },
    currentSlot: { type: 'string' },
    nextRunAt: dateTime,
    lastRuns: { type: 'array', items: { $ref: 'JobRun#' } },
  },
} as const;

/** 定时任务: the scheduler's jobs and their runs, and 立即运行 (city_admin). */
export async function jobRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(jobRun);
  const tags = ['platform'];

  app.get(
    '/api/v1/platform/jobs',
    {
      schema: {
        tags,
        summary: '定时任务及最近运行 / Scheduled jobs, their next run and newest runs (city_admin)',
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: jobInfo } } }, ...errors(401, 403) },
      },
    },
    async (req) => ({ items: await listJobs(app.scheduler, actorOf(req)) }),
  );

  app.post<{ Params: { name: string } }>(
    '/api/v1/platform/jobs/:name/run',
    {
      schema: {
        tags,
        summary: '立即运行当前周期 / Run a job for its current slot now, unless running or done (city_admin)',
        params: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 100 } } },
        response: { 202: { $ref: 'JobRun#' }, ...errors(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const run = await runJobNow(app.scheduler, actorOf(req), req.params.name, auditContextOf(req));
      return reply.status(202).send(run);
    },
  );
}
