import { type Expression, type SqlBool, sql } from 'kysely';
import type { SampleSort, SampleStatus, Verdict } from '../../../../common/sampling/api.ts';
import type { Db } from '../../../platform/db.ts';
import { regionCodeInScope } from '../../../platform/scope.ts';
import type { SampleScope } from './access.ts';

/** Every SQL statement on the sampling tables beyond one-line inserts and updates. */

const likeEscape = (s: string) => s.replace(/[\\%_]/g, '\\$&');

export function sampleScopeCondition(scope: SampleScope): Expression<SqlBool> {
  if (scope.kind === 'region') return regionCodeInScope('s.region_code', scope.path);
  // An enterprise sees its samples once a report is out; drafts are the bureau's work in progress.
  return scope.creditCode === null ? sql<SqlBool>`false` : sql<SqlBool>`(s.entity_credit_code = ${scope.creditCode} and s.status <> 'draft')`;
}

/** Samples with their category and plan title. */
export function sampleQuery(db: Db) {
  return db
    .selectFrom('sampling_sample as s')
    .innerJoin('sampling_category as c', 'c.id', 's.category_id')
    .leftJoin('sampling_plan as p', 'p.id', 's.plan_id')
    .selectAll('s')
    .select(['c.code as category_code', 'c.name as category_name', 'p.title as plan_title']);
}

export interface SampleFilter {
  scope: SampleScope;
  year?: number;
  categoryId?: string;
  status?: SampleStatus;
  finalConclusion?: Verdict;
  q?: string;
}

function filterConditions(f: SampleFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [sampleScopeCondition(f.scope)];
  if (f.year !== undefined) where.push(sql<SqlBool>`s.sampled_on between ${`${f.year}-01-01`} and ${`${f.year}-12-31`}`);
  if (f.categoryId) where.push(sql<SqlBool>`s.category_id = ${f.categoryId}`);
  if (f.status) where.push(sql<SqlBool>`s.status = ${f.status}`);
  if (f.finalConclusion) where.push(sql<SqlBool>`s.final_conclusion = ${f.finalConclusion}`);
  if (f.q) {
    const q = likeEscape(f.q.trim());
    where.push(
      sql<SqlBool>`(s.entity_name ilike ${`%${q}%`} or s.entity_credit_code like ${`${q.toUpperCase()}%`} or s.sample_no ilike ${`%${q}%`} or s.product_name ilike ${`%${q}%`})`,
    );
  }
  return where;
}

const SORT_SQL: Record<SampleSort, string> = { sampledOn: 's.sampled_on', sampleNo: 's.sample_no', entityName: 's.entity_name' };

export async function selectSamplePage(db: Db, f: SampleFilter, page: { sort: SampleSort; order: 'asc' | 'desc'; limit: number; offset: number }) {
  const where = sql.join(filterConditions(f), sql` and `);
  const base = sampleQuery(db).where(() => sql<SqlBool>`${where}`);
  const [rows, count] = await Promise.all([
    base.orderBy(sql.ref(SORT_SQL[page.sort]), page.order).orderBy('s.sample_no', 'desc').limit(page.limit).offset(page.offset).execute(),
    db
      .selectFrom('sampling_sample as s')
      .where(() => sql<SqlBool>`${where}`)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function selectSampleInScope(db: Db, id: string, scope: SampleScope) {
  return sampleQuery(db).where('s.id', '=', id).where(sampleScopeCondition(scope)).executeTakeFirst();
}

export function selectItems(db: Db, sampleId: string) {
  return db.selectFrom('sampling_test_item').selectAll().where('sample_id', '=', sampleId).orderBy('seq').execute();
}

export async function nextSampleNumber(db: Db): Promise<number> {
  const row = await sql<{ n: number }>`select nextval('sampling_sample_no_seq') as n`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** Counts per region, category and final conclusion for one year, in a region subtree (pass rates). */
export function selectYearTallies(db: Db, year: number, scopePath: string, categoryId?: string) {
  let q = db
    .selectFrom('sampling_sample as s')
    .where('s.sampled_on', '>=', `${year}-01-01`)
    .where('s.sampled_on', '<=', `${year}-12-31`)
    .where(regionCodeInScope('s.region_code', scopePath))
    .select(['s.region_code', 's.category_id', 's.final_conclusion', 's.is_demo'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['s.region_code', 's.category_id', 's.final_conclusion', 's.is_demo']);
  if (categoryId) q = q.where('s.category_id', '=', categoryId);
  return q.execute();
}

/** Final conclusions sampled within [fromYear, toYear] in a region subtree (enterprise grading). */
export function selectFinalSamples(db: Db, fromYear: number, toYear: number, scopePath: string) {
  return db
    .selectFrom('sampling_sample as s')
    .where('s.status', '=', 'final')
    .where('s.sampled_on', '>=', `${fromYear}-01-01`)
    .where('s.sampled_on', '<=', `${toYear}-12-31`)
    .where(regionCodeInScope('s.region_code', scopePath))
    .select([
      's.entity_id',
      's.entity_credit_code',
      's.entity_name',
      's.region_code',
      's.sampled_on',
      's.final_conclusion',
      's.category_risk_level',
      's.is_demo',
    ])
    .orderBy('s.sampled_on')
    .execute();
}

/** Published final 不合格 samples (the public list), newest publication first. */
export async function selectPublishedFailures(db: Db, year: number | undefined, limit: number, offset: number) {
  let q = db
    .selectFrom('sampling_sample as s')
    .innerJoin('sampling_category as c', 'c.id', 's.category_id')
    .where('s.published_at', 'is not', null)
    .where('s.final_conclusion', '=', 'fail');
  if (year !== undefined) q = q.where('s.sampled_on', '>=', `${year}-01-01`).where('s.sampled_on', '<=', `${year}-12-31`);
  const [rows, count] = await Promise.all([
    q
      .select([
        's.id',
        's.entity_name',
        's.region_code',
        's.product_name',
        's.brand',
        's.spec',
        's.batch',
        's.sampled_on',
        's.published_at',
        's.final_via',
        's.is_demo',
        'c.name as category_name',
      ])
      .orderBy('s.published_at', 'desc')
      .orderBy('s.sample_no', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Test items of several samples at once. */
export function selectItemsOf(db: Db, sampleIds: string[]) {
  if (sampleIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('sampling_test_item').selectAll().where('sample_id', 'in', sampleIds).orderBy('sample_id').orderBy('seq').execute();
}

/** Samples per plan: entered, final, final 不合格. */
export function selectPlanCounts(db: Db, planIds: string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sampling_sample')
    .where('plan_id', 'in', planIds)
    .select((eb) => [
      'plan_id',
      eb.fn.countAll<number>().as('sampled'),
      eb.fn.count<number>('final_conclusion').as('final'),
      eb.fn.sum<number>(sql`case when final_conclusion = 'fail' then 1 else 0 end`).as('failed'),
    ])
    .groupBy('plan_id')
    .execute();
}
