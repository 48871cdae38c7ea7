import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { TraceSubscriptionTable } from '../../../db/types-trace-subscription.ts';
import type { Db } from '../../../platform/db.ts';
import { loadActor } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { presentEvent, queryDocument, scopedEventConditions } from '../query/index.ts';
import { type FeedRow, feedBatches, sequenceFeed } from './feed.ts';
import { nextScheduledRun, type QuerySchedule } from './schedule.ts';
import { postWebhook, type WebhookResult } from './webhook.ts';

/**
 * Delivery of EPCIS webhook subscriptions. One pass (dispatchOnce): number the newly committed captures (feed.ts),
 * then for every subscription that is due — a stream one with captures past its cursor, a scheduled one whose slot
 * has come — run its named query's stored parameters with the owner's scope at that moment over the captures past
 * its cursor, and POST the events as EPCISQueryDocuments, at most DELIVERY_BATCH per POST, in capture order.
 * The cursor moves only after a 2xx; a non-2xx answer, a timeout or a network error leaves it and retries with
 * backoff (1 min, 2, 4 … at most 1 h). A subscription is held by a lease while it is delivered, so two server
 * processes never send the same events. The loop (SubscriptionDispatcher) runs a pass every few seconds and soon
 * after a capture (notifyCaptured); tests call dispatchOnce with their own clock.
 */

/** Events per POST (the binding's callback: "manageable batches"). */
export const DELIVERY_BATCH = 1000;
const LEASE_MS = 10 * 60_000;
const BACKOFF_FIRST_MS = 60_000;
const BACKOFF_MAX_MS = 3_600_000;
const PARALLEL_DELIVERIES = 4;

/** A receiver's refusal (non-2xx, timeout, network): the cursor stays and the delivery is retried with backoff. */
class DeliveryFailed extends Error {}

type Subscription = Selectable<TraceSubscriptionTable> & { query_name: string; parameters: unknown };

export interface DispatchOptions {
  /** Non-public dest hosts allowed (EPCIS_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  /** The clock (tests pass one). */
  now?: Date;
  /** Events per POST (DELIVERY_BATCH; tests use fewer). */
  batchSize?: number;
  log?: { error(obj: object, msg: string): void };
  /** Asked between subscriptions: true ends the pass early (the server is stopping). */
  stopping?: () => boolean;
}

export interface DispatchSummary {
  /** The feed's head after this pass numbered it; null when nobody subscribes (nothing numbered: creating a subscription numbers first). */
  head: number | null;
  delivered: number;
  failed: number;
}

/** The pause after the n-th failure in a row: 1 min, 2, 4 … at most 1 h. */
export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, Math.min(failures - 1, 20)));
}

/** One pass over every due subscription; never throws for one subscription's failure. */
export async function dispatchOnce(db: Db, options: DispatchOptions): Promise<DispatchSummary> {
  const now = options.now ?? new Date();
  // With no subscription there is nobody to number captures for; createSubscription numbers them before it starts.
  if (!(await db.selectFrom('trace_subscription').select('id').limit(1).executeTakeFirst())) return { head: null, delivered: 0, failed: 0 };
  const head = await inTransaction(db, (trx) => sequenceFeed(trx));
  const due = await db
    .selectFrom('trace_subscription as s')
    .innerJoin('trace_named_query as q', 'q.id', 's.query_id')
    .select(['s.id', 'q.name as query_name', 'q.parameters'])
    .where((eb) => isDue(eb, now, head))
    .orderBy('s.created_at')
    .execute();
  const summary: DispatchSummary = { head, delivered: 0, failed: 0 };
  // A few subscriptions at a time, so that one slow receiver (up to the 10 s timeout) does not hold up the others.
  const queue = [...due];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (options.stopping?.()) return;
      // The row as claimed: another process may have delivered it since it was listed.
      const claimed = await claim(db, next.id, now, head);
      if (!claimed) continue;
      const sub: Subscription = { ...claimed, query_name: next.query_name, parameters: next.parameters };
      try {
        const outcome = await deliver(db, sub, head, now, options);
        if (outcome === 'delivered') summary.delivered += 1;
        if (outcome === 'failed') summary.failed += 1;
      } catch (err) {
        options.log?.error({ err, subscriptionId: sub.id }, 'subscription delivery failed');
        await fail(db, sub, now, err instanceof Error ? err.message : String(err));
        summary.failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DELIVERIES }, worker));
  return summary;
}

