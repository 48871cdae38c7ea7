import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/request-context.ts';
import { type ListAuditInput, listAudit, verifyAudit } from './audit-service.ts';
import { getDashboardSummary } from './dashboard-service.ts';
import { presentAudit } from './present.ts';
import * as s from './schema.ts';

/** Regions, the audit trail and the home-page summary. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/regions',
    {
      config: { rateLimit: { max: app.rateLimits.publicPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['platform'],
        summary: '行政区划树 / Region tree',
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: { $ref: 'RegionNode#' } } } } },
      },
    },
    async () => ({ items: app.regions.tree('/') }),
  );

  app.get<{ Querystring: ListAuditInput }>(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 / Audit trail (city_admin)',
        querystring: s.listAuditQuery,
        response: { 200: s.pageOf('AuditEntry#'), ...s.errors(400, 401, 403) },
      },
    },
    async (req) => {
      const result = await listAudit(app.db, actorOf(req), req.query);
      return { ...result, items: result.items.map(presentAudit) };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: '校验审计哈希链 / Verify the audit hash chain (city_admin)',
        response: {
          200: {
            type: 'object',
            properties: {
              ok: { type: 'boolean' },
              checked: { type: 'integer' },
              headSeq: { type: 'integer' },
              firstBroken: { type: ['object', 'null'], properties: { seq: { type: 'integer' }, reason: { type: 'string' } } },
            },
          },
          ...s.errors(401, 403),
        },
      },
    },
    async (req) => verifyAudit(app.db, actorOf(req)),
  );

  app.get<{ Querystring: { regionCode?: string } }>(
    '/api/v1/dashboard/summary',
    {
      schema: {
        tags: ['platform'],
        summary: '工作台统计 / Home-page figures for a region in scope',
        querystring: s.regionQuery,
        response: { 200: s.dashboardSummary, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => getDashboardSummary(app.db, app.regions, actorOf(req), req.query.regionCode),
  );
}
