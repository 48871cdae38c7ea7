import { notFound } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, resolveScopePath } from '../../../platform/scope.ts';

/**
 * Who may do what with supervision samples. Regulators work within their region (the city everywhere,
 * a district/county officer or inspector in its district/county); an enterprise reads its own samples
 * once a report is issued, and may apply for 复检 of its own 不合格 result. Anything outside the caller's
 * scope is "not found".
 */

/** Which samples a caller may read: a region subtree, or one enterprise's issued samples. */
export type SampleScope = { kind: 'region'; path: string } | { kind: 'enterprise'; creditCode: string | null };

export function sampleScope(actor: Actor, regions: RegionDirectory, regionCode?: string): SampleScope {
  if (actor.role === 'enterprise') return { kind: 'enterprise', creditCode: actor.enterpriseCreditCode };
  return { kind: 'region', path: regionPath(actor, regions, regionCode) };
}

/** The region subtree a regulator asks for (its own scope by default); 404 outside it. */
export function regionPath(actor: Actor, regions: RegionDirectory, regionCode?: string): string {
  if (regionCode === undefined) return resolveScopePath(actor, null);
  const region = regions.get(regionCode);
  if (!region) throw notFound();
  return resolveScopePath(actor, region);
}

/** Enter samples and their test results (drafts): the field staff and the officers. */
export function canEnterSamples(actor: Actor): boolean {
  return actor.role === 'city_admin' || actor.role === 'county_officer' || actor.role === 'inspector';
}

/** Issue conclusions, override them, record notices and 复检, finalize, publish; manage plans. */
export function canDecideSamples(actor: Actor): boolean {
  return actor.role === 'city_admin' || actor.role === 'county_officer';
}

/** Whether a region (by path) lies in the caller's region scope. */
export function inRegionScope(actor: Actor, path: string): boolean {
  return actor.role !== 'enterprise' && path.startsWith(actor.regionPath);
}
