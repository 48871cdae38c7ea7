import { type Expression, type SqlBool, sql } from 'kysely';
import type { CreditClassSort } from '../../../../common/credit-risk/api.ts';
import type { CreditClass } from '../../../../common/credit-risk/model.ts';
import type { Db } from '../../../platform/db.ts';
import { regionCodeInScope } from '../../../platform/scope.ts';

/** Every SQL statement on the credit tables outside the monthly run (recompute.ts). */

/** The effective class: the newest manual adjustment of the period, else the computed class. */
const EFFECTIVE = sql<CreditClass>`coalesce(c.adjusted_class, c.class)`;

export interface CreditListFilter {
  period: string;
  scopePath: string;
  class?: CreditClass;
  q?: string;
  adjusted?: boolean;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, '\\$&');

function conditions(f: CreditListFilter, withClass: boolean): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [sql<SqlBool>`c.period = ${f.period}`, regionCodeInScope('e.region_code', f.scopePath)];
  if (withClass && f.class) where.push(sql<SqlBool>`${EFFECTIVE} = ${f.class}`);
  if (withClass && f.adjusted) where.push(sql<SqlBool>`c.adjusted_class is not null`);
  if (withClass && f.q) {
    const q = f.q.trim();
    where.push(sql<SqlBool>`(e.name ilike ${`%${likeEscape(q)}%`} or e.credit_code like ${`${likeEscape(q.toUpperCase())}%`})`);
  }
  return where;
}

const SORT_SQL: Record<CreditClassSort, string> = {
  score: 'c.score',
  class: 'coalesce(c.adjusted_class, c.class)',
  name: 'e.name',
  creditCode: 'e.credit_code',
  region: 'r.path',
};

export interface CreditListRow {
  entity_id: string;
  credit_code: string;
  name: string;
  region_code: string;
  is_demo: boolean;
  class: CreditClass;
  adjusted_class: CreditClass | null;
  score: number;
  breakdown: unknown;
  model_version: number;
}

/** One page of a period's classes in the region, and the total matching the filters. */
export async function selectCreditPage(
  db: Db,
  f: CreditListFilter,
  page: { sort: CreditClassSort; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ rows: CreditListRow[]; total: number }> {
  const where = conditions(f, true);
  const direction = page.order === 'desc' ? sql`desc` : sql`asc`;
  const rows = await db
    .selectFrom('entity_credit_class as c')
    .innerJoin('entity as e', 'e.id', 'c.entity_id')
    .innerJoin('platform_region as r', 'r.code', 'e.region_code')
    .where((eb) => eb.and(where))
    .select([
      'c.entity_id',
      'e.credit_code',
      'e.name',
      'e.region_code',
      'e.is_demo',
      'c.class',
      'c.adjusted_class',
      'c.score',
      'c.breakdown',
      'c.model_version',
    ])
    .orderBy(sql`${sql.raw(SORT_SQL[page.sort])} ${direction}`)
    // Ties: the riskier first, then a stable order so paging never shows a row twice.
    .orderBy('c.score', 'desc')
    .orderBy('e.credit_code')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await db
    .selectFrom('entity_credit_class as c')
    .innerJoin('entity as e', 'e.id', 'c.entity_id')
    .where((eb) => eb.and(where))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows: rows as CreditListRow[], total: Number(count.n) };
}

/**
 * Effective classes per region one level below the scope (districts/counties under the city,
 * townships under a county; a township scope counts itself).
 */
