/**
 * Benchmark: audit trail append (one transaction per append, the path every API write takes) and
 * full-chain verification, on embedded PGlite and on PostgreSQL (when DATABASE_URL is set).
 *
 *   npx node bench/audit-chain.ts [rows=100000] [appends=1000]
 *
 * Generator: rows are a valid chain built in JS (the same hash as appendAudit) and bulk-inserted
 * with unnest() in 5,000-row batches; then `appends` more rows go through appendAudit one by one.
 * Prints a Markdown table row per database; results are kept in bench/results/audit-chain.md.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import { appendAudit, chainHash, GENESIS_HASH, verifyAuditChain } from '../server/platform/audit.ts';
import { type DbHandle, openPglite, openPostgres } from '../server/platform/db.ts';
import { migrate } from '../server/platform/migrate.ts';

const rows = Number(process.argv[2] ?? 100_000);
const appends = Number(process.argv[3] ?? 1000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function generate(handle: DbHandle): Promise<void> {
  let prev = GENESIS_HASH;
  const t0 = Date.now() - rows * 1000;
  for (let start = 1; start <= rows; start += 5000) {
    const batch: (Parameters<typeof chainHash>[1] & { prev: string; hash: string })[] = [];
    for (let seq = start; seq < Math.min(start + 5000, rows + 1); seq++) {
      const c = {
        seq,
        occurredAt: new Date(t0 + seq * 1000).toISOString(),
        actorId: null,
        actorUsername: `user${seq % 50}`,
        actorRole: 'county_officer',
        ip: '127.0.0.1',
        userAgent: 'bench',
        requestId: randomUUID(),
        action: 'user.update',
        entityType: 'user',
        entityId: String(seq % 997),
        regionCode: '330502',
        before: { displayName: `old ${seq}` },
        after: { displayName: `new ${seq}` },
      };
      const hash = chainHash(prev, c);
      batch.push({ ...c, prev, hash });
      prev = hash;
    }
    const col = <K extends keyof (typeof batch)[number]>(k: K) => batch.map((b) => b[k]);
    await sql`insert into platform_audit (seq, occurred_at, actor_username, actor_role, ip, user_agent, request_id, action, entity_type, entity_id, region_code, before, after, prev_hash, hash)
      select * from unnest(${col('seq')}::bigint[], ${col('occurredAt')}::timestamptz[], ${col('actorUsername')}::text[], ${col('actorRole')}::text[], ${col('ip')}::text[],
        ${col('userAgent')}::text[], ${col('requestId')}::text[], ${col('action')}::text[], ${col('entityType')}::text[], ${col('entityId')}::text[], ${col('regionCode')}::text[],
        ${batch.map((b) => JSON.stringify(b.before))}::jsonb[], ${batch.map((b) => JSON.stringify(b.after))}::jsonb[], ${col('prev')}::text[], ${col('hash')}::text[])`.execute(
      handle.db,
    );
  }
  await handle.db.insertInto('platform_audit_head').values({ id: true, seq: rows, hash: prev }).execute();
}

async function measure(kind: string, handle: DbHandle): Promise<string> {
  await migrate(handle.db);
  const g0 = performance.now();
  await generate(handle);
  const generateMs = performance.now() - g0;
  const appendTimes: number[] = [];
  const ctx = { actorId: null, actorUsername: 'bench', actorRole: 'city_admin', ip: '127.0.0.1', userAgent: 'bench', requestId: null };
  for (let i = 0; i < appends; i++) {
    const t = performance.now();
    await handle.db.transaction().execute((trx) => appendAudit(trx, ctx, { action: 'user.update', entityType: 'user', entityId: String(i), after: { n: i } }));
    appendTimes.push(performance.now() - t);
  }
  const verifyTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const v = await verifyAuditChain(handle.db);
    verifyTimes.push(performance.now() - t);
    if (!v.ok || v.checked !== rows + appends) throw new Error(`verify failed: ${JSON.stringify(v)}`);
  }
  const verifyMs = median(verifyTimes);
  return `| ${kind} | ${rows + appends} | ${(generateMs / 1000).toFixed(1)} | ${median(appendTimes).toFixed(2)} | ${(appends / (appendTimes.reduce((a, b) => a + b, 0) / 1000)).toFixed(0)} | ${(verifyMs / 1000).toFixed(2)} | ${Math.round((rows + appends) / (verifyMs / 1000))} |`;
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log('| database | chain rows | generate (s) | append median (ms) | appends/s | verify median of 3 (s) | rows verified/s |');
console.log('|---|---|---|---|---|---|---|');
const pglite = await openPglite({ dataDir: `${os.tmpdir()}/zl-bench-${Date.now()}` });
console.log(await measure('PGlite 0.5.14 (nodefs)', pglite));
await pglite.close();
if (process.env.DATABASE_URL) {
  const pg = openPostgres(process.env.DATABASE_URL, 4);
  await sql`drop schema if exists public cascade; create schema public`.execute(pg.db);
  console.log(await measure('PostgreSQL 15 (loopback)', pg));
  await sql`drop schema public cascade; create schema public`.execute(pg.db);
  await pg.close();
}
