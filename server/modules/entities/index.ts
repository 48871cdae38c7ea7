import type { FastifyInstance } from 'fastify';
import { entityRoutes } from './routes.ts';
import { entitySchemas } from './schema.ts';

export { type EntityRef, findEntityByCreditCode } from './lookup.ts';
/**
 * The entities module's public surface. Other modules record what happened to an entity (an inspection
 * result, a sampling failure, a penalty) on its timeline with appendEntityEvent, inside their own
 * transaction, and look entities up by credit code with findEntityByCreditCode. They never touch the
 * entity_* tables.
 */
export { type AppendedEntityEvent, appendEntityEvent, type EntityEventInput } from './timeline.ts';

/** The entities module (市场主体): registry, licences, certifications, timeline, bulk import, credit-code check. */
export async function entitiesModule(app: FastifyInstance): Promise<void> {
  for (const schema of entitySchemas) app.addSchema(schema);
  await entityRoutes(app);
}
