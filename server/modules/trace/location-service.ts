import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/scope.ts';
import { canonicalId } from './epcis/canonical-id.ts';
import type { EventIndex } from './epcis/index.ts';

/**
 * Who may write which event: an enterprise captures only events that happen at its own registered
 * locations (readPoint, bizLocation and any `location`-typed source); city_admin may capture for any
 * location (data migration). The event's owner and region come from its location.
 */

export interface Placement {
  enterpriseCreditCode: string | null;
  regionCode: string | null;
}

export interface LocationRow {
  identifier: string;
  enterprise_credit_code: string;
  region_code: string;
}

/** The canonical form of a location identifier (SGLN URN or Digital Link → https://id.gs1.org/414/…). */
export function canonicalLocation(id: string): string {
  return canonicalId(id);
}

/** The location identifiers an event names: where it was read, where the goods are, and location-typed sources. */
export function eventLocations(index: EventIndex): string[] {
  const ids = [index.readPoint, index.bizLocation, ...index.sources.filter((s) => /(^|[-:/])location$/.test(s.type)).map((s) => s.id)];
  return [...new Set(ids.filter((x): x is string => typeof x === 'string' && x !== '').map(canonicalLocation))];
}

export async function loadLocations(db: Db, identifiers: string[]): Promise<Map<string, LocationRow>> {
  if (identifiers.length === 0) return new Map();
  const rows = await db
    .selectFrom('trace_location')
    .select(['identifier', 'enterprise_credit_code', 'region_code'])
    .where('identifier', 'in', [...new Set(identifiers)])
    .execute();
  return new Map(rows.map((r) => [r.identifier, r]));
}

/**
 * Checks that the actor may capture an event at these locations and says whose and where it is.
 * Throws 403 naming the event (by its position in the document) and the location.
 */
export function placeEvent(actor: Actor, locations: string[], known: Map<string, LocationRow>, position: string): Placement {
  const owned = locations.map((l) => known.get(l)).filter((l): l is LocationRow => l !== undefined);
  if (actor.role === 'city_admin') {
    const first = owned[0];
    return { enterpriseCreditCode: first?.enterprise_credit_code ?? null, regionCode: first?.region_code ?? null };
  }
  if (actor.role !== 'enterprise' || !actor.enterpriseCreditCode) {
    throw new AppError(403, 'TRACE_CAPTURE_FORBIDDEN', '仅企业用户或市局可上报追溯事件 / Only enterprises (or the city) may capture events');
  }
  if (locations.length === 0) {
    throw new AppError(
      403,
      'TRACE_LOCATION_REQUIRED',
      `事件 ${position} 未注明本企业地点（readPoint/bizLocation）/ event ${position} names none of your locations`,
      [{ field: `${position}/bizLocation`, rule: 'owned_location', message: '须填写本企业登记的地点 GLN / give one of your registered locations' }],
    );
  }
  for (const l of locations) {
    const row = known.get(l);
    if (!row || row.enterprise_credit_code !== actor.enterpriseCreditCode) {
      throw new AppError(
        403,
        'TRACE_LOCATION_NOT_YOURS',
        `事件 ${position} 的地点 ${l} 不属于本企业 / location ${l} of event ${position} is not registered to your enterprise`,
        [{ field: position, rule: 'owned_location', message: `地点 ${l} 不属于本企业 / not your location` }],
      );
    }
  }
  const first = owned[0];
  return { enterpriseCreditCode: actor.enterpriseCreditCode, regionCode: first?.region_code ?? null };
}

export interface RegisterLocationInput {
  gln: string;
  extension?: string;
  name: string;
  enterpriseCreditCode: string;
  enterpriseName: string;
  regionCode: string;
  address?: string | null;
}