type SubscriptionColumns = ExpressionBuilder<Database & { s: TraceSubscriptionTable }, 's'>;

/** Due now: not pausing after a failure, not held by a delivery, and (stream) behind the head or (scheduled) at its slot. */
function isDue(eb: SubscriptionColumns, now: Date, head: number) {
  return eb.and([
    eb.or([eb('s.next_attempt_at', 'is', null), eb('s.next_attempt_at', '<=', now)]),
    eb.or([eb('s.lease_until', 'is', null), eb('s.lease_until', '<', now)]),
    eb.or([
      eb.and([eb('s.stream', '=', true), eb.or([eb('s.last_feed_seq', '<', head), eb('s.last_event_pk', 'is not', null)])]),
      eb.and([eb('s.stream', '=', false), eb('s.next_run_at', '<=', now)]),
    ]),
  ]);
}

/** Takes the subscription for one delivery if it is still due (one statement: two processes never both get it). */
async function claim(db: Db, id: string, now: Date, head: number): Promise<Selectable<TraceSubscriptionTable> | undefined> {
  return db
    .updateTable('trace_subscription as s')
    .set({ lease_until: new Date(now.getTime() + LEASE_MS) })
    .where('s.id', '=', id)
    .where((eb) => isDue(eb, now, head))
    .returningAll()
    .executeTakeFirst();
}

async function fail(db: Db, sub: Subscription, now: Date, error: string): Promise<void> {
  const failures = sub.failed_attempts + 1;
  await db
    .updateTable('trace_subscription')
    .set({
      failed_attempts: failures,
      last_error: error.slice(0, 1000),
      last_error_at: now,
      next_attempt_at: new Date(now.getTime() + backoffMs(failures)),
      lease_until: null,
    })
    .where('id', '=', sub.id)
    .execute();
}

/** The EPCISQueryDocument of one POST: the named query's name and the subscriptionID in queryResults. */
export function deliveryDocument(rows: FeedRow[], queryName: string, subscriptionID: string): Record<string, unknown> {
  const eventList = rows.map(presentEvent);
  const doc = queryDocument({ events: eventList, contexts: rows.map((r) => r.context), nextPageToken: null }, queryName);
  return { ...doc, epcisBody: { queryResults: { subscriptionID, queryName, resultsBody: { eventList } } } };
}

