import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { binding, expectProblem, expectValid, problemSchema } from '../test-binding.ts';

/**
 * What the subscription tests share: the binding's own schemas (as named-query.test.ts uses them), a local webhook
 * receiver, and EPCIS documents to capture.
 */

const SUBS = '/paths/~1queries~1{queryName}~1subscriptions';
export const validateCreated = binding(`${SUBS}/post/responses/201/content/application~1json/schema`);
export const validateList = binding(`${SUBS}/get/responses/200/content/application~1json/schema`);
export const validateOne = binding(`${SUBS}~1{subscriptionID}/get/responses/200/content/application~1json/schema`);
export const validateQueryDocument = binding('/components/responses/200EPCISQueryDocument/content/application~1json/schema');
export const PROBLEM_404 = problemSchema('404ResourceNotFound');
// 400SubscriptionIssues is given for application/json only (the binding's own slip): its schema is the same.
export const PROBLEM_400_SUBSCRIPTION = problemSchema('400SubscriptionIssues', 'application/json');
export { expectProblem, expectValid };

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  body: { epcisBody: { queryResults: { subscriptionID: string; queryName: string; resultsBody: { eventList: { eventID: string }[] } } } };
}

/** A webhook receiver on 127.0.0.1: records every POST; answers `status[path]` (default 200). */
export async function startReceiver() {
  const received: Received[] = [];
  const status: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, raw, body: JSON.parse(raw.toString('utf8')) });
      res.statusCode = status[path] ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // a TCP server's address is an AddressInfo
  return {
    url: (p: string) => `http://127.0.0.1:${port}${p}`,
    received,
    status,
    /** What arrived at a path since the last take. */
    take(p: string): Received[] {
      const mine = received.filter((r) => r.path === p);
      for (const r of mine) received.splice(received.indexOf(r), 1);
      return mine;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const CTX = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];
const DL = 'https://id.gs1.org';
export const FARM = `${DL}/414/6970000001014`; // 安吉示范茶叶合作社 93330523MA2C0D1E2Q
export const PLANT = `${DL}/414/6970000000017`; // 湖州示范食品 91330502MA2B3C4D58
export const STEP = 'https://zhiliang.example/bizstep/subscription';
export const eventId = (prefix: string, n: number) => `urn:uuid:5b5c0000-0000-4000-8000-${prefix}${String(n).padStart(12 - prefix.length, '0')}`;

/** An EPCISDocument of ObjectEvents with STEP at `where`, one per eventID. */
export function doc(where: string, ids: string[]) {
  return {
    '@context': CTX,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-11-29T00:00:00Z',
    epcisBody: {
      eventList: ids.map((id, i) => ({
        type: 'ObjectEvent',
        action: 'OBSERVE',
        bizStep: STEP,
        eventID: id,
        eventTime: `2026-11-2${i % 9}T08:00:00+08:00`,
        eventTimeZoneOffset: '+08:00',
        epcList: [`${DL}/01/06970000000109/21/S${id.slice(-8)}`],
        readPoint: { id: where },
        bizLocation: { id: where },
      })),
    },
  };
}
