import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { WebSocket } from 'ws';
import type { Db } from '../../../platform/db.ts';
import type { Actor } from '../../../platform/scope.ts';
import { loadActor } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { scopedEventConditions } from '../query/index.ts';
import { unknownParameter } from '../query/values.ts';
import { DELIVERY_BATCH, deliveryDocument, PassLoop } from './dispatcher.ts';
import { type FeedCursor, feedBatches, sequenceFeed } from './feed.ts';
import { nextScheduledRun, type QuerySchedule, SCHEDULE_FIELDS } from './schedule.ts';
import { badSubscription, readControls } from './service.ts';

/**
 * EPCIS 2.0 WebSocket subscriptions (REST binding: GET /queries/{queryName}/events with Upgrade: websocket, and
 * `stream=true` or schedule fields as query-string parameters or GS1-Query-* headers). The socket is the subscription:
 * it lives as long as the connection, in this process, and nothing is stored. Events reach it as webhook deliveries
 * do (the capture feed, feed.ts): EPCISQueryDocuments of at most DELIVERY_BATCH events, in capture order, carrying
 * what the subscriber may see at that moment; a stream subscription starts at the feed's head (or, with
 * initialRecordTime, at the first event recorded from then), a scheduled one sends at its slots (reportIfEmpty: an
 * empty document when nothing matched). For clients that cannot take webhooks — no public https address.
 */

/** What the socket's client sent in the upgrade request: the binding's query-string names and their header twins. */
const CONTROL_HEADERS: Record<string, string> = {
  stream: 'gs1-query-stream',
  reportIfEmpty: 'gs1-query-reportifempty',
  initialRecordTime: 'gs1-query-initialrecordtime',
  second: 'gs1-query-second',
  minute: 'gs1-query-minute',
  hour: 'gs1-query-hour',
  dayOfMonth: 'gs1-query-dayofmonth',
  month: 'gs1-query-month',
  dayOfWeek: 'gs1-query-dayofweek',
};

export interface LiveControls {
  stream: boolean;
  schedule: QuerySchedule | null;
  reportIfEmpty: boolean;
  initialRecordTime: Date | null;
}

const BOOLEAN = /^(true|false)$/;

/** The subscription controls of an upgrade request, checked like a webhook's (400 SubscriptionControlsException). */
export function readLiveControls(query: Record<string, string>, headers: IncomingHttpHeaders, now = new Date()): LiveControls {
  for (const name of Object.keys(query)) if (!(name in CONTROL_HEADERS)) throw unknownParameter(name);
  const value = (name: string): string | undefined => {
    const header = headers[CONTROL_HEADERS[name] ?? ''];
    return query[name] ?? (Array.isArray(header) ? header[0] : header);
  };
  const flag = (name: string): boolean | undefined => {
    const text = value(name);
    if (text === undefined) return undefined;
    if (!BOOLEAN.test(text)) throw badSubscription(`querystring.${name}`, `只能为 true 或 false（收到 ${text}）/ must be true or false (got ${text})`);
    return text === 'true';
  };
  const fields = SCHEDULE_FIELDS.filter((f) => value(f) !== undefined);
  const schedule = fields.length > 0 ? Object.fromEntries(fields.map((f) => [f, value(f)])) : undefined;
  const input = { stream: flag('stream'), schedule, reportIfEmpty: flag('reportIfEmpty'), initialRecordTime: value('initialRecordTime') };
  const checked = readControls(input, now, 'querystring');
  return {
    stream: checked.schedule === null,
    schedule: checked.schedule,
    reportIfEmpty: input.reportIfEmpty ?? false,
    initialRecordTime: checked.initialRecordTime,
  };
}

interface Live {
  /** the subscriptionID of its deliveries (queryResults.subscriptionID) */
  id: string;
  ownerId: string;
  queryName: string;
  parameters: Record<string, string>;
  controls: LiveControls;
  cursor: FeedCursor;
  minRecordTime: Date | null;
  nextRunAt: Date | null;
  socket: WebSocket;
}

