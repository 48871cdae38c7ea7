import type { FastifyInstance } from 'fastify';
import { auditContextOf, sessionOf } from '../../platform/request-context.ts';
import { SESSION_COOKIE } from '../../platform/session.ts';
import { changePassword, findUserById, login, logout } from './auth-service.ts';
import type { UserRow } from './present.ts';
import * as s from './schema.ts';
import { isDemoLoaded } from './settings.ts';

/** Auth routes: login (rate-limited), logout, who am I, change own password. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  const presentMe = async (u: UserRow) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    regionCode: u.region_code,
    regionName: app.regions.get(u.region_code)?.name ?? u.region_code,
    enterpriseName: u.enterprise_name,
    mustChangePassword: u.must_change_password,
    demo: await isDemoLoaded(app.db),
  });

  app.post<{ Body: { username: string; password: string } }>(
    '/api/v1/auth/login',
    {
      config: { rateLimit: { max: app.rateLimits.loginPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录 / Log in',
        description: `Sets the httpOnly session cookie ${SESSION_COOKIE}. Locks the account for 15 minutes after 5 consecutive failures.`,
        body: s.loginBody,
        response: { 200: { type: 'object', properties: { user: { $ref: 'Me#' } } }, ...s.errors(400, 401, 403, 423, 429) },
      },
    },
    async (req, reply) => {
      const result = await login(app.db, req.body, app.sessionPolicy, auditContextOf(req, null));
      reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: app.secureCookies, expires: result.expiresAt });
      return { user: await presentMe(result.user) };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: '退出登录 / Log out', response: { 204: { type: 'null' } } } }, async (req, reply) => {
    if (req.session) await logout(app.db, req.session.id, req.session.actor, auditContextOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: '当前用户 / The signed-in user',
        response: {
          200: {
            type: 'object',
            properties: {
              user: { $ref: 'Me#' },
              session: { type: 'object', properties: { idleTimeoutSeconds: { type: 'integer' }, expiresAt: { type: 'string', format: 'date-time' } } },
            },
          },
          ...s.errors(401),
        },
      },
    },
    async (req) => {
      const session = sessionOf(req);
      return {
        user: await presentMe(await findUserById(app.db, session.actor.id)),
        session: { idleTimeoutSeconds: app.sessionPolicy.idleMinutes * 60, expiresAt: session.expiresAt.toISOString() },
      };
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码 / Change own password',
        body: s.changePasswordBody,
        response: { 204: { type: 'null' }, ...s.errors(400, 401) },
      },
    },
    async (req, reply) => {
      const session = sessionOf(req);
      await changePassword(app.db, session.actor, session.id, req.body, auditContextOf(req));
      return reply.status(204).send();
    },
  );
}
