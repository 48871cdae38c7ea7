import type { FastifyInstance } from 'fastify';
import { newApiKey } from '../../platform/api-key.ts';
import { appendAudit } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { inTransaction } from '../../platform/transaction.ts';
import * as s from './schema.ts';

const keyView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    prefix: { type: 'string' },
    createdAt: { type: 'string' },
    lastUsedAt: { type: ['string', 'null'] },
    revokedAt: { type: ['string', 'null'] },
    key: { type: 'string', description: 'only in the answer to the creation: store it now, it cannot be shown again' },
  },
} as const;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Each account manages its own API keys (machine clients act as the account that made the key). */
export async function apiKeyRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['api-keys'];

  app.get(
    '/api/v1/api-keys',
    {
      schema: {
        tags,
        summary: '我的 API 密钥 / My API keys',
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: keyView } } }, ...s.errors(401, 403) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const rows = await app.db.selectFrom('platform_api_key').selectAll().where('user_id', '=', actor.id).orderBy('created_at', 'desc').execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          prefix: r.key_prefix,
          createdAt: iso(r.created_at),
          lastUsedAt: iso(r.last_used_at),
          revokedAt: iso(r.revoked_at),
        })),
      };
    },
  );

  app.post<{ Body: { name: string } }>(
    '/api/v1/api-keys',
    {
      schema: {
        tags,
        summary: '新建 API 密钥（仅显示一次）/ Create an API key (shown once)',
        body: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 } } },
        response: { 201: keyView, ...s.errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { key, hash, prefix } = newApiKey();
      const row = await inTransaction(app.db, async (trx) => {
        const created = await trx
          .insertInto('platform_api_key')
          .values({ user_id: actor.id, name: req.body.name, key_hash: hash, key_prefix: prefix })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContextOf(req), {
          action: 'api_key.create',
          entityType: 'api_key',
          entityId: created.id,
          regionCode: actor.regionCode,
          after: { name: req.body.name, prefix },
        });
        return created;
      });
      return reply.status(201).send({ id: row.id, name: row.name, prefix, createdAt: iso(row.created_at), lastUsedAt: null, revokedAt: null, key });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/api-keys/:id/revoke',
    { schema: { tags, summary: '吊销 API 密钥 / Revoke an API key', params: s.idParams, response: { 204: { type: 'null' }, ...s.errors(401, 403, 404) } } },
    async (req, reply) => {
      const actor = actorOf(req);
      await inTransaction(app.db, async (trx) => {
        const row = await trx
          .updateTable('platform_api_key')
          .set({ revoked_at: new Date() })
          .where('id', '=', req.params.id)
          .where('user_id', '=', actor.id)
          .where('revoked_at', 'is', null)
          .returning(['id', 'name'])
          .executeTakeFirst();
        if (!row) throw notFound();
        await appendAudit(trx, auditContextOf(req), {
          action: 'api_key.revoke',
          entityType: 'api_key',
          entityId: row.id,
          regionCode: actor.regionCode,
          after: { name: row.name },
        });
      });
      return reply.status(204).send();
    },
  );
}
