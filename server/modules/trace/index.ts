import type { FastifyInstance } from 'fastify';
import { captureJobRoutes } from './capture-jobs.ts';
import { validateEpcisDocument } from './epcis/index.ts';
import { epcisRoutes } from './epcis-routes.ts';
import { locationRoutes } from './location-routes.ts';
import { resolverModule } from './resolver/index.ts';
import { subscriptionOverviewRoutes } from './subscriptions/overview.ts';
import { traceRoutes } from './trace-routes.ts';

/**
 * The trace module (一码统管): GS1 EPCIS 2.0 capture and query over registered enterprise locations, and the codes,
 * QR codes and consumer pages under `publicBaseUrl`; products whose owner has no GS1 Company Prefix get GTINs under
 * `platformCompanyPrefix` (PLATFORM_GS1_COMPANY_PREFIX).
 */
export async function traceModule(app: FastifyInstance, publicBaseUrl: string, platformCompanyPrefix: string): Promise<void> {
  // Compile the EPCIS JSON Schema at start-up (≈0.5 s) rather than on the first capture.
  validateEpcisDocument({});
  await app.register(async (scoped) => {
    await epcisRoutes(scoped, platformCompanyPrefix);
  });
  await traceRoutes(app);
  await locationRoutes(app);
  await captureJobRoutes(app);
  await subscriptionOverviewRoutes(app);
  await resolverModule(app, publicBaseUrl, platformCompanyPrefix);
}
