import type { FastifyInstance } from 'fastify';
import type { EvidenceInput, FinishInput, FollowUpInput, ResultInput } from '../../../../common/inspection-api.ts';
import { sendDownload } from '../../../platform/download.ts';
import { actorOf, auditContextOf } from '../../../platform/request-context.ts';
import * as s from '../schema.ts';
import { readEvidence, uploadEvidence } from './evidence-service.ts';
import { finishTask, getPublicResults, listPublicResults, publicationQueue, publishTask } from './publication-service.ts';
import { listMyTargets, listTargets, recordResult, updateFollowUp } from './target-service.ts';

/** Targets and results, evidence, finishing and publishing, the publication queue and the public results. */
export async function resultRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['inspections'];
  const publicLimit = { rateLimit: { max: app.rateLimits.publicPerMinute, timeWindow: '1 minute' } };
  const target = { 200: { $ref: 'InspectionTaskTarget#' }, ...s.errors(400, 401, 403, 404, 409) };
  const detail = { 200: { $ref: 'InspectionTaskDetail#' }, ...s.errors(400, 401, 403, 404, 409) };

  app.get<{ Params: { id: string }; Querystring: { page: number; pageSize: number; q?: string } }>(
    '/api/v1/inspection-tasks/:id/targets',
    {
      schema: {
        tags,
        summary: '检查对象与结果 / Targets of a task in draw order (an inspector: his own)',
        params: s.idParams,
        querystring: s.listTargetsQuery,
        response: { 200: s.pageOf('InspectionTaskTarget#'), ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => listTargets(app.db, app.regions, actorOf(req), req.params.id, req.query),
  );

  app.get<{ Querystring: { page: number; pageSize: number; open: boolean } }>(
    '/api/v1/inspection-my-targets',
    {
      schema: {
        tags,
        summary: '我的检查任务（执法人员）/ The inspector’s own targets across tasks',
        querystring: s.myTargetsQuery,
        response: { 200: s.pageOf('InspectionMyTarget#'), ...s.errors(400, 401, 403) },
      },
    },
    async (req) => listMyTargets(app.db, app.regions, actorOf(req), req.query),
  );

  app.put<{ Params: { id: string }; Body: ResultInput }>(
    '/api/v1/inspection-targets/:id/result',
    { schema: { tags, summary: '录入检查结果 / Record the result of one target', params: s.idParams, body: s.resultBody, response: target } },
    async (req) => recordResult(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.patch<{ Params: { id: string }; Body: FollowUpInput }>(
    '/api/v1/inspection-targets/:id/follow-up',
    { schema: { tags, summary: '整改与复查 / Rectification deadline and re-check', params: s.idParams, body: s.followUpBody, response: target } },
    async (req) => updateFollowUp(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.post<{ Params: { id: string }; Body: EvidenceInput }>(
    '/api/v1/inspection-targets/:id/evidence',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: '上传证据（≤ 5 MB，记录 SHA-256）/ Upload an evidence file (≤ 5 MB, SHA-256 recorded)',
        params: s.idParams,
        body: s.evidenceBody,
        response: { 201: s.evidenceResponse, ...s.errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (req, reply) => reply.status(201).send(await uploadEvidence(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req))),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/inspection-evidence/:id',
    { schema: { tags, summary: '下载证据 / Download an evidence file', params: s.idParams } },
    async (req, reply) => {
      const file = await readEvidence(app.db, app.regions, actorOf(req), req.params.id);
      return sendDownload(reply.header('x-content-sha256', file.sha256), file.content, file.content_type, file.file_name);
    },
  );

  app.post<{ Params: { id: string }; Body: FinishInput }>(
    '/api/v1/inspection-tasks/:id/finish',
    {
      schema: {
        tags,
        summary: '检查结束 / End the inspection: every target has a result; publication due 20 working days later (statutory calendar)',
        params: s.idParams,
        body: s.finishBody,
        response: detail,
      },
    },
    async (req) => finishTask(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/inspection-tasks/:id/publish',
    { schema: { tags, summary: '公示结果 / Publish the results (一公开) and write them on the entities’ timelines', params: s.idParams, response: detail } },
    async (req) => publishTask(app.db, app.regions, actorOf(req), req.params.id, auditContextOf(req)),
  );

  app.get<{ Querystring: { page: number; pageSize: number } }>(
    '/api/v1/inspection-publication-queue',
    {
      schema: {
        tags,
        summary: '待公示队列 / Finished tasks awaiting publication with their deadlines (warning 3 working days before, overdue after)',
        querystring: s.publicationQueueQuery,
        response: { 200: s.pageOf('InspectionTaskSummary#'), ...s.errors(400, 401, 403) },
      },
    },
    async (req) => publicationQueue(app.db, app.regions, actorOf(req), req.query),
  );

  app.get<{ Querystring: { page: number; pageSize: number; q?: string } }>(
    '/api/v1/public/inspection-results',
    {
      config: publicLimit,
      schema: {
        tags,
        summary: '抽查结果公示（公开）/ Published inspection results (public, no login)',
        security: [],
        querystring: s.publicResultsQuery,
        response: { 200: s.pageOf('PublicInspectionTask#'), ...s.errors(400, 429) },
      },
    },
    async (req) => listPublicResults(app.db, app.regions, req.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/public/inspection-results/:id',
    {
      config: publicLimit,
      schema: {
        tags,
        summary: '一项任务的公示结果（公开）/ One published task: targets and results; no class, no inspector',
        security: [],
        params: s.idParams,
        response: { 200: s.publicTaskResultsSchema, ...s.errors(400, 404, 429) },
      },
    },
    async (req) => getPublicResults(app.db, app.regions, req.params.id),
  );
}
