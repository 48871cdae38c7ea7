import type { FastifyInstance } from 'fastify';
import { actorOf, auditContextOf } from '../../platform/request-context.ts';
import { presentUser } from './present.ts';
import * as s from './schema.ts';
import { type CreateUserInput, canManageUser, createUser, getUser, type ListUsersInput, listUsers, type UpdateUserInput, updateUser } from './user-service.ts';

/** User administration: city_admin for all, county_officer for its own subtree (inspectors and enterprises). */
export async function userRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['users'];
  app.get<{ Querystring: ListUsersInput }>(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: '用户列表 / List users in scope',
        querystring: s.listUsersQuery,
        response: { 200: s.pageOf('User#'), ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const result = await listUsers(app.db, app.regions, actor, req.query);
      return { ...result, items: result.items.map((u) => presentUser(u, app.regions, canManageUser(actor, u))) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/users/:id',
    { schema: { tags, summary: '用户详情 / One user', params: s.idParams, response: { 200: { $ref: 'User#' }, ...s.errors(401, 403, 404) } } },
    async (req) => {
      const actor = actorOf(req);
      const row = await getUser(app.db, app.regions, actor, req.params.id);
      return presentUser(row, app.regions, canManageUser(actor, row));
    },
  );

  app.post<{ Body: CreateUserInput }>(
    '/api/v1/users',
    {
      schema: { tags, summary: '新建用户 / Create a user', body: s.createUserBody, response: { 201: { $ref: 'User#' }, ...s.errors(400, 401, 403, 404, 409) } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await createUser(app.db, app.regions, actor, req.body, auditContextOf(req));
      return reply.status(201).send(presentUser(row, app.regions, canManageUser(actor, row)));
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateUserInput }>(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: '修改、停用/启用、解锁、重置密码 / Update, disable, unlock, reset password',
        params: s.idParams,
        body: s.updateUserBody,
        response: { 200: { $ref: 'User#' }, ...s.errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const row = await updateUser(app.db, app.regions, actor, req.params.id, req.body, auditContextOf(req));
      return presentUser(row, app.regions, canManageUser(actor, row));
    },
  );
}
