/**
 * Benchmark: the 双随机 draw through the service at scale — freeze (target pool of N entities with their credit
 * classes, 2,000 inspectors, canonical document and poolHash), commit, draw of 5 % with two inspectors per target,
 * and the verification of the stored record — medians of 3 tasks, against a bare `select count(*)` of the entities.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/zl_bench npx node bench/inspections-draw.ts [entities=1000000] [inspectors=2000]
 *
 * Drops and recreates the `public` schema of DATABASE_URL's database (never point it at real data); without
 * DATABASE_URL it runs on an in-memory PGlite. Entities, credit classes (A 60 %, B 30 %, C 8 %, D 2 %), inspectors
 * and their declared conflicts are generated in SQL; everything measured goes through the inspections services as a
 * request would (one transaction per step, audited). Prints a Markdown table; writes no results file.
 */
import { sql } from 'kysely';
import { periodOf } from '../common/credit-risk/period.ts';
import { todayInShanghai } from '../server/modules/inspections/dates.ts';
import { commitTask, drawTask, freezeTask } from '../server/modules/inspections/draw/draw-service.ts';
import { verifyTaskDraw } from '../server/modules/inspections/draw/verification-service.ts';
import { createTask } from '../server/modules/inspections/tasks/task-service.ts';
import type { AuditContext } from '../server/platform/audit.ts';
import { type DbHandle, openPglite, openPostgres } from '../server/platform/db.ts';
import { migrate } from '../server/platform/migrate.ts';
import { RegionDirectory } from '../server/platform/regions.ts';
import type { Actor } from '../server/platform/scope.ts';
import { seedDemo } from '../server/seed/demo.ts';

const entities = Number(process.argv[2] ?? 1_000_000);
const inspectors = Number(process.argv[3] ?? 2000);
const RUNS = 3;
const CTX: AuditContext = { actorId: null, actorUsername: 'bench', actorRole: 'city_admin', ip: null, userAgent: 'bench', requestId: null };

const log = (...args: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...args);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

async function open(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) return openPglite({ dataDir: null });
  const handle = openPostgres(url, 4);
  await sql`drop schema public cascade`.execute(handle.db);
  await sql`create schema public`.execute(handle.db);
  return handle;
}

/** N entities across the 72 townships, credit codes in ascending order of i, classes by a hash of i. */
async function generate(handle: DbHandle, period: string): Promise<void> {
  const db = handle.db;
  const chunk = 200_000;
  for (let from = 1; from <= entities; from += chunk) {
    const to = Math.min(entities, from + chunk - 1);
    await sql`
      insert into entity (credit_code, name, type, industry_code, region_code, status)
      select '913305' || lpad(i::text, 11, '0') || 'X', '基准测试主体' || i, 'enterprise',
             (array['13','14','18','33','38','52'])[1 + i % 6],
             t.codes[1 + i % cardinality(t.codes)], 'subsisting'
      from generate_series(${from}::int, ${to}::int) i,
           (select array_agg(code order by code) codes from platform_region where level = 'township') t`.execute(db);
    log(`entities ${to}/${entities}`);
  }
  await sql`
    insert into entity_credit_class (entity_id, period, class, score, breakdown, model_version, as_of, computed_at)
    select e.id, ${period}, case when h < 60 then 'A' when h < 90 then 'B' when h < 98 then 'C' else 'D' end,
           0, '{"base":0,"floor":null,"factors":{}}'::jsonb, 1, current_date, now()
    from (select id, abs(hashtext(credit_code)) % 100 h from entity where name like '基准测试主体%') e`.execute(db);
  log('credit classes');
  await sql`
    insert into inspection_inspector (name, badge_number, badge_valid_until, home_region_code, region_code)
    select '基准人员' || i, 'B' || lpad(i::text, 8, '0'), date '2030-12-31', t.codes[1 + i % cardinality(t.codes)], '330500'
    from generate_series(1, ${inspectors}::int) i,
         (select array_agg(code order by code) codes from platform_region where level = 'township') t`.execute(db);
  // Five declared conflicts each, with entities that are in the pool.
  await sql`
    insert into inspection_inspector_conflict (inspector_id, credit_code, reason)
    select distinct on (i.id, c.k) i.id, '913305' || lpad((1 + (abs(hashtext(i.id::text || c.k)) % ${entities}::int))::text, 11, '0') || 'X', '基准测试'
    from inspection_inspector i cross join generate_series(1, 5) c(k)
    where i.name like '基准人员%'
    on conflict do nothing`.execute(db);
  await sql`analyze`.execute(db);
  // The generated gigabyte is flushed before the clock starts: a checkpoint triggered by it mid-draw measured
  // the load, not the draw (runs 2 and 3 were up to 40 % slower than run 1 without this).
  if (handle.kind === 'postgresql') await sql`checkpoint`.execute(db);
  log('inspectors and conflicts');
}

