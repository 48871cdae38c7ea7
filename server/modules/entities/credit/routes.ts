import type { FastifyInstance } from 'fastify';
import type { CreditAdjustmentInput, CreditModelInput, ListCreditClassesInput, RecomputeInput } from '../../../../common/credit-risk/api.ts';
import { actorOf, auditContextOf } from '../../../platform/request-context.ts';
import * as s from './schema.ts';
import { adjustCreditClass, createModel, getActiveModel, getEntityCreditHistory, listCreditClasses, listModels, triggerRecompute } from './service.ts';

/**
 * 企业信用风险分类 (credit-risk classes A–D): regulators only. Every route needs a session; none is public,
 * and an enterprise account is refused (403) — the classes are an internal reference (国市监信发〔2022〕6号).
 */
export async function creditRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['entities'];

  app.get<{ Querystring: ListCreditClassesInput }>(
    '/api/v1/credit-classes',
    {
      schema: {
        tags,
        summary: '信用风险分类结果（按区划、类别、期次）/ Credit-risk classes of a period, with counts per class',
        querystring: s.listQuery,
        response: { 200: s.listResponse, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => listCreditClasses(app.db, app.regions, actorOf(req), req.query),
  );

  app.post<{ Body: RecomputeInput }>(
    '/api/v1/credit-classes/recompute',
    {
      schema: {
        tags,
        summary: '重新计算某期信用风险分类（市局）/ Recompute a period for the whole city (city_admin)',
        description:
          'Idempotent: replaces the computed rows of the period and keeps manual adjustments. The monthly run is `zhiliang credit recompute` from cron.',
        body: s.recomputeBody,
        response: { 200: s.recomputeResponse, ...s.errors(400, 401, 403) },
      },
    },
    async (req) => triggerRecompute(app.db, actorOf(req), req.body?.period, auditContextOf(req)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/entities/:id/credit-classes',
    {
      schema: {
        tags,
        summary: '主体信用风险分类历史与评分明细 / An entity’s classes with the score breakdown',
        params: s.idParams,
        response: { 200: s.historyResponse, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => getEntityCreditHistory(app.db, app.regions, actorOf(req), req.params.id),
  );

  app.post<{ Params: { id: string }; Body: CreditAdjustmentInput }>(
    '/api/v1/entities/:id/credit-adjustments',
    {
      schema: {
        tags,
        summary: '人工调整信用风险分类（须说明理由）/ Adjust a class by hand, with a reason (audited)',
        params: s.idParams,
        body: s.adjustBody,
        response: { 201: s.record, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await adjustCreditClass(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req))),
  );

  app.get(
    '/api/v1/credit-models/active',
    { schema: { tags, summary: '当前评分模型 / The active credit-risk model', response: { 200: s.model, ...s.errors(401, 403) } } },
    async (req) => getActiveModel(app.db, actorOf(req)),
  );

  app.get(
    '/api/v1/credit-models',
    {
      schema: {
        tags,
        summary: '评分模型各版本 / Every model version, newest first',
        response: { 200: { type: 'array', items: s.model }, ...s.errors(401, 403) },
      },
    },
    async (req) => listModels(app.db, actorOf(req)),
  );

  app.post<{ Body: CreditModelInput }>(
    '/api/v1/credit-models',
    {
      schema: {
        tags,
        summary: '发布评分模型新版本（市局）/ Publish a new model version (city_admin)',
        description: 'Effective from the current month; earlier results keep the version they were computed with.',
        body: s.modelBody,
        response: { 201: s.model, ...s.errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await createModel(app.db, actorOf(req), req.body, auditContextOf(req))),
  );
}
