import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEMO_PLATFORM_COMPANY_PREFIX } from '../common/gs1/platform-code.ts';
import { calendarModule } from './modules/calendar/index.ts';
import { creditMonthlyRecomputeJob, entitiesModule } from './modules/entities/index.ts';
import { inspectionsModule } from './modules/inspections/index.ts';
import { finalizeDueSamplesJob, samplingModule } from './modules/inspections/sampling/index.ts';
import { planModule } from './modules/plan/index.ts';
import { platformModule } from './modules/platform/index.ts';
import { traceModule } from './modules/trace/index.ts';
import { SubscriptionDispatcher } from './modules/trace/subscriptions/dispatcher.ts';
import { LiveSubscriptions } from './modules/trace/subscriptions/live.ts';
import { DEFAULT_PUBLIC_BASE_URL } from './platform/config.ts';
import type { DbHandle } from './platform/db.ts';
import { errorBody, installErrorHandling } from './platform/errors.ts';
import { RegionDirectory } from './platform/regions.ts';
import { installRequestContext } from './platform/request-context.ts';
import { Scheduler } from './platform/scheduler.ts';
import type { SessionPolicy } from './platform/session.ts';
import { installValidation } from './platform/validation.ts';
import { ROOT_DIR, VERSION } from './platform/version.ts';

declare module 'fastify' {
  interface FastifyInstance {
    rateLimits: RateLimits;
    subscriptionDispatcher: SubscriptionDispatcher;
    liveSubscriptions: LiveSubscriptions;
  }
}

export interface RateLimits {
  loginPerMinute: number;
  publicPerMinute: number;
}

export interface AppOptions {
  database: DbHandle;
  session?: Partial<SessionPolicy>;
  secureCookies?: boolean;
  trustProxy?: boolean;
  rateLimits?: Partial<RateLimits>;
  logLevel?: string;
  /** Public origin issued codes and QR codes live under (PUBLIC_BASE_URL); defaults to the config default. */
  publicBaseUrl?: string;
  /** The platform's GS1 Company Prefix for GTINs it allocates (PLATFORM_GS1_COMPANY_PREFIX); defaults to the 952 demo prefix. */
  platformGs1CompanyPrefix?: string;
  /**
   * EPCIS webhook subscriptions may deliver over http to loopback / private addresses (EPCIS_WEBHOOK_ALLOW_PRIVATE);
   * defaults to true unless NODE_ENV is production.
   */
  epcisWebhookAllowPrivate?: boolean;
  /** Folder of the built web app; served at / when it exists. */
  webDist?: string | null;
}

export const BODY_LIMIT = 1024 * 1024;
export const DEFAULT_WEB_DIST = path.join(ROOT_DIR, 'web', 'dist');

/** Builds the whole platform (API + web app) on an open, migrated database. main.ts only listens. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    },
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.decorate('db', options.database.db);
  app.decorate('dbKind', options.database.kind);
  app.decorate('regions', await RegionDirectory.load(options.database.db));
  app.decorate('sessionPolicy', { idleMinutes: options.session?.idleMinutes ?? 30, maxHours: options.session?.maxHours ?? 12 });
  app.decorate('secureCookies', options.secureCookies ?? false);
  app.decorate('rateLimits', { loginPerMinute: options.rateLimits?.loginPerMinute ?? 10, publicPerMinute: options.rateLimits?.publicPerMinute ?? 300 });
  // The recurring jobs each module exports; main.ts starts the timer once the server listens.
  const scheduler = new Scheduler({ db: options.database.db, regions: app.regions, log: app.log.child({ component: 'scheduler' }) });
  for (const job of [creditMonthlyRecomputeJob, finalizeDueSamplesJob]) scheduler.register(job);
  app.decorate('scheduler', scheduler);
  app.addHook('onClose', () => scheduler.stop());
  // EPCIS webhook deliveries; main.ts starts the loop, tests run passes themselves (dispatchOnce).
  const dispatcher = new SubscriptionDispatcher({
    db: options.database.db,
    allowPrivate: options.epcisWebhookAllowPrivate ?? process.env.NODE_ENV !== 'production',
    log: app.log.child({ component: 'epcis-subscriptions' }),
  });
  app.decorate('subscriptionDispatcher', dispatcher);
  app.addHook('onClose', () => dispatcher.stop());
  // EPCIS WebSocket subscriptions (GET /epcis/queries/{name}/events with Upgrade); main.ts starts their loop.
  const live = new LiveSubscriptions(options.database.db, app.log.child({ component: 'epcis-websocket' }));
  app.decorate('liveSubscriptions', live);
  app.addHook('preClose', () => live.stop());
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  installValidation(app);
  installErrorHandling(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design (CSS-in-JS) writes style elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  // Before any route: the EPCIS WebSocket subscriptions. Clients send nothing but the upgrade, so frames stay small.
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: ctx.statusCode }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '质量数智平台 Zhiliang API',
        version: VERSION,
        description: '湖州市质量发展"十四五"规划 数字化平台. Errors: {"error":{"code","message","details","requestId"}}.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'zl_sid' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key (zlk_…) for machine clients' },
        },
      },
      security: [{ session: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: (header) => header });
  installRequestContext(app);

  app.get(
    '/api/v1/health',
    {
      config: { rateLimit: { max: app.rateLimits.publicPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['platform'],
        summary: '健康检查 / Health',
        security: [],
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string', enum: ['ok'] }, database: { type: 'string', enum: ['pglite', 'postgresql'] }, version: { type: 'string' } },
          },
        },
      },
    },
    async () => {
      await app.db.selectFrom('platform_region').select('code').limit(1).execute();
      return { status: 'ok', database: app.dbKind, version: VERSION };
    },
  );
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await platformModule(app);
  await planModule(app);
  await entitiesModule(app);
  await traceModule(app, options.publicBaseUrl ?? DEFAULT_PUBLIC_BASE_URL, options.platformGs1CompanyPrefix ?? DEMO_PLATFORM_COMPANY_PREFIX);
  await calendarModule(app);
  await inspectionsModule(app);
  await samplingModule(app);
  serveWeb(app, options.webDist === undefined ? DEFAULT_WEB_DIST : options.webDist);
  return app;
}

/** Serves the built web app; any non-API GET that accepts HTML gets index.html (client-side routes). */
function serveWeb(app: FastifyInstance, webDist: string | null): void {
  const hasWeb = webDist !== null && fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) void app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, serve: true, prefix: '/' });
  app.setNotFoundHandler(async (req, reply) => {
    const apiPath = req.url.startsWith('/api/') || req.url.startsWith('/epcis/');
    if (hasWeb && !apiPath && req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('NOT_FOUND', `未找到 ${req.method} ${req.url.split('?')[0]} / No such route`, req.id));
  });
}