async function main() {
  const handle = await open();
  const db = handle.db;
  log(`${handle.kind}: migrate + platform demo seed`);
  await migrate(db);
  await seedDemo(db);
  await generate(handle, periodOf(todayInShanghai()));
  const regions = await RegionDirectory.load(db);
  const admin = await db.selectFrom('platform_user').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const actor: Actor = {
    id: admin.id,
    username: admin.username,
    displayName: admin.display_name,
    role: 'city_admin',
    regionCode: '330500',
    regionPath: '/330500/',
    enterpriseCreditCode: null,
  };
  const itemId = (await db.selectFrom('inspection_item').select('id').where('status', '=', 'current').executeTakeFirstOrThrow()).id;
  const [, scan] = await timed(() => sql`select count(*) from entity`.execute(db));
  const rows: { freeze: number; commit: number; draw: number; verify: number; targets: number; pool: number }[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const task = await createTask(
      db,
      regions,
      actor,
      {
        name: `基准：全市 5% 抽查 ${run}`,
        kind: 'random',
        regionCode: '330500',
        itemIds: [itemId],
        scope: { industries: ['C', 'F'] },
        ratioBasisPoints: { A: 500, B: 500, C: 500, D: 500 },
        inspectorsPerTarget: 2,
        regionRule: 'township',
      },
      CTX,
    );
    const [frozen, freeze] = await timed(() => freezeTask(db, regions, actor, task.id, CTX));
    const [, commit] = await timed(() => commitTask(db, regions, actor, task.id, CTX));
    const [drawn, draw] = await timed(() => drawTask(db, regions, actor, task.id, { publicEntropy: `bench-${run}` }, CTX));
    const [verdict, verify] = await timed(() => verifyTaskDraw(db, task.id));
    if (!verdict?.verdict.consistent) throw new Error(`run ${run}: ${verdict?.formatted}`);
    rows.push({ freeze, commit, draw, verify, targets: drawn.targetCount, pool: frozen.draw.targetPoolSize ?? 0 });
    log(
      `run ${run}: pool ${frozen.draw.targetPoolSize}, ${drawn.targetCount} targets; freeze ${freeze.toFixed(0)} ms, draw ${draw.toFixed(0)} ms, verify ${verify.toFixed(0)} ms`,
    );
  }
  const ms = (x: number) => `${Math.round(x).toLocaleString('en')} ms`;
  const m = (k: keyof (typeof rows)[number]) => median(rows.map((r) => r[k]));
  console.log(`## 双随机 draw, ${handle.kind}, ${entities.toLocaleString('en')} entities, ${inspectors.toLocaleString('en')} inspectors (medians of ${RUNS})

| step | median | per run |
|---|---|---|
| target pool (manufacturing + wholesale/retail, active) | ${m('pool').toLocaleString('en')} entities | ${rows.map((r) => r.pool).join(', ')} |
| freeze: pool listing, credit classes, inspector pool, canonical document, poolHash, gzip | ${ms(m('freeze'))} | ${rows.map((r) => ms(r.freeze)).join(', ')} |
| commit: seed, commitment | ${ms(m('commit'))} | ${rows.map((r) => ms(r.commit)).join(', ')} |
| draw 5 % + 2 inspectors each (decode, drawInspection, names, insert targets) | ${ms(m('draw'))} | ${rows.map((r) => ms(r.draw)).join(', ')} |
| targets drawn | ${m('targets').toLocaleString('en')} | |
| verification of the stored record (verifyTaskDraw) | ${ms(m('verify'))} | ${rows.map((r) => ms(r.verify)).join(', ')} |
| bare \`select count(*) from entity\` | ${ms(scan)} | |
`);
  await handle.close();
}

await main();
