/**
 * Benchmark: the monthly credit-risk classification (企业信用风险分类) of every entity, against a bare
 * `select count(*)` over the same entity rows. Goal (issue 5 item 8): 1,000,000 entities well under 60 s.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/zl_bench npx node bench/inspections-credit.ts [entities=1000000]
 *
 * Drops and recreates the `public` schema of DATABASE_URL's database (never point it at real data);
 * without DATABASE_URL it runs on a PGlite in a temporary directory (keep it small there: 20,000).
 * Prints the figures; it writes no results file.
 *
 * 1. Migrates (model version 1 comes with migration 0010), then generates `entities` entities straight
 *    into the tables with INSERT … SELECT over generate_series (not through the API: the credit codes have
 *    the right charset but no valid check character), spread over the 72 townships, with a realistic
 *    timeline: registration for all; 35 % a random inspection; 25 % a supervision sample (12 % of those
 *    不合格, details {"conclusion": …}); 8 % a penalty; 12 % one to four complaints; 5 % on the
 *    abnormal-operation list (2 % listed and removed again); 1 % on the serious-violation list; 10 % a
 *    change. 30 % hold a production licence (8 % of those expired, 1 % revoked); certifications ISO 9001
 *    20 %, 品字标 5 %, green product 3 %. About 88 % are active (存续/在业) and get classified.
 *    Then VACUUM ANALYZE, so no run pays for hint bits the load left.
 * 2. Baseline: `select count(*) from entity where status in ('subsisting','operating')`, median of 3.
 * 3. recomputeCreditClasses for three different months (each a fresh period, as the monthly cron finds
 *    it), median of 3, with its phases; then one idempotent re-run of a month already computed (delete
 *    and rewrite), and currentCreditClasses for every active code (a random-inspection draw over the whole pool).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { addMonths, periodOf } from '../common/credit-risk/period.ts';
import { currentCreditClasses, recomputeCreditClasses } from '../server/modules/entities/index.ts';
import { todayInShanghai } from '../server/modules/entities/present.ts';
import { type DbHandle, openPglite, openPostgres } from '../server/platform/db.ts';
import { migrate } from '../server/platform/migrate.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const log = (...args: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...args);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Entities, their timelines, licences and certifications, in a handful of INSERT … SELECT statements. */
async function generate(handle: DbHandle): Promise<Record<string, number>> {
  const db = handle.db;
  const townships = (await db.selectFrom('platform_region').select('code').where('level', '=', 'township').orderBy('code').execute()).map((r) => r.code);
  await sql`select setseed(0.20260517)`.execute(db);
  const step = async (label: string, statement: ReturnType<typeof sql>) => {
    const { ms } = await timed(() => statement.execute(db));
    log(`  ${label}: ${(ms / 1000).toFixed(1)} s`);
  };
  await step(
    'entities',
    sql`insert into entity (credit_code, name, type, industry_code, region_code, established_on, status, is_demo)
      select '91' || substr(t.code, 1, 6) || lpad(g::text, 10, '0'), '基准测试主体' || g || '有限公司', 'enterprise', '17', t.code,
        date '2000-01-01' + (random() * 9500)::int,
        case when x.r < 0.62 then 'subsisting' when x.r < 0.88 then 'operating' when x.r < 0.94 then 'revoked' else 'cancelled' end,
        true
      from generate_series(1, ${N}) g
      cross join lateral (select random() + 0 * g as r) x
      cross join lateral (select (${townships}::text[])[1 + g % ${townships.length}] as code) t`,
  );
  const events = (kind: string, share: number, summary: string, days: number, details: string | null = null, source = 'entities') =>
    sql`insert into entity_event (entity_id, occurred_on, kind, summary, source_module, details, is_demo)
      select e.id, greatest(e.established_on, current_date - 1 - (random() * ${days})::int), ${kind}, ${summary}, ${source}, ${details}::jsonb, true
      from entity e where random() < ${share}`;
  await step(
    'registration events',
    sql`insert into entity_event (entity_id, occurred_on, kind, summary, source_module, is_demo) select id, established_on, 'registration', '设立登记', 'entities', true from entity`,
  );
  await step('inspections', events('inspection', 0.35, '“双随机、一公开”抽查：未发现问题', 1000, '{"result":"no_problem"}', 'inspections'));
  await step('samples passed', events('sampling', 0.22, '产品质量监督抽查：合格', 1400, '{"conclusion":"合格"}', 'inspections'));
  await step('samples failed', events('sampling', 0.03, '产品质量监督抽查：不合格', 1400, '{"conclusion":"不合格"}', 'inspections'));
  await step('penalties', events('penalty', 0.08, '行政处罚：罚款', 1400));
  await step(
    'complaints',
    sql`insert into entity_event (entity_id, occurred_on, kind, summary, source_module, is_demo)
      select e.id, greatest(e.established_on, current_date - 1 - (random() * 500)::int), 'complaint', '12315 投诉', 'entities', true
      from entity e cross join lateral generate_series(1, 1 + (random() * 3)::int + 0 * length(e.name)) k
      where random() < 0.12`,
  );
  await step('abnormal listings', events('abnormal_in', 0.05, '列入经营异常名录', 700, '{"list":"abnormal_operation"}'));
  await step(
    'abnormal removals',
    sql`insert into entity_event (entity_id, occurred_on, kind, summary, source_module, details, is_demo)
      select v.entity_id, v.occurred_on + 1 + (random() * 200)::int, 'abnormal_out', '移出经营异常名录', 'entities', '{"list":"abnormal_operation"}', true
      from entity_event v where v.kind = 'abnormal_in' and random() < 0.4`,
  );
  await step('serious-violation listings', events('serious_in', 0.01, '列入严重违法失信名单', 700, '{"list":"serious_violation"}'));
  await step('changes', events('change', 0.1, '变更住所', 2000, '{"fields":["address"]}'));
  await step(
    'licences',
    sql`insert into entity_licence (entity_id, kind, number, product_category, issuer, issued_on, expires_on, status, is_demo)
      select e.id, 'industrial_product', 'XK-' || e.credit_code, '基准产品', '浙江省市场监督管理局', x.expires - 1826, x.expires,
        case when x.r < 0.01 then 'revoked' else 'valid' end, true
      from entity e
      cross join lateral (select random() + 0 * length(e.name) as r, current_date + (case when random() < 0.08 then -1 - (random() * 300)::int else (random() * 1500)::int end) as expires) x
      where random() < 0.3`,
  );
  for (const [kind, share] of [
    ['iso9001', 0.2],
    ['zhejiang_made', 0.05],
    ['green_product', 0.03],
  ] as const) {
    await step(
      `${kind} certifications`,
      sql`insert into entity_certification (entity_id, kind, number, issuer, issued_on, expires_on, status, is_demo)
        select e.id, ${kind}, ${kind} || '-' || e.credit_code, '中国质量认证中心', current_date - (random() * 900)::int - 10, current_date + (random() * 900)::int, 'valid', true
        from entity e where random() < ${share}`,
    );
  }
  await step('vacuum analyze', sql`vacuum analyze`);
  const count = async (table: 'entity' | 'entity_event' | 'entity_licence' | 'entity_certification') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    entities: await count('entity'),
    events: await count('entity_event'),
    licences: await count('entity_licence'),
    certifications: await count('entity_certification'),
  };
}

