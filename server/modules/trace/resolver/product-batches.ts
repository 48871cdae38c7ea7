import type { FastifyInstance } from 'fastify';
import { GS1_RESOLVER } from '../../../../common/gs1/index.ts';
import type { ProductBatch } from '../../../../common/trace-api.ts';
import type { Db } from '../../../platform/db.ts';
import { notFound } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/request-context.ts';
import { type Actor, regionCodeInScope, requireRole, resolveScopePath } from '../../../platform/scope.ts';
import { errors } from '../../platform/schema.ts';
import { readCode } from './code.ts';
import { presentProduct } from './product-service.ts';

/**
 * The batches of a registered product that EPCIS events name — codes are deterministic and issuing stores none, so
 * the events are the register of batches in use. Each batch comes with its code on our domain and the links that
 * print it. An enterprise sees its own products' batches as its own events name them; a county officer the batches
 * named by events in its region; the city all.
 */

const like = (prefix: string) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`;

/** Registered product's batches named by events the caller may read, most recently seen first. */
export async function listProductBatches(db: Db, actor: Actor, productId: string, page: { page: number; pageSize: number }, base: string) {
  requireRole(actor, 'city_admin', 'county_officer', 'enterprise');
  let productQuery = db.selectFrom('trace_product').selectAll().where('id', '=', productId);
  if (actor.role === 'enterprise') productQuery = productQuery.where('enterprise_credit_code', '=', actor.enterpriseCreditCode ?? '');
  const product = await productQuery.executeTakeFirst();
  if (!product) throw notFound();

  // Batches only (…/10/<lot>): an item's canonical code names its serial, not its lot.
  const prefix = `${GS1_RESOLVER}/01/${product.gtin}/10/`;
  let q = db
    .selectFrom('trace_event_identifier as i')
    .innerJoin('trace_event as e', (j) => j.onRef('e.id', '=', 'i.event_pk').onRef('e.event_time', '=', 'i.event_time'))
    .where('i.identifier', 'like', like(prefix))
    .where('i.role', '<>', 'sensor')
    .where('e.is_error_declaration', '=', false);
  if (actor.role === 'enterprise') q = q.where('e.enterprise_credit_code', '=', actor.enterpriseCreditCode ?? '');
  else if (actor.role !== 'city_admin') q = q.where(regionCodeInScope('e.region_code', resolveScopePath(actor, null)));

  const [rows, total] = await Promise.all([
    q
      .select((eb) => [
        'i.identifier',
        eb.fn.min('i.event_time').as('first_seen'),
        eb.fn.max('i.event_time').as('last_seen'),
        eb.fn.count<number>('i.event_pk').distinct().as('events'),
      ])
      .groupBy('i.identifier')
      .orderBy('last_seen', 'desc')
      .orderBy('i.identifier')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    q.select((eb) => eb.fn.count<number>('i.identifier').distinct().as('n')).executeTakeFirstOrThrow(),
  ]);

  const items: ProductBatch[] = [];
  for (const r of rows) {
    const reading = readCode(r.identifier, base);
    if (!reading.ok || reading.code.level !== 'batch') continue;
    const code = reading.code;
    const uri = encodeURIComponent(code.ourUri);
    items.push({
      lot: code.lot ?? '',
      identifier: r.identifier,
      uri: code.ourUri,
      path: code.ourPath,
      elementString: code.elementString,
      firstSeen: new Date(r.first_seen).toISOString(),
      lastSeen: new Date(r.last_seen).toISOString(),
      eventCount: Number(r.events),
      qrPng: `/api/v1/trace/codes/qr.png?uri=${uri}`,
      qrSvg: `/api/v1/trace/codes/qr.svg?uri=${uri}`,
      labels: `/api/v1/trace/codes/labels.html?uri=${uri}`,
    });
  }
  return { product: presentProduct(product, base), items, total: Number(total.n), page: page.page, pageSize: page.pageSize };
}

const batchView = {
  type: 'object',
  properties: {
    lot: { type: 'string' },
    identifier: { type: 'string' },
    uri: { type: 'string' },
    path: { type: 'string' },
    elementString: { type: 'string' },
    firstSeen: { type: 'string', format: 'date-time' },
    lastSeen: { type: 'string', format: 'date-time' },
    eventCount: { type: 'integer' },
    qrPng: { type: 'string' },
    qrSvg: { type: 'string' },
    labels: { type: 'string' },
  },
} as const;

/** GET /api/v1/trace/products/:id/batches. */
export async function productBatchRoutes(app: FastifyInstance, base: string): Promise<void> {
  app.get<{ Params: { id: string }; Querystring: { page: number; pageSize: number } }>(
    '/api/v1/trace/products/:id/batches',
    {
      schema: {
        tags: ['trace'],
        summary: '产品的批次（事件中出现的批次码）/ Batches of a product named by events, with their codes',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { page: { type: 'integer', minimum: 1, default: 1 }, pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              product: { type: 'object', additionalProperties: true },
              items: { type: 'array', items: batchView },
              total: { type: 'integer' },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
            },
          },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => listProductBatches(app.db, actorOf(req), req.params.id, req.query, base),
  );
}
