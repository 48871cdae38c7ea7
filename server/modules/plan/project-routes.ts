import type { FastifyInstance } from 'fastify';
import type { ProjectKind, ProjectStatus } from '../../../common/plan-api.ts';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { addMilestone, addProjectUpdate, getProject, listProjects, setMilestoneDone, updateProject } from './project-service.ts';
import * as s from './schema.ts';

/** The key-project register (附件). */
export async function projectRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['plan-projects'];
  const one = { 200: s.projectResponse, ...s.errors(400, 401, 403, 404) };

  app.get<{ Params: { planId: string }; Querystring: { kind?: ProjectKind; status?: ProjectStatus } }>(
    '/api/v1/plans/:planId/projects',
    {
      schema: {
        tags,
        summary: '重大改革/工程/平台/政策 / Key projects',
        params: s.planIdParams,
        querystring: s.listProjectsQuery,
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: s.projectResponse } } }, ...s.errors(400, 401, 404) },
      },
    },
    async (req) => {
      actorOf(req);
      return { items: await listProjects(app.db, req.params.planId, req.query) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/projects/:id',
    { schema: { tags, summary: '项目详情 / A key project', params: s.idParams, response: one } },
    async (req) => {
      actorOf(req);
      return getProject(app.db, req.params.id);
    },
  );

  app.patch<{ Params: { id: string }; Body: { leadUnit?: string | null; status?: ProjectStatus } }>(
    '/api/v1/projects/:id',
    { schema: { tags, summary: '修改牵头单位/状态 / Lead unit or status', params: s.idParams, body: s.updateProjectBody, response: one } },
    async (req) => updateProject(app.db, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.post<{ Params: { id: string }; Body: { title: string; dueDate: string } }>(
    '/api/v1/projects/:id/milestones',
    {
      schema: {
        tags,
        summary: '新增里程碑 / Add a milestone',
        params: s.idParams,
        body: s.milestoneBody,
        response: { 201: s.projectResponse, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await addMilestone(app.db, actorOf(req), req.params.id, req.body, auditContextOf(req))),
  );

  app.patch<{ Params: { id: string }; Body: { completedAt: string | null } }>(
    '/api/v1/milestones/:id',
    { schema: { tags, summary: '里程碑完成/重开 / Complete or reopen a milestone', params: s.idParams, body: s.milestoneDoneBody, response: one } },
    async (req) => setMilestoneDone(app.db, actorOf(req), req.params.id, req.body.completedAt, auditContextOf(req)),
  );

  app.post<{ Params: { id: string }; Body: { content: string; statusAfter?: ProjectStatus | null; attachmentId?: string | null } }>(
    '/api/v1/projects/:id/updates',
    {
      schema: {
        tags,
        summary: '进展更新 / Progress update',
        params: s.idParams,
        body: s.projectUpdateBody,
        response: { 201: s.projectResponse, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await addProjectUpdate(app.db, actorOf(req), req.params.id, req.body, auditContextOf(req))),
  );
}
