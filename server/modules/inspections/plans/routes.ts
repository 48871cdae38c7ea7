import type { FastifyInstance } from 'fastify';
import type { ItemInput, ItemRevision, PlanInput, PlanUpdate } from '../../../../common/inspection-api.ts';
import { actorOf, auditContextOf } from '../../../platform/request-context.ts';
import * as s from '../schema.ts';
import { createItem, listItems, listPublicItems, retireItem, reviseItem } from './item-service.ts';
import { createPlan, getPlan, listPlans, updatePlan } from './plan-service.ts';

/** The item list (随机抽查事项清单, public) and annual plans (年度抽查计划). */
export async function planRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['inspections'];
  const publicLimit = { rateLimit: { max: app.rateLimits.publicPerMinute, timeWindow: '1 minute' } };
  const item = { 200: { $ref: 'InspectionItem#' }, ...s.errors(400, 401, 403, 404, 409) };
  const itemList = { type: 'array', items: { $ref: 'InspectionItem#' } } as const;

  app.get(
    '/api/v1/public/inspection-items',
    {
      config: publicLimit,
      schema: {
        tags,
        summary: '随机抽查事项清单（公开）/ The inspection item list (public, current versions)',
        security: [],
        response: { 200: itemList, ...s.errors(429) },
      },
    },
    async () => listPublicItems(app.db),
  );

  app.get<{ Querystring: { history: boolean } }>(
    '/api/v1/inspection-items',
    {
      schema: {
        tags,
        summary: '抽查事项清单 / Item list (with history on request)',
        querystring: s.listItemsQuery,
        response: { 200: itemList, ...s.errors(401, 403) },
      },
    },
    async (req) => listItems(app.db, actorOf(req), req.query.history),
  );

  app.post<{ Body: ItemInput }>(
    '/api/v1/inspection-items',
    { schema: { tags, summary: '新增抽查事项 / Add an item (city bureau)', body: s.createItemBody, response: { 201: { $ref: 'InspectionItem#' }, ...item } } },
    async (req, reply) => reply.status(201).send(await createItem(app.db, actorOf(req), req.body, auditContextOf(req))),
  );

  app.post<{ Params: { id: string }; Body: ItemRevision }>(
    '/api/v1/inspection-items/:id/revise',
    {
      schema: {
        tags,
        summary: '修订抽查事项（生成新版本）/ Revise an item: a new version supersedes this one',
        params: s.idParams,
        body: s.reviseItemBody,
        response: { 201: { $ref: 'InspectionItem#' }, ...item },
      },
    },
    async (req, reply) => reply.status(201).send(await reviseItem(app.db, actorOf(req), req.params.id, req.body, auditContextOf(req))),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/inspection-items/:id/retire',
    { schema: { tags, summary: '废止抽查事项 / Retire an item', params: s.idParams, response: item } },
    async (req) => retireItem(app.db, actorOf(req), req.params.id, auditContextOf(req)),
  );

  const plan = { 200: { $ref: 'InspectionPlan#' }, ...s.errors(400, 401, 403, 404) };

  app.get<{ Querystring: { page: number; pageSize: number; year?: number } }>(
    '/api/v1/inspection-plans',
    {
      schema: {
        tags,
        summary: '年度抽查计划 / Annual plans in scope',
        querystring: s.listPlansQuery,
        response: { 200: s.pageOf('InspectionPlan#'), ...s.errors(400, 401, 403) },
      },
    },
    async (req) => listPlans(app.db, app.regions, actorOf(req), req.query),
  );

  app.post<{ Body: PlanInput }>(
    '/api/v1/inspection-plans',
    {
      schema: {
        tags,
        summary: '新建年度抽查计划 / Create an annual plan (ratios outside the usual bands come back as warnings)',
        body: s.createPlanBody,
        response: { 201: { $ref: 'InspectionPlan#' }, ...plan },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlan(app.db, app.regions, actorOf(req), req.body, auditContextOf(req))),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/inspection-plans/:id',
    { schema: { tags, summary: '抽查计划 / One plan', params: s.idParams, response: plan } },
    async (req) => getPlan(app.db, app.regions, actorOf(req), req.params.id),
  );

  app.patch<{ Params: { id: string }; Body: PlanUpdate }>(
    '/api/v1/inspection-plans/:id',
    { schema: { tags, summary: '修改抽查计划 / Update a plan', params: s.idParams, body: s.updatePlanBody, response: plan } },
    async (req) => updatePlan(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );
}
