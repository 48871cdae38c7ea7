import type { FastifyInstance } from 'fastify';
import { explainCreditCode } from '../../../common/credit-code.ts';
import type { CertificationInput, EntityImportInput, EntityInput, EntityUpdate, LicenceInput, ListEntitiesInput } from '../../../common/entity-api.ts';
import { sendDownload, XLSX_TYPE } from '../../platform/download.ts';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { importEntities, importTemplate } from './import-service.ts';
import { addCertification, addLicence, deleteCertification, deleteLicence, updateCertification, updateLicence } from './records-service.ts';
import * as s from './schema.ts';
import { createEntity, getEntity, listEntities, listEntityEvents, updateEntity } from './service.ts';

/** The entity registry: list, detail, create/update, licences, certifications, timeline, import; and the public credit-code check. */
export async function entityRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['entities'];
  const publicLimit = { rateLimit: { max: app.rateLimits.publicPerMinute, timeWindow: '1 minute' } };
  const detail = { 200: { $ref: 'EntityDetail#' }, ...s.errors(400, 401, 403, 404, 409) };

  app.get<{ Params: { code: string } }>(
    '/api/v1/credit-codes/:code',
    {
      config: publicLimit,
      schema: {
        tags,
        summary: '统一社会信用代码校验（公开）/ Check a unified social credit code (GB 32100-2015; public)',
        description: 'Charset, length, region-code digits and the position-18 check character. Unknown registration-department prefixes are accepted.',
        security: [],
        params: s.creditCodeParams,
        response: { 200: s.creditCodeVerdict, ...s.errors(400, 429) },
      },
    },
    async (req) => explainCreditCode(req.params.code),
  );

  app.get<{ Querystring: ListEntitiesInput }>(
    '/api/v1/entities',
    {
      schema: {
        tags,
        summary: '市场主体列表 / Market entities in scope (filters, server-side sort and paging)',
        querystring: s.listEntitiesQuery,
        response: { 200: s.pageOf('EntitySummary#'), ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => listEntities(app.db, app.regions, actorOf(req), req.query),
  );

  app.post<{ Body: EntityInput }>(
    '/api/v1/entities',
    { schema: { tags, summary: '登记市场主体 / Register an entity', body: s.createEntityBody, response: { 201: { $ref: 'EntityDetail#' }, ...detail } } },
    async (req, reply) => reply.status(201).send(await createEntity(app.db, app.regions, actorOf(req), req.body, auditContextOf(req))),
  );

  app.get<{ Querystring: { format: 'xlsx' | 'csv' } }>(
    '/api/v1/entities/import-template',
    { schema: { tags, summary: '导入模板（xlsx/CSV）/ Import template', querystring: s.templateQuery, produces: [XLSX_TYPE, 'text/csv'] } },
    async (req, reply) => {
      const format = req.query.format;
      const body = await importTemplate(app.regions, actorOf(req), format);
      return format === 'csv'
        ? sendDownload(reply, body, 'text/csv; charset=utf-8', '市场主体导入模板.csv')
        : sendDownload(reply, body, XLSX_TYPE, '市场主体导入模板.xlsx');
    },
  );

  app.post<{ Body: EntityImportInput }>(
    '/api/v1/entities/import',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: '批量导入（xlsx/CSV，可先校验）/ Bulk import; dryRun checks without writing',
        body: s.importBody,
        response: { 200: s.importReport, ...s.errors(400, 401, 403, 409, 413) },
      },
    },
    async (req) => importEntities(app.db, app.regions, actorOf(req), req.body, auditContextOf(req)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/entities/:id',
    { schema: { tags, summary: '主体详情（许可、认证、时间轴）/ Entity detail', params: s.idParams, response: detail } },
    async (req) => getEntity(app.db, app.regions, actorOf(req), req.params.id),
  );

  app.patch<{ Params: { id: string }; Body: EntityUpdate }>(
    '/api/v1/entities/:id',
    { schema: { tags, summary: '修改主体信息 / Update an entity', params: s.idParams, body: s.updateEntityBody, response: detail } },
    async (req) => updateEntity(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.get<{ Params: { id: string }; Querystring: { page: number; pageSize: number } }>(
    '/api/v1/entities/:id/events',
    {
      schema: {
        tags,
        summary: '主体时间轴 / Timeline, newest first',
        params: s.idParams,
        querystring: s.eventsQuery,
        response: { 200: s.pageOf('EntityEvent#'), ...s.errors(400, 401, 404) },
      },
    },
    async (req) => listEntityEvents(app.db, app.regions, actorOf(req), req.params.id, req.query),
  );

  app.post<{ Params: { id: string }; Body: LicenceInput }>(
    '/api/v1/entities/:id/licences',
    {
      schema: {
        tags,
        summary: '新增许可证 / Add a licence',
        params: s.idParams,
        body: s.licenceBody,
        response: { 201: { $ref: 'EntityLicence#' }, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await addLicence(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req))),
  );

  app.patch<{ Params: { id: string }; Body: Partial<LicenceInput> }>(
    '/api/v1/entity-licences/:id',
    {
      schema: {
        tags,
        summary: '修改许可证（状态、有效期…）/ Update a licence',
        params: s.idParams,
        body: s.licencePatchBody,
        response: { 200: { $ref: 'EntityLicence#' }, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateLicence(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/entity-licences/:id',
    { schema: { tags, summary: '删除录入有误的许可证 / Delete a licence entered by mistake', params: s.idParams, response: s.errors(401, 403, 404) } },
    async (req, reply) => {
      await deleteLicence(app.db, app.regions, actorOf(req), req.params.id, auditContextOf(req));
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { id: string }; Body: CertificationInput }>(
    '/api/v1/entities/:id/certifications',
    {
      schema: {
        tags,
        summary: '新增认证证书 / Add a certification',
        params: s.idParams,
        body: s.certificationBody,
        response: { 201: { $ref: 'EntityCertification#' }, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await addCertification(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req))),
  );

  app.patch<{ Params: { id: string }; Body: Partial<CertificationInput> }>(
    '/api/v1/entity-certifications/:id',
    {
      schema: {
        tags,
        summary: '修改认证证书 / Update a certification',
        params: s.idParams,
        body: s.certificationPatchBody,
        response: { 200: { $ref: 'EntityCertification#' }, ...s.errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateCertification(app.db, app.regions, actorOf(req), req.params.id, req.body, auditContextOf(req)),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/entity-certifications/:id',
    { schema: { tags, summary: '删除录入有误的证书 / Delete a certification entered by mistake', params: s.idParams, response: s.errors(401, 403, 404) } },
    async (req, reply) => {
      await deleteCertification(app.db, app.regions, actorOf(req), req.params.id, auditContextOf(req));
      return reply.status(204).send();
    },
  );
}
