import { type Expression, type SqlBool, sql } from 'kysely';
import { ACTIVE_ENTITY_STATUSES, type EntityStatus, type SpecialList } from '../../../common/entity-api.ts';
import type { Db } from '../../platform/db.ts';
import { regionCodeInScope } from '../../platform/scope.ts';

/**
 * The 检查对象名录库 (target pool) of a random inspection: market entities filtered by region, industry, special
 * lists and registration status (regulation.md §1 rule 2). The inspections module reads entities only through
 * these functions (and lookup/timeline); scope is the caller's business, given here as region subtrees.
 */

export interface TargetPoolFilter {
  /** Region subtrees (platform_region paths like '/330500/330502/'); an entity in any of them qualifies. */
  regionPaths: string[];
  /** GB/T 4754 code prefixes (common/industry industryFilterPrefixes); empty = all industries. */
  industryPrefixes?: string[];
  /** Only entities on any of these lists; empty = no such filter. */
  specialLists?: SpecialList[];
  /** Registration statuses; empty = those still trading (存续, 在业). */
  statuses?: EntityStatus[];
}

export interface TargetPoolEntity {
  creditCode: string;
  /** Township code (or county when the register has no township). */
  regionCode: string;
}

export interface TargetPoolEntityDetail extends TargetPoolEntity {
  id: string;
  name: string;
  industryCode: string | null;
  status: EntityStatus;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, '\\$&');

function conditions(f: TargetPoolFilter): Expression<SqlBool>[] {
  if (f.regionPaths.length === 0) return [sql<SqlBool>`false`];
  const regions = f.regionPaths.map((p) => regionCodeInScope('e.region_code', p));
  const where: Expression<SqlBool>[] = [sql<SqlBool>`(${sql.join(regions, sql` or `)})`];
  const statuses = f.statuses && f.statuses.length > 0 ? f.statuses : ACTIVE_ENTITY_STATUSES;
  where.push(sql<SqlBool>`e.status = any(${sql.val([...statuses])}::text[])`);
  if (f.specialLists && f.specialLists.length > 0) where.push(sql<SqlBool>`e.special_lists && ${sql.val([...f.specialLists])}::text[]`);
  if (f.industryPrefixes && f.industryPrefixes.length > 0) {
    const likes = f.industryPrefixes.map((p) => sql<SqlBool>`e.industry_code like ${`${likeEscape(p)}%`}`);
    where.push(sql<SqlBool>`(${sql.join(likes, sql` or `)})`);
  }
  return where;
}

const poolQuery = (db: Db, filter: TargetPoolFilter) =>
  db
    .selectFrom('entity as e')
    .where((eb) => eb.and(conditions(filter)))
    .orderBy('e.credit_code');

/** Every entity of the pool, ascending credit code (the canonical order of the draw, common/draw README §3). */
export async function listTargetPool(db: Db, filter: TargetPoolFilter): Promise<TargetPoolEntity[]> {
  const rows = await poolQuery(db, filter).select(['e.credit_code', 'e.region_code']).execute();
  return rows.map((r) => ({ creditCode: r.credit_code, regionCode: r.region_code }));
}

/** listTargetPool with the entities' names (the snapshot a draw takes: the names are stored with the drawn targets). */
export async function listTargetPoolWithNames(db: Db, filter: TargetPoolFilter): Promise<(TargetPoolEntity & { name: string })[]> {
  const rows = await poolQuery(db, filter).select(['e.credit_code', 'e.region_code', 'e.name']).execute();
  return rows.map((r) => ({ creditCode: r.credit_code, regionCode: r.region_code, name: r.name }));
}

/** One page of the pool with names (a preview for the task form), and its size. */
export async function listTargetPoolPage(
  db: Db,
  filter: TargetPoolFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: TargetPoolEntityDetail[]; total: number }> {
  const base = db.selectFrom('entity as e').where((eb) => eb.and(conditions(filter)));
  const [rows, count] = await Promise.all([
    base
      .select(['e.id', 'e.credit_code', 'e.region_code', 'e.name', 'e.industry_code', 'e.status'])
      .orderBy('e.credit_code')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      creditCode: r.credit_code,
      regionCode: r.region_code,
      name: r.name,
      industryCode: r.industry_code,
      status: r.status,
    })),
    total: Number(count.n),
  };
}

/** Names and places of the given entities (the drawn targets), by credit code; unknown codes are absent. */
export async function describeEntities(db: Db, creditCodes: string[]): Promise<Map<string, TargetPoolEntityDetail>> {
  const out = new Map<string, TargetPoolEntityDetail>();
  for (let i = 0; i < creditCodes.length; i += 10_000) {
    const chunk = creditCodes.slice(i, i + 10_000);
    const rows = await db
      .selectFrom('entity as e')
      .select(['e.id', 'e.credit_code', 'e.region_code', 'e.name', 'e.industry_code', 'e.status'])
      .where(sql<SqlBool>`e.credit_code = any(${sql.val(chunk)}::text[])`)
      .execute();
    for (const r of rows) {
      out.set(r.credit_code, { id: r.id, creditCode: r.credit_code, regionCode: r.region_code, name: r.name, industryCode: r.industry_code, status: r.status });
    }
  }
  return out;
}
