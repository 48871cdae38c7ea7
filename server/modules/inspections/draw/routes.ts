import type { FastifyInstance } from 'fastify';
import type { DrawInput, RecusalInput } from '../../../../common/inspection-api.ts';
import { actorOf, auditContextOf } from '../../../platform/request-context.ts';
import * as s from '../schema.ts';
import { commitTask, drawTask, freezeTask, unfreezeTask } from './draw-service.ts';
import { applyForRecusal, approveRecusal, rejectRecusal } from './recusal-service.ts';
import { getDrawRecord, publicVerification, verifyTaskForAuditor } from './verification-service.ts';

/** The draw ceremony (freeze → commit → draw, seed revealed), recusals with redraws, and verification. */
export async function drawRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['inspections'];
  const detail = { 200: { $ref: 'InspectionTaskDetail#' }, ...s.errors(400, 401, 403, 404, 409) };
  const step = (path: string, summary: string, run: (id: string, req: Parameters<typeof actorOf>[0]) => Promise<unknown>) =>
    app.post<{ Params: { id: string } }>(
      `/api/v1/inspection-tasks/:id/${path}`,
      { schema: { tags, summary, params: s.idParams, response: detail } },
      async (req) => run(req.params.id, req),
    );

  step('freeze', '冻结名录 / Freeze the pools: canonical snapshot and poolHash (common/draw README §3)', (id, req) =>
    freezeTask(app.db, app.regions, actorOf(req), id, auditContextOf(req)),
  );
  step('unfreeze', '撤回冻结（承诺前或撤回未揭示的承诺）/ Back to draft, discarding the snapshot and an unrevealed seed', (id, req) =>
    unfreezeTask(app.db, app.regions, actorOf(req), id, auditContextOf(req)),
  );
  step('commit', '发布承诺 / Commit: secret seed stored, SHA-256 published (idempotent)', (id, req) =>
    commitTask(app.db, app.regions, actorOf(req), id, auditContextOf(req)),
  );

  app.post<{ Params: { id: string }; Body: DrawInput }>(
    '/api/v1/inspection-tasks/:id/draw',
    {
      schema: {
        tags,
        summary: '摇号 / Draw with the witness entropy; the seed is revealed. Same entropy again → the same stored draw; other entropy → 409',
        params: s.idParams,
        body: s.drawBody,
        response: detail,
      },
    },
    async (req) => drawTask(app.db, app.regions, actorOf(req), req.params.id, req.body ?? {}, auditContextOf(req)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/inspection-tasks/:id/draw-record',
    {
      schema: {
        tags,
        summary: '完整摇号记录（审计用，含内部信用分类）/ The full published record (README §9) for auditors: includes classes and conflicts',
        params: s.idParams,
        response: { 200: { type: 'object', additionalProperties: true }, ...s.errors(401, 403, 404) },
      },
    },
    async (req) => getDrawRecord(app.db, app.regions, actorOf(req), req.params.id),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/inspection-tasks/:id/verification',
    {
      schema: {
        tags,
        summary: '核验（审计用）/ Verification for auditors, with the full first difference',
        params: s.idParams,
        response: { 200: s.verificationSchema, ...s.errors(401, 403, 404) },
      },
    },
    async (req) => verifyTaskForAuditor(app.db, app.regions, actorOf(req), req.params.id),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/public/inspection-tasks/:id/verification',
    {
      // Each call recomputes a whole draw: a tenth of the public pages' budget.
      config: { rateLimit: { max: Math.max(10, Math.floor(app.rateLimits.publicPerMinute / 10)), timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '摇号公开核验 / Public verification of a draw (no login): consistent, commitment, seed, poolHash, targets once published',
        description:
          'Recomputed on the server from the stored record with common/draw verifyDraw. No credit class and no inspector data; a difference in an internal field names its path only.',
        security: [],
        params: s.idParams,
        response: { 200: s.publicVerificationSchema, ...s.errors(400, 404, 429) },
      },
    },
    async (req) => publicVerification(app.db, app.regions, req.params.id),
  );

  app.post<{ Params: { id: string }; Body: RecusalInput }>(
    '/api/v1/inspection-tasks/:id/recusals',
    {
      schema: {
        tags,
        summary: '回避申请 / Apply for a recusal (regulator, or the drawn inspector himself)',
        params: s.idParams,
        body: s.recusalBody,
        response: { 201: { type: 'object', additionalProperties: true }, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await applyForRecusal(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req))),
  );

  for (const [path, summary, fn] of [
    ['approve', '批准回避并重抽 / Approve (not by the applicant): redraw this inspector (README §8), logged', approveRecusal],
    ['reject', '驳回回避申请 / Reject', rejectRecusal],
  ] as const) {
    app.post<{ Params: { id: string }; Body: { note?: string | null } }>(
      `/api/v1/inspection-recusals/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: s.idParams,
          body: s.decisionBody,
          response: { 200: { type: 'object', additionalProperties: true }, ...s.errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => fn(app.db, app.regions, actorOf(req), req.params.id, req.body?.note ?? null, auditContextOf(req)),
    );
  }
}
