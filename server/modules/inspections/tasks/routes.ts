import type { FastifyInstance } from 'fastify';
import type { AssignInput, ListTasksInput, TaskInput, TaskUpdate } from '../../../../common/inspection-api.ts';
import { actorOf, auditContextOf } from '../../../platform/request-context.ts';
import * as s from '../schema.ts';
import { assignNonRandom } from './assign-service.ts';
import { createTask, getTask, listTasks, updateTask } from './task-service.ts';

/** 抽查任务: list, create, edit while a draft, and the hand assignment of a 非随机 task. */
export async function taskRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['inspections'];
  const detail = { 200: { $ref: 'InspectionTaskDetail#' }, ...s.errors(400, 401, 403, 404, 409) };

  app.get<{ Querystring: ListTasksInput }>(
    '/api/v1/inspection-tasks',
    {
      schema: {
        tags,
        summary: '抽查任务 / Tasks: a regulator’s region, or those an inspector was drawn for',
        querystring: s.listTasksQuery,
        response: { 200: s.pageOf('InspectionTaskSummary#'), ...s.errors(400, 401, 403) },
      },
    },
    async (req) => listTasks(app.db, app.regions, actorOf(req), req.query),
  );

  app.post<{ Body: TaskInput }>(
    '/api/v1/inspection-tasks',
    {
      schema: {
        tags,
        summary: '新建抽查任务 / Create a task (random, or 非随机 with its trigger reason)',
        body: s.createTaskBody,
        response: { 201: { $ref: 'InspectionTaskDetail#' }, ...detail },
      },
    },
    async (req, reply) => reply.status(201).send(await createTask(app.db, app.regions, actorOf(req), req.body, auditContextOf(req))),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/inspection-tasks/:id',
    { schema: { tags, summary: '任务详情 / One task with its draw facts and recusals', params: s.idParams, response: detail } },
    async (req) => getTask(app.db, app.regions, actorOf(req), req.params.id),
  );

  app.patch<{ Params: { id: string }; Body: TaskUpdate }>(
    '/api/v1/inspection-tasks/:id',
    { schema: { tags, summary: '修改任务（仅草稿）/ Edit a draft task', params: s.idParams, body: s.updateTaskBody, response: detail } },
    async (req) => updateTask(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.post<{ Params: { id: string }; Body: AssignInput }>(
    '/api/v1/inspection-tasks/:id/assign',
    {
      schema: {
        tags,
        summary: '非随机任务：指定检查对象和人员 / Non-random task: name the targets and their inspectors (≥ 2, certified, no conflict)',
        params: s.idParams,
        body: s.assignBody,
        response: detail,
      },
    },
    async (req) => assignNonRandom(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );
}
