import type { FastifyInstance } from 'fastify';
import type { EnterpriseGrade, GradingRuleInput } from '../../../../common/sampling/api.ts';
import { forbidden } from '../../../platform/errors.ts';
import { actorOf, auditContextOf } from '../../../platform/request-context.ts';
import * as s from './schema.ts';
import { currentRule, gradeRegions, listGradedEnterprises, ruleHistory, setRule } from './service.ts';

/** Product grading (三分): enterprise classes AA–C, the region colour map and the versioned rule. Regulators only. */
export async function gradingRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['grading'];
  const V1 = '/api/v1/grading';

  app.get<{ Querystring: { year?: number; regionCode?: string } }>(
    `${V1}/regions`,
    {
      schema: {
        tags,
        summary: '区域分色（红/黄/蓝/绿，按 C 类企业占比）/ Region colours by the share of C-class enterprises',
        querystring: s.gradingRegionsQuery,
        response: { 200: { $ref: 'RegionGrading#' }, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => gradeRegions(app.db, app.regions, actorOf(req), req.query),
  );

  app.get<{ Querystring: { page: number; pageSize: number; year?: number; regionCode?: string; grade?: EnterpriseGrade } }>(
    `${V1}/enterprises`,
    {
      schema: {
        tags,
        summary: '企业分类（AA/A/B/C，近三年监督抽查）/ Enterprise grades from 3 years of sampling',
        querystring: s.gradedQuery,
        response: { 200: s.pageOf('GradedEnterprise#'), ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => listGradedEnterprises(app.db, app.regions, actorOf(req), req.query),
  );

  app.get(
    `${V1}/rule`,
    { schema: { tags, summary: '现行分类分色规则 / The current rule', response: { 200: { $ref: 'GradingRule#' }, ...s.errors(401, 403) } } },
    async (req) => {
      if (actorOf(req).role === 'enterprise') throw forbidden();
      return currentRule(app.db);
    },
  );

  app.get(
    `${V1}/rule/versions`,
    { schema: { tags, summary: '规则历次版本 / Rule versions', response: { 200: { type: 'array', items: { $ref: 'GradingRule#' } }, ...s.errors(401, 403) } } },
    async (req) => ruleHistory(app.db, actorOf(req)),
  );

  app.post<{ Body: GradingRuleInput }>(
    `${V1}/rule`,
    {
      schema: {
        tags,
        summary: '修改规则（新版本，须说明理由；市局）/ A new rule version (city, with a reason)',
        body: s.gradingRuleBody,
        response: { 201: { $ref: 'GradingRule#' }, ...s.errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await setRule(app.db, actorOf(req), req.body, auditContextOf(req))),
  );
}
