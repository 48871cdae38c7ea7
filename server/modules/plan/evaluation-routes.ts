import type { FastifyInstance } from 'fastify';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { requireRole } from '../../platform/scope.ts';
import { type AdjustmentInput, addAdjustment, assessment, type RubricInput, saveRubric } from './assessment-service.ts';
import { type CreateEvaluationInput, createEvaluation, freezeEvaluation, getEvaluation, listEvaluations, updateEvaluation } from './evaluation-service.ts';
import * as s from './schema.ts';

/** Evaluations (annual / mid-term / final) and the yearly 考核 of the districts/counties. */
export async function evaluationRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['plan-evaluation'];

  app.get<{ Params: { planId: string } }>(
    '/api/v1/plans/:planId/evaluations',
    {
      schema: {
        tags,
        summary: '评估列表 / Evaluations',
        params: s.planIdParams,
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: s.evaluationResponse } } }, ...s.errors(401, 403, 404) },
      },
    },
    async (req) => {
      requireRole(actorOf(req), 'city_admin', 'county_officer', 'inspector');
      return { items: await listEvaluations(app.db, app.regions, req.params.planId) };
    },
  );

  app.post<{ Params: { planId: string }; Body: CreateEvaluationInput }>(
    '/api/v1/plans/:planId/evaluations',
    {
      schema: {
        tags,
        summary: '新建评估（草稿）/ Create a draft evaluation',
        params: s.planIdParams,
        body: s.createEvaluationBody,
        response: { 201: s.evaluationResponse, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await createEvaluation(app.db, app.regions, actorOf(req), req.params.planId, req.body, auditContextOf(req))),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/evaluations/:id',
    {
      schema: {
        tags,
        summary: '评估详情 / An evaluation with its snapshot',
        params: s.idParams,
        response: { 200: s.evaluationResponse, ...s.errors(401, 403, 404) },
      },
    },
    async (req) => {
      requireRole(actorOf(req), 'city_admin', 'county_officer', 'inspector');
      return getEvaluation(app.db, app.regions, req.params.id);
    },
  );

  app.patch<{ Params: { id: string }; Body: { title?: string; narrative?: string; asOf?: string } }>(
    '/api/v1/evaluations/:id',
    {
      schema: {
        tags,
        summary: '修改草稿评估 / Edit a draft evaluation',
        params: s.idParams,
        body: s.updateEvaluationBody,
        response: { 200: s.evaluationResponse, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateEvaluation(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/evaluations/:id/freeze',
    {
      schema: {
        tags,
        summary: '冻结评估 / Freeze an evaluation',
        params: s.idParams,
        response: { 200: s.evaluationResponse, ...s.errors(401, 403, 404, 409) },
      },
    },
    async (req) => freezeEvaluation(app.db, app.regions, actorOf(req), req.params.id, auditContextOf(req)),
  );

  app.get<{ Params: { planId: string; year: number } }>(
    '/api/v1/plans/:planId/assessment/:year',
    {
      schema: {
        tags,
        summary: '年度考核评分与排名 / Score sheet and ranking',
        params: s.planYearParams,
        response: { 200: s.assessmentResponse, ...s.errors(401, 403, 404) },
      },
    },
    async (req) => assessment(app.db, app.regions, actorOf(req), req.params.planId, req.params.year),
  );

  app.put<{ Params: { planId: string; year: number }; Body: RubricInput }>(
    '/api/v1/plans/:planId/assessment/:year/rubric',
    {
      schema: {
        tags,
        summary: '保存考核细则（新版本）/ Save the rubric as a new version',
        params: s.planYearParams,
        body: s.rubricBody,
        response: { 200: { type: 'object', additionalProperties: true }, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => saveRubric(app.db, actorOf(req), req.params.planId, req.params.year, req.body, auditContextOf(req)),
  );

  app.post<{ Params: { planId: string; year: number }; Body: AdjustmentInput }>(
    '/api/v1/plans/:planId/assessment/:year/adjustments',
    {
      schema: {
        tags,
        summary: '加分/扣分项 / Bonus or penalty item',
        params: s.planYearParams,
        body: s.adjustmentBody,
        response: { 201: { type: 'object', additionalProperties: true }, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addAdjustment(app.db, app.regions, actorOf(req), req.params.planId, req.params.year, req.body, auditContextOf(req))),
  );
}
