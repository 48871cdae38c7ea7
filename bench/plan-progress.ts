/**
 * Benchmark: the plan module's read and write paths through the real API (app.inject), on embedded
 * PGlite and on PostgreSQL (when DATABASE_URL is set).
 *
 *   npx node bench/plan-progress.ts [extraPlans=20] [iterations=30]
 *
 * Generator: the demo data (server/seed/demo.ts: 44 indicators × 6 regions × 2020–2025) plus
 * `extraPlans` copies of the 44-indicator plan, each with a full set of approved yearly values for the
 * six regions (44 × 6 × 6 = 1,584 rows per plan), bulk-inserted with unnest — the history a bureau
 * accumulates over several plans and the noise every query on the current plan must skip.
 * Measured (median of `iterations`): the dashboard (progress of 44 indicators × 6 regions, heat map,
 * queues), the public indicator page, one county value saved → submitted → approved (three requests),
 * and freezing an evaluation (snapshot of every indicator and region).
 */
import os from 'node:os';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { type DbHandle, openPglite, openPostgres } from '../server/platform/db.ts';
import { migrate } from '../server/platform/migrate.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/seed/demo.ts';

const extraPlans = Number(process.argv[2] ?? 20);
const iterations = Number(process.argv[3] ?? 30);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function generate(handle: DbHandle): Promise<number> {
  await migrate(handle.db);
  await seedDemo(handle.db);
  const source = await handle.db.selectFrom('plan_indicator').selectAll().where('plan_id', '=', '00000000-0000-4000-8000-000000002025').execute();
  const regions = ['330500', '330502', '330503', '330521', '330522', '330523'];
  for (let p = 0; p < extraPlans; p++) {
    const plan = await handle.db
      .insertInto('plan_plan')
      .values({ code: `bench-${p}`, name: `历史规划 ${p}`, base_year: 1990 + p, start_year: 1991 + p, end_year: 1995 + p, status: 'closed' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = await handle.db
      .insertInto('plan_indicator')
      .values(source.map(({ id: _id, plan_id: _p, created_at: _c, updated_at: _u, ...rest }) => ({ ...rest, plan_id: plan.id, target_year: 1995 + p })))
      .returning('id')
      .execute();
    const rows = ids.flatMap(({ id }) => regions.flatMap((r) => [0, 1, 2, 3, 4, 5].map((k) => ({ id, r, year: 1990 + p + k, value: 50 + k }))));
    await sql`insert into plan_value (indicator_id, region_code, year, value, status)
      select i, r, y, v, 'approved' from unnest(${rows.map((x) => x.id)}::uuid[], ${rows.map((x) => x.r)}::text[], ${rows.map((x) => x.year)}::int[], ${rows.map((x) => x.value)}::numeric[]) as t(i, r, y, v)`.execute(
      handle.db,
    );
  }
  const n = await handle.db
    .selectFrom('plan_value')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n.n);
}

async function measure(label: string, handle: DbHandle): Promise<string> {
  const t0 = Date.now();
  const rows = await generate(handle);
  const generateS = (Date.now() - t0) / 1000;
  const app = await buildApp({ database: handle, logLevel: 'silent', webDist: null, rateLimits: { loginPerMinute: 1000, publicPerMinute: 100000 } });
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
  const cookie = `zl_sid=${login.cookies.find((c) => c.name === 'zl_sid')?.value}`;
  const headers = { cookie, 'x-zhiliang-client': 'bench' };
  const planId = '00000000-0000-4000-8000-000000002025';
  const time = async (fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    return performance.now() - s;
  };
  const dashboard: number[] = [];
  const publicPage: number[] = [];
  const write: number[] = [];
  const freeze: number[] = [];
  const indicator = await handle.db.selectFrom('plan_indicator').select('id').where('plan_id', '=', planId).where('code', '=', 'I01').executeTakeFirstOrThrow();
  for (let i = 0; i < iterations; i++) {
    dashboard.push(await time(() => app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/dashboard?year=2025`, headers })));
    publicPage.push(await time(() => app.inject({ method: 'GET', url: `/api/v1/public/plans/${planId}/indicators` })));
    write.push(
      await time(async () => {
        const saved = await app.inject({
          method: 'POST',
          url: `/api/v1/plans/${planId}/values`,
          headers,
          payload: {
            indicatorId: indicator.id,
            regionCode: '330502',
            year: 2024,
            period: 'Q1',
            value: 90 + (i % 9),
            ...(i > 0 ? { correctionReason: 'bench' } : {}),
          },
        });
        const id = saved.json().id;
        await app.inject({ method: 'POST', url: `/api/v1/values/${id}/submit`, headers });
        const ok = await app.inject({ method: 'POST', url: `/api/v1/values/${id}/approve`, headers });
        if (ok.statusCode !== 200) throw new Error(`approve failed: ${ok.body}`);
      }),
    );
    freeze.push(
      await time(async () => {
        const e = await app.inject({
          method: 'POST',
          url: `/api/v1/plans/${planId}/evaluations`,
          headers,
          payload: { kind: 'annual', dataYear: 2025, asOf: '2026-06-30', title: `bench ${i}` },
        });
        const f = await app.inject({ method: 'POST', url: `/api/v1/evaluations/${e.json().id}/freeze`, headers });
        if (f.statusCode !== 200) throw new Error(`freeze failed: ${f.body}`);
      }),
    );
  }
  await app.close();
  const f = (x: number) => x.toFixed(1);
  return `| ${label.padEnd(24)} | ${rows} | ${generateS.toFixed(1)} | ${f(median(dashboard))} | ${f(median(publicPage))} | ${f(median(write))} | ${f(median(freeze))} |`;
}

const lines: string[] = [];
const cpu = os.cpus()[0]?.model ?? 'cpu';
console.log(
  `machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; extra plans ${extraPlans}, iterations ${iterations}`,
);
console.log(
  '| database | plan_value rows | generate (s) | dashboard median (ms) | public page median (ms) | save+submit+approve median (ms) | create+freeze evaluation median (ms) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const pglite = await openPglite({ dataDir: null });
lines.push(await measure('PGlite 0.5.14 (memory)', pglite));
await pglite.close();
console.log(lines.at(-1));
if (process.env.DATABASE_URL) {
  const pg = openPostgres(process.env.DATABASE_URL, 4);
  await sql`drop schema public cascade`.execute(pg.db);
  await sql`create schema public`.execute(pg.db);
  lines.push(await measure('PostgreSQL 15 (loopback)', pg));
  await pg.close();
  console.log(lines.at(-1));
}
