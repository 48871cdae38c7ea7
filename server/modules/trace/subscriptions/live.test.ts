import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEMO_API_KEY } from '../../../seed/trace-demo.ts';
import { buildTestApp, type Client, type TestApp } from '../../../test-support/app.ts';
import { DB_KINDS } from '../../../test-support/db.ts';
import { loginTeaCoop } from '../test-enterprises.ts';
import { doc, eventId, expectProblem, expectValid, FARM, PLANT, STEP, validateQueryDocument } from './test-support.ts';

/**
 * EPCIS WebSocket subscriptions (subscriptions/live.ts): GET /epcis/queries/{name}/events with Upgrade: websocket.
 * Passes are run by the test (passOnce with its own clock). Covers: the stream starts at the head and carries what the
 * subscriber may see, in capture order, nothing twice; initialRecordTime; a schedule with reportIfEmpty; the refusals
 * before the upgrade (no login, no query, bad controls, a cross-site browser); closing and stopping.
 */

type Document = { epcisBody: { queryResults: { subscriptionID: string; queryName: string; resultsBody: { eventList: { eventID: string }[] } } } };

interface Socket {
  ws: WebSocket;
  messages: Document[];
  closed: Promise<number>;
}

const BEARER = { authorization: `Bearer ${DEMO_API_KEY}` };

