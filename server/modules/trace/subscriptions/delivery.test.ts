import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test-support/app.ts';
import { DB_KINDS } from '../../../test-support/db.ts';
import { loginTeaCoop } from '../test-enterprises.ts';
import { backoffMs, dispatchOnce, SubscriptionDispatcher } from './dispatcher.ts';
import { doc, eventId, expectValid, FARM, PLANT, type Received, startReceiver, validateOne, validateQueryDocument } from './test-support.ts';

/**
 * Delivery of EPCIS webhook subscriptions (dispatcher.ts), one dispatcher pass at a time with the test's own clock:
 * a local receiver records the POSTs. Covers: start at the head, signed EPCISQueryDocuments in capture order with
 * only what the owner may see, nothing twice, batches, retry with backoff, scheduled slots and reportIfEmpty,
 * unsubscribing, initialRecordTime.
 */

const QUERY = '/epcis/queries/feed/subscriptions';
const SECOND = 1000;

describe.each(DB_KINDS)('EPCIS webhook deliveries on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let food: Client;
  let tea: Client;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let foodSub: Record<string, string>;
  /** Every STEP event the food company captured after its first one, in capture order. */
  const foodEvents: string[] = [];

  const pass = (options: { now?: Date; batchSize?: number } = {}) => dispatchOnce(t.app.db, { allowPrivate: true, ...options });
  const capture = async (c: Client, body: object) => {
    const res = await c.request({ method: 'POST', url: '/epcis/capture', payload: body, headers: { 'content-type': 'application/ld+json' } });
    expect(res.statusCode, res.body).toBe(202);
  };
  const captureFood = async (...ids: string[]) => {
    await capture(food, doc(PLANT, ids));
    foodEvents.push(...ids);
  };
  const subscribe = async (c: Client, body: object): Promise<Record<string, string>> => {
    const res = await c.post(QUERY, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const state = async (c: Client, sub: Record<string, string>) => {
    const res = await c.get(`${QUERY}/${sub.subscriptionID}`);
    expect(res.statusCode, res.body).toBe(200);
    expectValid(validateOne, res.json());
    return res.json();
  };
  const ids = (r: Received | undefined) => (r?.body.epcisBody.queryResults.resultsBody.eventList ?? []).map((e) => e.eventID);

  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    food = await t.login('enterprise1');
    tea = await loginTeaCoop(t, admin);
    rx = await startReceiver();
    expect((await admin.post('/epcis/queries', { name: 'feed', query: { EQ_bizStep: ['https://zhiliang.example/bizstep/subscription'] } })).statusCode).toBe(
      201,
    );
  });
  afterAll(async () => {
    await t.close();
    await rx.close();
  });
  beforeEach(() => {
    rx.received.length = 0;
  });

  it('starts at the head: what was captured before subscribing is not delivered', async () => {
    await capture(food, doc(PLANT, [eventId('a', 1)]));
    foodSub = await subscribe(food, { dest: rx.url('/food'), signatureToken: 'tok-food', stream: true });
    await subscribe(tea, { dest: rx.url('/tea'), stream: true });
    await pass();
    expect(rx.received).toEqual([]);
  });

  it('delivers a capture to stream subscribers: signed, in capture order, only what each owner may see', async () => {
    await captureFood(eventId('b', 1), eventId('b', 2), eventId('b', 3));
    // The city captures at the tea cooperative's farm: the cooperative's event, not the food company's.
    await capture(admin, doc(FARM, [eventId('c', 1)]));
    const summary = await pass();
    expect(summary.delivered).toBe(2);

    const [toFood, ...more] = rx.take('/food');
    expect(more).toEqual([]);
    expect(ids(toFood)).toEqual([eventId('b', 1), eventId('b', 2), eventId('b', 3)]);
    expect(toFood?.headers['gs1-signature']).toBe(
      createHmac('sha256', 'tok-food')
        .update(toFood?.raw ?? '')
        .digest('hex'),
    );
    expect(toFood?.headers['content-type']).toBe('application/ld+json');
    expectValid(validateQueryDocument, toFood?.body);
    expect(toFood?.body.epcisBody.queryResults).toMatchObject({ subscriptionID: foodSub.subscriptionID, queryName: 'feed' });

    const toTea = rx.take('/tea');
    expect(toTea.map(ids)).toEqual([[eventId('c', 1)]]);
    expect(toTea[0]?.headers).not.toHaveProperty('gs1-signature');
    expect((await state(food, foodSub)).lastNotifiedAt).toBeTruthy();
  });

  it('sends nothing twice: the next passes deliver nothing', async () => {
    await pass();
    await pass();
    expect(rx.received).toEqual([]);
  });

  it('splits a backlog into POSTs of at most the batch size, resuming inside a capture', async () => {
    const five = [1, 2, 3, 4, 5].map((n) => eventId('d', n));
    await captureFood(...five);
    await pass({ batchSize: 2 });
    expect(rx.take('/food').map(ids)).toEqual([five.slice(0, 2), five.slice(2, 4), five.slice(4)]);
    await pass({ batchSize: 2 });
    expect(rx.received).toEqual([]);
  });

  it('keeps the cursor on a failing receiver (500) and delivers after the backoff', async () => {
    rx.status['/food'] = 500;
    await captureFood(eventId('e', 1));
    const t0 = new Date(Date.now() + 60 * SECOND);
    expect((await pass({ now: t0 })).failed).toBe(1);
    expect(rx.take('/food').map(ids)).toEqual([[eventId('e', 1)]]);
    const failed = await state(food, foodSub);
    expect(failed).toMatchObject({ failedAttempts: 1, lastError: 'HTTP 500', lastErrorAt: t0.toISOString() });
    expect(failed.nextAttemptAt).toBe(new Date(t0.getTime() + backoffMs(1)).toISOString());

    // Within the backoff nothing is tried, even with new events.
    await captureFood(eventId('e', 2));
    await pass({ now: new Date(t0.getTime() + 30 * SECOND) });
    expect(rx.take('/food')).toEqual([]);

    rx.status['/food'] = 200;
    const t1 = new Date(t0.getTime() + backoffMs(1) + SECOND);
    await pass({ now: t1 });
    expect(rx.take('/food').map(ids)).toEqual([[eventId('e', 1), eventId('e', 2)]]);
    expect(await state(food, foodSub)).toMatchObject({ failedAttempts: 0, nextAttemptAt: null, lastNotifiedAt: t1.toISOString(), lastError: 'HTTP 500' });
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    expect(backoffMs(30)).toBe(3_600_000);
  });

  it('records a network error with its backoff', async () => {
    const dead = await subscribe(food, { dest: 'http://127.0.0.1:1/closed', stream: true });
    await captureFood(eventId('f', 1));
    await pass();
    expect(rx.take('/food').map(ids)).toEqual([[eventId('f', 1)]]);
    const s = await state(food, dead);
    expect(s.failedAttempts).toBe(1);
    expect(s.lastError).toMatch(/ECONNREFUSED|connect/);
    expect((await food.request({ method: 'DELETE', url: `${QUERY}/${dead.subscriptionID}` })).statusCode).toBe(204);
  });

  it('runs a scheduled subscription on its slot: reportIfEmpty, then what arrived since the previous run', async () => {
    const sched = await subscribe(food, { dest: rx.url('/sched'), schedule: { hour: '3' }, reportIfEmpty: true });
    const slot = new Date(sched.nextRunAt as string);
    // 03:00:00 Asia/Shanghai is 19:00:00 UTC the day before.
    expect(sched.nextRunAt).toMatch(/T19:00:00\.000Z$/);
    await pass({ now: new Date(slot.getTime() - SECOND) });
    expect(rx.take('/sched')).toEqual([]);

    await pass({ now: slot });
    const [empty, ...more] = rx.take('/sched');
    expect(more).toEqual([]);
    expect(ids(empty)).toEqual([]);
    expectValid(validateQueryDocument, empty?.body);

    await captureFood(eventId('g', 1));
    await pass({ now: new Date(slot.getTime() + SECOND) });
    expect(rx.take('/sched')).toEqual([]);
    const tomorrow = new Date(slot.getTime() + 86_400 * SECOND);
    expect((await state(food, sched)).nextRunAt).toBe(tomorrow.toISOString());
    await pass({ now: tomorrow });
    expect(rx.take('/sched').map(ids)).toEqual([[eventId('g', 1)]]);
  });

  it('delivers nothing to a deleted subscription', async () => {
    expect((await food.request({ method: 'DELETE', url: `${QUERY}/${foodSub.subscriptionID}` })).statusCode).toBe(204);
    await captureFood(eventId('h', 1));
    await pass();
    expect(rx.take('/food')).toEqual([]);
  });

  it('with initialRecordTime, the first delivery takes the events recorded since then, in capture order', async () => {
    const first = await food.get(`/epcis/events?EQ_eventID=${encodeURIComponent(eventId('b', 1))}`);
    const since = first.json().epcisBody.queryResults.resultsBody.eventList[0].recordTime as string;
    await subscribe(food, { dest: rx.url('/initial'), stream: true, initialRecordTime: since });
    await pass({ batchSize: 4 });
    const got = rx.take('/initial').flatMap(ids);
    expect(got).toEqual(foodEvents);
    expect(got).not.toContain(eventId('a', 1));
    expect(got).not.toContain(eventId('c', 1));
    await pass();
    expect(rx.take('/initial')).toEqual([]);
  });

  it('runs in the background once started: a capture wakes the loop (notifyCaptured), stop() ends it', async () => {
    const loop = new SubscriptionDispatcher({ db: t.app.db, allowPrivate: true, log: { error: () => {} }, pollMs: 3_600_000 });
    await subscribe(food, { dest: rx.url('/loop'), stream: true });
    loop.start();
    try {
      await captureFood(eventId('i', 1));
      await expect.poll(() => rx.received.filter((r) => r.path === '/loop').flatMap(ids), { timeout: 20_000, interval: 100 }).toEqual([eventId('i', 1)]);
    } finally {
      await loop.stop();
    }
  });

  it('delivers each event once when two dispatchers (two server processes) pass at the same moment', async () => {
    await subscribe(food, { dest: rx.url('/twice'), stream: true });
    const two = [eventId('z', 1), eventId('z', 2)];
    await captureFood(...two);
    await Promise.all([pass(), pass()]);
    expect(rx.take('/twice').map(ids)).toEqual([two]);
    await Promise.all([pass(), pass()]);
    expect(rx.take('/twice')).toEqual([]);
  });
});
