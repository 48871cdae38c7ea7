import type { FastifyInstance } from 'fastify';
import type { IndicatorInput, MeasureInput, PublicIndicator } from '../../../common/plan-api.ts';
import { measureProgress, PROGRESS_METHODS, requiredNextValue } from '../../../common/progress/index.ts';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { isDemoLoaded } from '../platform/index.ts';
import {
  type CreatePlanInput,
  createIndicator,
  createPlan,
  getIndicator,
  getPlanRow,
  listIndicators,
  listPlans,
  setReferenceValue,
  setRegionTarget,
  type UpdateIndicatorInput,
  updateIndicator,
  updatePlan,
} from './plan-service.ts';
import { progressLog } from './progress-log.ts';
import { computeProgress, defaultYear, planDashboard, progressRegions } from './progress-service.ts';
import * as s from './schema.ts';

/** Plans, indicators, progress and the public views. */
export async function planRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['plan'];
  const publicLimit = { rateLimit: { max: app.rateLimits.publicPerMinute, timeWindow: '1 minute' } };
  // The calculator is pure arithmetic (no database): a statistician checking a whole series file may call it hundreds of times.
  const calculatorLimit = { rateLimit: { max: app.rateLimits.publicPerMinute * 10, timeWindow: '1 minute' } };

  app.get(
    '/api/v1/plans',
    {
      schema: {
        tags,
        summary: '规划列表 / Plans',
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: { $ref: 'Plan#' } } } }, ...s.errors(401) },
      },
    },
    async (req) => {
      actorOf(req);
      return { items: await listPlans(app.db) };
    },
  );

  app.post<{ Body: CreatePlanInput }>(
    '/api/v1/plans',
    { schema: { tags, summary: '新建规划 / Create a plan', body: s.createPlanBody, response: { 201: { $ref: 'Plan#' }, ...s.errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.status(201).send(await createPlan(app.db, actorOf(req), req.body, auditContextOf(req))),
  );

  app.patch<{ Params: { planId: string }; Body: { name?: string; status?: 'draft' | 'active' | 'closed'; sourceNote?: string | null } }>(
    '/api/v1/plans/:planId',
    {
      schema: {
        tags,
        summary: '修改规划名称/状态（草稿→启用→关闭）/ Rename a plan or change its status',
        params: s.planIdParams,
        body: s.updatePlanBody,
        response: { 200: { $ref: 'Plan#' }, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => updatePlan(app.db, actorOf(req), req.params.planId, req.body, auditContextOf(req)),
  );

  app.get<{ Params: { planId: string } }>(
    '/api/v1/plans/:planId/indicators',
    {
      schema: {
        tags,
        summary: '规划指标（表1）/ Indicators of a plan',
        params: s.planIdParams,
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: { $ref: 'Indicator#' } } } }, ...s.errors(401, 404) },
      },
    },
    async (req) => {
      actorOf(req);
      return { items: await listIndicators(app.db, req.params.planId) };
    },
  );

  app.post<{ Params: { planId: string }; Body: IndicatorInput }>(
    '/api/v1/plans/:planId/indicators',
    {
      schema: {
        tags,
        summary: '新增指标 / Add an indicator',
        params: s.planIdParams,
        body: s.createIndicatorBody,
        response: { 201: { $ref: 'Indicator#' }, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await createIndicator(app.db, actorOf(req), req.params.planId, req.body, auditContextOf(req))),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/indicators/:id',
    {
      schema: {
        tags,
        summary: '指标详情、各地区进展 / Indicator detail with progress per region',
        params: s.idParams,
        response: { 200: { type: 'object', additionalProperties: true }, ...s.errors(401, 404) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const indicator = await getIndicator(app.db, req.params.id);
      const plan = await getPlanRow(app.db, indicator.planId);
      const year = defaultYear(plan);
      const regionCodes = progressRegions(actor, app.regions, undefined);
      const progress = (await computeProgress(app.db, app.regions, plan.id, year, regionCodes)).filter((p) => p.indicatorId === indicator.id);
      const [refs, targets] = await Promise.all([
        app.db.selectFrom('plan_reference_value').select(['year', 'value', 'source']).where('indicator_id', '=', indicator.id).orderBy('year').execute(),
        app.db.selectFrom('plan_region_target').select(['region_code', 'target_value']).where('indicator_id', '=', indicator.id).execute(),
      ]);
      return {
        indicator,
        year,
        progress,
        referenceValues: refs,
        regionTargets: Object.fromEntries(targets.map((t) => [t.region_code, t.target_value])),
        methods: PROGRESS_METHODS,
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit: number } }>(
    '/api/v1/indicators/:id/progress-log',
    {
      schema: {
        tags,
        summary: '进展测算结果日志（含方法版本）/ Logged progress results with their method version',
        params: s.idParams,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 } } },
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', additionalProperties: true } } } },
          ...s.errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      actorOf(req);
      return { items: await progressLog(app.db, app.regions, req.params.id, req.query.limit) };
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateIndicatorInput }>(
    '/api/v1/indicators/:id',
    {
      schema: {
        tags,
        summary: '修改指标定义、责任单位 / Update an indicator',
        params: s.idParams,
        body: s.updateIndicatorBody,
        response: { 200: { $ref: 'Indicator#' }, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateIndicator(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.put<{ Params: { id: string; year: number }; Body: { value: number; source: string } }>(
    '/api/v1/indicators/:id/reference-values/:year',
    {
      schema: {
        tags,
        summary: '参考值（省指标/省均值）/ Reference (provincial) value of a year',
        params: s.referenceValueParams,
        body: s.referenceValueBody,
        response: { 204: { type: 'null' }, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await setReferenceValue(app.db, app.regions, actorOf(req), req.params.id, req.params.year, req.body, auditContextOf(req));
      return reply.status(204).send();
    },
  );

  app.put<{ Params: { id: string; regionCode: string }; Body: { targetValue: number | null } }>(
    '/api/v1/indicators/:id/region-targets/:regionCode',
    {
      schema: {
        tags,
        summary: '区县分解目标 / A district or county target',
        params: s.regionTargetParams,
        body: s.regionTargetBody,
        response: { 204: { type: 'null' }, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await setRegionTarget(app.db, app.regions, actorOf(req), req.params.id, req.params.regionCode, req.body.targetValue, auditContextOf(req));
      return reply.status(204).send();
    },
  );

  app.post<{ Body: Omit<MeasureInput, 'currentYear'> & { currentYear: number | null; series?: { year: number; value: number }[] } }>(
    '/api/v1/progress/measure',
    {
      config: calculatorLimit,
      schema: {
        tags,
        security: [],
        summary: '进展测算（公开计算器）/ Progress measure calculator',
        description: 'StatCan / Open SDG 2.4 CAGR ratio for level indicators; linear share for 新增/累计 and zero bases. See docs/api-plan.md.',
        body: s.measureBody,
        response: { 200: s.measureResponse, ...s.errors(400, 429) },
      },
    },
    // requiredNextValue answers the what-if panel: the value next year that keeps the indicator on track.
    async (req) => {
      // No current observation: the measure has fewer than two years, which it reports as not_available.
      const input: MeasureInput = { ...req.body, currentYear: req.body.currentYear ?? req.body.baseYear };
      return { ...measureProgress(input), requiredNextValue: requiredNextValue(input) };
    },
  );

  app.get<{ Params: { planId: string }; Querystring: { year?: number; regionCode?: string } }>(
    '/api/v1/plans/:planId/progress',
    {
      schema: {
        tags,
        summary: '各指标进展 / Progress of every indicator',
        params: s.planIdParams,
        querystring: s.progressQuery,
        response: { 200: s.progressList, ...s.errors(400, 401, 404) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const plan = await getPlanRow(app.db, req.params.planId);
      const regionCodes = progressRegions(actor, app.regions, req.query.regionCode);
      const focus = req.query.regionCode ? [req.query.regionCode] : regionCodes.slice(0, 1);
      return { items: await computeProgress(app.db, app.regions, plan.id, req.query.year ?? defaultYear(plan), focus) };
    },
  );

  app.get<{ Params: { planId: string }; Querystring: { year?: number; regionCode?: string } }>(
    '/api/v1/plans/:planId/dashboard',
    {
      schema: {
        tags,
        summary: '规划总览 / Plan dashboard',
        params: s.planIdParams,
        querystring: s.progressQuery,
        response: { 200: s.dashboardResponse, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      return planDashboard(app.db, app.regions, actorOf(req), req.params.planId, req.query);
    },
  );

  app.get(
    '/api/v1/public/plans',
    {
      config: publicLimit,
      schema: {
        tags,
        security: [],
        summary: '公开：规划列表 / Public: plans',
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: { $ref: 'Plan#' } } } } },
      },
    },
    async () => ({ items: (await listPlans(app.db)).filter((p) => p.status !== 'draft') }),
  );

  app.get<{ Params: { planId: string }; Querystring: { year?: number } }>(
    '/api/v1/public/plans/:planId/indicators',
    {
      config: publicLimit,
      schema: {
        tags,
        security: [],
        summary: '公开：已发布的指标值与进展 / Public: published values and statuses',
        params: s.planIdParams,
        querystring: { type: 'object', additionalProperties: false, properties: { year: { type: 'integer', minimum: 1990, maximum: 2100 } } },
        response: { 200: { type: 'object', additionalProperties: true }, ...s.errors(400, 404, 429) },
      },
    },
    async (req) => {
      const plan = await getPlanRow(app.db, req.params.planId);
      const year = req.query.year ?? defaultYear(plan);
      const city = app.regions.all().find((r) => r.level === 'city');
      const [indicators, progress] = await Promise.all([
        listIndicators(app.db, plan.id),
        city ? computeProgress(app.db, app.regions, plan.id, year, [city.code]) : Promise.resolve([]),
      ]);
      const byId = new Map(progress.map((p) => [p.indicatorId, p]));
      const items: PublicIndicator[] = indicators.map((i) => {
        const p = byId.get(i.id);
        return {
          code: i.code,
          category: i.category,
          subCategory: i.subCategory,
          name: i.name,
          unit: i.unit,
          target: i.target,
          latestValue: p?.currentValue ?? null,
          latestYear: p?.currentYear ?? null,
          status: p?.progress.status ?? 'not_available',
        };
      });
      return { plan: { id: plan.id, name: plan.name, baseYear: plan.base_year, endYear: plan.end_year }, year, items, demo: await isDemoLoaded(app.db) };
    },
  );
}
