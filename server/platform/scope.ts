import { type Expression, type SqlBool, sql } from 'kysely';
import type { Role } from '../../common/roles.ts';
import type { Db } from './db.ts';
import { authRequired, forbidden, notFound } from './errors.ts';

/** The signed-in caller, as every service sees it. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  /** Path of the actor's region in the tree ('/330500/330521/'): the root of everything it may see. */
  regionPath: string;
  enterpriseCreditCode: string | null;
}

/** The Actor a platform_user row acts as, its region's path already looked up (sessions, API keys, webhook owners). */
export function actorOfUser(
  user: { id: string; username: string; display_name: string; role: Role; region_code: string; enterprise_credit_code: string | null },
  regionPath: string,
): Actor {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    regionCode: user.region_code,
    regionPath,
    enterpriseCreditCode: user.enterprise_credit_code,
  };
}

/**
 * A user's access as a session would load it, by id, at this moment (a webhook or WebSocket subscriber at delivery
 * time, a seed acting as a demo account); null when the account is gone or disabled.
 */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('platform_user as u')
    .innerJoin('platform_region as r', 'r.code', 'u.region_code')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.region_code', 'r.path', 'u.enterprise_credit_code', 'u.disabled_at'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.disabled_at) return null;
  return actorOfUser(row, row.path);
}

/**
 * Region scope — the one place that says which part of the region tree a caller may see.
 * city_admin: the whole city; county_officer and inspector: their region's subtree;
 * enterprise: no region data (only its own enterprise's rows, which modules scope by enterprise).
 */
export function regionRootPath(actor: Actor): string | null {
  switch (actor.role) {
    case 'city_admin':
    case 'county_officer':
    case 'inspector':
      return actor.regionPath;
    case 'enterprise':
      return null;
  }
}

export function isPathInScope(actor: Actor, path: string): boolean {
  const root = regionRootPath(actor);
  return root !== null && path.startsWith(root);
}

/**
 * The region subtree a request works on: the caller's own scope, or a narrower region it asked for
 * (the region switcher). A region outside the caller's scope is reported as not found.
 */
export function resolveScopePath(actor: Actor, requested: { code: string; path: string } | null | undefined): string {
  const root = regionRootPath(actor);
  if (root === null) throw forbidden();
  if (!requested) return root;
  if (!requested.path.startsWith(root)) throw notFound();
  return requested.path;
}

/**
 * SQL condition: `column` (a region code) lies in the subtree at `scopePath`. Every module filters
 * region-owned rows through this, so scope is enforced in the query, not after it.
 */
export function regionCodeInScope(column: string, scopePath: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} in (select r.code from platform_region r where r.path like ${`${scopePath.replace(/[\\%_]/g, '\\$&')}%`})`;
}

/** Throws 403 unless the actor has one of the roles. */
export function requireRole(actor: Actor | null, ...roles: Role[]): Actor {
  if (!actor) throw authRequired();
  if (!roles.includes(actor.role)) throw forbidden();
  return actor;
}
