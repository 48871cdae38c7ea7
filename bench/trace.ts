/**
 * Benchmark: EPCIS capture throughput through the HTTP endpoint, against a raw COPY of the same rows,
 * and backward+forward trace latency at scale.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/zl_bench npx node bench/trace.ts [events=1000000] [traces=1000] [concurrency=2]
 *
 * Drops and recreates the `public` schema of DATABASE_URL's database (never point it at real data);
 * without DATABASE_URL it runs on an in-memory PGlite (then no COPY comparison).
 * BENCH_PHASES=copy,trace skips the load and measures the data already there (a quiet re-run of the
 * read side after a long load); the default is load,copy,trace. BENCH_CLIENT=worker sends the documents
 * from a worker thread (bench/trace-client.ts) instead of the server's own JavaScript thread.
 *
 * 1. Migrates, loads the platform demo seed, registers the generator's 640 locations (bench/trace-network.ts).
 * 2. Captures `events` events as 1,000-event EPCISDocuments through POST /epcis/capture over real HTTP
 *    (the app listening on a loopback port; `concurrency` documents in flight, as an ERP with a few
 *    upload workers would send them), logged in as city_admin (data migration) — validation, location
 *    placement, audit (content hashes only for repeated eventIDs since migration 0018), one transaction per document, as in production.
 * 3. Raw COPY: the first min(events, 1,000,000) events with their key and identifier rows are copied out
 *    (binary) and COPYed into indexed copies of the tables — the floor any capture path is compared to.
 * 4. Trace: `traces` random product lots backward and `traces` random raw lots forward through
 *    GET /api/v1/trace; p50/p95/p99. EXPLAIN (ANALYZE, BUFFERS) of the trace statements for one lot go to
 *    bench/results/trace-plans.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { eventIdsStatement, eventKeysStatement, reachStatement } from '../server/modules/trace/trace-service.ts';
import { type DbHandle, openPglite, openPostgres } from '../server/platform/db.ts';
import { migrate } from '../server/platform/migrate.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/seed/demo.ts';
import { type CaptureSpec, captureInWorker, captureThroughHttp } from './trace-client.ts';
import { benchLocations } from './trace-network.ts';

const targetEvents = Number(process.argv[2] ?? 1_000_000);
const traces = Number(process.argv[3] ?? 1000);
const concurrency = Number(process.argv[4] ?? 2);
// BENCH_CLIENT=worker sends the documents from a worker thread (an ERP is not in the server's process: the
// server's JavaScript thread then only serves); the default sends them from the server's own thread.
const CLIENT = process.env.BENCH_CLIENT === 'worker' ? 'worker' : 'same thread';
const PHASES = new Set((process.env.BENCH_PHASES ?? 'load,copy,trace').split(','));
const PLANS_FILE = path.join(import.meta.dirname, 'results', 'trace-plans.md');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const log = (...args: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...args);

async function registerLocations(handle: DbHandle) {
  const townships = (await handle.db.selectFrom('platform_region').select('code').where('level', '=', 'township').orderBy('code').execute()).map((r) => r.code);
  const locations = benchLocations(townships);
  await handle.db
    .insertInto('trace_location')
    .values(
      locations.map((l) => ({
        identifier: l.identifier,
        gln: l.gln,
        name: l.name,
        enterprise_credit_code: l.creditCode,
        enterprise_name: l.name,
        region_code: l.regionCode,
      })),
    )
    .execute();
  return locations;
}

/** COPY of the first `n` events' rows (events, keys, identifiers) into indexed copies of the tables: the floor. */
async function rawCopy(handle: DbHandle, n: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-copy-'));
  fs.chmodSync(dir, 0o777);
  const db = handle.db;
  await sql`drop schema if exists bench_copy cascade`.execute(db);
  await sql`create schema bench_copy`.execute(db);
  for (const t of ['trace_event', 'trace_event_key', 'trace_event_identifier'])
    await sql.raw(`create table bench_copy.${t} (like public.${t} including all)`).execute(db);
  const limit = await sql<{ id: string }>`select max(id)::text as id from (select id from trace_event order by id limit ${n}) s`.execute(db);
  const maxId = limit.rows[0]?.id ?? '0';
  const sources = {
    trace_event: `select * from public.trace_event where id <= ${maxId}`,
    trace_event_key: `select * from public.trace_event_key where event_pk <= ${maxId}`,
    trace_event_identifier: `select * from public.trace_event_identifier where event_pk <= ${maxId}`,
  };
  let ms = 0;
  const rows: Record<string, number> = {};
  for (const [table, query] of Object.entries(sources)) {
    const file = path.join(dir, `${table}.bin`);
    await sql.raw(`copy (${query}) to '${file}' (format binary)`).execute(db);
    const s = performance.now();
    await sql.raw(`copy bench_copy.${table} from '${file}' (format binary)`).execute(db);
    ms += performance.now() - s;
    rows[table] = (await sql.raw<{ n: number }>(`select count(*)::int as n from bench_copy.${table}`).execute(db)).rows[0]?.n ?? 0;
    fs.rmSync(file);
  }
  await sql`drop schema bench_copy cascade`.execute(db);
  fs.rmSync(dir, { recursive: true });
  return { events: rows.trace_event ?? 0, rows, seconds: ms / 1000, perSecond: (rows.trace_event ?? 0) / (ms / 1000) };
}

