import type { Db } from '../../platform/db.ts';
import { authRequired, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import type { Region, RegionDirectory } from '../../platform/regions.ts';
import { type Actor, regionRootPath } from '../../platform/scope.ts';

/**
 * Who may do what in the inspections module. Regulators (city_admin, county_officer) work on the registers,
 * plans and tasks of their region subtree; a county officer never learns another county's task exists (404).
 * Inspectors see only the targets they were drawn for. Enterprises see nothing of draws (403).
 */

export const isRegulator = (actor: Actor) => actor.role === 'city_admin' || actor.role === 'county_officer';

/** 403 unless the caller is a city or county regulator. */
export function requireRegulator(actor: Actor | null): Actor {
  if (!actor) throw authRequired();
  if (!isRegulator(actor)) throw forbidden();
  return actor;
}

/** 403 unless the caller is a regulator or an inspector (enterprises see nothing of inspections). */
export function requireStaff(actor: Actor | null): Actor {
  if (!actor) throw authRequired();
  if (actor.role === 'enterprise') throw forbidden();
  return actor;
}

/** 403 unless the caller is a city administrator (the item list is kept by the city bureau). */
export function requireCityAdmin(actor: Actor | null): Actor {
  if (!actor) throw authRequired();
  if (actor.role !== 'city_admin') throw forbidden();
  return actor;
}

/** The caller's region subtree ('/330500/330502/'); enterprises have none. */
export function rootOf(actor: Actor): string {
  const root = regionRootPath(actor);
  if (root === null) throw forbidden();
  return root;
}

/** Whether a region code lies in the caller's subtree. */
export function regionVisible(regions: RegionDirectory, actor: Actor, code: string): boolean {
  const region = regions.get(code);
  const root = regionRootPath(actor);
  return region !== undefined && root !== null && region.path.startsWith(root);
}

/** 404 unless the row's region is in the caller's scope (it must not learn the row exists). */
export function assertVisible(regions: RegionDirectory, actor: Actor, code: string): void {
  if (!regionVisible(regions, actor, code)) throw notFound();
}

/**
 * A region named in a request body: it must exist (400) and lie in the caller's scope (400, rule 'scope', like
 * the entity form), optionally at one of the given levels.
 */
export function regionForWrite(regions: RegionDirectory, actor: Actor, code: string, field: string, levels?: Region['level'][]): Region {
  const region = regions.get(code);
  if (!region) throw validationFailed([{ field, rule: 'region', message: `未知的行政区划 ${code} / unknown region` }]);
  if (levels && !levels.includes(region.level)) {
    throw validationFailed([{ field, rule: 'level', message: `行政区划层级应为 ${levels.join('/')} / region level must be ${levels.join(' or ')}` }]);
  }
  if (!region.path.startsWith(rootOf(actor))) {
    throw validationFailed([{ field, rule: 'scope', message: '超出您的管辖区域 / outside your region' }]);
  }
  return region;
}

/** The inspector-register entry linked to the caller's account, or null. */
export async function inspectorIdOf(db: Db, actor: Actor): Promise<string | null> {
  if (actor.role !== 'inspector') return null;
  const row = await db.selectFrom('inspection_inspector').select('id').where('user_id', '=', actor.id).executeTakeFirst();
  return row?.id ?? null;
}
