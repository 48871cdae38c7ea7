/**
 * The capture client of bench/trace.ts: generates the supply network's events (bench/trace-network.ts) as
 * 1,000-event EPCISDocuments and POSTs them to /epcis/capture with `concurrency` documents in flight.
 * `captureThroughHttp` runs in the caller's thread; `captureInWorker` runs the same code in a worker thread, so
 * that the server's JavaScript thread does not also build and send the documents (an ERP uploads from its own
 * machine). This file is also the worker's entry point.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type BenchLocation, supplyNetwork } from './trace-network.ts';

const DOC_SIZE = 1000;
// Up to this many events the documents are built before the clock starts (they are held in memory).
const PREGENERATE = 2_000_000;
const CTX = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];

export interface CaptureSpec {
  baseUrl: string;
  headers: Record<string, string>;
  locations: BenchLocation[];
  targetEvents: number;
  concurrency: number;
}

export interface CaptureResult {
  totalS: number;
  overall: number;
  /** Median events/s of one document's round trip. */
  median: number;
  /** Events/s over the last 10 % of the load. */
  lastTenth: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const log = (...args: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...args);

export async function captureThroughHttp(spec: CaptureSpec): Promise<CaptureResult> {
  const { baseUrl, headers, locations, targetEvents, concurrency } = spec;
  const gen = supplyNetwork(locations, { totalEvents: targetEvents });
  const perDoc: number[] = [];
  let sent = 0;
  let done = 0;
  let mark = null as { at: number; done: number } | null;
  function buildDoc() {
    if (sent >= targetEvents) return null;
    const n = Math.min(DOC_SIZE, targetEvents - sent);
    sent += n;
    const events = Array.from({ length: n }, () => gen.next().value as Record<string, unknown>);
    const body = JSON.stringify({
      '@context': CTX,
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: new Date().toISOString(),
      epcisBody: { eventList: events },
    });
    return { n, body };
  }
  // Beyond PREGENERATE the documents are built on the fly (memory), which charges the generator to the capture.
  const pregenerated: { n: number; body: string }[] = [];
  if (targetEvents <= PREGENERATE) for (let doc = buildDoc(); doc; doc = buildDoc()) pregenerated.push(doc);
  const nextDoc = targetEvents <= PREGENERATE ? () => pregenerated.shift() ?? null : buildDoc;
  const t0 = performance.now();
  let reported = 0;
  const sender = async () => {
    for (let doc = nextDoc(); doc; doc = nextDoc()) {
      const s = performance.now();
      const res = await fetch(`${baseUrl}/epcis/capture`, { method: 'POST', headers, body: doc.body });
      const text = await res.text();
      if (res.status !== 202) throw new Error(`capture failed: ${res.status} ${text.slice(0, 300)}`);
      perDoc.push(doc.n / ((performance.now() - s) / 1000));
      done += doc.n;
      if (!mark && done >= targetEvents * 0.9) mark = { at: performance.now(), done };
      if (done - reported >= 500_000) {
        reported = done;
        log(`captured ${done} events, ${Math.round(done / ((performance.now() - t0) / 1000))} events/s so far`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  const end = performance.now();
  const totalS = (end - t0) / 1000;
  const lastTenth = mark && end > mark.at ? (done - mark.done) / ((end - mark.at) / 1000) : 0;
  return { totalS, overall: done / totalS, median: median(perDoc), lastTenth };
}

/** captureThroughHttp in a worker thread; rejects with the worker's error. */
export function captureInWorker(spec: CaptureSpec): Promise<CaptureResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: spec });
    worker.once('message', (m: { ok: true; result: CaptureResult } | { ok: false; error: string }) => (m.ok ? resolve(m.result) : reject(new Error(m.error))));
    worker.once('error', reject);
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  captureThroughHttp(workerData as CaptureSpec).then(
    (result) => port.postMessage({ ok: true, result }),
    (err: unknown) => port.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
}
