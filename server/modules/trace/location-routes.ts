import type { FastifyInstance } from 'fastify';
import { checkCreditCode } from '../../../common/credit-code.ts';
import { checkGs1Key, describeCheckDigitProblem } from '../../../common/gs1/index.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, notFound, validationFailed } from '../../platform/errors.ts';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { isPathInScope, regionCodeInScope, regionRootPath, requireRole } from '../../platform/scope.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { errors } from '../platform/schema.ts';
import type { RegisterLocationInput } from './location-service.ts';

const locationView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    identifier: { type: 'string' },
    gln: { type: ['string', 'null'] },
    name: { type: 'string' },
    enterpriseCreditCode: { type: 'string' },
    enterpriseName: { type: 'string' },
    regionCode: { type: 'string' },
    regionName: { type: 'string' },
    address: { type: ['string', 'null'] },
    isDemo: { type: 'boolean' },
  },
} as const;

/**
 * Registered locations (GLN → enterprise, region): what decides where an enterprise may capture events
 * and which region a regulator sees them in. The city registers any; a county officer within its region;
 * an enterprise lists its own.
 */
export async function locationRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['trace'];

  app.get<{ Querystring: { q?: string } }>(
    '/api/v1/trace/locations',
    {
      schema: {
        tags,
        summary: '登记地点（GLN）/ Registered locations',
        querystring: { type: 'object', additionalProperties: false, properties: { q: { type: 'string', maxLength: 100 } } },
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: locationView } } }, ...errors(401, 403) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      let q = app.db.selectFrom('trace_location').selectAll();
      if (actor.role === 'enterprise') q = q.where('enterprise_credit_code', '=', actor.enterpriseCreditCode ?? '');
      else {
        const root = regionRootPath(actor);
        if (!root) throw notFound();
        q = q.where(regionCodeInScope('region_code', root));
      }
      if (req.query.q) {
        const like = `%${req.query.q.replace(/[\\%_]/g, '\\$&')}%`;
        q = q.where((eb) =>
          eb.or([eb('name', 'ilike', like), eb('enterprise_name', 'ilike', like), eb('gln', 'like', like), eb('enterprise_credit_code', 'like', like)]),
        );
      }
      const rows = await q.orderBy('region_code').orderBy('name').limit(500).execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          identifier: r.identifier,
          gln: r.gln,
          name: r.name,
          enterpriseCreditCode: r.enterprise_credit_code,
          enterpriseName: r.enterprise_name,
          regionCode: r.region_code,
          regionName: app.regions.get(r.region_code)?.name ?? r.region_code,
          address: r.address,
          isDemo: r.is_demo,
        })),
      };
    },
  );

  app.post<{ Body: RegisterLocationInput }>(
    '/api/v1/trace/locations',
    {
      schema: {
        tags,
        summary: '登记企业地点 / Register an enterprise location (GLN)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['gln', 'name', 'enterpriseCreditCode', 'enterpriseName', 'regionCode'],
          properties: {
            gln: { type: 'string', pattern: '^\\d{13}$' },
            extension: { type: 'string', pattern: '^[!-~]{1,20}$', description: 'GLN extension (AI 254)' },
            name: { type: 'string', minLength: 1, maxLength: 100 },
            enterpriseCreditCode: { type: 'string', minLength: 18, maxLength: 18 },
            enterpriseName: { type: 'string', minLength: 1, maxLength: 100 },
            regionCode: { type: 'string', pattern: '^\\d{6}(\\d{3})?$' },
            address: { type: ['string', 'null'], maxLength: 200 },
          },
        },
        response: { 201: locationView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const actor = requireRole(actorOf(req), 'city_admin', 'county_officer');
      const input = req.body;
      const glnProblem = checkGs1Key('gln', input.gln);
      if (glnProblem) throw validationFailed([{ field: 'body.gln', rule: glnProblem.rule, message: describeCheckDigitProblem(glnProblem, 'GLN') }]);
      const ccProblem = checkCreditCode(input.enterpriseCreditCode);
      if (ccProblem) {
        throw validationFailed([
          { field: 'body.enterpriseCreditCode', rule: 'gb32100', message: '统一社会信用代码无效（GB 32100）/ invalid unified social credit code' },
        ]);
      }
      const region = app.regions.get(input.regionCode);
      if (!region || !isPathInScope(actor, region.path)) throw notFound();
      const identifier = `https://id.gs1.org/414/${input.gln}${input.extension ? `/254/${encodeURIComponent(input.extension)}` : ''}`;
      const row = await inTransaction(app.db, async (trx) => {
        const clash = await trx.selectFrom('trace_location').select('id').where('identifier', '=', identifier).executeTakeFirst();
        if (clash) throw new AppError(409, 'TRACE_LOCATION_TAKEN', `地点 ${identifier} 已登记 / location already registered`);
        const created = await trx
          .insertInto('trace_location')
          .values({
            identifier,
            gln: input.gln,
            name: input.name,
            enterprise_credit_code: input.enterpriseCreditCode,
            enterprise_name: input.enterpriseName,
            region_code: input.regionCode,
            address: input.address ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContextOf(req), {
          action: 'trace.location.register',
          entityType: 'trace_location',
          entityId: created.id,
          regionCode: input.regionCode,
          after: input,
        });
        return created;
      });
      return reply.status(201).send({
        id: row.id,
        identifier: row.identifier,
        gln: row.gln,
        name: row.name,
        enterpriseCreditCode: row.enterprise_credit_code,
        enterpriseName: row.enterprise_name,
        regionCode: row.region_code,
        regionName: region.name,
        address: row.address,
        isDemo: row.is_demo,
      });
    },
  );
}
