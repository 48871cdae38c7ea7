import type { FastifyInstance } from 'fastify';
import { sendDownload, XLSX_TYPE } from '../../platform/download.ts';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { requireRole } from '../../platform/scope.ts';
import { isDemoLoaded } from '../platform/index.ts';
import { getEvaluation } from './evaluation-service.ts';
import { importIndicators } from './indicator-import.ts';
import { getPlanRow, listIndicators } from './plan-service.ts';
import { buildEvaluationPdf } from './reports/evaluation-pdf.ts';
import { buildEvaluationWorkbook } from './reports/evaluation-xlsx.ts';
import { buildIndicatorsWorkbook } from './reports/indicators-xlsx.ts';
import { EVALUATION_KIND_LABELS } from './reports/status-labels.ts';
import * as s from './schema.ts';

/** Workbook and PDF downloads, and the indicator list import. */
export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['plan-reports'];

  app.get<{ Params: { planId: string } }>(
    '/api/v1/plans/:planId/indicators.xlsx',
    { schema: { tags, summary: '导出指标表 / Indicator list as xlsx', params: s.planIdParams, produces: [XLSX_TYPE] } },
    async (req, reply) => {
      actorOf(req);
      const plan = await getPlanRow(app.db, req.params.planId);
      const body = await buildIndicatorsWorkbook(plan.name, await listIndicators(app.db, plan.id));
      return sendDownload(reply, body, XLSX_TYPE, `规划指标_${plan.code}.xlsx`);
    },
  );

  app.post<{ Params: { planId: string }; Body: { fileBase64: string; mode: 'all_or_nothing' | 'valid_only'; dryRun: boolean } }>(
    '/api/v1/plans/:planId/indicators/import',
    {
      bodyLimit: 12 * 1024 * 1024,
      schema: {
        tags,
        summary: '导入指标表 / Import indicators from xlsx',
        params: s.planIdParams,
        body: s.indicatorImportBody,
        response: { 200: s.importReport, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => importIndicators(app.db, actorOf(req), req.params.planId, req.body, auditContextOf(req)),
  );

  const evaluationFor = async (req: Parameters<typeof actorOf>[0], id: string) => {
    requireRole(actorOf(req), 'city_admin', 'county_officer', 'inspector');
    const evaluation = await getEvaluation(app.db, app.regions, id);
    const meta = { title: evaluation.title, narrative: evaluation.narrative, demo: await isDemoLoaded(app.db) };
    const name = `${evaluation.title || EVALUATION_KIND_LABELS[evaluation.kind]}_${evaluation.dataYear}${evaluation.status === 'draft' ? '_草稿' : ''}`;
    return { evaluation, meta, name };
  };

  app.get<{ Params: { id: string } }>(
    '/api/v1/evaluations/:id/report.xlsx',
    { schema: { tags, summary: '评估报告 xlsx / Evaluation workbook', params: s.idParams, produces: [XLSX_TYPE] } },
    async (req, reply) => {
      const { evaluation, meta, name } = await evaluationFor(req, req.params.id);
      return sendDownload(reply, await buildEvaluationWorkbook(evaluation.snapshot, meta), XLSX_TYPE, `${name}.xlsx`);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/evaluations/:id/report.pdf',
    { schema: { tags, summary: '评估报告 PDF / Evaluation report (PDF, Chinese)', params: s.idParams, produces: ['application/pdf'] } },
    async (req, reply) => {
      const { evaluation, meta, name } = await evaluationFor(req, req.params.id);
      return sendDownload(reply, await buildEvaluationPdf(evaluation.snapshot, meta), 'application/pdf', `${name}.pdf`);
    },
  );
}
