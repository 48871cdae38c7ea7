import type { Db } from './db.ts';

/**
 * The transactional outbox (DESIGN.md: "something that happens in one module and matters to another is
 * written to an outbox table in the same transaction"). The writer calls publishOutbox with its own
 * transaction, so the fact and the message commit or roll back together; the consuming module later
 * reads undelivered rows of its topic, handles each idempotently and marks it delivered.
 *
 * Topics are `<consumer area>.<fact>` in snake case, and each topic's payload is documented where it is
 * written. Written so far:
 * - `risk.sampling_failed` — a supervision sample's final conclusion is 不合格
 *   (server/modules/inspections/sampling/finalize.ts, RiskSamplingFailedPayload).
 */

export interface OutboxMessage {
  topic: string;
  /** Idempotency key within the topic (e.g. the sample id): a second publish with the same key writes nothing. */
  key: string;
  /** Plain JSON. */
  payload: Record<string, unknown>;
}

export interface PublishedOutbox {
  id: number;
  /** false when (topic, key) was already there: nothing was written. */
  created: boolean;
}

/** Writes one message inside the caller's transaction; a retried write with the same (topic, key) is a no-op. */
export async function publishOutbox(trx: Db, message: OutboxMessage): Promise<PublishedOutbox> {
  const inserted = await trx
    .insertInto('platform_outbox')
    .values({ topic: message.topic, key: message.key, payload: JSON.stringify(message.payload) })
    .onConflict((oc) => oc.columns(['topic', 'key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const first = await trx
    .selectFrom('platform_outbox')
    .select('id')
    .where('topic', '=', message.topic)
    .where('key', '=', message.key)
    .executeTakeFirstOrThrow();
  return { id: first.id, created: false };
}