async function sampleCodes(handle: DbHandle, role: string, n: number): Promise<string[]> {
  const r = await sql<{ identifier: string }>`
    select identifier from trace_event_identifier where role = ${role} order by random() limit ${n}`.execute(handle.db);
  return r.rows.map((x) => x.identifier);
}

/** EXPLAIN (ANALYZE, BUFFERS) of the trace service's own three statements for one backward trace. */
async function explainTrace(handle: DbHandle, product: string): Promise<string> {
  const plans: string[] = [];
  const explain = async (title: string, statement: { compile: (db: DbHandle['db']) => CompiledQuery }) => {
    const compiled = statement.compile(handle.db);
    const r = await handle.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]));
    plans.push(`### ${title}\n\n\`\`\`\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}\n\`\`\`\n`);
  };
  const reach = reachStatement(product, 'backward');
  await explain(`Backward walk from ${product} (recursive CTE over trace_event_identifier)`, reach);
  const codes = (await reach.execute(handle.db)).rows.map((r) => r.identifier);
  await explain('Events naming the reached codes (identifier → event key)', eventKeysStatement(codes));
  const keys = (await eventKeysStatement(codes).execute(handle.db)).rows;
  await explain('Their eventIDs (partitioned trace_event, pruned by event time)', eventIdsStatement(keys));
  return plans.join('\n');
}

async function traceLatency(baseUrl: string, headers: Record<string, string>, handle: DbHandle) {
  const products = await sampleCodes(handle, 'outputQuantity', traces);
  const raws = await sampleCodes(handle, 'inputQuantity', traces);
  const latencies: number[] = [];
  for (const [codes, direction] of [
    [products, 'backward'],
    [raws, 'forward'],
  ] as const) {
    for (const code of codes) {
      const s = performance.now();
      const res = await fetch(`${baseUrl}/api/v1/trace?code=${encodeURIComponent(code)}&direction=${direction}`, { headers });
      const body = (await res.json()) as { codes?: string[] };
      if (res.status !== 200 || !body.codes || body.codes.length < 2) throw new Error(`trace failed for ${code}: ${JSON.stringify(body).slice(0, 300)}`);
      latencies.push(performance.now() - s);
    }
  }
  return { n: latencies.length, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), sample: products[0] ?? '' };
}

