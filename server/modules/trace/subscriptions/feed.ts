import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';

/**
 * The capture feed that webhook subscriptions read (migration 0019): committed captures that stored events (success, partial) numbered in the
 * order the dispatcher sees them (trace_capture.feed_seq), and the events of a window of that feed.
 *
 * Why not recordTime: two capture transactions commit in either order, so after delivering up to recordTime T a
 * capture with recordTime < T may still appear. Numbering happens under one advisory lock and only ever sees
 * committed captures, so every capture numbered later than a delivered one was not yet visible when it was
 * delivered — nothing is skipped, nothing is sent twice.
 */

// pg_advisory_xact_lock key of the numbering (platform keys: audit.ts 7_265_002).
const FEED_LOCK_KEY = 7_265_019;

/** Where a subscription stands: everything of captures before `seq` delivered; of capture `seq` all (pk null) or up to event `pk`. */
export interface FeedCursor {
  seq: number;
  pk: number | null;
}

export interface FeedRow {
  id: number;
  event_id: string;
  record_time: Date;
  document: unknown;
  context: unknown;
  feed_seq: number;
}

/**
 * Numbers the committed captures that stored events (success, or partial under proceed) not numbered yet, in order of creation, and answers the head (the
 * highest number). Call inside a transaction (`trx`): the lock is held to its end, so two numberings never interleave.
 */
export async function sequenceFeed(trx: Db): Promise<number> {
  await sql`select pg_advisory_xact_lock(${FEED_LOCK_KEY})`.execute(trx);
  await sql`update trace_capture c set feed_seq = n.seq
    from (select o.id, nextval('trace_capture_feed_seq') as seq
          from (select id from trace_capture where status in ('success', 'partial') and feed_seq is null order by created_at, id) o) n
    where c.id = n.id`.execute(trx);
  const head = await sql<{ head: number | null }>`select max(feed_seq) as head from trace_capture where feed_seq is not null`.execute(trx);
  return Number(head.rows[0]?.head ?? 0);
}

/**
 * Up to `limit` events of captures in (cursor, upto] meeting `conditions` (on `trace_event as e`), in capture order.
 * A capture's events are found by capture_id and record_time = the capture's created_at (the same now() of the
 * capture transaction, server/modules/trace/capture-service.ts), so the record_time index serves the lookup.
 */
export async function feedBatch(
  db: Db,
  conditions: Expression<SqlBool>[],
  window: { after: FeedCursor; upto: number; minRecordTime: Date | null },
  limit: number,
): Promise<FeedRow[]> {
  const { after, upto, minRecordTime } = window;
  let q = db
    .selectFrom('trace_capture as c')
    .innerJoin('trace_event as e', (join) => join.onRef('e.capture_id', '=', 'c.id').onRef('e.record_time', '=', 'c.created_at'))
    .where('c.feed_seq', '<=', upto);
  if (after.pk === null) q = q.where('c.feed_seq', '>', after.seq);
  else {
    const pk = after.pk;
    q = q.where('c.feed_seq', '>=', after.seq).where((eb) => eb.or([eb('c.feed_seq', '>', after.seq), eb('e.id', '>', pk)]));
  }
  if (minRecordTime) q = q.where('c.created_at', '>=', minRecordTime).where('e.record_time', '>=', minRecordTime);
  for (const condition of conditions) q = q.where(condition);
  const rows = await q
    .select(['e.id', 'e.event_id', 'e.record_time', 'e.document', 'e.context', 'c.feed_seq'])
    .orderBy('c.feed_seq')
    .orderBy('e.id')
    .limit(limit)
    .execute();
  // feed_seq is not null here: the window's bounds exclude null
  return rows.map((r) => ({ ...r, feed_seq: Number(r.feed_seq) }));
}

/**
 * A delivery's batches in capture order, each with the cursor to keep once it is sent: up to `limit` events of captures
 * in (after, upto]; the last cursor is (upto, all). Nothing is yielded when the window holds no matching event.
 */
export async function* feedBatches(
  db: Db,
  conditions: Expression<SqlBool>[],
  window: { after: FeedCursor; upto: number; minRecordTime: Date | null },
  limit: number,
): AsyncGenerator<{ rows: FeedRow[]; cursor: FeedCursor }> {
  let after = window.after;
  for (;;) {
    const rows = await feedBatch(db, conditions, { ...window, after }, limit);
    if (rows.length === 0) return;
    const last = rows.at(-1);
    const full = rows.length === limit && last !== undefined;
    after = full ? { seq: last.feed_seq, pk: last.id } : { seq: window.upto, pk: null };
    yield { rows, cursor: after };
    if (!full) return;
  }
}