async function deliver(db: Db, sub: Subscription, head: number, now: Date, options: DispatchOptions): Promise<'delivered' | 'nothing' | 'failed' | 'gone'> {
  const owner = await loadActor(db, sub.owner_id);
  if (!owner) {
    await fail(db, sub, now, '订阅者账号已停用或删除 / the subscriber account is disabled or removed');
    return 'failed';
  }
  // written by createNamedQuery from normaliseQuery: parameter name -> query-string value
  const conditions = scopedEventConditions(owner, sub.parameters as Record<string, string>);
  const batch = options.batchSize ?? DELIVERY_BATCH;
  // A cursor past this pass's head (set by a create or another process since): never moved back.
  const upto = Math.max(head, sub.last_feed_seq);
  const window = { after: { seq: sub.last_feed_seq, pk: sub.last_event_pk }, upto, minRecordTime: sub.min_record_time };
  let sent = 0;
  const post = async (rows: FeedRow[]): Promise<boolean> => {
    // Unsubscribed meanwhile: nothing more goes out.
    const alive = await db.selectFrom('trace_subscription').select('id').where('id', '=', sub.id).executeTakeFirst();
    if (!alive) return false;
    const body = Buffer.from(JSON.stringify(deliveryDocument(rows, sub.query_name, sub.id)));
    const result: WebhookResult = await postWebhook(sub.dest, body, sub.signature_token, options.allowPrivate);
    if (!result.ok) throw new DeliveryFailed(result.error);
    sent += 1;
    sub.failed_attempts = 0;
    return true;
  };
  try {
    for await (const { rows, cursor } of feedBatches(db, conditions, window, batch)) {
      if (!(await post(rows))) return 'gone';
      await db
        .updateTable('trace_subscription')
        .set({
          last_feed_seq: cursor.seq,
          last_event_pk: cursor.pk,
          last_notified_at: now,
          failed_attempts: 0,
          next_attempt_at: null,
          lease_until: new Date(now.getTime() + LEASE_MS),
        })
        .where('id', '=', sub.id)
        .execute();
    }
    // A scheduled subscription with reportIfEmpty answers an empty slot with an empty document.
    if (sent === 0 && !sub.stream && sub.report_if_empty && !(await post([]))) return 'gone';
  } catch (err) {
    if (!(err instanceof DeliveryFailed)) throw err;
    await fail(db, sub, now, err.message);
    return 'failed';
  }
  // Caught up with the head: the initialRecordTime window is spent; a scheduled subscription waits for its next slot.
  await db
    .updateTable('trace_subscription')
    .set({
      last_feed_seq: upto,
      last_event_pk: null,
      min_record_time: null,
      failed_attempts: 0,
      next_attempt_at: null,
      next_run_at: sub.stream ? null : nextScheduledRun(sub.schedule as QuerySchedule, now), // schedule: checked when created
      lease_until: null,
    })
    .where('id', '=', sub.id)
    .execute();
  return sent > 0 ? 'delivered' : 'nothing';
}

// ---- the loop ----

const wakers = new Set<() => void>();

/** Called after a successful capture: stream subscriptions are looked at soon rather than at the next poll. */
export function notifyCaptured(): void {
  for (const wake of wakers) wake();
}

export interface DispatcherOptions {
  db: Db;
  allowPrivate: boolean;
  log: { error(obj: object, msg: string): void };
  /** Between two passes when nothing wakes the loop. */
  pollMs?: number;
}

/**
 * Runs `pass` every pollMs and soon after notifyCaptured(), one pass at a time; `stopping` tells a pass in progress
 * that stop() was called. Used by the webhook dispatcher and by the WebSocket subscriptions (live.ts).
 */
export class PassLoop {
  readonly #pass: (stopping: () => boolean) => Promise<unknown>;
  readonly #log: { error(obj: object, msg: string): void };
  readonly #pollMs: number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  readonly #wake = () => this.#schedule(200);

  constructor(pass: (stopping: () => boolean) => Promise<unknown>, log: { error(obj: object, msg: string): void }, pollMs = 5000) {
    this.#pass = pass;
    this.#log = log;
    this.#pollMs = pollMs;
  }

  start(): void {
    if (this.#stopped) return;
    wakers.add(this.#wake);
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    wakers.delete(this.#wake);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#running = this.#pass(() => this.#stopped)
        .then(() => undefined)
        .catch((err: unknown) => this.#log.error({ err }, 'subscription pass failed'))
        .finally(() => {
          this.#running = null;
          const again = this.#again;
          this.#again = false;
          this.#schedule(again ? 0 : this.#pollMs);
        });
    }, delayMs);
    // Deliveries never keep the process (or a test run) alive on their own.
    this.#timer.unref();
  }
}

/** Runs dispatchOnce every pollMs and soon after notifyCaptured(), one pass at a time; started by main.ts. */
export class SubscriptionDispatcher {
  readonly allowPrivate: boolean;
  readonly #loop: PassLoop;

  constructor(options: DispatcherOptions) {
    this.allowPrivate = options.allowPrivate;
    this.#loop = new PassLoop(
      (stopping) => dispatchOnce(options.db, { allowPrivate: this.allowPrivate, log: options.log, stopping }),
      options.log,
      options.pollMs,
    );
  }

  start(): void {
    this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }
}
