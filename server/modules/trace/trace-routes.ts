import type { FastifyInstance } from 'fastify';
import { sendDownload, XLSX_TYPE } from '../../platform/download.ts';
import { actorOf } from '../../platform/request-context.ts';
import { errors } from '../platform/schema.ts';
import { traceCsv, traceRows, traceWorkbook } from './trace-export.ts';
import { recallScope, type TraceDirection, traceCode } from './trace-service.ts';

/** Regulator trace: backward/forward from any code, and the recall scope of a lot. */
export async function traceRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['trace'];
  const code = { type: 'string', minLength: 1, maxLength: 500, description: 'EPC URN or GS1 Digital Link URI (any domain)' } as const;

  app.get<{ Querystring: { code: string; direction: TraceDirection } }>(
    '/api/v1/trace',
    {
      schema: {
        tags,
        summary: '正向/反向追溯 / Backward or forward trace',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['code'],
          properties: { code, direction: { type: 'string', enum: ['backward', 'forward'], default: 'backward' } },
        },
        response: { 200: { type: 'object', additionalProperties: true }, ...errors(400, 401, 403) },
      },
    },
    async (req) => traceCode(app.db, actorOf(req), req.query.code, req.query.direction),
  );

  app.get<{ Querystring: { code: string } }>(
    '/api/v1/trace/recall',
    {
      schema: {
        tags,
        summary: '召回范围 / Recall scope of a lot',
        querystring: { type: 'object', additionalProperties: false, required: ['code'], properties: { code } },
        response: { 200: { type: 'object', additionalProperties: true }, ...errors(400, 401, 403) },
      },
    },
    async (req) => recallScope(app.db, app.regions, actorOf(req), req.query.code),
  );

  for (const format of ['xlsx', 'csv'] as const) {
    app.get<{ Querystring: { code: string; direction: TraceDirection } }>(
      `/api/v1/trace/export.${format}`,
      {
        schema: {
          tags,
          summary: `追溯事件导出（${format}，每行一个关键追溯事件）/ Trace events as a sortable ${format}`,
          querystring: {
            type: 'object',
            additionalProperties: false,
            required: ['code'],
            properties: { code, direction: { type: 'string', enum: ['backward', 'forward'], default: 'backward' } },
          },
        },
      },
      async (req, reply) => {
        const rows = await traceRows(app.db, actorOf(req), req.query.code, req.query.direction);
        const name = `追溯_${req.query.direction === 'forward' ? '正向' : '反向'}_${new Date().toISOString().slice(0, 10)}.${format}`;
        if (format === 'csv') return sendDownload(reply, traceCsv(rows), 'text/csv; charset=utf-8', name);
        const title = `${req.query.direction === 'forward' ? '正向' : '反向'}追溯：${req.query.code}`;
        return sendDownload(reply, await traceWorkbook(rows, title), XLSX_TYPE, name);
      },
    );
  }
}
