import type { FastifyInstance } from 'fastify';
import type {
  CategoryInput,
  CategoryUpdate,
  IssueInput,
  ListPlansInput,
  ListPublicFailuresInput,
  ListSamplesInput,
  PassRateQuery,
  PlanDraftInput,
  PlanInput,
  PlanUpdate,
  RetestRequestInput,
  RetestResultInput,
  SampleInput,
  SampleUpdate,
} from '../../../../common/sampling/api.ts';
import { actorOf, auditContextOf } from '../../../platform/request-context.ts';
import { categoryHistory, createCategory, listCategories, updateCategory } from './category-service.ts';
import { draftPlanValue, passRates } from './pass-rate-service.ts';
import { createPlan, listPlans, updatePlan } from './plan-service.ts';
import { listPublicFailures } from './public-service.ts';
import { createSample, getSample, listSamples, updateSample } from './sample-service.ts';
import * as s from './schema.ts';
import { finalizeDueSamples, finalizeSample, issueSample, notifySample, publishSample, recordRetestResult, requestRetest } from './workflow-service.ts';

/** Supervision sampling (监督抽查): categories, plans, samples and their workflow, pass rates, the public 不合格 list. */
export async function samplingRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['sampling'];
  const V1 = '/api/v1/sampling';
  const detail = { 200: { $ref: 'SampleDetail#' }, ...s.errors(400, 401, 403, 404, 409) };

  app.get<{ Querystring: { includeInactive: boolean } }>(
    `${V1}/categories`,
    {
      schema: {
        tags,
        summary: '抽查产品类别及风险等级 / Product categories and their risk grade (regulators)',
        querystring: s.categoriesQuery,
        response: { 200: { type: 'array', items: { $ref: 'SamplingCategory#' } }, ...s.errors(401, 403) },
      },
    },
    async (req) => listCategories(app.db, actorOf(req), { includeInactive: req.query.includeInactive }),
  );

  app.post<{ Body: CategoryInput }>(
    `${V1}/categories`,
    {
      schema: {
        tags,
        summary: '新增产品类别（市局）/ Add a category (city)',
        body: s.categoryBody,
        response: { 201: { $ref: 'SamplingCategory#' }, ...s.errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await createCategory(app.db, actorOf(req), req.body, auditContextOf(req))),
  );

  app.patch<{ Params: { id: string }; Body: CategoryUpdate }>(
    `${V1}/categories/:id`,
    {
      schema: {
        tags,
        summary: '修改类别（新版本，须说明理由）/ Change a category: a new version with a reason',
        params: s.idParams,
        body: s.categoryPatchBody,
        response: { 200: { $ref: 'SamplingCategory#' }, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => updateCategory(app.db, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.get<{ Params: { id: string } }>(
    `${V1}/categories/:id/versions`,
    {
      schema: {
        tags,
        summary: '类别的历次版本 / Versions of a category',
        params: s.idParams,
        response: { 200: { type: 'array', items: { $ref: 'SamplingCategoryVersion#' } }, ...s.errors(401, 403, 404) },
      },
    },
    async (req) => categoryHistory(app.db, actorOf(req), req.params.id),
  );

  app.get<{ Querystring: ListPlansInput }>(
    `${V1}/plans`,
    {
      schema: {
        tags,
        summary: '抽查计划 / Sampling plans in scope',
        querystring: s.plansQuery,
        response: { 200: s.pageOf('SamplingPlan#'), ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => listPlans(app.db, app.regions, actorOf(req), req.query),
  );

  app.post<{ Body: PlanInput }>(
    `${V1}/plans`,
    {
      schema: {
        tags,
        summary: '编制抽查计划 / Create a sampling plan',
        body: s.planBody,
        response: { 201: { $ref: 'SamplingPlan#' }, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlan(app.db, app.regions, actorOf(req), req.body, auditContextOf(req))),
  );

  app.patch<{ Params: { id: string }; Body: PlanUpdate }>(
    `${V1}/plans/:id`,
    {
      schema: {
        tags,
        summary: '修改抽查计划 / Update a plan',
        params: s.idParams,
        body: s.planPatchBody,
        response: { 200: { $ref: 'SamplingPlan#' }, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => updatePlan(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.get<{ Querystring: ListSamplesInput }>(
    `${V1}/samples`,
    {
      schema: {
        tags,
        summary: '样品列表（监管：本辖区；企业：本企业已出具报告的样品）/ Samples in scope',
        querystring: s.samplesQuery,
        response: { 200: s.pageOf('SampleSummary#'), ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => listSamples(app.db, app.regions, actorOf(req), req.query),
  );

  app.post<{ Body: SampleInput }>(
    `${V1}/samples`,
    {
      schema: {
        tags,
        summary: '录入样品及检验项目（草稿）/ Enter a sample with its test items (draft)',
        body: s.sampleBody,
        response: { 201: { $ref: 'SampleDetail#' }, ...detail },
      },
    },
    async (req, reply) => reply.status(201).send(await createSample(app.db, app.regions, actorOf(req), req.body, auditContextOf(req))),
  );

  app.post<{ Body: { regionCode?: string } }>(
    `${V1}/samples/finalize-due`,
    {
      schema: {
        tags,
        summary: '结转复检期满的不合格结论 / Make final every 不合格 whose re-test window has passed',
        body: s.finalizeDueBody,
        response: { 200: s.finalizeDueResult, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => finalizeDueSamples(app.db, app.regions, actorOf(req), auditContextOf(req), req.body?.regionCode ? { regionCode: req.body.regionCode } : {}),
  );

  app.get<{ Params: { id: string } }>(
    `${V1}/samples/:id`,
    { schema: { tags, summary: '样品详情 / Sample detail with test items', params: s.idParams, response: detail } },
    async (req) => getSample(app.db, app.regions, actorOf(req), req.params.id),
  );

  app.patch<{ Params: { id: string }; Body: SampleUpdate }>(
    `${V1}/samples/:id`,
    { schema: { tags, summary: '修改草稿（检验项目整体替换）/ Edit a draft', params: s.idParams, body: s.samplePatchBody, response: detail } },
    async (req) => updateSample(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.post<{ Params: { id: string }; Body: IssueInput }>(
    `${V1}/samples/:id/issue`,
    {
      schema: {
        tags,
        summary: '出具检验结论（可改判，须说明理由）/ Issue the report and conclusion (override with a reason)',
        params: s.idParams,
        body: s.issueBody,
        response: detail,
      },
    },
    async (req) => issueSample(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.post<{ Params: { id: string }; Body: { notifiedOn: string } }>(
    `${V1}/samples/:id/notify`,
    {
      schema: {
        tags,
        summary: '登记送达日期（复检期限起算）/ Record when the enterprise received the result',
        params: s.idParams,
        body: s.notifyBody,
        response: detail,
      },
    },
    async (req) => notifySample(app.db, app.regions, actorOf(req), req.params.id, req.body.notifiedOn, auditContextOf(req)),
  );

  app.post<{ Params: { id: string }; Body: RetestRequestInput }>(
    `${V1}/samples/:id/retest-request`,
    {
      schema: {
        tags,
        summary: '复检申请（收到结论之日起 15 日内）/ Apply for a re-test within 15 days of receiving the result',
        params: s.idParams,
        body: s.retestRequestBody,
        response: detail,
      },
    },
    async (req) => requestRetest(app.db, app.regions, actorOf(req), req.params.id, req.body ?? {}, auditContextOf(req)),
  );

  app.post<{ Params: { id: string }; Body: RetestResultInput }>(
    `${V1}/samples/:id/retest-result`,
    {
      schema: { tags, summary: '录入复检结果（最终结论）/ Record the re-test result (final)', params: s.idParams, body: s.retestResultBody, response: detail },
    },
    async (req) => recordRetestResult(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.post<{ Params: { id: string } }>(
    `${V1}/samples/:id/finalize`,
    { schema: { tags, summary: '复检期满，确认最终结论 / Make the 不合格 final after the window', params: s.idParams, response: detail } },
    async (req) => finalizeSample(app.db, app.regions, actorOf(req), req.params.id, auditContextOf(req)),
  );

  app.post<{ Params: { id: string } }>(
    `${V1}/samples/:id/publish`,
    { schema: { tags, summary: '公示不合格结果 / Publish a final 不合格', params: s.idParams, response: detail } },
    async (req) => publishSample(app.db, app.regions, actorOf(req), req.params.id, auditContextOf(req)),
  );

  app.get<{ Querystring: PassRateQuery }>(
    `${V1}/pass-rates`,
    {
      schema: {
        tags,
        summary: '监督抽查合格率（按区县、类别、年度）/ Pass rates per region, category and year',
        description: '合格批次 ÷ 最终结论批次 × 100; samples not yet final are reported as pending and left out.',
        querystring: s.passRatesQuery,
        response: { 200: { $ref: 'SamplingPassRates#' }, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => passRates(app.db, app.regions, actorOf(req), req.query),
  );

  app.post<{ Body: PlanDraftInput }>(
    `${V1}/pass-rates/plan-draft`,
    {
      schema: {
        tags,
        summary: '写入规划指标（生成待报送的草稿）/ Draft the pass rate as a 表1 indicator value (goes through plan review)',
        body: s.planDraftBody,
        response: { 200: s.planDraftResult, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => draftPlanValue(app.db, app.regions, actorOf(req), req.body, auditContextOf(req)),
  );

  app.get<{ Querystring: ListPublicFailuresInput }>(
    '/api/v1/public/sampling/failures',
    {
      config: { rateLimit: { max: app.rateLimits.publicPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '监督抽查不合格产品公示（公开）/ Published 不合格 products (public)',
        security: [],
        querystring: s.publicFailuresQuery,
        response: { 200: s.publicPage, ...s.errors(400, 429) },
      },
    },
    async (req) => listPublicFailures(app.db, app.regions, req.query),
  );
}
