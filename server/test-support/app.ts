import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import type { DatabaseKind, DbHandle } from '../platform/db.ts';
import { DEMO_PASSWORD } from '../seed/demo.ts';
import { openTestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: DbHandle;
  /** Logs in through the API and returns a client that sends the session cookie and CSRF header. */
  login(username: string, password?: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export interface Client {
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body: unknown): Promise<LightMyRequestResponse>;
  cookie: string | null;
}

function client(app: FastifyInstance, cookie: string | null): Client {
  const request = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { 'x-zhiliang-client': 'test', ...(cookie ? { cookie } : {}), ...(opts.headers ?? {}) } });
  return {
    cookie,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
  };
}

/** The whole app on a private test database of the given kind. */
export async function buildTestApp(
  kind: DatabaseKind,
  options: { loginPerMinute?: number; extraRoutes?: (app: FastifyInstance) => void } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  const app = await buildApp({ database, logLevel: 'silent', webDist: null, rateLimits: { loginPerMinute: options.loginPerMinute ?? 1000 } });
  options.extraRoutes?.(app);
  const anonymous = client(app, null);
  return {
    app,
    database,
    anonymous,
    async login(username, password = DEMO_PASSWORD) {
      const res = await anonymous.post('/api/v1/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.cookies.find((c) => c.name === 'zl_sid');
      if (!setCookie) throw new Error('no session cookie');
      return client(app, `zl_sid=${setCookie.value}`);
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
