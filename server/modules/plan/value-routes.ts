import type { FastifyInstance } from 'fastify';
import { sendDownload, XLSX_TYPE } from '../../platform/download.ts';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { ATTACHMENT_MAX_BYTES, readAttachment, type UploadInput, uploadAttachment } from './attachment-service.ts';
import { type ImportValuesInput, importValues, valuesTemplate } from './import-service.ts';
import * as s from './schema.ts';
import {
  type EditValueInput,
  editValue,
  getValue,
  type ListValuesInput,
  listValues,
  type SaveValueInput,
  saveValue,
  transitionValues,
  valueHistory,
} from './value-service.ts';

/** Yearly values: entry, workflow, history, Excel round trip and evidence files. */
export async function valueRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['plan-values'];
  const one = { 200: { $ref: 'IndicatorValue#' }, ...s.errors(400, 401, 403, 404, 409) };
  const many = { 200: { type: 'object', properties: { items: { type: 'array', items: { $ref: 'IndicatorValue#' } } } }, ...s.errors(400, 401, 403, 404, 409) };

  app.get<{ Params: { planId: string }; Querystring: ListValuesInput }>(
    '/api/v1/plans/:planId/values',
    {
      schema: {
        tags,
        summary: '指标数据列表 / Values in scope',
        params: s.planIdParams,
        querystring: s.listValuesQuery,
        response: { 200: s.pageOf('IndicatorValue#'), ...s.errors(400, 401, 404) },
      },
    },
    async (req) => listValues(app.db, app.regions, actorOf(req), req.params.planId, req.query),
  );

  app.post<{ Params: { planId: string }; Body: SaveValueInput }>(
    '/api/v1/plans/:planId/values',
    {
      schema: {
        tags,
        summary: '填报（草稿）或更正 / Save a draft or a correction',
        params: s.planIdParams,
        body: s.saveValueBody,
        response: { 201: { $ref: 'IndicatorValue#' }, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await saveValue(app.db, app.regions, actorOf(req), req.params.planId, req.body, auditContextOf(req))),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/values/:id',
    { schema: { tags, summary: '一条数据 / One value', params: s.idParams, response: one } },
    async (req) => getValue(app.db, app.regions, actorOf(req), req.params.id),
  );

  app.patch<{ Params: { id: string }; Body: EditValueInput }>(
    '/api/v1/values/:id',
    { schema: { tags, summary: '修改草稿/退回的数据 / Edit a draft or returned value', params: s.idParams, body: s.editValueBody, response: one } },
    async (req) => editValue(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/values/:id/history',
    { schema: { tags, summary: '版本历史 / All versions of the cell', params: s.idParams, response: many } },
    async (req) => ({ items: await valueHistory(app.db, app.regions, actorOf(req), req.params.id) }),
  );

  const single = async (id: string, action: 'submit' | 'approve' | 'return', reason: string | null, req: Parameters<typeof actorOf>[0]) => {
    const [row] = await transitionValues(app.db, app.regions, actorOf(req), [id], action, reason, auditContextOf(req));
    return row;
  };
  app.post<{ Params: { id: string } }>(
    '/api/v1/values/:id/submit',
    { schema: { tags, summary: '报送审核 / Submit for review', params: s.idParams, response: one } },
    async (req) => single(req.params.id, 'submit', null, req),
  );
  app.post<{ Params: { id: string } }>(
    '/api/v1/values/:id/approve',
    { schema: { tags, summary: '审核通过并发布 / Approve and publish', params: s.idParams, response: one } },
    async (req) => single(req.params.id, 'approve', null, req),
  );
  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/v1/values/:id/return',
    { schema: { tags, summary: '退回并说明原因 / Return with a reason', params: s.idParams, body: s.returnBody, response: one } },
    async (req) => single(req.params.id, 'return', req.body.reason, req),
  );
  app.post<{ Body: { ids: string[] } }>(
    '/api/v1/values/submit-batch',
    { schema: { tags, summary: '批量报送 / Submit several', body: s.batchBody, response: many } },
    async (req) => ({ items: await transitionValues(app.db, app.regions, actorOf(req), req.body.ids, 'submit', null, auditContextOf(req)) }),
  );
  app.post<{ Body: { ids: string[] } }>(
    '/api/v1/values/approve-batch',
    { schema: { tags, summary: '批量审核通过 / Approve several', body: s.batchBody, response: many } },
    async (req) => ({ items: await transitionValues(app.db, app.regions, actorOf(req), req.body.ids, 'approve', null, auditContextOf(req)) }),
  );

  app.get<{ Params: { planId: string }; Querystring: { year: number; regionCode: string } }>(
    '/api/v1/plans/:planId/values/template.xlsx',
    { schema: { tags, summary: '下载填报模板 / Pre-filled xlsx template', params: s.planIdParams, querystring: s.templateQuery, produces: [XLSX_TYPE] } },
    async (req, reply) => {
      const { year, regionCode } = req.query;
      const body = await valuesTemplate(app.db, app.regions, actorOf(req), req.params.planId, year, regionCode);
      const region = app.regions.get(regionCode)?.name ?? regionCode;
      return sendDownload(reply, body, XLSX_TYPE, `指标数据填报_${region}_${year}.xlsx`);
    },
  );

  app.post<{ Params: { planId: string }; Body: ImportValuesInput }>(
    '/api/v1/plans/:planId/values/import',
    {
      bodyLimit: 12 * 1024 * 1024,
      schema: {
        tags,
        summary: '导入Excel / Import a filled-in template',
        params: s.planIdParams,
        body: s.importBody,
        response: { 200: s.importReport, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => importValues(app.db, app.regions, actorOf(req), req.params.planId, req.body, auditContextOf(req)),
  );

  app.post<{ Body: UploadInput }>(
    '/api/v1/attachments',
    {
      bodyLimit: Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 64 * 1024,
      schema: {
        tags,
        summary: '上传附件（≤5 MB）/ Upload an evidence file',
        body: s.uploadBody,
        response: {
          201: {
            type: 'object',
            properties: { id: { type: 'string' }, fileName: { type: 'string' }, sizeBytes: { type: 'integer' }, sha256: { type: 'string' } },
          },
          ...s.errors(400, 401, 403, 413),
        },
      },
    },
    async (req, reply) => reply.status(201).send(await uploadAttachment(app.db, actorOf(req), req.body, auditContextOf(req))),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/attachments/:id',
    { schema: { tags, summary: '下载附件 / Download an evidence file', params: s.idParams } },
    async (req, reply) => {
      const file = await readAttachment(app.db, actorOf(req), req.params.id);
      return sendDownload(reply.header('x-content-sha256', file.sha256), file.content, file.content_type, file.file_name);
    },
  );
}
