import type { FastifyInstance } from 'fastify';
import { productBatchRoutes } from './product-batches.ts';
import { productRoutes } from './product-routes.ts';
import { resolverRoutes } from './resolver-routes.ts';

export type { ConsumerView } from './consumer-view.ts';
export { buildConsumerView } from './consumer-view.ts';

/**
 * The public face of 一码统管: product master data, code issuing with QR codes and label sheets, and the GS1 Digital
 * Link resolver with its consumer page. `base` is PUBLIC_BASE_URL, the origin every issued code lives under;
 * `companyPrefix` the platform's GS1 Company Prefix, under which it allocates GTINs for products whose owner has none.
 */
export async function resolverModule(app: FastifyInstance, base: string, companyPrefix: string): Promise<void> {
  await resolverRoutes(app, base);
  await productRoutes(app, base, companyPrefix);
  await productBatchRoutes(app, base);
}