// A client that reads slower than events arrive is skipped while this much is still unsent; it catches up later.
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const OPEN = 1;

/** The WebSocket subscriptions of this process; app.liveSubscriptions. */
export class LiveSubscriptions {
  readonly #db: Db;
  readonly #subs = new Set<Live>();
  readonly #loop: PassLoop;
  readonly #batch: number;

  constructor(db: Db, log: { error(obj: object, msg: string): void }, options: { pollMs?: number; batchSize?: number } = {}) {
    this.#db = db;
    this.#batch = options.batchSize ?? DELIVERY_BATCH;
    this.#loop = new PassLoop(() => this.passOnce(), log, options.pollMs);
  }

  get size(): number {
    return this.#subs.size;
  }

  /** Subscribes an open socket to a named query (found and checked before the upgrade); ends when the socket closes. */
  async open(
    socket: WebSocket,
    actor: Actor,
    query: { queryName: string; parameters: Record<string, string>; controls: LiveControls },
    now = new Date(),
  ): Promise<string> {
    const { queryName, parameters, controls } = query;
    const head = await inTransaction(this.#db, (trx) => sequenceFeed(trx));
    const live: Live = {
      id: randomUUID(),
      ownerId: actor.id,
      queryName,
      parameters,
      controls,
      cursor: { seq: controls.initialRecordTime ? 0 : head, pk: null },
      minRecordTime: controls.initialRecordTime,
      nextRunAt: controls.schedule ? nextScheduledRun(controls.schedule, now) : null,
      socket,
    };
    socket.on('close', () => this.#subs.delete(live));
    if (socket.readyState !== OPEN) return live.id;
    this.#subs.add(live);
    return live.id;
  }

  /** One pass: numbers new captures, then sends each due subscription what it has not had. */
  async passOnce(now = new Date()): Promise<number> {
    if (this.#subs.size === 0) return 0;
    const head = await inTransaction(this.#db, (trx) => sequenceFeed(trx));
    let sent = 0;
    for (const live of [...this.#subs]) {
      const due = live.controls.stream ? live.cursor.seq < head || live.cursor.pk !== null : live.nextRunAt !== null && live.nextRunAt <= now;
      if (!due || live.socket.readyState !== OPEN || live.socket.bufferedAmount > MAX_BUFFERED_BYTES) continue;
      sent += await this.#deliver(live, head, now);
    }
    return sent;
  }

  async #deliver(live: Live, head: number, now: Date): Promise<number> {
    const owner = await loadActor(this.#db, live.ownerId);
    if (!owner) {
      live.socket.close(1008, 'account disabled');
      return 0;
    }
    const conditions = scopedEventConditions(owner, live.parameters);
    const upto = Math.max(head, live.cursor.seq);
    let sent = 0;
    const send = (rows: Parameters<typeof deliveryDocument>[0]) => {
      live.socket.send(JSON.stringify(deliveryDocument(rows, live.queryName, live.id)));
      sent += 1;
    };
    for await (const { rows, cursor } of feedBatches(this.#db, conditions, { after: live.cursor, upto, minRecordTime: live.minRecordTime }, this.#batch)) {
      if (live.socket.readyState !== OPEN) return sent;
      send(rows);
      live.cursor = cursor;
    }
    if (sent === 0 && !live.controls.stream && live.controls.reportIfEmpty) send([]);
    live.cursor = { seq: upto, pk: null };
    live.minRecordTime = null;
    if (live.controls.schedule) live.nextRunAt = nextScheduledRun(live.controls.schedule, now);
    return sent;
  }

  start(): void {
    this.#loop.start();
  }

  /** Stops the loop and closes every socket (1001 going away): the server is stopping. */
  async stop(): Promise<void> {
    await this.#loop.stop();
    for (const live of this.#subs) live.socket.close(1001, 'server stopping');
    this.#subs.clear();
  }
}
