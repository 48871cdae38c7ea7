import type { FastifyInstance } from 'fastify';
import { GS1_DEMO_PREFIX } from '../common/gs1/platform-code.ts';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './platform/config.ts';
import { type DbHandle, openDatabase } from './platform/db.ts';
import { say } from './platform/logger.ts';
import { migrate } from './platform/migrate.ts';
import { seedDemo } from './seed/demo.ts';

/**
 * Starts the platform: migrate, load demo data on a first start when ZHILIANG_DEMO=1, listen, start the
 * scheduled jobs (catching up a slot missed while the server was down) and the EPCIS webhook deliveries.
 * SIGTERM/SIGINT: stop accepting, let in-flight requests and a running job finish, then close the database cleanly
 * (PGlite writes its data directory on close).
 */
export async function serve(config: Config): Promise<{ app: FastifyInstance; database: DbHandle }> {
  if (config.platformGs1CompanyPrefix.startsWith(GS1_DEMO_PREFIX)) {
    say(
      `zhiliang: GTINs the platform allocates use the GS1 demonstration prefix ${config.platformGs1CompanyPrefix} (演示) — set PLATFORM_GS1_COMPANY_PREFIX to the bureau's GS1 China prefix before production`,
    );
  }
  const database = await openDatabase(config);
  const applied = await migrate(database.db);
  if (applied.length > 0) say(`zhiliang: applied migrations ${applied.join(', ')}`);
  if (config.demo) {
    const created = await seedDemo(database.db);
    if (created.length > 0) say(`zhiliang: loaded demo data (${created.length} accounts, password in README)`);
  }
  const app = await buildApp({
    database,
    logLevel: config.logLevel,
    session: { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours },
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    publicBaseUrl: config.publicBaseUrl,
    platformGs1CompanyPrefix: config.platformGs1CompanyPrefix,
    rateLimits: { loginPerMinute: config.loginPerMinute },
    epcisWebhookAllowPrivate: config.epcisWebhookAllowPrivate,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  // The scheduled jobs (platform/scheduler.ts); app.close() stops them and waits for a run in progress.
  app.scheduler.start();
  // EPCIS webhook subscriptions (modules/trace/subscriptions); app.close() stops the loop after its pass.
  app.subscriptionDispatcher.start();
  // EPCIS WebSocket subscriptions; app.close() closes their sockets.
  app.liveSubscriptions.start();
  say(`zhiliang: serving http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} on ${database.kind}`);
  return { app, database };
}

export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      say(`zhiliang: configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

if (import.meta.main) await serve(configOrExit());
