import type { FastifyInstance } from 'fastify';
import type { ConflictInput, InspectorInput, InspectorUpdate, ListInspectorsInput } from '../../../../common/inspection-api.ts';
import { actorOf, auditContextOf } from '../../../platform/request-context.ts';
import * as s from '../schema.ts';
import { createInspector, declareConflict, getInspector, listInspectors, updateInspector, withdrawConflict } from './inspector-service.ts';
import { previewTargetPool, type TargetPoolQuery } from './pool-service.ts';

/** 两库: the inspector register (执法检查人员名录库) and a preview of the target pool (检查对象名录库). */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['inspections'];
  const one = { 200: { $ref: 'Inspector#' }, ...s.errors(400, 401, 403, 404, 409) };

  app.get<{ Querystring: ListInspectorsInput }>(
    '/api/v1/inspection-inspectors',
    {
      schema: {
        tags,
        summary: '执法检查人员名录库 / The inspector register in scope',
        querystring: s.listInspectorsQuery,
        response: { 200: s.pageOf('Inspector#'), ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => listInspectors(app.db, app.regions, actorOf(req), req.query),
  );

  app.post<{ Body: InspectorInput }>(
    '/api/v1/inspection-inspectors',
    { schema: { tags, summary: '新增检查人员 / Add an inspector', body: s.createInspectorBody, response: { 201: { $ref: 'Inspector#' }, ...one } } },
    async (req, reply) => reply.status(201).send(await createInspector(app.db, app.regions, actorOf(req), req.body, auditContextOf(req))),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/inspection-inspectors/:id',
    { schema: { tags, summary: '检查人员 / One inspector', params: s.idParams, response: one } },
    async (req) => getInspector(app.db, app.regions, actorOf(req), req.params.id),
  );

  app.patch<{ Params: { id: string }; Body: InspectorUpdate }>(
    '/api/v1/inspection-inspectors/:id',
    { schema: { tags, summary: '修改检查人员 / Update an inspector', params: s.idParams, body: s.updateInspectorBody, response: one } },
    async (req) => updateInspector(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.post<{ Params: { id: string }; Body: ConflictInput }>(
    '/api/v1/inspection-inspectors/:id/conflicts',
    {
      schema: {
        tags,
        summary: '申报回避 / Declare a conflict with an entity (never drawn for it from the next freeze on)',
        params: s.idParams,
        body: s.conflictBody,
        response: one,
      },
    },
    async (req) => declareConflict(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.delete<{ Params: { id: string; creditCode: string } }>(
    '/api/v1/inspection-inspectors/:id/conflicts/:creditCode',
    { schema: { tags, summary: '撤回回避申报 / Withdraw a declared conflict', params: s.conflictParams, response: one } },
    async (req) => withdrawConflict(app.db, app.regions, actorOf(req), req.params.id, req.params.creditCode, auditContextOf(req)),
  );

  app.get<{ Querystring: TargetPoolQuery }>(
    '/api/v1/inspection-target-pool',
    {
      schema: {
        tags,
        summary: '检查对象名录库预览 / The target pool a task scope would freeze: a page, sizes per credit class, unclassified count',
        querystring: s.targetPoolQuery,
        response: { 200: s.targetPoolPreview, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => previewTargetPool(app.db, app.regions, actorOf(req), req.query),
  );
}