async function measure(label: string, handle: DbHandle): Promise<string> {
  log(`${label}: migrating`);
  await migrate(handle.db);
  log(`${label}: generating ${N} entities`);
  const load = await timed(() => generate(handle));
  log(`${label}: loaded in ${(load.ms / 1000).toFixed(1)} s`, load.value);

  const counts: number[] = [];
  for (let i = 0; i < 3; i++) {
    counts.push((await timed(() => sql`select count(*) from entity where status in ('subsisting', 'operating')`.execute(handle.db))).ms);
  }

  const current = periodOf(todayInShanghai());
  const runs: { period: string; ms: number; entities: number; phases: Record<string, number> }[] = [];
  for (const period of [addMonths(current, -2), addMonths(current, -1), current]) {
    const phases: Record<string, number> = {};
    const r = await timed(() => recomputeCreditClasses(handle.db, period, { onPhase: (p, ms) => (phases[p] = ms) }));
    runs.push({ period, ms: r.ms, entities: r.value.entities, phases });
    log(`  recompute ${period}: ${(r.ms / 1000).toFixed(2)} s`, r.value.counts, phases);
  }
  const rerunPhases: Record<string, number> = {};
  const rerun = await timed(() => recomputeCreditClasses(handle.db, current, { onPhase: (p, ms) => (rerunPhases[p] = ms) }));
  log(`  re-run ${current}: ${(rerun.ms / 1000).toFixed(2)} s`, rerunPhases);

  const codes = (await handle.db.selectFrom('entity').select('credit_code').where('status', 'in', ['subsisting', 'operating']).execute()).map(
    (r) => r.credit_code,
  );
  const lookup = await timed(() => currentCreditClasses(handle.db, codes));

  const recomputeMedian = median(runs.map((r) => r.ms));
  const countMedian = median(counts);
  const mid = runs.find((r) => r.ms === recomputeMedian) ?? runs[0];
  const lines = [
    `## ${label}`,
    '',
    `- data: ${load.value.entities} entities (${runs[0]?.entities ?? 0} active, classified), ${load.value.events} timeline events, ${load.value.licences} licences, ${load.value.certifications} certifications; generated in ${(load.ms / 1000).toFixed(1)} s`,
    `- \`select count(*)\` over the active entity rows: median ${countMedian.toFixed(1)} ms (${counts.map((c) => c.toFixed(1)).join(', ')})`,
    `- recompute of a fresh month: median **${(recomputeMedian / 1000).toFixed(2)} s** (${runs.map((r) => `${r.period} ${(r.ms / 1000).toFixed(2)} s`).join(', ')}) — ${Math.round(recomputeMedian / countMedian)}× the count(*)`,
    `- phases of the median run: ${Object.entries(mid?.phases ?? {})
      .map(([p, ms]) => `${p} ${(ms / 1000).toFixed(2)} s`)
      .join(', ')}`,
    `- idempotent re-run of ${current} (delete + rewrite): ${(rerun.ms / 1000).toFixed(2)} s (${Object.entries(rerunPhases)
      .map(([p, ms]) => `${p} ${(ms / 1000).toFixed(2)} s`)
      .join(', ')})`,
    `- currentCreditClasses for all ${codes.length} active codes (a draw over the whole pool): ${lookup.ms.toFixed(0)} ms (${lookup.value.size} found)`,
    `- goal: ${N.toLocaleString('en')} entities well under 60 s → ${recomputeMedian < 60_000 ? 'met' : 'NOT met'} at this size`,
  ];
  return lines.join('\n');
}

if (process.env.DATABASE_URL) {
  const pg = openPostgres(process.env.DATABASE_URL, 1);
  await sql`drop schema public cascade`.execute(pg.db);
  await sql`create schema public`.execute(pg.db);
  const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(pg.db)).rows[0]?.v;
  console.log(await measure(`PostgreSQL ${version}, ${os.cpus().length} cores`, pg));
  await pg.close();
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-credit-bench-'));
  const lite = await openPglite({ dataDir: dir });
  console.log(await measure('PGlite 0.5.14 (data directory)', lite));
  await lite.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
