import type { Selectable } from 'kysely';
import type { Certification, EntityEvent, EntityEventKind, EntityStatus, EntitySummary, EntityType, Licence, SpecialList } from '../../../common/entity-api.ts';
import { industryOf } from '../../../common/industry.ts';
import type { EntityCertificationTable, EntityEventTable, EntityLicenceTable, EntityTable } from '../../db/types.ts';
import type { RegionDirectory } from '../../platform/regions.ts';

export type EntityRow = Selectable<EntityTable>;
export type LicenceRow = Selectable<EntityLicenceTable>;
export type CertificationRow = Selectable<EntityCertificationTable>;
export type EventRow = Selectable<EntityEventTable> & { recorded_by_name?: string | null };
export type EntitySummaryRow = EntityRow & { licence_count: number | string | null; next_licence_expiry: string | null };

const DAY_MS = 86_400_000;

/** Today as YYYY-MM-DD in Asia/Shanghai: licence expiry and event dates are calendar days there. */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A calendar day `days` after (or before) `date`, both YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const iso = (d: Date | string): string => new Date(d).toISOString();

/** The township's district/county (its parent), or the region itself when it is a county. */
export function countyOf(regions: RegionDirectory, regionCode: string): { code: string; name: string } | null {
  const region = regions.get(regionCode);
  if (!region) return null;
  if (region.level === 'county') return { code: region.code, name: region.name };
  const parent = region.parentCode ? regions.get(region.parentCode) : undefined;
  return parent && parent.level === 'county' ? { code: parent.code, name: parent.name } : null;
}

export function presentSummary(row: EntitySummaryRow, regions: RegionDirectory): EntitySummary {
  const county = countyOf(regions, row.region_code);
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    type: row.type as EntityType,
    industryCode: row.industry_code,
    industryName: industryOf(row.industry_code)?.division.name ?? null,
    regionCode: row.region_code,
    regionName: regions.get(row.region_code)?.name ?? row.region_code,
    countyCode: county?.code ?? null,
    countyName: county?.name ?? null,
    status: row.status as EntityStatus,
    specialLists: row.special_lists as SpecialList[],
    legalRepresentative: row.legal_representative,
    establishedOn: row.established_on,
    licenceCount: Number(row.licence_count ?? 0),
    nextLicenceExpiry: row.next_licence_expiry,
    updatedAt: iso(row.updated_at),
    isDemo: row.is_demo,
  };
}

export function presentLicence(row: LicenceRow, today: string): Licence {
  const daysToExpiry = daysBetween(today, row.expires_on);
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    productCategory: row.product_category,
    issuer: row.issuer,
    issuedOn: row.issued_on,
    expiresOn: row.expires_on,
    status: row.status,
    expired: row.status === 'valid' && daysToExpiry < 0,
    daysToExpiry,
    isDemo: row.is_demo,
  };
}

export function presentCertification(row: CertificationRow, today: string): Certification {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    issuer: row.issuer,
    scope: row.scope,
    issuedOn: row.issued_on,
    expiresOn: row.expires_on,
    status: row.status,
    expired: row.status === 'valid' && row.expires_on !== null && row.expires_on < today,
    isDemo: row.is_demo,
  };
}

export function presentEvent(row: EventRow): EntityEvent {
  return {
    id: row.id,
    occurredOn: row.occurred_on,
    kind: row.kind as EntityEventKind,
    summary: row.summary,
    sourceModule: row.source_module,
    reference: row.reference,
    // jsonb comes back parsed; writers store objects only (appendEntityEvent takes a record).
    details: (row.details ?? null) as Record<string, unknown> | null,
    recordedAt: iso(row.recorded_at),
    recordedBy: row.recorded_by_name ?? null,
    isDemo: row.is_demo,
  };
}