export async function selectClassCounts(db: Db, period: string, scopePath: string, groupDepth: number | null) {
  // A literal (an integer we computed), so the select and group-by expressions are the same to the planner.
  const group = groupDepth === null ? sql<string>`e.region_code` : sql<string>`split_part(r.path, '/', ${sql.lit(Math.trunc(groupDepth))})`;
  const rows = await db
    .selectFrom('entity_credit_class as c')
    .innerJoin('entity as e', 'e.id', 'c.entity_id')
    .innerJoin('platform_region as r', 'r.code', 'e.region_code')
    .where((eb) => eb.and(conditions({ period, scopePath }, false)))
    .select([group.as('region'), EFFECTIVE.as('class'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy([group, EFFECTIVE])
    .execute();
  return rows.map((r) => ({ region: r.region, class: r.class, n: Number(r.n) }));
}

/** Periods with results, newest first. */
export async function selectPeriods(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('entity_credit_run').select('period').distinct().orderBy('period', 'desc').limit(60).execute();
  return rows.map((r) => r.period);
}

export function selectLatestRun(db: Db, period: string) {
  return db.selectFrom('entity_credit_run').selectAll().where('period', '=', period).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** An entity's newest results, newest period first. */
export function selectEntityClasses(db: Db, entityId: string, limit: number) {
  return db.selectFrom('entity_credit_class').selectAll().where('entity_id', '=', entityId).orderBy('period', 'desc').limit(limit).execute();
}

export function selectAdjustments(db: Db, entityId: string, periods: string[]) {
  if (periods.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('entity_credit_adjustment as a')
    .leftJoin('platform_user as u', 'u.id', 'a.adjusted_by')
    .selectAll('a')
    .select('u.display_name as adjusted_by_name')
    .where('a.entity_id', '=', entityId)
    .where('a.period', 'in', periods)
    .orderBy('a.id', 'desc')
    .execute();
}

export function selectModels(db: Db, versions?: number[]) {
  let q = db
    .selectFrom('entity_credit_model as m')
    .leftJoin('platform_user as u', 'u.id', 'm.created_by')
    .selectAll('m')
    .select('u.display_name as created_by_name')
    .orderBy('m.version', 'desc');
  if (versions) {
    if (versions.length === 0) return Promise.resolve([]);
    q = q.where('m.version', 'in', versions);
  }
  return q.execute();
}

type CurrentRow = { credit_code: string; period: string; class: CreditClass; adjusted: boolean };

/** Newest row per code, one index probe each (small lists, and the codes the bulk path did not find). */
async function selectNewestEach(db: Db, codes: string[]): Promise<CurrentRow[]> {
  const out: CurrentRow[] = [];
  for (let i = 0; i < codes.length; i += 5000) {
    const result = await sql<CurrentRow>`
      select e.credit_code, c.period, coalesce(c.adjusted_class, c.class) as class, c.adjusted_class is not null as adjusted
      from unnest(${codes.slice(i, i + 5000)}::text[]) as k(code)
      join entity e on e.credit_code = k.code
      join lateral (
        select period, class, adjusted_class from entity_credit_class where entity_id = e.id order by period desc limit 1
      ) c on true`.execute(db);
    out.push(...result.rows);
  }
  return out;
}

/**
 * Each code's newest period with its effective class. A long list (a draw over a whole target pool)
 * is joined set-wise to the newest period computed — where nearly every active entity has its row —
 * and only the codes not found there are looked up one by one.
 */
export async function selectCurrentClasses(db: Db, codes: string[]): Promise<CurrentRow[]> {
  if (codes.length <= 2000) return selectNewestEach(db, codes);
  const latest = await db
    .selectFrom('entity_credit_run')
    .select((eb) => eb.fn.max('period').as('p'))
    .executeTakeFirst();
  if (!latest?.p) return [];
  const bulk = await sql<CurrentRow>`
    select e.credit_code, c.period, coalesce(c.adjusted_class, c.class) as class, c.adjusted_class is not null as adjusted
    from unnest(${codes}::text[]) as k(code)
    join entity e on e.credit_code = k.code
    join entity_credit_class c on c.entity_id = e.id and c.period = ${latest.p}`.execute(db);
  const found = new Set(bulk.rows.map((r) => r.credit_code));
  return [
    ...bulk.rows,
    ...(await selectNewestEach(
      db,
      codes.filter((c) => !found.has(c)),
    )),
  ];
}
