import type { FastifyInstance } from 'fastify';
import { actorOf, auditContextOf } from '../../../platform/request-context.ts';
import { errors } from '../../platform/schema.ts';
import { LABELS_PER_SHEET, MAX_LABELS, QR_PNG_SIZE, qrPng, qrSvg, renderLabelSheet } from './labels.ts';
import {
  codeForPrinting,
  type IssueCodeInput,
  issueCode,
  type ListProductsInput,
  listProducts,
  type RegisterProductInput,
  registerProduct,
} from './product-service.ts';

const text = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
const product = { type: 'object', additionalProperties: true } as const;
const codeQuery = { type: 'string', minLength: 1, maxLength: 500, description: 'GS1 Digital Link (any domain), EPC URN or (01)…(10)…' } as const;
const lotValue = { type: 'string', minLength: 1, maxLength: 20 } as const;

/** A file name for a downloaded QR code: the code's path, ASCII only. */
function fileName(path: string, ext: string): string {
  return `${
    path
      .replace(/^\//, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 100) || 'qr'
  }.${ext}`;
}

/**
 * Product master data, code issuing, QR codes and label sheets (logged in). `companyPrefix` is the platform's GS1
 * Company Prefix, under which it allocates GTINs for products whose owner has none.
 */
export async function productRoutes(app: FastifyInstance, base: string, companyPrefix: string): Promise<void> {
  const tags = ['trace'];

  app.get<{ Querystring: ListProductsInput }>(
    '/api/v1/trace/products',
    {
      schema: {
        tags,
        summary: '追溯产品列表 / Registered products (an enterprise sees its own)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            q: { type: 'string', maxLength: 100 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { items: { type: 'array', items: product }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
          },
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => listProducts(app.db, actorOf(req), req.query, base),
  );

  app.post<{ Body: RegisterProductInput }>(
    '/api/v1/trace/products',
    {
      schema: {
        tags,
        summary: '登记追溯产品 / Register a product (its GTIN, or a product reference and the platform allocates a GTIN)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            gtin: { type: 'string', pattern: '^\\d{8,14}$', description: 'GTIN-8/12/13/14 with its check digit' },
            productRef: {
              type: 'string',
              minLength: 1,
              maxLength: 30,
              description: 'for an owner without a GS1 Company Prefix: its product number (GS1 CSET 82); the platform allocates a GTIN under its own prefix',
            },
            name: { type: 'string', minLength: 1, maxLength: 100 },
            brand: text(60),
            spec: text(60),
            category: text(60),
            origin: text(100),
            shelfLifeDays: { type: ['integer', 'null'], minimum: 1, maximum: 36500 },
            enterpriseCreditCode: { type: 'string', minLength: 18, maxLength: 18, description: 'city_admin only' },
            enterpriseName: { type: 'string', minLength: 1, maxLength: 100, description: 'city_admin only' },
          },
        },
        response: { 201: product, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await registerProduct(app.db, actorOf(req), req.body, base, companyPrefix, auditContextOf(req))),
  );

  app.post<{ Body: IssueCodeInput }>(
    '/api/v1/trace/codes',
    {
      schema: {
        tags,
        summary: '赋码：为批次或单品发放追溯码 / Issue the GS1 Digital Link of a batch or item of a registered product',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['gtin'],
          properties: {
            gtin: { type: 'string', pattern: '^\\d{8,14}$', description: 'the product’s GTIN: its owner’s, or the one the platform allocated' },
            lot: lotValue,
            serial: lotValue,
          },
        },
        response: { 201: { type: 'object', additionalProperties: true }, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await issueCode(app.db, actorOf(req), req.body, base, auditContextOf(req))),
  );

  app.get<{ Querystring: { uri: string; size: number } }>(
    '/api/v1/trace/codes/qr.png',
    {
      schema: {
        tags,
        summary: '追溯二维码 PNG / QR code (PNG) of a code, as a Digital Link on our domain',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['uri'],
          properties: { uri: codeQuery, size: { type: 'integer', minimum: QR_PNG_SIZE.min, maximum: QR_PNG_SIZE.max, default: QR_PNG_SIZE.default } },
        },
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { code } = await codeForPrinting(app.db, actorOf(req), req.query.uri, base);
      return reply
        .type('image/png')
        .header('content-disposition', `inline; filename="${fileName(code.ourPath, 'png')}"`)
        .header('cache-control', 'private, max-age=3600')
        .send(await qrPng(code.ourUri, req.query.size));
    },
  );

  app.get<{ Querystring: { uri: string; size?: number } }>(
    '/api/v1/trace/codes/qr.svg',
    {
      schema: {
        tags,
        summary: '追溯二维码 SVG / QR code (SVG) of a code, as a Digital Link on our domain',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['uri'],
          properties: { uri: codeQuery, size: { type: 'integer', minimum: QR_PNG_SIZE.min, maximum: QR_PNG_SIZE.max } },
        },
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { code } = await codeForPrinting(app.db, actorOf(req), req.query.uri, base);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('content-disposition', `inline; filename="${fileName(code.ourPath, 'svg')}"`)
        .header('cache-control', 'private, max-age=3600')
        .send(await qrSvg(code.ourUri, req.query.size));
    },
  );

  app.get<{ Querystring: { uri: string; count: number } }>(
    '/api/v1/trace/codes/labels.html',
    {
      schema: {
        tags,
        summary: '可打印标签页（A4）/ Printable A4 label sheet',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['uri'],
          properties: { uri: codeQuery, count: { type: 'integer', minimum: 1, maximum: MAX_LABELS, default: LABELS_PER_SHEET } },
        },
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => {
      const { code, product: row } = await codeForPrinting(app.db, actorOf(req), req.query.uri, base);
      const html = await renderLabelSheet({ code, productName: row?.name ?? null, count: req.query.count });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );
}