describe.each(DB_KINDS)('EPCIS WebSocket subscriptions on %s', (kind) => {
  let t: TestApp;
  let food: Client;
  let tea: Client;
  const opened: Socket[] = [];
  let port = 0;
  const url = (path: string) => `ws://127.0.0.1:${port}${path}`;

  // A real socket on a listening server: the upgrade path (hooks, then 101) is what clients meet.
  const connect = async (query: string, headers: Record<string, string> = BEARER): Promise<Socket> => {
    const messages: Document[] = [];
    const before = t.app.liveSubscriptions.size;
    const ws = new WebSocket(url(`/epcis/queries/live/events?${query}`), { headers });
    const closed = new Promise<number>((resolve) => ws.on('close', (code: number) => resolve(code)));
    ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8'))));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    const socket = { ws, messages, closed };
    opened.push(socket);
    // The server registers the subscription just after the upgrade (it reads the query and the feed's head first).
    await expect.poll(() => t.app.liveSubscriptions.size, { timeout: 5000, interval: 20 }).toBe(before + 1);
    return socket;
  };
  /** An upgrade the server refuses: its HTTP status and problem body. */
  const refusal = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; body: { type: string; error: { code: string; details?: { field: string }[] } } }>((resolve, reject) => {
      const ws = new WebSocket(url(path), { headers });
      ws.once('open', () => reject(new Error(`${path} was upgraded`)));
      ws.once('unexpected-response', (_req, res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
    });
  /** Runs a pass and waits until the socket has `count` documents (frames arrive asynchronously). */
  const passAndRead = async (socket: Socket, count: number, now?: Date) => {
    await t.app.liveSubscriptions.passOnce(now);
    await expect.poll(() => socket.messages.length, { timeout: 5000, interval: 20 }).toBe(count);
    return socket.messages.at(-1);
  };
  const ids = (d: Document | undefined) => (d?.epcisBody.queryResults.resultsBody.eventList ?? []).map((e) => e.eventID);
  const capture = async (c: Client, body: object) => {
    const res = await c.request({ method: 'POST', url: '/epcis/capture', payload: body });
    expect(res.statusCode, res.body).toBe(202);
  };

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const admin = await t.login('admin');
    food = await t.login('enterprise1');
    tea = await loginTeaCoop(t, admin);
    expect((await admin.post('/epcis/queries', { name: 'live', query: { EQ_bizStep: [STEP] } })).statusCode).toBe(201);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port; // a TCP listener's address
  });
  afterAll(async () => {
    for (const s of opened) s.ws.terminate();
    await t.close();
  });

  it('streams, from the head on, the matching events the subscriber may see, in capture order and once each', async () => {
    await capture(food, doc(PLANT, [eventId('a', 1)])); // before the subscription: not sent
    const socket = await connect('stream=true');
    await capture(food, doc(PLANT, [eventId('a', 2), eventId('a', 3)]));
    await capture(tea, doc(FARM, [eventId('a', 4)])); // the tea cooperative's: not enterprise1's to see
    const first = await passAndRead(socket, 1);
    expectValid(validateQueryDocument, first);
    expect(first?.epcisBody.queryResults.queryName).toBe('live');
    expect(first?.epcisBody.queryResults.subscriptionID).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids(first)).toEqual([eventId('a', 2), eventId('a', 3)]);

    // Nothing new: nothing sent. A new capture: only it.
    expect(await t.app.liveSubscriptions.passOnce()).toBe(0);
    await capture(food, doc(PLANT, [eventId('a', 5)]));
    expect(ids(await passAndRead(socket, 2))).toEqual([eventId('a', 5)]);
  });

  it('with initialRecordTime, first sends what was recorded since then', async () => {
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const socket = await connect(`stream=true&initialRecordTime=${encodeURIComponent(since)}`, { ...BEARER });
    expect(ids(await passAndRead(socket, 1))).toEqual([eventId('a', 1), eventId('a', 2), eventId('a', 3), eventId('a', 5)]);
  });

  it('sends at its scheduled slots (Asia/Shanghai), an empty document when nothing matched and reportIfEmpty is set', async () => {
    const socket = await connect('minute=0&reportIfEmpty=true', { ...BEARER });
    // Before its first slot: nothing.
    expect(await t.app.liveSubscriptions.passOnce(new Date())).toBe(0);
    // At the next full hour or later: an empty report (nothing captured since it opened).
    const later = new Date(Date.now() + 3_600_000);
    const report = await passAndRead(socket, 1, later);
    expectValid(validateQueryDocument, report);
    expect(ids(report)).toEqual([]);
    // The same slot again: nothing more.
    expect(await t.app.liveSubscriptions.passOnce(later)).toBe(0);
    await capture(food, doc(PLANT, [eventId('a', 6)]));
    expect(ids(await passAndRead(socket, 2, new Date(Date.now() + 2 * 3_600_000)))).toEqual([eventId('a', 6)]);
  });

  it('refuses the upgrade with a problem answer: no login, no such query, wrong controls, a cross-site browser', async () => {
    expect((await refusal('/epcis/queries/live/events?stream=true', {})).status).toBe(401);
    const missing = await refusal('/epcis/queries/nothing/events?stream=true', BEARER);
    expect([missing.status, missing.body.type]).toEqual([404, 'epcisException:NoSuchNameException']);
    const wrong: [string, string, string][] = [
      ['stream=false', 'epcisException:SubscriptionControlsException', 'querystring.stream'],
      ['stream=true&hour=3', 'epcisException:SubscriptionControlsException', 'querystring.stream'],
      ['', 'epcisException:SubscriptionControlsException', 'querystring.stream'],
      ['hour=25', 'epcisException:SubscriptionControlsException', 'querystring.schedule.hour'],
      ['stream=yes', 'epcisException:SubscriptionControlsException', 'querystring.stream'],
      ['stream=true&perPage=3', 'epcisException:QueryParameterException', 'query.perPage'],
    ];
    for (const [query, type, field] of wrong) {
      const res = await refusal(`/epcis/queries/live/events?${query}`, BEARER);
      expect([res.status, res.body.type, res.body.error.details?.[0]?.field], query).toEqual([400, type, field]);
    }
    const crossSite = await refusal('/epcis/queries/live/events?stream=true', { cookie: food.cookie ?? '', origin: 'https://evil.example' });
    expect([crossSite.status, crossSite.body.error.code]).toEqual([403, 'CSRF_REJECTED']);
    // A plain GET with a subscription control: the binding's parameters mean something only with the upgrade.
    const plain = await food.get('/epcis/queries/live/events?stream=true');
    const body = expectProblem(plain, 400, 'epcisException:QueryParameterException');
    expect(body.error.code).toBe('EPCIS_SUBSCRIPTION_NEEDS_WEBSOCKET');
  });

  it('takes a browser session from the platform’s own origin, forgets a closed socket, and closes the rest when the server stops', async () => {
    const before = t.app.liveSubscriptions.size;
    const socket = await connect('stream=true', { cookie: food.cookie ?? '', origin: `http://127.0.0.1:${port}` });
    socket.ws.close();
    await socket.closed;
    await expect.poll(() => t.app.liveSubscriptions.size, { timeout: 5000, interval: 20 }).toBe(before);
    const open = opened.filter((s) => s.ws.readyState === 1);
    await t.app.liveSubscriptions.stop();
    expect(await Promise.all(open.map((s) => s.closed))).toEqual(open.map(() => 1001));
    expect(t.app.liveSubscriptions.size).toBe(0);
  });
});
