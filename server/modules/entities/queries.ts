import { type Expression, type SqlBool, sql } from 'kysely';
import type { EntitySort } from '../../../common/entity-api.ts';
import type { Db } from '../../platform/db.ts';
import { regionCodeInScope } from '../../platform/scope.ts';
import type { EntitySummaryRow } from './present.ts';

/** Every SQL statement on the entities module's tables that is more than a one-line insert. */

/** Which entities a caller may read: a region subtree (regulators) or one credit code (an enterprise). */
export type ReadScope = { kind: 'region'; path: string } | { kind: 'enterprise'; creditCode: string | null };

export function scopeCondition(scope: ReadScope): Expression<SqlBool> {
  if (scope.kind === 'region') return regionCodeInScope('e.region_code', scope.path);
  return scope.creditCode === null ? sql<SqlBool>`false` : sql<SqlBool>`e.credit_code = ${scope.creditCode}`;
}

/** Entities with their licence count and earliest upcoming expiry among valid licences. */
export function summaryQuery(db: Db, today: string) {
  return db
    .selectFrom('entity as e')
    .selectAll('e')
    .select((eb) => [
      eb
        .selectFrom('entity_licence as l')
        .whereRef('l.entity_id', '=', 'e.id')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('licence_count'),
      eb
        .selectFrom('entity_licence as l')
        .whereRef('l.entity_id', '=', 'e.id')
        .where('l.status', '=', 'valid')
        .where('l.expires_on', '>=', today)
        .select((sub) => sub.fn.min<string>('l.expires_on').as('d'))
        .as('next_licence_expiry'),
    ]);
}

export interface EntityFilter {
  scope: ReadScope;
  q?: string;
  type?: string;
  industryPrefixes?: string[];
  status?: string;
  specialList?: string;
  /** [today, until]: entities with a valid licence expiring in that window. */
  licenceExpiring?: { from: string; until: string };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, '\\$&');

export function filterConditions(f: EntityFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [scopeCondition(f.scope)];
  if (f.q) {
    const q = f.q.trim();
    const code = q.toUpperCase();
    where.push(sql<SqlBool>`(e.name ilike ${`%${likeEscape(q)}%`} or e.credit_code like ${`${likeEscape(code)}%`})`);
  }
  if (f.type) where.push(sql<SqlBool>`e.type = ${f.type}`);
  if (f.status) where.push(sql<SqlBool>`e.status = ${f.status}`);
  if (f.specialList) where.push(sql<SqlBool>`e.special_lists @> array[${f.specialList}]::text[]`);
  if (f.industryPrefixes) {
    const likes = f.industryPrefixes.map((p) => sql<SqlBool>`e.industry_code like ${`${likeEscape(p)}%`}`);
    where.push(sql<SqlBool>`(${sql.join(likes, sql` or `)})`);
  }
  if (f.licenceExpiring) {
    where.push(sql<SqlBool>`exists (select 1 from entity_licence l where l.entity_id = e.id and l.status = 'valid'
      and l.expires_on between ${f.licenceExpiring.from} and ${f.licenceExpiring.until})`);
  }
  return where;
}

const SORT_SQL: Record<EntitySort, string> = {
  region: 'r.path',
  name: 'e.name',
  creditCode: 'e.credit_code',
  establishedOn: 'e.established_on',
  updatedAt: 'e.updated_at',
  nextLicenceExpiry: 'next_licence_expiry',
};

/** One page of entities matching `filter`, and the total. */
export async function selectEntityPage(
  db: Db,
  filter: EntityFilter,
  today: string,
  page: { sort: EntitySort; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ rows: EntitySummaryRow[]; total: number }> {
  const where = filterConditions(filter);
  const direction = page.order === 'desc' ? sql`desc nulls last` : sql`asc nulls last`;
  const rows = await summaryQuery(db, today)
    .innerJoin('platform_region as r', 'r.code', 'e.region_code')
    .where((eb) => eb.and(where))
    .orderBy(sql`${sql.raw(SORT_SQL[page.sort])} ${direction}`)
    // A stable tie-break, so paging never shows a row twice.
    .orderBy('e.credit_code')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await db
    .selectFrom('entity as e')
    .where((eb) => eb.and(where))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** One entity the scope allows, or undefined. */
export function selectEntityInScope(db: Db, id: string, scope: ReadScope, today: string) {
  return summaryQuery(db, today).where('e.id', '=', id).where(scopeCondition(scope)).executeTakeFirst();
}

export function selectEvents(db: Db, entityId: string, limit: number, offset: number) {
  return db
    .selectFrom('entity_event as v')
    .leftJoin('platform_user as u', 'u.id', 'v.recorded_by')
    .selectAll('v')
    .select('u.display_name as recorded_by_name')
    .where('v.entity_id', '=', entityId)
    .orderBy('v.occurred_on', 'desc')
    .orderBy('v.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countEvents(db: Db, entityId: string): Promise<number> {
  const row = await db
    .selectFrom('entity_event')
    .where('entity_id', '=', entityId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Entities by credit code (import merge), in chunks so a large file stays within parameter limits. */
export async function selectByCreditCodes(db: Db, codes: string[]) {
  const out = [];
  for (let i = 0; i < codes.length; i += 1000) {
    const chunk = codes.slice(i, i + 1000);
    if (chunk.length === 0) continue;
    out.push(
      ...(await db
        .selectFrom('entity as e')
        .innerJoin('platform_region as r', 'r.code', 'e.region_code')
        .selectAll('e')
        .select('r.path as region_path')
        .where('e.credit_code', 'in', chunk)
        .execute()),
    );
  }
  return out;
}