async function measure(label: string, handle: DbHandle, postgres: boolean): Promise<string> {
  const load = PHASES.has('load');
  if (load) {
    await migrate(handle.db);
    await seedDemo(handle.db);
  }
  const locations = load ? await registerLocations(handle) : [];
  const app = await buildApp({ database: handle, logLevel: 'silent', webDist: null, rateLimits: { loginPerMinute: 1000, publicPerMinute: 1_000_000 } });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${address}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-zhiliang-client': 'bench', origin: address },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  const sid = /zl_sid=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (!sid) throw new Error(`login failed: ${login.status}`);
  const headers = { cookie: `zl_sid=${sid}`, 'x-zhiliang-client': 'bench', origin: address, 'content-type': 'application/ld+json' };
  let cap: Awaited<ReturnType<typeof captureThroughHttp>> | null = null;
  if (load) {
    log(`${label}: capturing ${targetEvents} events, ${concurrency} documents in flight, client in the ${CLIENT}`);
    const spec: CaptureSpec = { baseUrl: address, headers, locations, targetEvents, concurrency };
    cap = CLIENT === 'worker' ? await captureInWorker(spec) : await captureThroughHttp(spec);
    log(`captured in ${cap.totalS.toFixed(1)} s; analyze`);
    await sql`analyze`.execute(handle.db);
  }
  const counts = (
    await sql<{ events: number; ids: number; size: string }>`
      select (select count(*) from trace_event)::int as events, (select count(*) from trace_event_identifier)::int as ids,
        pg_size_pretty(pg_database_size(current_database())) as size`.execute(handle.db)
  ).rows[0];
  let copy: Awaited<ReturnType<typeof rawCopy>> | null = null;
  if (postgres && PHASES.has('copy')) {
    log('raw COPY comparison');
    copy = await rawCopy(handle, Math.min(counts?.events ?? 0, 1_000_000));
  }
  let lat: Awaited<ReturnType<typeof traceLatency>> | null = null;
  if (PHASES.has('trace')) {
    log('trace latency');
    lat = await traceLatency(address, headers, handle);
    const plans = await explainTrace(handle, lat.sample);
    fs.writeFileSync(
      PLANS_FILE,
      `# Trace query plans (${label}, ${counts?.events.toLocaleString('en')} events, ${counts?.ids.toLocaleString('en')} identifier rows)\n\nWritten by bench/trace.ts on ${new Date().toISOString().slice(0, 10)}.\n\n${plans}`,
    );
  }
  await app.close();
  const na = '–';
  const copyCols = copy
    ? `${copy.events.toLocaleString('en')} events + ${(copy.rows.trace_event_identifier ?? 0).toLocaleString('en')} identifier rows in ${copy.seconds.toFixed(1)} s = ${Math.round(copy.perSecond).toLocaleString('en')} events/s | ${cap ? (cap.overall / copy.perSecond).toFixed(2) : na}`
    : `${na} | ${na}`;
  const capCols = cap
    ? `${cap.totalS.toFixed(0)} | ${Math.round(cap.overall).toLocaleString('en')} | ${Math.round(cap.median).toLocaleString('en')} | ${Math.round(cap.lastTenth).toLocaleString('en')}`
    : `${na} | ${na} | ${na} | ${na}`;
  const latCols = lat ? `${lat.n} | ${lat.p50.toFixed(1)} | ${lat.p95.toFixed(1)} | ${lat.p99.toFixed(1)}` : `${na} | ${na} | ${na} | ${na}`;
  return `| ${label} | ${counts?.events.toLocaleString('en')} | ${counts?.ids.toLocaleString('en')} | ${counts?.size} | ${concurrency} | ${capCols} | ${copyCols} | ${latCols} |`;
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(
  '| database | events | identifier rows | database size | documents in flight | capture total (s) | capture events/s (overall) | median per document | last 10 % of the load | raw COPY of the same rows | capture ÷ COPY | traces | p50 (ms) | p95 | p99 |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
if (process.env.DATABASE_URL) {
  const pg = openPostgres(process.env.DATABASE_URL, 8);
  if (PHASES.has('load')) {
    await sql`drop schema public cascade`.execute(pg.db);
    await sql`create schema public`.execute(pg.db);
  }
  const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(pg.db)).rows[0]?.v;
  console.log(await measure(`PostgreSQL ${version} (loopback)`, pg, true));
  await pg.close();
} else {
  const lite = await openPglite({ dataDir: null });
  console.log(await measure('PGlite 0.5.14 (memory)', lite, false));
  await lite.close();
}
