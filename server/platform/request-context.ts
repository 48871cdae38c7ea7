import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadApiKey } from './api-key.ts';
import type { AuditContext } from './audit.ts';
import type { DatabaseKind, Db } from './db.ts';
import { AppError, authRequired } from './errors.ts';
import type { RegionDirectory } from './regions.ts';
import type { Actor } from './scope.ts';
import { type LoadedSession, loadSession, SESSION_COOKIE, type SessionPolicy } from './session.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbKind: DatabaseKind;
    regions: RegionDirectory;
    sessionPolicy: SessionPolicy;
    secureCookies: boolean;
    demoMode: boolean;
  }
  interface FastifyRequest {
    session: LoadedSession | null;
  }
}

export const CLIENT_HEADER = 'x-zhiliang-client';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Reads the session cookie on every API request and refuses cross-site writes. CSRF defence in depth:
 * SameSite=Strict cookies, plus, for any state-changing request that carries a session cookie, a
 * custom header (which a cross-site form cannot send without a CORS preflight we never grant) and a
 * same-origin Origin when the browser sends one.
 */
export function installRequestContext(app: FastifyInstance): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') && !req.url.startsWith('/epcis/')) return;
    // Machine clients: a Bearer API key, no cookie involved (so no CSRF question either).
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      req.session = await loadApiKey(app.db, bearer, (code) => app.regions.get(code)?.path);
      if (!req.session) throw new AppError(401, 'AUTH_INVALID_API_KEY', 'API 密钥无效或已吊销 / Invalid or revoked API key');
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    // A browser sends the session cookie with a WebSocket upgrade from any site (no preflight, no SameSite for
    // top-level-less requests in older browsers): an upgrade must come from our own origin, which browsers always name.
    if (token && req.headers.upgrade?.toLowerCase() === 'websocket' && !sameHost(req.headers.origin ?? '', req.headers.host)) {
      throw new AppError(403, 'CSRF_REJECTED', '跨站请求被拒绝 / Cross-site request refused');
    }
    if (token && UNSAFE_METHODS.has(req.method)) {
      const origin = req.headers.origin;
      const host = req.headers.host;
      if (!req.headers[CLIENT_HEADER] || (origin !== undefined && !sameHost(origin, host))) {
        throw new AppError(403, 'CSRF_REJECTED', '跨站请求被拒绝 / Cross-site request refused');
      }
    }
    if (token) req.session = await loadSession(app.db, token, app.sessionPolicy, (code) => app.regions.get(code)?.path);
  });
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false; // "null" or garbage
  }
}

/** The signed-in session, or 401. */
export function sessionOf(req: FastifyRequest): LoadedSession {
  if (!req.session) throw authRequired();
  return req.session;
}

/**
 * The signed-in actor, or 401 — and 403 while the account still has to change its initial or reset
 * password (等保 2.0: 口令定期更换; an administrator-set password is known to the administrator).
 * Only the auth routes, which take sessionOf(), stay open until then.
 */
export function actorOf(req: FastifyRequest): Actor {
  const session = sessionOf(req);
  if (session.mustChangePassword) {
    throw new AppError(403, 'AUTH_PASSWORD_CHANGE_REQUIRED', '请先修改初始密码 / Change your initial password first');
  }
  return session.actor;
}

export function clientIp(req: FastifyRequest): string | null {
  return req.ip || null;
}

/** Who and where, for the audit row of a write made by this request. */
export function auditContextOf(req: FastifyRequest, actor: Actor | null = req.session?.actor ?? null): AuditContext {
  return {
    actorId: actor?.id ?? null,
    actorUsername: actor?.username ?? null,
    actorRole: actor?.role ?? null,
    ip: clientIp(req),
    userAgent: req.headers['user-agent']?.slice(0, 400) ?? null,
    requestId: req.id,
  };
}
