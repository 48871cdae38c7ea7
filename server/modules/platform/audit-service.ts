import { sql } from 'kysely';
import type { ListAuditInput } from '../../../common/platform-api.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { type Actor, requireRole } from '../../platform/scope.ts';

export type { ListAuditInput };

/** The audit trail, newest first (city_admin only: it records every county's actions). */
export async function listAudit(db: Db, actor: Actor, input: ListAuditInput) {
  requireRole(actor, 'city_admin');
  let q = db.selectFrom('platform_audit');
  if (input.actor) q = q.where('actor_username', '=', input.actor);
  if (input.action) q = q.where('action', '=', input.action);
  if (input.entityType) q = q.where('entity_type', '=', input.entityType);
  if (input.entityId) q = q.where('entity_id', '=', input.entityId);
  // Day bounds are Shanghai calendar days.
  if (input.from) q = q.where('occurred_at', '>=', sql<Date>`(${input.from}::date::timestamp at time zone 'Asia/Shanghai')`);
  if (input.to) q = q.where('occurred_at', '<', sql<Date>`((${input.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`);
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), page: input.page, pageSize: input.pageSize };
}

/** Recomputes the hash chain (city_admin only). */
export function verifyAudit(db: Db, actor: Actor) {
  requireRole(actor, 'city_admin');
  return verifyAuditChain(db);
}
