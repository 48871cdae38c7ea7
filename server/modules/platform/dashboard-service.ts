import { type Expression, type SqlBool, sql } from 'kysely';
import { ROLES, type Role } from '../../../common/roles.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import { type Actor, regionCodeInScope, resolveScopePath } from '../../platform/scope.ts';
import { isDemoLoaded } from './settings.ts';

const TREND_DAYS = 14;
const FAILED_LOGIN_ACTIONS = ['auth.login_failed', 'auth.account_locked', 'auth.login_refused'];
// Calendar days are Shanghai days (DESIGN.md: dates in Asia/Shanghai).
const shanghaiToday = sql<Date>`(date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai')`;

function shanghaiDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/**
 * The home page's figures for a region subtree, all counted from the database: regions, users by
 * role, today's audit events and logins, a 14-day audit trend and users per sub-region.
 * An enterprise user sees its own enterprise's accounts and its own activity.
 */
export async function getDashboardSummary(db: Db, regions: RegionDirectory, actor: Actor, regionCode?: string) {
  const requested = regionCode ? regions.get(regionCode) : undefined;
  if (regionCode && !requested) throw notFound();
  const scopePath = actor.role === 'enterprise' ? actor.regionPath : resolveScopePath(actor, requested);
  const scopeRegion = regions.all().find((r) => r.path === scopePath);
  const within = regions.within(scopePath);

  const userFilter: Expression<SqlBool> =
    actor.role === 'enterprise'
      ? actor.enterpriseCreditCode
        ? sql<SqlBool>`enterprise_credit_code = ${actor.enterpriseCreditCode}`
        : sql<SqlBool>`id = ${actor.id}`
      : regionCodeInScope('region_code', scopePath);
  // City scope includes audit rows with no region (logins of unknown users, platform actions).
  const auditFilter: Expression<SqlBool> =
    actor.role === 'enterprise'
      ? sql<SqlBool>`actor_id = ${actor.id}`
      : scopeRegion?.level === 'city'
        ? sql<SqlBool>`(region_code is null or ${regionCodeInScope('region_code', scopePath)})`
        : regionCodeInScope('region_code', scopePath);

  const [usersByRole, auditToday, auditDays, usersByRegionRows, demo] = await Promise.all([
    db
      .selectFrom('platform_user')
      .where(userFilter)
      .select(['role', sql<number>`count(*)`.as('total'), sql<number>`count(*) filter (where disabled_at is null)`.as('active')])
      .groupBy('role')
      .execute(),
    db
      .selectFrom('platform_audit')
      .where(auditFilter)
      .where('occurred_at', '>=', shanghaiToday)
      .select([
        sql<number>`count(*)`.as('events'),
        sql<number>`count(*) filter (where action = 'auth.login')`.as('logins'),
        sql<number>`count(*) filter (where action in (${sql.join(FAILED_LOGIN_ACTIONS)}))`.as('failed'),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('platform_audit')
      .where(auditFilter)
      .where('occurred_at', '>=', sql<Date>`${shanghaiToday} - make_interval(days => ${TREND_DAYS - 1})`)
      .select([sql<string>`to_char(occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'), sql<number>`count(*)`.as('count')])
      .groupBy('day')
      .execute(),
    db
      .selectFrom('platform_user')
      .where(userFilter)
      .select(['region_code', sql<number>`count(*)`.as('count')])
      .groupBy('region_code')
      .execute(),
    isDemoLoaded(db),
  ]);

  // fromEntries cannot type its keys; ROLES supplies every Role.
  const byRole = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  let total = 0;
  let active = 0;
  for (const row of usersByRole) {
    byRole[row.role] = Number(row.total);
    total += Number(row.total);
    active += Number(row.active);
  }

  const dayCounts = new Map(auditDays.map((d) => [d.day, Number(d.count)]));
  const auditByDay = Array.from({ length: TREND_DAYS }, (_, i) => {
    const date = shanghaiDate(new Date(Date.now() - (TREND_DAYS - 1 - i) * 86_400_000));
    return { date, count: dayCounts.get(date) ?? 0 };
  });

  // Users per child region of the scope (a county counts every account in its subtree); accounts at the scope region itself are listed under it.
  const children = within.filter((r) => r.parentCode === scopeRegion?.code);
  const buckets = [...(scopeRegion ? [scopeRegion] : []), ...children];
  const counts = new Map<string, number>(buckets.map((b) => [b.code, 0]));
  for (const row of usersByRegionRows) {
    const path = regions.get(row.region_code)?.path ?? '';
    const bucket = children.find((c) => path.startsWith(c.path)) ?? scopeRegion;
    if (bucket) counts.set(bucket.code, (counts.get(bucket.code) ?? 0) + Number(row.count));
  }
  const usersByRegion = buckets.map((b) => ({ regionCode: b.code, regionName: b.name, count: counts.get(b.code) ?? 0 })).filter((b, i) => i > 0 || b.count > 0);

  return {
    regionCode: scopeRegion?.code ?? actor.regionCode,
    regionName: scopeRegion?.name ?? actor.regionCode,
    demo,
    counts: {
      regions: { county: within.filter((r) => r.level === 'county').length, township: within.filter((r) => r.level === 'township').length },
      users: { total, active, byRole },
      auditEventsToday: Number(auditToday.events),
      loginsToday: Number(auditToday.logins),
      failedLoginsToday: Number(auditToday.failed),
    },
    auditByDay,
    usersByRegion,
  };
}
