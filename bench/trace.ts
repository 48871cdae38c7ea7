/**
 * Benchmark: EPCIS capture throughput through the HTTP endpoint and backward+forward trace latency.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/zl_bench npx node bench/trace.ts [events=100000] [traces=1000]
 *
 * (Drops and recreates the `public` schema of DATABASE_URL's database; without DATABASE_URL it runs
 * on an in-memory PGlite.)
 *
 * Generator — a supply network shaped like the plan's food chains: farms commission raw lots
 * (ObjectEvent ADD), processors turn 2–4 raw lots into one product lot (TransformationEvent), product
 * lots are packed onto pallets (AggregationEvent), shipped by distributors and received by retailers
 * (ObjectEvent OBSERVE with source/destination). About 6 events per product lot. Documents of 1,000
 * events go to POST /epcis/capture one after another (the path an enterprise ERP takes).
 * Measured: capture events/s (median over documents), then trace latency (backward from random product
 * lots + forward from random raw lots) p50/p95/p99 through GET /api/v1/trace.
 */
import os from 'node:os';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { type DbHandle, openPglite, openPostgres } from '../server/platform/db.ts';
import { migrate } from '../server/platform/migrate.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/seed/demo.ts';

const targetEvents = Number(process.argv[2] ?? 100_000);
const traces = Number(process.argv[3] ?? 1000);
const DL = 'https://id.gs1.org';
const FARM = `${DL}/414/6970000001014`;
const PLANT = `${DL}/414/6970000000017`;
const STORE = `${DL}/414/6970000001021`;
const CTX = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

function* network(): Generator<Record<string, unknown>> {
  let id = 0;
  let time = Date.UTC(2025, 0, 1);
  const ev = (where: string) => {
    time += 1000;
    return {
      eventID: `urn:uuid:be000000-0000-4000-8000-${String(++id).padStart(12, '0')}`,
      eventTime: new Date(time).toISOString(),
      eventTimeZoneOffset: '+08:00',
      readPoint: { id: where },
      bizLocation: { id: where },
    };
  };
  for (let lot = 0; ; lot++) {
    const raws = Array.from({ length: 2 + (lot % 3) }, (_, k) => `${DL}/01/06970000000109/10/R${lot}-${k}`);
    for (const r of raws)
      yield { type: 'ObjectEvent', action: 'ADD', bizStep: 'commissioning', quantityList: [{ epcClass: r, quantity: 100, uom: 'KGM' }], ...ev(FARM) };
    const product = `${DL}/01/06970000000116/10/P${lot}`;
    yield {
      type: 'TransformationEvent',
      bizStep: 'commissioning',
      inputQuantityList: raws.map((r) => ({ epcClass: r, quantity: 100, uom: 'KGM' })),
      outputQuantityList: [{ epcClass: product, quantity: 1000, uom: 'LTR' }],
      ...ev(PLANT),
    };
    const pallet = `${DL}/00/0069700${String(lot).padStart(10, '0')}`;
    yield {
      type: 'AggregationEvent',
      action: 'ADD',
      bizStep: 'packing',
      parentID: pallet,
      childQuantityList: [{ epcClass: product, quantity: 1000, uom: 'LTR' }],
      ...ev(PLANT),
    };
    yield {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'shipping',
      epcList: [pallet],
      ...ev(PLANT),
      destinationList: [{ type: 'location', destination: STORE }],
    };
    yield { type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'receiving', epcList: [pallet], ...ev(STORE) };
  }
}

async function measure(label: string, handle: DbHandle): Promise<string> {
  await migrate(handle.db);
  await seedDemo(handle.db);
  const app = await buildApp({ database: handle, logLevel: 'silent', webDist: null, rateLimits: { loginPerMinute: 1000, publicPerMinute: 1_000_000 } });
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
  const headers = {
    cookie: `zl_sid=${login.cookies.find((c) => c.name === 'zl_sid')?.value}`,
    'x-zhiliang-client': 'bench',
    'content-type': 'application/ld+json',
  };
  const perDoc: number[] = [];
  const gen = network();
  let sent = 0;
  const t0 = performance.now();
  while (sent < targetEvents) {
    const events = Array.from({ length: Math.min(1000, targetEvents - sent) }, () => gen.next().value as Record<string, unknown>);
    const doc = { '@context': CTX, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(), epcisBody: { eventList: events } };
    const s = performance.now();
    const res = await app.inject({ method: 'POST', url: '/epcis/capture', headers, payload: JSON.stringify(doc) });
    if (res.statusCode !== 202) throw new Error(`capture failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
    perDoc.push(events.length / ((performance.now() - s) / 1000));
    sent += events.length;
  }
  const totalS = (performance.now() - t0) / 1000;
  const lots = Math.floor(sent / 6);
  const latencies: number[] = [];
  for (let i = 0; i < traces; i++) {
    const lot = Math.floor(Math.random() * lots);
    const backward = `${DL}/01/06970000000116/10/P${lot}`;
    const forward = `${DL}/01/06970000000109/10/R${lot}-0`;
    for (const [code, direction] of [
      [backward, 'backward'],
      [forward, 'forward'],
    ]) {
      const s = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/v1/trace?code=${encodeURIComponent(code ?? '')}&direction=${direction}`, headers });
      if (res.statusCode !== 200) throw new Error(`trace failed: ${res.body}`);
      latencies.push(performance.now() - s);
    }
  }
  const counts = await sql<{
    events: number;
    ids: number;
  }>`select (select count(*) from trace_event)::int as events, (select count(*) from trace_event_identifier)::int as ids`.execute(handle.db);
  await app.close();
  const c = counts.rows[0];
  return `| ${label} | ${c?.events} | ${c?.ids} | ${totalS.toFixed(1)} | ${Math.round(pct(perDoc, 50))} | ${Math.round(sent / totalS)} | ${pct(latencies, 50).toFixed(1)} | ${pct(latencies, 95).toFixed(1)} | ${pct(latencies, 99).toFixed(1)} |`;
}

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; events ${targetEvents}, traces ${traces} × 2`,
);
console.log(
  '| database | events | identifier rows | capture total (s) | capture median (events/s per 1,000-event document) | overall events/s | trace p50 (ms) | p95 | p99 |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
if (process.env.DATABASE_URL) {
  const pg = openPostgres(process.env.DATABASE_URL, 4);
  await sql`drop schema public cascade`.execute(pg.db);
  await sql`create schema public`.execute(pg.db);
  console.log(await measure('PostgreSQL 15 (loopback)', pg));
  await pg.close();
} else {
  const lite = await openPglite({ dataDir: null });
  console.log(await measure('PGlite 0.5.14 (memory)', lite));
  await lite.close();
}
